import { useId, useState } from 'preact/hooks';
import { t } from '../i18n.ts';
import type { NamedRef } from './article-types.ts';

type TagsFieldProps = {
  tags: string[];
  known: NamedRef[];
  onChange: (tags: string[]) => void;
  error?: string | undefined;
};

/**
 * The article's tags: each with a remove button, and a field that adds one (Enter or comma),
 * suggesting the site's existing tags.
 */
export function TagsField(props: TagsFieldProps) {
  const [typed, setTyped] = useState('');
  const id = useId();
  const add = () => {
    const names = typed
      .split(',')
      .map((name) => name.trim())
      .filter(Boolean);
    const lower = new Set(props.tags.map((tag) => tag.toLowerCase()));
    const fresh = names.filter((name) => !lower.has(name.toLowerCase()));
    if (fresh.length > 0) props.onChange([...props.tags, ...fresh]);
    setTyped('');
  };
  return (
    <div class="field tags-field">
      <span class="label" id={`${id}-label`}>
        {t('editor.tags')}
      </span>
      {props.tags.length > 0 ? (
        <ul class="tag-list" aria-labelledby={`${id}-label`}>
          {props.tags.map((tag) => (
            <li key={tag} class="badge">
              {tag}
              <button
                type="button"
                class="tag-remove"
                aria-label={t('editor.tagRemove', { name: tag })}
                onClick={() => props.onChange(props.tags.filter((other) => other !== tag))}
              >
                ×
              </button>
            </li>
          ))}
        </ul>
      ) : null}
      <label for={id}>{t('editor.tagAdd')}</label>
      <div class="inline-input">
        <input
          id={id}
          list={`${id}-known`}
          value={typed}
          autoComplete="off"
          aria-describedby={props.error ? `${id}-hint ${id}-error` : `${id}-hint`}
          aria-invalid={props.error ? true : undefined}
          onInput={(event) => {
            const value = (event.target as HTMLInputElement).value;
            setTyped(value);
          }}
          onKeyDown={(event) => {
            if (event.key === 'Enter' || event.key === ',') {
              event.preventDefault();
              add();
            }
          }}
        />
        <button type="button" class="button button-quiet" onClick={add}>
          {t('editor.tagAddButton')}
        </button>
      </div>
      <p class="hint" id={`${id}-hint`}>
        {t('editor.tagHint')}
      </p>
      <datalist id={`${id}-known`}>
        {props.known.map((tag) => (
          <option key={tag.id} value={tag.name} />
        ))}
      </datalist>
      {props.error ? (
        <p class="field-error" id={`${id}-error`}>
          {props.error}
        </p>
      ) : null}
    </div>
  );
}
