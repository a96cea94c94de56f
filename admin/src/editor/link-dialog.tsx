import type { Editor } from '@tiptap/core';
import { TextSelection } from '@tiptap/pm/state';
import { useState } from 'preact/hooks';
import { Field } from '../components/field.tsx';
import { t } from '../i18n.ts';
import { Dialog } from './dialog.tsx';
import { safeHref } from './embed-url.ts';

/**
 * Asks for a link's address and applies it to the selection; with nothing selected, the address
 * itself is inserted as the link's text.
 */
export function LinkDialog(props: { editor: Editor; open: boolean; onClose: () => void }) {
  return (
    <Dialog
      open={props.open}
      title={t('editor.linkTitle')}
      onClose={props.onClose}
      // ProseMirror's own focus is synchronous; the editor's `focus` command waits a frame, and keys
      // pressed meanwhile went elsewhere.
      onClosed={() => props.editor.view.focus()}
    >
      <LinkForm editor={props.editor} onClose={props.onClose} />
    </Dialog>
  );
}

function LinkForm(props: { editor: Editor; onClose: () => void }) {
  const { editor } = props;
  const current = (editor.getAttributes('link').href as string | undefined) ?? '';
  const [href, setHref] = useState(current);
  const [error, setError] = useState('');

  const apply = (event: Event) => {
    event.preventDefault();
    const safe = safeHref(href);
    if (!safe) {
      setError(t('editor.linkInvalid'));
      return;
    }
    if (editor.state.selection.empty && !editor.isActive('link')) {
      editor
        .chain()
        .insertContent({ type: 'text', text: safe, marks: [{ type: 'link', attrs: { href: safe } }] })
        // Typing on after the inserted address should not extend the link.
        .command(({ tr }) => {
          tr.setStoredMarks([]);
          return true;
        })
        .run();
    } else
      editor
        .chain()
        .extendMarkRange('link')
        .setLink({ href: safe })
        // The caret goes after the linked words, so that what is typed next cannot replace them.
        .command(({ tr }) => {
          tr.setSelection(TextSelection.create(tr.doc, tr.selection.to));
          return true;
        })
        .run();
    props.onClose();
  };

  const remove = () => {
    editor.chain().extendMarkRange('link').unsetLink().run();
    props.onClose();
  };

  return (
    <form onSubmit={apply} noValidate>
      <Field
        label={t('editor.linkAddress')}
        hint={t('editor.linkHint')}
        type="url"
        inputMode="url"
        autoComplete="off"
        value={href}
        error={error || undefined}
        onInput={(event) => setHref((event.target as HTMLInputElement).value)}
      />
      <div class="dialog-actions">
        <button type="submit" class="button button-primary">
          {t('editor.linkApply')}
        </button>
        {current ? (
          <button type="button" class="button button-danger" onClick={remove}>
            {t('editor.linkRemove')}
          </button>
        ) : null}
        <button type="button" class="button button-quiet" onClick={props.onClose}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}
