import { useEffect, useRef, useState } from 'preact/hooks';
import { api } from '../../api.ts';
import { Field } from '../../components/field.tsx';
import { SelectField, type SelectOption } from '../../components/select-field.tsx';
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
  const [draft, setDraft] = useState<Draft>(draftOf(editing));
  const form = useFormAction();
  const nameRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    setDraft(draftOf(editing));
    form.clear();
    if (editing) nameRef.current?.querySelector('input')?.focus();
  }, [editing]);

  const set = (key: keyof Draft) => (event: Event) =>
    setDraft({ ...draft, [key]: (event.target as HTMLInputElement).value });

  const submit = async (event: Event) => {
    event.preventDefault();
    const item = {
      name: draft.name,
      description: draft.description,
      ...(draft.slug.trim() ? { slug: draft.slug.trim() } : {}),
      ...(parentOptions ? { parent: draft.parent || null } : {}),
    };
    const isSaved = await form.run(async () => {
      if (editing) await api('PATCH', `/${kind}/${editing.id}`, { [kind]: [item] });
      else await api('POST', `/${kind}`, { [kind]: [item] });
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
      <div ref={nameRef}>
        <Field
          label={t('taxonomy.name')}
          name="name"
          required
          value={draft.name}
          error={form.errors.name}
          onInput={set('name')}
        />
      </div>
      <Field
        label={t('taxonomy.slug')}
        hint={t('taxonomy.slugHint')}
        name="slug"
        value={draft.slug}
        error={form.errors.slug}
        onInput={set('slug')}
      />
      <Field
        label={t('taxonomy.description')}
        multiline
        rows={3}
        name="description"
        value={draft.description}
        error={form.errors.description}
        onInput={set('description')}
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
      <div class="toolbar">
        <button type="submit" class="button button-primary" disabled={form.isBusy}>
          {form.isBusy ? t('common.saving') : editing ? t('common.save') : t('common.create')}
        </button>
        {editing ? (
          <button type="button" class="button button-quiet" onClick={props.onCancel}>
            {t('common.cancel')}
          </button>
        ) : null}
      </div>
      <FormResult outcome={form.outcome} />
    </form>
  );
}
