import type { JSX } from 'preact';
import { useId } from 'preact/hooks';

type FieldProps = {
  label: string;
  /** The API's message for this field, shown under it and announced with it. */
  error?: string | undefined;
  hint?: string | undefined;
  /** A textarea instead of an input. */
  multiline?: boolean;
} & Omit<
  JSX.InputHTMLAttributes<HTMLInputElement> & JSX.TextareaHTMLAttributes<HTMLTextAreaElement>,
  'label'
>;

/**
 * A labelled input (or textarea) with its hint and error tied to it by aria-describedby.
 *
 * @example
 * <Field label={t('login.email')} type="email" name="email" autoComplete="username" error={errors.email} />
 */
export function Field(props: FieldProps) {
  const { label, error, hint, multiline, id: givenId, ...input } = props;
  const autoId = useId();
  const id = (givenId as string | undefined) ?? autoId;
  const described =
    [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
  const common = { ...input, id, 'aria-describedby': described, 'aria-invalid': error ? true : undefined };
  return (
    <div class="field">
      <label for={id}>{label}</label>
      {hint ? (
        <p class="hint" id={`${id}-hint`}>
          {hint}
        </p>
      ) : null}
      {multiline ? (
        <textarea {...(common as JSX.TextareaHTMLAttributes<HTMLTextAreaElement>)} />
      ) : (
        <input {...(common as JSX.InputHTMLAttributes<HTMLInputElement>)} />
      )}
      {error ? (
        <p class="field-error" id={`${id}-error`}>
          {error}
        </p>
      ) : null}
    </div>
  );
}
