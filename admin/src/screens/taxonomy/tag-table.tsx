import { NamedItemTable } from '../../components/named-item-table.tsx';
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
    <NamedItemTable
      items={props.tags}
      caption={t('taxonomy.tagListHeading')}
      headings={{ name: t('taxonomy.name'), slug: t('taxonomy.slug'), text: t('taxonomy.description') }}
      textOf={(tag) => tag.description}
      canEdit={props.canEdit}
      actionsClass="tag-actions"
      onEdit={props.onEdit}
      onDelete={props.onDelete}
    />
  );
}
