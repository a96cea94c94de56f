import type { ComponentChildren } from 'preact';
import { useId } from 'preact/hooks';

/** What a control inside a `FieldFrame` needs: its id and the attributes tying it to hint and error. */
export type FieldControl = {
  id: string;
  'aria-describedby': string | undefined;
  'aria-invalid': true | undefined;
};

type FieldFrameProps = {
  label: string;
  /** The API's message for this field, shown under it and announced with it. */
  error?: string | undefined;
  hint?: string | undefined;
  /** The control's id when the caller sets one; otherwise one is made. */
  id?: string | undefined;
  /** Renders the control with the id and aria attributes it must carry. */
  children: (control: FieldControl) => ComponentChildren;
};

/**
 * The `.field` wrapper every labelled control shares: the label, the hint above the control and
 * the error under it, both tied to the control by aria-describedby.
 *
 * @example
 * <FieldFrame label={t('people.role')} error={errors.role}>
 *   {(control) => <select {...control} />}
 * </FieldFrame>
 */
export function FieldFrame(props: FieldFrameProps) {
  const { label, error, hint, children } = props;
  const autoId = useId();
  const id = props.id ?? autoId;
  const described =
    [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
  return (
    <div class="field">
      <label for={id}>{label}</label>
      {hint ? (
        <p class="hint" id={`${id}-hint`}>
          {hint}
        </p>
      ) : null}
      {children({ id, 'aria-describedby': described, 'aria-invalid': error ? true : undefined })}
      {error ? (
        <p class="field-error" id={`${id}-error`}>
          {error}
        </p>
      ) : null}
    </div>
  );
}
