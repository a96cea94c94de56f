import { Editor } from '@tiptap/core';
import { useEffect, useId, useRef, useState } from 'preact/hooks';
import { t } from '../i18n.ts';
import type { ArticleStore } from './article-store.ts';
import type { ChosenImage } from './article-types.ts';
import { EmbedDialog } from './embed-dialog.tsx';
import { cursorAfterBlock, editorExtensions } from './extensions.ts';
import { LinkDialog } from './link-dialog.tsx';
import { MediaDialog } from './media-dialog.tsx';
import { directionOf } from './text-direction.ts';
import { Toolbar } from './toolbar.tsx';

type BodyEditorProps = {
  store: ArticleStore;
  /** Bumped when the whole draft is replaced: the text reloads from the draft. */
  contentVersion: number;
  language: string;
};

type OpenDialog = 'link' | 'image' | 'embed' | null;

const attributesFor = (labelId: string, hintId: string, language: string) => ({
  role: 'textbox',
  'aria-multiline': 'true',
  'aria-labelledby': labelId,
  'aria-describedby': hintId,
  class: 'editor-body',
  dir: directionOf(language),
  ...(language ? { lang: language } : {}),
});

/**
 * The article's text: a TipTap editor mounted on a div (no React), its toolbar and the link,
 * image and embed dialogs. Its HTML is read by the store when saving, not on every keystroke.
 */
export function BodyEditor(props: BodyEditorProps) {
  const { store } = props;
  const host = useRef<HTMLDivElement>(null);
  const [editor, setEditor] = useState<Editor | null>(null);
  const [dialog, setDialog] = useState<OpenDialog>(null);
  const loadedVersion = useRef(props.contentVersion);
  const labelId = useId();
  const hintId = useId();
  const bodyId = useId();

  useEffect(() => {
    if (!host.current) return;
    const created = new Editor({
      element: host.current,
      // The admin's CSP allows no inline <style>: the editor's base styles are in editor.css.
      injectCSS: false,
      extensions: editorExtensions({ onLinkShortcut: () => setDialog('link') }),
      content: store.getState().draft.body_html,
      editorProps: { attributes: { ...attributesFor(labelId, hintId, props.language), id: bodyId } },
      onUpdate: () => store.touchBody(),
    });
    store.setBodyReader(() => created.getHTML());
    setEditor(created);
    return () => {
      const last = created.getHTML();
      store.setBodyReader(() => last);
      created.destroy();
    };
  }, [store]);

  useEffect(() => {
    if (!editor || loadedVersion.current === props.contentVersion) return;
    loadedVersion.current = props.contentVersion;
    editor.commands.setContent(store.getState().draft.body_html, { emitUpdate: false });
  }, [editor, props.contentVersion]);

  useEffect(() => {
    editor?.setOptions({
      editorProps: { attributes: { ...attributesFor(labelId, hintId, props.language), id: bodyId } },
    });
  }, [editor, props.language]);

  const selectedImage = (): ChosenImage | null =>
    editor?.isActive('figure') ? (editor.getAttributes('figure') as ChosenImage) : null;

  const placeImage = (image: ChosenImage) => {
    if (!editor) return;
    if (editor.isActive('figure')) editor.chain().updateAttributes('figure', image).run();
    else editor.chain().insertContent({ type: 'figure', attrs: image }).command(cursorAfterBlock).run();
    setDialog(null);
  };

  const close = () => setDialog(null);
  return (
    <div class="field body-field">
      <span class="label" id={labelId}>
        {t('editor.body')}
      </span>
      <p class="hint" id={hintId}>
        {t('editor.bodyHint')}
      </p>
      {editor ? (
        <Toolbar
          editor={editor}
          controls={bodyId}
          onLink={() => setDialog('link')}
          onImage={() => setDialog('image')}
          onEmbed={() => setDialog('embed')}
        />
      ) : null}
      <div ref={host} class="editor-body-host" />
      {editor ? (
        <>
          <LinkDialog editor={editor} open={dialog === 'link'} onClose={close} />
          <EmbedDialog editor={editor} open={dialog === 'embed'} onClose={close} />
          <MediaDialog
            open={dialog === 'image'}
            purpose="body"
            current={dialog === 'image' ? selectedImage() : null}
            onChoose={placeImage}
            onClose={close}
            onClosed={() => editor.view.focus()}
          />
        </>
      ) : null}
    </div>
  );
}
