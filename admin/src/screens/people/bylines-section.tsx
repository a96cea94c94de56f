import { useState } from 'preact/hooks';
import { api } from '../../api.ts';
import { NamedItemTable } from '../../components/named-item-table.tsx';
import { Notice } from '../../components/notice.tsx';
import { useLoaded } from '../../components/use-loaded.ts';
import { t } from '../../i18n.ts';
import { useFormAction } from '../settings/form-action.ts';
import { FormResult } from '../settings/form-result.tsx';
import { fetchAll } from '../taxonomy/fetch-all.ts';
import { BylineForm } from './byline-form.tsx';
import type { Byline } from './people-types.ts';

const excerpt = (text: string) => (text.length > 120 ? `${text.slice(0, 119)}…` : text);

/** The public author profiles articles are signed with; editors change them, everyone reads them. */
export function BylinesSection(props: { canEdit: boolean }) {
  const people = useLoaded((signal) => fetchAll<Byline>('/people', 'people', signal), []);
  const [editing, setEditing] = useState<Byline | null>(null);
  const action = useFormAction();

  const remove = (person: Byline) => {
    if (!confirm(t('common.confirmDelete', { name: person.name }))) return;
    void action.run(async () => {
      await api('DELETE', `/people/${person.id}`);
      if (editing?.id === person.id) setEditing(null);
      people.reload();
      return t('people.bylineDeleted', { name: person.name });
    });
  };

  return (
    <section class="people-section" aria-labelledby="bylines-heading">
      <h2 id="bylines-heading">{t('people.bylinesHeading')}</h2>
      <p class="hint">{t('people.bylinesIntro')}</p>
      <div class="people-columns">
        <div>
          <FormResult outcome={action.outcome} />
          {people.error ? <Notice kind="alert">{people.error}</Notice> : null}
          {people.data && people.data.length === 0 ? <p>{t('common.empty')}</p> : null}
          {people.data && people.data.length > 0 ? (
            <NamedItemTable
              items={people.data}
              caption={t('people.bylinesCaption')}
              headings={{ name: t('people.name'), slug: t('people.slug'), text: t('people.bio') }}
              textOf={(person) => excerpt(person.bio)}
              canEdit={props.canEdit}
              actionsClass="people-actions"
              isBusy={action.isBusy}
              onEdit={setEditing}
              onDelete={remove}
            />
          ) : null}
          {!people.data && people.isLoading ? <p class="loading">{t('common.loading')}</p> : null}
        </div>
        {props.canEdit ? (
          <BylineForm
            editing={editing}
            onCancel={() => setEditing(null)}
            onSaved={() => {
              setEditing(null);
              people.reload();
            }}
          />
        ) : null}
      </div>
    </section>
  );
}
