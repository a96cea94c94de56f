import { Field } from '../../components/field.tsx';
import { NamedItemFields } from '../../components/named-item-fields.tsx';
import { SaveCancelBar } from '../../components/save-cancel-bar.tsx';
import { saveOne } from '../../components/save-one.ts';
import { useEditDraft } from '../../components/use-edit-draft.ts';
import { t } from '../../i18n.ts';
import { useFormAction } from '../settings/form-action.ts';
import { FormResult } from '../settings/form-result.tsx';
import type { Byline } from './people-types.ts';

type Draft = { name: string; slug: string; bio: string; avatar_url: string };

const draftOf = (person: Byline | null): Draft => ({
  name: person?.name ?? '',
  slug: person?.slug ?? '',
  bio: person?.bio ?? '',
  avatar_url: person?.avatar_url ?? '',
});

/**
 * A byline's public profile, new or edited: name, slug (made from the name when left empty), bio
 * and picture address.
 */
export function BylineForm(props: { editing: Byline | null; onSaved: () => void; onCancel: () => void }) {
  const { editing } = props;
  const form = useFormAction();
  const { draft, setDraft, set, firstRef } = useEditDraft<Byline, Draft>(editing, draftOf, form.clear);

  const submit = async (event: Event) => {
    event.preventDefault();
    const item = {
      name: draft.name,
      bio: draft.bio,
      avatar_url: draft.avatar_url.trim() || null,
      ...(draft.slug.trim() ? { slug: draft.slug.trim() } : {}),
    };
    const isSaved = await form.run(async () => {
      await saveOne('people', editing?.id, item);
      return editing
        ? t('people.bylineSaved', { name: draft.name })
        : t('people.bylineCreated', { name: draft.name });
    });
    if (isSaved) {
      if (!editing) setDraft(draftOf(null));
      props.onSaved();
    }
  };

  return (
    <form class="people-form" onSubmit={submit} noValidate aria-labelledby="byline-form-heading">
      <h3 id="byline-form-heading">
        {editing ? t('people.editByline', { name: editing.name }) : t('people.newByline')}
      </h3>
      <NamedItemFields
        labels={{
          name: t('people.name'),
          slug: t('people.slug'),
          slugHint: t('people.slugHint'),
          text: t('people.bio'),
        }}
        text={{ name: 'bio', rows: 4 }}
        draft={draft}
        errors={form.errors}
        onInput={set}
        firstRef={firstRef}
      />
      <Field
        label={t('people.avatar')}
        hint={t('people.avatarHint')}
        name="avatar_url"
        inputMode="url"
        value={draft.avatar_url}
        error={form.errors.avatar_url}
        onInput={set('avatar_url')}
      />
      <SaveCancelBar
        isBusy={form.isBusy}
        isEditing={editing !== null}
        createLabel={t('people.createByline')}
        onCancel={props.onCancel}
      />
      <FormResult outcome={form.outcome} />
    </form>
  );
}
