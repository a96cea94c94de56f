import { t } from '../../i18n.ts';
import type { Category, PlacedCategory } from './taxonomy-types.ts';

type TreeProps = {
  tree: PlacedCategory[];
  canEdit: boolean;
  onEdit: (category: Category) => void;
  onDelete: (category: Category) => void;
};

/**
 * The categories as nested lists: a sub-section sits inside its parent's item, indented, so the
 * nesting is both seen and heard (a screen reader announces each list and its level).
 */
export function CategoryTree(props: TreeProps) {
  return <Branch {...props} nodes={props.tree} />;
}

function Branch(props: TreeProps & { nodes: PlacedCategory[] }) {
  return (
    <ul class="category-tree">
      {props.nodes.map(({ category, children }) => (
        <li key={category.id} data-slug={category.slug}>
          <div class="category-item">
            <span class="category-name">{category.name}</span>
            <code class="category-slug">{category.slug}</code>
            {props.canEdit ? (
              <span class="category-actions">
                <button type="button" class="button button-quiet" onClick={() => props.onEdit(category)}>
                  {t('common.edit')}
                  <span class="visually-hidden"> {category.name}</span>
                </button>
                <button type="button" class="button button-danger" onClick={() => props.onDelete(category)}>
                  {t('common.delete')}
                  <span class="visually-hidden"> {category.name}</span>
                </button>
              </span>
            ) : null}
          </div>
          {category.description ? <p class="hint category-description">{category.description}</p> : null}
          {children.length > 0 ? <Branch {...props} nodes={children} /> : null}
        </li>
      ))}
    </ul>
  );
}
