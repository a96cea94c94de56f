import { Field } from './field.tsx';

/**
 * A search field and the button that sends its form, for a `.toolbar` filter form.
 *
 * @example
 * <SearchBox label={t('media.search')} buttonLabel={t('common.search')} value={q} maxLength={200} onInput={setQ} />
 */
export function SearchBox(props: {
  label: string;
  buttonLabel: string;
  value: string;
  maxLength: number;
  onInput: (value: string) => void;
}) {
  return (
    <>
      <Field
        label={props.label}
        type="search"
        value={props.value}
        maxLength={props.maxLength}
        onInput={(event) => props.onInput((event.currentTarget as HTMLInputElement).value)}
      />
      <button type="submit" class="button button-quiet">
        {props.buttonLabel}
      </button>
    </>
  );
}
