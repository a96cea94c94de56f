import { useId } from 'preact/hooks';

/**
 * A labelled checkbox, its hint and error tied to it.
 *
 * @example
 * <CheckField label={t('settings.holdAll')} checked={holdAll} onChange={setHoldAll} />
 */
export function CheckField(props: {
  label: string;
  checked: boolean;
  onChange: (checked: boolean) => void;
  hint?: string | undefined;
  error?: string | undefined;
  name?: string;
}) {
  const id = useId();
  const described =
    [props.hint ? `${id}-hint` : '', props.error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
  return (
    <div class="field field-check">
      <div class="check-line">
        <input
          id={id}
          type="checkbox"
          name={props.name}
          checked={props.checked}
          aria-describedby={described}
          aria-invalid={props.error ? true : undefined}
          onChange={(event) => props.onChange((event.target as HTMLInputElement).checked)}
        />
        <label for={id}>{props.label}</label>
      </div>
      {props.hint ? (
        <p class="hint" id={`${id}-hint`}>
          {props.hint}
        </p>
      ) : null}
      {props.error ? (
        <p class="field-error" id={`${id}-error`}>
          {props.error}
        </p>
      ) : null}
    </div>
  );
}
