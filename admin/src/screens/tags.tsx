import { useMemo, useState } from 'preact/hooks';
import { api } from '../api.ts';
import { Field } from '../components/field.tsx';
import { Notice } from '../components/notice.tsx';
import { useLoaded } from '../components/use-loaded.ts';
import { formatNumber, t } from '../i18n.ts';
import type { RouteProps } from '../routes.tsx';
import { isAtLeast, useSession } from '../session.tsx';
import { useFormAction } from './settings/form-action.ts';
import { FormResult } from './settings/form-result.tsx';
import { fetchAll } from './taxonomy/fetch-all.ts';
import { TagTable } from './taxonomy/tag-table.tsx';
import type { Tag } from './taxonomy/taxonomy-types.ts';
import { TermForm } from './taxonomy/term-form.tsx';
import './taxonomy/taxonomy.css';

/** Folds case and accents, so "eté" finds "Été". */
const fold = (text: string) => text.normalize('NFKD').replace(/\p{M}/gu, '').toLocaleLowerCase();

/** The tags, searchable by name or slug; authors add tags, editors also change and delete them. */
export function TagsScreen(props: RouteProps) {
  const { session } = useSession();
  const canCreate = isAtLeast(session.staff, 'author');
  const canEdit = isAtLeast(session.staff, 'editor');
  const tags = useLoaded((signal) => fetchAll<Tag>('/tags', 'tags', signal), []);
  const [query, setQuery] = useState(props.query.get('q') ?? '');
  const [editing, setEditing] = useState<Tag | null>(null);
  const action = useFormAction();

  const shown = useMemo(() => {
    const wanted = fold(query.trim());
    const all = [...(tags.data ?? [])].sort((a, b) => a.name.localeCompare(b.name));
    return wanted ? all.filter((tag) => fold(`${tag.name} ${tag.slug}`).includes(wanted)) : all;
  }, [tags.data, query]);

  const remove = (tag: Tag) => {
    if (!confirm(t('common.confirmDelete', { name: tag.name }))) return;
    void action.run(async () => {
      await api('DELETE', `/tags/${tag.id}`);
      if (editing?.id === tag.id) setEditing(null);
      tags.reload();
      return t('taxonomy.deleted', { name: tag.name });
    });
  };

  return (
    <>
      <h1>{t('taxonomy.tagsTitle')}</h1>
      <div class="taxonomy-columns">
        <section aria-labelledby="tag-list-heading">
          <h2 id="tag-list-heading">{t('taxonomy.tagListHeading')}</h2>
          <div class="tag-search">
            <Field
              label={t('taxonomy.searchTags')}
              type="search"
              name="q"
              value={query}
              onInput={(event) => setQuery((event.target as HTMLInputElement).value)}
            />
          </div>
          <p class="hint" role="status">
            {tags.data
              ? t('taxonomy.tagCount', { count: shown.length, shown: formatNumber(shown.length) })
              : ''}
          </p>
          <FormResult outcome={action.outcome} />
          {tags.error ? <Notice kind="alert">{tags.error}</Notice> : null}
          {!tags.data && tags.isLoading ? <p class="loading">{t('common.loading')}</p> : null}
          {shown.length > 0 ? (
            <TagTable tags={shown} canEdit={canEdit} onEdit={setEditing} onDelete={remove} />
          ) : null}
        </section>
        {canCreate ? (
          <TermForm
            kind="tags"
            editing={editing}
            onCancel={() => setEditing(null)}
            onSaved={() => {
              setEditing(null);
              tags.reload();
            }}
          />
        ) : null}
      </div>
    </>
  );
}
