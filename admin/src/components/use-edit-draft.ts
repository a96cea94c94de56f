import { useEffect, useRef, useState } from 'preact/hooks';

/**
 * The draft of a "new or edit" form: reset from `editing` whenever another item is chosen (calling
 * `onReset`, for example to clear the last outcome), with the first field focused when an existing
 * item is being edited. `set('name')` is an input handler writing that key.
 *
 * @example
 * const { draft, set, firstRef } = useEditDraft(editing, draftOf, form.clear);
 * <div ref={firstRef}><Field label="Name" value={draft.name} onInput={set('name')} /></div>
 */
export function useEditDraft<Item, Draft extends Record<string, string>>(
  editing: Item | null,
  draftOf: (item: Item | null) => Draft,
  onReset: () => void,
) {
  const [draft, setDraft] = useState<Draft>(draftOf(editing));
  const firstRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    setDraft(draftOf(editing));
    onReset();
    if (editing) firstRef.current?.querySelector('input')?.focus();
  }, [editing]);

  const set = (key: keyof Draft) => (event: Event) =>
    setDraft({ ...draft, [key]: (event.target as HTMLInputElement).value });

  return { draft, setDraft, set, firstRef };
}
