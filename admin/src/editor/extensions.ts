import { type CommandProps, Extension, type Extensions } from '@tiptap/core';
import { TableKit } from '@tiptap/extension-table';
import { NodeSelection, TextSelection } from '@tiptap/pm/state';
import { StarterKit } from '@tiptap/starter-kit';
import { Embed } from './embed-node.ts';
import { safeHref } from './embed-url.ts';
import { Figure } from './figure-node.ts';

/**
 * The editor's schema: what the site's sanitizer keeps (src/lib/html-sanitizer.ts). Headings
 * start at h2 (the title is the page's h1); links are http(s) or mailto, never open a new window
 * (the sanitizer drops `target`), and carry `rel="noopener"`.
 *
 * @example
 * new Editor({ extensions: editorExtensions({ onLinkShortcut: openLinkForm }) });
 */
export function editorExtensions(options: { onLinkShortcut: () => void }): Extensions {
  return [
    StarterKit.configure({
      heading: { levels: [2, 3, 4] },
      link: {
        openOnClick: false,
        autolink: true,
        defaultProtocol: 'https',
        protocols: ['http', 'https', 'mailto'],
        HTMLAttributes: { rel: 'noopener', target: null },
        isAllowedUri: (url) => safeHref(url) !== null,
      },
    }),
    TableKit.configure({ table: { resizable: false } }),
    Figure,
    Embed,
    Extension.create({
      name: 'linkShortcut',
      addKeyboardShortcuts: () => ({
        'Mod-k': () => {
          options.onLinkShortcut();
          return true;
        },
      }),
    }),
  ];
}

/**
 * After inserting a block (an image, an embed), puts the cursor in the paragraph after it — one is
 * added when none follows — so that typing or the next insertion goes below it instead of
 * replacing it (TipTap leaves the inserted block selected).
 *
 * @example
 * editor.chain().insertContent({ type: 'figure', attrs }).command(cursorAfterBlock).run();
 */
export function cursorAfterBlock({ tr, state }: CommandProps): boolean {
  const { selection } = tr;
  if (!(selection instanceof NodeSelection)) return true;
  const after = selection.to;
  const next = tr.doc.resolve(after).nodeAfter;
  const paragraph = state.schema.nodes.paragraph;
  if (!next?.isTextblock && paragraph) tr.insert(after, paragraph.create());
  tr.setSelection(TextSelection.create(tr.doc, after + 1));
  return true;
}
