import type { Editor } from '@tiptap/core';
import { useState } from 'preact/hooks';
import { Field } from '../components/field.tsx';
import { t } from '../i18n.ts';
import { Dialog } from './dialog.tsx';
import { embedFor } from './embed-url.ts';
import { cursorAfterBlock } from './extensions.ts';

/**
 * Asks for an address to embed: a YouTube or Vimeo video becomes a player, any other web page a
 * link card (the only embeds the site's sanitizer lets through).
 */
export function EmbedDialog(props: { editor: Editor; open: boolean; onClose: () => void }) {
  return (
    <Dialog
      open={props.open}
      title={t('editor.embedTitle')}
      onClose={props.onClose}
      onClosed={() => props.editor.commands.focus()}
    >
      <EmbedForm editor={props.editor} onClose={props.onClose} />
    </Dialog>
  );
}

function EmbedForm(props: { editor: Editor; onClose: () => void }) {
  const [url, setUrl] = useState('');
  const [title, setTitle] = useState('');
  const [error, setError] = useState('');
  const target = embedFor(url);

  const insert = (event: Event) => {
    event.preventDefault();
    if (!target) {
      setError(t('editor.embedInvalid'));
      return;
    }
    const attrs =
      target.kind === 'video'
        ? { url: target.url, src: target.src, title: title.trim() }
        : { url: target.url, src: null, title: title.trim() };
    props.editor.chain().insertContent({ type: 'embed', attrs }).command(cursorAfterBlock).run();
    props.onClose();
  };

  return (
    <form onSubmit={insert} noValidate>
      <Field
        label={t('editor.embedUrl')}
        hint={t('editor.embedHint')}
        type="url"
        inputMode="url"
        autoComplete="off"
        value={url}
        error={error || undefined}
        onInput={(event) => {
          setUrl((event.target as HTMLInputElement).value);
          setError('');
        }}
      />
      <Field
        label={t('editor.embedCaption')}
        hint={t('editor.embedCaptionHint')}
        value={title}
        onInput={(event) => setTitle((event.target as HTMLInputElement).value)}
      />
      {target ? (
        <p class="hint">{target.kind === 'video' ? t('editor.embedWillPlay') : t('editor.embedWillLink')}</p>
      ) : null}
      <div class="dialog-actions">
        <button type="submit" class="button button-primary">
          {t('editor.embedInsert')}
        </button>
        <button type="button" class="button button-quiet" onClick={props.onClose}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}
