import type { Editor } from '@tiptap/core';
import { useEffect, useRef, useState } from 'preact/hooks';
import { direction, t } from '../i18n.ts';
import { shortcutLabel } from './shortcuts.ts';

type Tool = {
  id: string;
  label: string;
  run: () => void;
  /** For toggles: whether the selection has it (announced as aria-pressed). */
  isActive?: boolean;
  /** aria-keyshortcuts value, e.g. "Control+B Meta+B". */
  keys?: string;
  /** The first tool of a group (a gap before it). */
  isGroupStart?: boolean;
};

export type ToolbarActions = { onLink: () => void; onImage: () => void; onEmbed: () => void };

/** Keyboard shortcuts both ways: Ctrl on Windows and Linux, Cmd on macOS. */
const both = (key: string) => `Control+${key} Meta+${key}`;

function toolsFor(editor: Editor, actions: ToolbarActions): Tool[] {
  const chain = () => editor.chain().focus();
  const tools: Tool[] = [
    {
      id: 'h2',
      label: t('editor.toolHeading2'),
      isActive: editor.isActive('heading', { level: 2 }),
      run: () => chain().toggleHeading({ level: 2 }).run(),
      keys: 'Control+Alt+2 Meta+Alt+2',
    },
    {
      id: 'h3',
      label: t('editor.toolHeading3'),
      isActive: editor.isActive('heading', { level: 3 }),
      run: () => chain().toggleHeading({ level: 3 }).run(),
      keys: 'Control+Alt+3 Meta+Alt+3',
    },
    {
      id: 'bold',
      label: t('editor.toolBold'),
      isActive: editor.isActive('bold'),
      run: () => chain().toggleBold().run(),
      keys: both('B'),
      isGroupStart: true,
    },
    {
      id: 'italic',
      label: t('editor.toolItalic'),
      isActive: editor.isActive('italic'),
      run: () => chain().toggleItalic().run(),
      keys: both('I'),
    },
    {
      id: 'link',
      label: t('editor.toolLink'),
      isActive: editor.isActive('link'),
      run: actions.onLink,
      keys: both('K'),
    },
    {
      id: 'code',
      label: t('editor.toolCode'),
      isActive: editor.isActive('code'),
      run: () => chain().toggleCode().run(),
      keys: both('E'),
    },
    {
      id: 'bullets',
      label: t('editor.toolBulletList'),
      isActive: editor.isActive('bulletList'),
      run: () => chain().toggleBulletList().run(),
      isGroupStart: true,
    },
    {
      id: 'numbers',
      label: t('editor.toolOrderedList'),
      isActive: editor.isActive('orderedList'),
      run: () => chain().toggleOrderedList().run(),
    },
    {
      id: 'quote',
      label: t('editor.toolQuote'),
      isActive: editor.isActive('blockquote'),
      run: () => chain().toggleBlockquote().run(),
    },
    {
      id: 'codeBlock',
      label: t('editor.toolCodeBlock'),
      isActive: editor.isActive('codeBlock'),
      run: () => chain().toggleCodeBlock().run(),
    },
    {
      id: 'table',
      label: t('editor.toolTable'),
      run: () => chain().insertTable({ rows: 3, cols: 3, withHeaderRow: true }).run(),
      isGroupStart: true,
    },
    { id: 'image', label: t('editor.toolImage'), run: actions.onImage },
    { id: 'embed', label: t('editor.toolEmbed'), run: actions.onEmbed },
  ];
  if (editor.isActive('table')) {
    tools.push(
      {
        id: 'rowAfter',
        label: t('editor.tableAddRow'),
        run: () => chain().addRowAfter().run(),
        isGroupStart: true,
      },
      { id: 'colAfter', label: t('editor.tableAddColumn'), run: () => chain().addColumnAfter().run() },
      { id: 'rowDelete', label: t('editor.tableDeleteRow'), run: () => chain().deleteRow().run() },
      { id: 'colDelete', label: t('editor.tableDeleteColumn'), run: () => chain().deleteColumn().run() },
      { id: 'tableDelete', label: t('editor.tableDelete'), run: () => chain().deleteTable().run() },
    );
  }
  tools.push(
    {
      id: 'undo',
      label: t('editor.toolUndo'),
      run: () => chain().undo().run(),
      keys: both('Z'),
      isGroupStart: true,
    },
    { id: 'redo', label: t('editor.toolRedo'), run: () => chain().redo().run(), keys: both('Shift+Z') },
  );
  return tools;
}

/**
 * The formatting toolbar (WAI-ARIA toolbar pattern): one Tab stop, arrow keys move between the
 * buttons (mirrored in right-to-left), Home and End jump; toggles announce aria-pressed. Buttons
 * keep the text's selection: pressing one does not move focus out of the text.
 */
export function Toolbar(props: { editor: Editor; controls: string } & ToolbarActions) {
  const { editor } = props;
  const [, setTick] = useState(0);
  const [focused, setFocused] = useState(0);
  const buttons = useRef<(HTMLButtonElement | null)[]>([]);

  useEffect(() => {
    const update = () => setTick((tick) => tick + 1);
    editor.on('transaction', update);
    return () => {
      editor.off('transaction', update);
    };
  }, [editor]);

  const tools = toolsFor(editor, props);
  const current = Math.min(focused, tools.length - 1);

  const move = (event: KeyboardEvent) => {
    const forward = direction === 'rtl' ? 'ArrowLeft' : 'ArrowRight';
    const back = direction === 'rtl' ? 'ArrowRight' : 'ArrowLeft';
    const last = tools.length - 1;
    const next =
      event.key === forward
        ? current === last
          ? 0
          : current + 1
        : event.key === back
          ? current === 0
            ? last
            : current - 1
          : event.key === 'Home'
            ? 0
            : event.key === 'End'
              ? last
              : null;
    if (next === null) return;
    event.preventDefault();
    setFocused(next);
    buttons.current[next]?.focus();
  };

  return (
    <div
      role="toolbar"
      aria-label={t('editor.toolbar')}
      aria-controls={props.controls}
      class="editor-toolbar"
      onKeyDown={move}
    >
      {tools.map((tool, index) => (
        <button
          key={tool.id}
          ref={(element) => {
            buttons.current[index] = element;
          }}
          type="button"
          class={`tool${tool.isGroupStart ? ' tool-group-start' : ''}`}
          tabIndex={index === current ? 0 : -1}
          aria-pressed={tool.isActive}
          aria-keyshortcuts={tool.keys}
          title={tool.keys ? `${tool.label} (${shortcutLabel(tool.keys)})` : undefined}
          onMouseDown={(event) => event.preventDefault()}
          onFocus={() => setFocused(index)}
          onClick={() => {
            setFocused(index);
            tool.run();
          }}
        >
          {tool.label}
        </button>
      ))}
    </div>
  );
}
