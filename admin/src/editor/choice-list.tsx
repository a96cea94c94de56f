import { useId } from 'preact/hooks';
import { t } from '../i18n.ts';
import type { NamedRef } from './article-types.ts';

type ChoiceListProps = {
  legend: string;
  options: NamedRef[];
  /** Ids of the ticked options. */
  chosen: string[];
  onChange: (chosen: string[]) => void;
  error?: string | undefined;
};

/**
 * A group of checkboxes under a legend (bylines, extra categories), kept in the options' order.
 *
 * @example
 * <ChoiceList legend={t('editor.authors')} options={people} chosen={draft.authors} onChange={(authors) => change({ authors })} />
 */
export function ChoiceList(props: ChoiceListProps) {
  const id = useId();
  const toggle = (optionId: string, isOn: boolean) => {
    const next = new Set(props.chosen);
    if (isOn) next.add(optionId);
    else next.delete(optionId);
    props.onChange(props.options.map((option) => option.id).filter((optionId) => next.has(optionId)));
  };
  return (
    <fieldset
      class="choice-list"
      aria-describedby={props.error ? `${id}-error` : undefined}
      aria-invalid={props.error ? true : undefined}
    >
      <legend>{props.legend}</legend>
      {props.options.length === 0 ? <p class="hint">{t('common.empty')}</p> : null}
      <ul>
        {props.options.map((option) => (
          <li key={option.id}>
            <label>
              <input
                type="checkbox"
                checked={props.chosen.includes(option.id)}
                onChange={(event) => toggle(option.id, (event.target as HTMLInputElement).checked)}
              />{' '}
              {option.name}
            </label>
          </li>
        ))}
      </ul>
      {props.error ? (
        <p class="field-error" id={`${id}-error`}>
          {props.error}
        </p>
      ) : null}
    </fieldset>
  );
}
