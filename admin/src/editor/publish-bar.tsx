import { useId, useState } from 'preact/hooks';
import { formatDateTime, t } from '../i18n.ts';
import type { useArticleActions } from './article-actions.ts';
import type { ArticleJson } from './article-types.ts';
import { PUBLISH_KEYS, SAVE_KEYS, shortcutLabel } from './shortcuts.ts';

type PublishBarProps = {
  article: ArticleJson | null;
  actions: ReturnType<typeof useArticleActions>;
  canPublish: boolean;
  revisionsId: string;
  isRevisionsOpen: boolean;
  onToggleRevisions: () => void;
};

/** A `datetime-local` value for a date, in the browser's time zone. */
const localInputValue = (date: Date): string => {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
};

/**
 * Save, Preview, Revisions, and — for the roles that may — Publish, Schedule (asking a date and
 * time first) or Unpublish. Contributors see why they cannot publish instead.
 */
export function PublishBar(props: PublishBarProps) {
  const { article, actions, canPublish } = props;
  const [isScheduling, setScheduling] = useState(false);
  const [when, setWhen] = useState(() => localInputValue(new Date(Date.now() + 3_600_000)));
  const whenId = useId();
  const status = article?.status ?? 'draft';
  const busy = actions.busy;

  return (
    <div class="publish-bar">
      <div class="button-row">
        <button
          type="button"
          class="button"
          aria-keyshortcuts={SAVE_KEYS}
          disabled={busy !== null}
          onClick={() => void actions.save()}
        >
          {busy === 'save' ? t('common.saving') : t('editor.save')}
        </button>
        <button
          type="button"
          class="button button-quiet"
          disabled={busy !== null}
          onClick={() => void actions.preview()}
        >
          {t('editor.preview')}
        </button>
        {article ? (
          <button
            type="button"
            class="button button-quiet"
            aria-expanded={props.isRevisionsOpen}
            aria-controls={props.revisionsId}
            onClick={props.onToggleRevisions}
          >
            {t('editor.revisions')}
          </button>
        ) : null}
        {canPublish && status === 'draft' ? (
          <>
            <button
              type="button"
              class="button"
              aria-expanded={isScheduling}
              disabled={busy !== null}
              onClick={() => setScheduling(!isScheduling)}
            >
              {t('editor.schedule')}
            </button>
            <button
              type="button"
              class="button button-primary"
              aria-keyshortcuts={PUBLISH_KEYS}
              disabled={busy !== null}
              onClick={() => void actions.publish()}
            >
              {busy === 'publish' ? t('editor.publishing') : t('editor.publish')}
            </button>
          </>
        ) : null}
        {canPublish && (status === 'published' || status === 'scheduled') ? (
          <button
            type="button"
            class="button button-danger"
            disabled={busy !== null}
            onClick={() => void actions.unpublish()}
          >
            {status === 'scheduled' ? t('editor.unschedule') : t('editor.unpublish')}
          </button>
        ) : null}
      </div>
      {status === 'scheduled' && article?.published_at ? (
        <p class="hint">{t('editor.scheduledFor', { date: formatDateTime(article.published_at) })}</p>
      ) : null}
      {!canPublish ? <p class="hint">{t('editor.contributorHint')}</p> : null}
      <p class="hint shortcuts">
        {t('editor.shortcuts', { save: shortcutLabel(SAVE_KEYS), publish: shortcutLabel(PUBLISH_KEYS) })}
      </p>
      {isScheduling && status === 'draft' ? (
        <form
          class="schedule-form"
          onSubmit={(event) => {
            event.preventDefault();
            // Once scheduled the article is no longer a draft, and the form goes away.
            void actions.schedule(when);
          }}
        >
          <div class="field">
            <label for={whenId}>{t('editor.scheduleWhen')}</label>
            <input
              id={whenId}
              type="datetime-local"
              required
              value={when}
              min={localInputValue(new Date())}
              onInput={(event) => setWhen((event.target as HTMLInputElement).value)}
            />
          </div>
          <div class="button-row">
            <button type="submit" class="button button-primary" disabled={busy !== null}>
              {t('editor.scheduleConfirm')}
            </button>
            <button type="button" class="button button-quiet" onClick={() => setScheduling(false)}>
              {t('common.cancel')}
            </button>
          </div>
        </form>
      ) : null}
    </div>
  );
}
