import { useId, useState } from 'preact/hooks';
import { t } from '../../i18n.ts';
import './copy-field.css';

/**
 * A value to copy (a token, a setup key): read-only, selected on focus, with a Copy button that
 * says whether it worked. Values read left to right in every language.
 *
 * @example
 * <CopyField label={t('tokens.secret')} value={secret} />
 */
export function CopyField(props: { label: string; value: string; hint?: string; isMultiline?: boolean }) {
  const id = useId();
  const [said, setSaid] = useState('');
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(props.value);
      setSaid(t('account.copied'));
    } catch {
      setSaid(t('account.copyFailed'));
    }
  };
  const select = (event: Event) => (event.target as HTMLInputElement | HTMLTextAreaElement).select();
  const common = {
    id,
    class: 'copy-value',
    readOnly: true,
    value: props.value,
    dir: 'ltr' as const,
    spellcheck: false,
    onFocus: select,
    'aria-describedby': props.hint ? `${id}-hint` : undefined,
  };
  return (
    <div class="field copy-field">
      <label for={id}>{props.label}</label>
      {props.hint ? (
        <p class="hint" id={`${id}-hint`}>
          {props.hint}
        </p>
      ) : null}
      {props.isMultiline ? <textarea {...common} rows={3} /> : <input {...common} />}
      <div class="copy-actions">
        <button type="button" class="button button-quiet" onClick={() => void copy()}>
          {t('account.copy')}
          <span class="visually-hidden"> {props.label}</span>
        </button>
        <span role="status">{said}</span>
      </div>
    </div>
  );
}
