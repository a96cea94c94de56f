import { language, t } from '../i18n.ts';
import type { SaveStatus } from './article-store.ts';

const clock = new Intl.DateTimeFormat(language, { hour: '2-digit', minute: '2-digit' });

/** The status line's words for a save status. */
export function statusText(status: SaveStatus): string {
  switch (status.kind) {
    case 'idle':
      return '';
    case 'dirty':
      return t('editor.statusDirty');
    case 'saving':
      return t('editor.statusSaving');
    case 'saved':
      return t('editor.statusSaved', { time: clock.format(status.at) });
    case 'offline':
      return t('editor.statusOffline');
    case 'failed':
      return status.isRetrying
        ? t('editor.statusRetrying', { message: status.message })
        : t('editor.statusFailed', { message: status.message });
    case 'needsTitle':
      return t('editor.statusNeedsTitle');
    case 'invalid':
      return t('editor.statusInvalid');
    case 'conflict':
      return t('editor.statusConflict');
    case 'heldLocally':
      return t('editor.statusHeldLocally');
  }
}

/**
 * Where the article's words stand ("Saved at 12:03", "Offline — changes kept in this browser"),
 * in a polite live region that is always present so every change is announced.
 */
export function SaveStatusLine(props: { status: SaveStatus }) {
  const kind = props.status.kind;
  const isTrouble = kind === 'offline' || kind === 'failed' || kind === 'invalid' || kind === 'conflict';
  return (
    <p class={`save-status${isTrouble ? ' save-status-trouble' : ''}`} role="status" data-state={kind}>
      {statusText(props.status)}
    </p>
  );
}
