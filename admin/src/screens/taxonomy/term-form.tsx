import { NamedItemFields } from '../../components/named-item-fields.tsx';
import { SaveCancelBar } from '../../components/save-cancel-bar.tsx';
import { saveOne } from '../../components/save-one.ts';
import { SelectField, type SelectOption } from '../../components/select-field.tsx';
import { useEditDraft } from '../../components/use-edit-draft.ts';
import { t } from '../../i18n.ts';
import { useFormAction } from '../settings/form-action.ts';
import { FormResult } from '../settings/form-result.tsx';
import type { Category, Tag } from './taxonomy-types.ts';

type Draft = { name: string; slug: string; description: string; parent: string };

const draftOf = (term: Tag | Category | null): Draft => ({
  name: term?.name ?? '',
  slug: term?.slug ?? '',
  description: term?.description ?? '',
  parent: (term && 'parent_id' in term ? term.parent_id : null) ?? '',
});

export type TermFormProps = {
  /** `categories` or `tags`: the API path and envelope key. */
  kind: 'categories' | 'tags';
  editing: Tag | Category | null;
  /** Categories only: where it may hang in the tree (the empty value is the top level). */
  parentOptions?: SelectOption[];
  onSaved: () => void;
  onCancel: () => void;
};

/** A category or tag, new or edited: name, slug (made from the name when empty), description, parent. */
export function TermForm(props: TermFormProps) {
  const { kind, editing, parentOptions } = props;
  const form = useFormAction();
  const { draft, setDraft, set, firstRef } = useEditDraft<Tag | Category, Draft>(
    editing,
    draftOf,
    form.clear,
  );

  const submit = async (event: Event) => {
    event.preventDefault();
    const item = {
      name: draft.name,
      description: draft.description,
      ...(draft.slug.trim() ? { slug: draft.slug.trim() } : {}),
      ...(parentOptions ? { parent: draft.parent || null } : {}),
    };
    const isSaved = await form.run(async () => {
      await saveOne(kind, editing?.id, item);
      return t(editing ? 'taxonomy.saved' : 'taxonomy.created', { name: draft.name.trim() });
    });
    if (isSaved) {
      if (!editing) setDraft(draftOf(null));
      props.onSaved();
    }
  };

  const heading = editing
    ? t('taxonomy.editHeading', { name: editing.name })
    : t(kind === 'categories' ? 'taxonomy.newCategory' : 'taxonomy.newTag');
  return (
    <form class="taxonomy-form" onSubmit={submit} noValidate aria-labelledby={`${kind}-form-heading`}>
      <h2 id={`${kind}-form-heading`}>{heading}</h2>
      <NamedItemFields
        labels={{
          name: t('taxonomy.name'),
          slug: t('taxonomy.slug'),
          slugHint: t('taxonomy.slugHint'),
          text: t('taxonomy.description'),
        }}
        text={{ name: 'description', rows: 3 }}
        draft={draft}
        errors={form.errors}
        onInput={set}
        firstRef={firstRef}
      />
      {parentOptions ? (
        <SelectField
          label={t('taxonomy.parent')}
          name="parent"
          value={draft.parent}
          options={parentOptions}
          error={form.errors.parent}
          onChange={(parent) => setDraft({ ...draft, parent })}
        />
      ) : null}
      <SaveCancelBar
        isBusy={form.isBusy}
        isEditing={editing !== null}
        createLabel={t('common.create')}
        onCancel={props.onCancel}
      />
      <FormResult outcome={form.outcome} />
    </form>
  );
}
