import type { JSX } from 'preact';
import { FieldFrame } from './field-frame.tsx';

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
  const { label, error, hint, multiline, id, ...input } = props;
  return (
    <FieldFrame label={label} error={error} hint={hint} id={id as string | undefined}>
      {(control) =>
        multiline ? (
          <textarea {...(input as JSX.TextareaHTMLAttributes<HTMLTextAreaElement>)} {...control} />
        ) : (
          <input {...(input as JSX.InputHTMLAttributes<HTMLInputElement>)} {...control} />
        )
      }
    </FieldFrame>
  );
}
