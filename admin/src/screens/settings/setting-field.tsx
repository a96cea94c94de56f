import { Field } from '../../components/field.tsx';
import { SelectField, type SelectOption } from '../../components/select-field.tsx';
import { CheckField } from './check-field.tsx';

/** One setting as a form shows it; `lines` is a list edited one item per line. */
export type SettingSpec = {
  key: string;
  label: string;
  hint?: string;
  kind: 'text' | 'textarea' | 'number' | 'select' | 'check' | 'lines';
  options?: SelectOption[];
  min?: number;
  max?: number;
  /** An empty text is sent as null (an optional address). */
  isNullable?: boolean;
  /** A value that is shown and never sent (the site's address comes from the server's environment). */
  isReadOnly?: boolean;
  inputMode?: 'url' | 'email' | 'numeric';
  /** Text direction of the value, for addresses and patterns that read left to right in any language. */
  dir?: 'ltr';
};

export type FormValue = string | boolean;

/** The form's value for what the API holds. */
export function toFormValue(spec: SettingSpec, value: unknown): FormValue {
  if (spec.kind === 'check') return value === true;
  if (spec.kind === 'lines') return Array.isArray(value) ? value.join('\n') : '';
  return value === null || value === undefined ? '' : String(value);
}

/** What the API takes for the form's value (a number left empty goes as null: the API names it). */
export function toApiValue(spec: SettingSpec, value: FormValue): unknown {
  if (spec.kind === 'check') return value === true;
  const text = String(value);
  if (spec.kind === 'number') return text.trim() === '' ? null : Number(text);
  if (spec.kind === 'lines')
    return text
      .split('\n')
      .map((line) => line.trim())
      .filter(Boolean);
  return spec.isNullable && text.trim() === '' ? null : text;
}

/** A setting's control: a labelled input, textarea, select or checkbox, with its hint and error. */
export function SettingField(props: {
  spec: SettingSpec;
  value: FormValue;
  error?: string | undefined;
  onChange: (value: FormValue) => void;
}) {
  const { spec, value, error, onChange } = props;
  if (spec.kind === 'check')
    return (
      <CheckField
        label={spec.label}
        hint={spec.hint}
        error={error}
        name={spec.key}
        checked={value === true}
        onChange={onChange}
      />
    );
  if (spec.kind === 'select')
    return (
      <SelectField
        label={spec.label}
        hint={spec.hint}
        error={error}
        name={spec.key}
        value={String(value)}
        options={spec.options ?? []}
        onChange={onChange}
      />
    );
  const onInput = (event: Event) => onChange((event.target as HTMLInputElement).value);
  return (
    <Field
      label={spec.label}
      hint={spec.hint}
      error={error}
      name={spec.key}
      value={String(value)}
      onInput={onInput}
      {...(spec.kind === 'textarea' || spec.kind === 'lines'
        ? { multiline: true, rows: spec.kind === 'lines' ? 4 : 3 }
        : {})}
      readOnly={spec.isReadOnly}
      dir={spec.dir}
      {...(spec.kind === 'number' ? { type: 'number', min: spec.min, max: spec.max, step: 1 } : {})}
      {...(spec.inputMode ? { inputMode: spec.inputMode } : {})}
    />
  );
}
