import type { JSX } from 'preact';
import { useId } from 'preact/hooks';

export type SelectOption = { value: string; label: string; lang?: string };

type SelectFieldProps = {
  label: string;
  value: string;
  options: SelectOption[];
  onChange: (value: string) => void;
  error?: string | undefined;
  hint?: string | undefined;
} & Omit<JSX.SelectHTMLAttributes<HTMLSelectElement>, 'label' | 'value' | 'onChange'>;

/**
 * A labelled select with its hint and error tied to it, like `Field` for inputs.
 *
 * @example
 * <SelectField label={t('people.role')} value={role} options={roles} onChange={setRole} error={errors.role} />
 */
export function SelectField(props: SelectFieldProps) {
  const { label, value, options, onChange, error, hint, id: givenId, ...select } = props;
  const autoId = useId();
  const id = (givenId as string | undefined) ?? autoId;
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
      <select
        {...select}
        id={id}
        value={value}
        aria-describedby={described}
        aria-invalid={error ? true : undefined}
        onChange={(event) => onChange((event.target as HTMLSelectElement).value)}
      >
        {options.map((option) => (
          <option key={option.value} value={option.value} lang={option.lang}>
            {option.label}
          </option>
        ))}
      </select>
      {error ? (
        <p class="field-error" id={`${id}-error`}>
          {error}
        </p>
      ) : null}
    </div>
  );
}
