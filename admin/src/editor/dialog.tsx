import type { ComponentChildren } from 'preact';
import { useId, useLayoutEffect, useRef } from 'preact/hooks';

type DialogProps = {
  open: boolean;
  title: string;
  /** The writer closed it (Escape, Cancel, or the parent's own action). */
  onClose: () => void;
  /** Where focus goes once it has closed; by default back to what had it when it opened. */
  onClosed?: () => void;
  class?: string;
  children: ComponentChildren;
};

/**
 * A modal `<dialog>`: focus stays inside while it is open, Escape closes it, and its heading
 * names it. Its content is rendered only while open, so each opening starts fresh.
 *
 * @example
 * <Dialog open={isOpen} title={t('editor.linkTitle')} onClose={() => setOpen(false)}>…</Dialog>
 */
export function Dialog(props: DialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const opener = useRef<HTMLElement | null>(null);
  const onClosed = useRef(props.onClosed);
  onClosed.current = props.onClosed;
  const titleId = useId();

  useLayoutEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (props.open && !dialog.open) {
      opener.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
      dialog.showModal();
    } else if (!props.open && dialog.open) {
      dialog.close();
      // Focus goes back at once, not at the dialog's `close` event a task later: keys pressed in
      // between went to the opener, and the editor, focused late with its selection intact, let
      // the next typed text replace the words just linked.
      if (onClosed.current) onClosed.current();
      else if (opener.current?.isConnected) opener.current.focus();
    }
  }, [props.open]);

  return (
    <dialog
      ref={ref}
      class={`editor-dialog ${props.class ?? ''}`}
      aria-labelledby={titleId}
      onCancel={(event) => {
        event.preventDefault();
        props.onClose();
      }}
    >
      <h2 id={titleId}>{props.title}</h2>
      {props.open ? props.children : null}
    </dialog>
  );
}
