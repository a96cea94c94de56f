import { useEffect, useRef } from 'preact/hooks';

const isMac = /Mac|iPhone|iPad/.test(navigator.platform || navigator.userAgent);

/** aria-keyshortcuts for saving and publishing: Ctrl on Windows and Linux, Cmd on macOS. */
export const SAVE_KEYS = 'Control+S Meta+S';
export const PUBLISH_KEYS = 'Control+Enter Meta+Enter';

/**
 * The shortcut as this computer's keyboard shows it, from an aria-keyshortcuts value.
 *
 * @example
 * shortcutLabel('Control+S Meta+S') // 'Ctrl+S' (or '⌘S' on a Mac)
 */
export function shortcutLabel(keys: string): string {
  const options = keys.split(' ');
  const chosen = (isMac ? options.find((o) => o.startsWith('Meta+')) : undefined) ?? options[0] ?? '';
  return isMac
    ? chosen.replace('Meta+', '⌘').replace('Alt+', '⌥').replace('Shift+', '⇧')
    : chosen.replace('Control+', 'Ctrl+');
}

/**
 * Ctrl/Cmd+S saves and Ctrl/Cmd+Enter publishes, wherever focus is on the screen. Listened for in
 * the capture phase, before the text editor sees the keys (it would otherwise insert a line break
 * for Ctrl+Enter), and the browser's own "save page" never opens.
 *
 * @example
 * useEditorShortcuts({ onSave: () => void actions.save(), onPublish: () => void actions.publish() });
 */
export function useEditorShortcuts(handlers: { onSave: () => void; onPublish: () => void }): void {
  const latest = useRef(handlers);
  latest.current = handlers;
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (!(event.ctrlKey || event.metaKey) || event.altKey || event.isComposing) return;
      if (event.key.toLowerCase() === 's' && !event.shiftKey) {
        event.preventDefault();
        event.stopPropagation();
        latest.current.onSave();
      } else if (event.key === 'Enter' && !event.shiftKey) {
        event.preventDefault();
        event.stopPropagation();
        latest.current.onPublish();
      }
    };
    addEventListener('keydown', onKey, true);
    return () => removeEventListener('keydown', onKey, true);
  }, []);
}
