import { t } from '../i18n.ts';

/** An item the public site has a page for: a byline, a category, a tag. */
export type NamedItem = { id: string; name: string; slug: string; url: string };

export type NamedItemTableProps<Item extends NamedItem> = {
  items: Item[];
  /** The table's caption (read by screen readers only) and its column headings. */
  caption: string;
  headings: { name: string; slug: string; text: string };
  /** The third column's text for one item. */
  textOf: (item: Item) => string;
  canEdit: boolean;
  /** The class of the box holding the Edit and Delete buttons. */
  actionsClass: string;
  /** Turns the Delete buttons off while a deletion is under way. */
  isBusy?: boolean;
  onEdit: (item: Item) => void;
  onDelete: (item: Item) => void;
};

/**
 * Named items in a table: the name (a link to its public page), the slug, one line of text, and
 * for those who may change them, Edit and Delete buttons naming the item.
 *
 * @example
 * <NamedItemTable items={tags} caption={t('taxonomy.tagListHeading')} headings={headings}
 *   textOf={(tag) => tag.description} canEdit actionsClass="tag-actions" onEdit={edit} onDelete={remove} />
 */
export function NamedItemTable<Item extends NamedItem>(props: NamedItemTableProps<Item>) {
  const { headings, canEdit } = props;
  return (
    <div class="table-wrap">
      <table>
        <caption class="visually-hidden">{props.caption}</caption>
        <thead>
          <tr>
            <th scope="col">{headings.name}</th>
            <th scope="col">{headings.slug}</th>
            <th scope="col">{headings.text}</th>
            {canEdit ? <th scope="col">{t('common.actions')}</th> : null}
          </tr>
        </thead>
        <tbody>
          {props.items.map((item) => (
            <tr key={item.id}>
              <th scope="row">
                <a href={item.url}>{item.name}</a>
              </th>
              <td>
                <code>{item.slug}</code>
              </td>
              <td>{props.textOf(item)}</td>
              {canEdit ? (
                <td>
                  <div class={props.actionsClass}>
                    <button type="button" class="button button-quiet" onClick={() => props.onEdit(item)}>
                      {t('common.edit')}
                      <span class="visually-hidden"> {item.name}</span>
                    </button>
                    <button
                      type="button"
                      class="button button-danger"
                      disabled={props.isBusy}
                      onClick={() => props.onDelete(item)}
                    >
                      {t('common.delete')}
                      <span class="visually-hidden"> {item.name}</span>
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
