import { useMemo, useState } from 'preact/hooks';
import { api } from '../api.ts';
import { Notice } from '../components/notice.tsx';
import { useLoaded } from '../components/use-loaded.ts';
import { t } from '../i18n.ts';
import type { RouteProps } from '../routes.tsx';
import { isAtLeast, useSession } from '../session.tsx';
import { useFormAction } from './settings/form-action.ts';
import { FormResult } from './settings/form-result.tsx';
import { CategoryTree } from './taxonomy/category-tree.tsx';
import { branchIds, buildTree, flatten } from './taxonomy/category-tree-model.ts';
import { fetchAll } from './taxonomy/fetch-all.ts';
import type { Category } from './taxonomy/taxonomy-types.ts';
import { TermForm } from './taxonomy/term-form.tsx';
import './taxonomy/taxonomy.css';

/** The sections of the paper as a tree, with a form to add or change one (editors). */
export function CategoriesScreen(_props: RouteProps) {
  const { session } = useSession();
  const canEdit = isAtLeast(session.staff, 'editor');
  const categories = useLoaded((signal) => fetchAll<Category>('/categories', 'categories', signal), []);
  const [editing, setEditing] = useState<Category | null>(null);
  const action = useFormAction();
  const tree = useMemo(() => buildTree(categories.data ?? []), [categories.data]);

  const parentOptions = useMemo(() => {
    const excluded = editing ? branchIds(tree, editing.id) : new Set<string>();
    return [
      { value: '', label: t('taxonomy.topLevel') },
      ...flatten(tree)
        .filter((node) => !excluded.has(node.category.id))
        .map((node) => ({
          value: node.category.id,
          label: `${'— '.repeat(node.depth)}${node.category.name}`,
        })),
    ];
  }, [tree, editing]);

  const remove = (category: Category) => {
    if (!confirm(t('common.confirmDelete', { name: category.name }))) return;
    void action.run(async () => {
      await api('DELETE', `/categories/${category.id}`);
      if (editing?.id === category.id) setEditing(null);
      categories.reload();
      return t('taxonomy.deleted', { name: category.name });
    });
  };

  return (
    <>
      <h1>{t('taxonomy.categoriesTitle')}</h1>
      <p class="hint">{t('taxonomy.categoriesIntro')}</p>
      <div class="taxonomy-columns">
        <section aria-labelledby="category-tree-heading">
          <h2 id="category-tree-heading">{t('taxonomy.treeHeading')}</h2>
          <FormResult outcome={action.outcome} />
          {categories.error ? <Notice kind="alert">{categories.error}</Notice> : null}
          {categories.data && tree.length === 0 ? <p>{t('common.empty')}</p> : null}
          {!categories.data && categories.isLoading ? <p class="loading">{t('common.loading')}</p> : null}
          <CategoryTree tree={tree} canEdit={canEdit} onEdit={setEditing} onDelete={remove} />
        </section>
        {canEdit ? (
          <TermForm
            kind="categories"
            editing={editing}
            parentOptions={parentOptions}
            onCancel={() => setEditing(null)}
            onSaved={() => {
              setEditing(null);
              categories.reload();
            }}
          />
        ) : null}
      </div>
    </>
  );
}
