import { useEffect, useState } from 'preact/hooks';
import { SelectField, type SelectOption } from '../../components/select-field.tsx';
import { t } from '../../i18n.ts';
import { type ArticleFilters, FILTER_STATUSES } from './article-query.ts';
import type { Named } from './article-types.ts';

/** Categories in tree order, children after their parent and marked with an indent. */
function categoryChoices(categories: Named[]): SelectOption[] {
  const children = new Map<string | null, Named[]>();
  for (const category of categories) {
    const parent = category.parent_id ?? null;
    children.set(parent, [...(children.get(parent) ?? []), category]);
  }
  const known = new Set(categories.map((category) => category.id));
  const roots = categories.filter((category) => !category.parent_id || !known.has(category.parent_id));
  const choices: SelectOption[] = [];
  const walk = (items: Named[], depth: number) => {
    for (const item of items) {
      choices.push({ value: item.slug, label: `${'— '.repeat(depth)}${item.name}` });
      if (depth < 8) walk(children.get(item.id) ?? [], depth + 1);
    }
  };
  walk(roots, 0);
  return choices;
}

/**
 * The list's filters: status, category and byline apply at once; the text applies when submitted
 * (Enter or the Search button), so that typing does not reload the list at every key.
 */
export function ArticleFilterBar(props: {
  filters: ArticleFilters;
  categories: Named[];
  people: Named[];
  onChange: (filters: ArticleFilters) => void;
}) {
  const { filters, onChange } = props;
  const [text, setText] = useState(filters.q);
  useEffect(() => setText(filters.q), [filters.q]);
  const change = (patch: Partial<ArticleFilters>) => onChange({ ...filters, ...patch, page: 1 });
  const all = { value: '', label: t('common.all') };
  return (
    <form
      class="toolbar article-filters"
      aria-label={t('articles.filters')}
      onSubmit={(event) => {
        event.preventDefault();
        change({ q: text.trim() });
      }}
    >
      <SelectField
        label={t('articles.status')}
        value={filters.status}
        options={[
          all,
          ...FILTER_STATUSES.map((status) => ({ value: status, label: t(`articles.status_${status}`) })),
        ]}
        onChange={(status) => change({ status })}
      />
      <SelectField
        label={t('articles.category')}
        value={filters.category}
        options={[all, ...categoryChoices(props.categories)]}
        onChange={(category) => change({ category })}
      />
      <SelectField
        label={t('articles.author')}
        value={filters.author}
        options={[all, ...props.people.map((person) => ({ value: person.slug, label: person.name }))]}
        onChange={(author) => change({ author })}
      />
      <div class="field article-search">
        <label for="article-search">{t('articles.search')}</label>
        <input
          id="article-search"
          type="search"
          value={text}
          maxLength={200}
          onInput={(event) => setText((event.currentTarget as HTMLInputElement).value)}
        />
      </div>
      <button type="submit" class="button button-quiet">
        {t('common.search')}
      </button>
      <label class="article-mine">
        <input
          type="checkbox"
          checked={filters.isMine}
          onChange={(event) => change({ isMine: (event.currentTarget as HTMLInputElement).checked })}
        />
        {t('articles.onlyMine')}
      </label>
    </form>
  );
}
