import { useState } from 'preact/hooks';
import { api } from '../../api.ts';
import { Field } from '../../components/field.tsx';
import { SelectField } from '../../components/select-field.tsx';
import { t } from '../../i18n.ts';
import type { StaffRole } from '../../session.tsx';
import { useFormAction } from '../settings/form-action.ts';
import { FormResult } from '../settings/form-result.tsx';
import { roleOptions } from './role-options.ts';

/** Invites an address with a role: the invitee gets a link to choose a name and password. */
export function InviteForm(props: { onInvited: () => void }) {
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<StaffRole>('author');
  const form = useFormAction();

  const submit = async (event: Event) => {
    event.preventDefault();
    const isSent = await form.run(async () => {
      await api('POST', '/invitations', { invitations: [{ email, role }] });
      return t('people.invited', { email: email.trim() });
    });
    if (isSent) {
      setEmail('');
      props.onInvited();
    }
  };

  return (
    <form class="people-invite" onSubmit={submit} noValidate aria-labelledby="invite-heading">
      <h3 id="invite-heading">{t('people.inviteHeading')}</h3>
      <div class="toolbar">
        <Field
          label={t('people.email')}
          type="email"
          name="email"
          autoComplete="off"
          required
          value={email}
          error={form.errors.email}
          onInput={(event) => setEmail((event.target as HTMLInputElement).value)}
        />
        <SelectField
          label={t('people.role')}
          name="role"
          value={role}
          options={roleOptions()}
          error={form.errors.role}
          onChange={(value) => setRole(value as StaffRole)}
        />
        <button type="submit" class="button button-primary" disabled={form.isBusy}>
          {form.isBusy ? t('people.inviting') : t('people.invite')}
        </button>
      </div>
      <FormResult outcome={form.outcome} />
    </form>
  );
}
