import type { JSX } from 'preact';
import { FieldFrame } from './field-frame.tsx';

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
  const { label, value, options, onChange, error, hint, id, ...select } = props;
  return (
    <FieldFrame label={label} error={error} hint={hint} id={id as string | undefined}>
      {(control) => (
        <select
          {...select}
          {...control}
          value={value}
          onChange={(event) => onChange((event.target as HTMLSelectElement).value)}
        >
          {options.map((option) => (
            <option key={option.value} value={option.value} lang={option.lang}>
              {option.label}
            </option>
          ))}
        </select>
      )}
    </FieldFrame>
  );
}
