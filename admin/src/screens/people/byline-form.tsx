import { useEffect, useRef, useState } from 'preact/hooks';
import { api } from '../../api.ts';
import { Field } from '../../components/field.tsx';
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
      bio: draft.bio,
      avatar_url: draft.avatar_url.trim() || null,
      ...(draft.slug.trim() ? { slug: draft.slug.trim() } : {}),
    };
    const isSaved = await form.run(async () => {
      if (editing) await api('PATCH', `/people/${editing.id}`, { people: [item] });
      else await api('POST', '/people', { people: [item] });
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
      <div ref={nameRef}>
        <Field
          label={t('people.name')}
          name="name"
          required
          value={draft.name}
          error={form.errors.name}
          onInput={set('name')}
        />
      </div>
      <Field
        label={t('people.slug')}
        hint={t('people.slugHint')}
        name="slug"
        value={draft.slug}
        error={form.errors.slug}
        onInput={set('slug')}
      />
      <Field
        label={t('people.bio')}
        multiline
        name="bio"
        rows={4}
        value={draft.bio}
        error={form.errors.bio}
        onInput={set('bio')}
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
      <div class="toolbar">
        <button type="submit" class="button button-primary" disabled={form.isBusy}>
          {form.isBusy ? t('common.saving') : editing ? t('common.save') : t('people.createByline')}
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
