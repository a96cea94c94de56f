import { t } from '../../i18n.ts';
import type { Tag } from './taxonomy-types.ts';

/** Tags in a table: name (a link to its public page), slug, description, and the editor's actions. */
export function TagTable(props: {
  tags: Tag[];
  canEdit: boolean;
  onEdit: (tag: Tag) => void;
  onDelete: (tag: Tag) => void;
}) {
  return (
    <div class="table-wrap">
      <table>
        <caption class="visually-hidden">{t('taxonomy.tagListHeading')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('taxonomy.name')}</th>
            <th scope="col">{t('taxonomy.slug')}</th>
            <th scope="col">{t('taxonomy.description')}</th>
            {props.canEdit ? <th scope="col">{t('common.actions')}</th> : null}
          </tr>
        </thead>
        <tbody>
          {props.tags.map((tag) => (
            <tr key={tag.id}>
              <th scope="row">
                <a href={tag.url}>{tag.name}</a>
              </th>
              <td>
                <code>{tag.slug}</code>
              </td>
              <td>{tag.description}</td>
              {props.canEdit ? (
                <td>
                  <div class="tag-actions">
                    <button type="button" class="button button-quiet" onClick={() => props.onEdit(tag)}>
                      {t('common.edit')}
                      <span class="visually-hidden"> {tag.name}</span>
                    </button>
                    <button type="button" class="button button-danger" onClick={() => props.onDelete(tag)}>
                      {t('common.delete')}
                      <span class="visually-hidden"> {tag.name}</span>
                    </button>
                  </div>
                </td>
              ) : null}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
