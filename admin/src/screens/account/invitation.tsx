import { useState } from 'preact/hooks';
import { api } from '../../api.ts';
import { Field } from '../../components/field.tsx';
import { t } from '../../i18n.ts';
import { LinkPasswordScreen } from './link-password-screen.tsx';

/**
 * `/admin/invitation#token=…` (signed out): the invitee chooses the name the newsroom shows and a
 * password, then signs in.
 */
export function InvitationScreen() {
  const [name, setName] = useState('');
  return (
    <LinkPasswordScreen
      title={t('account.invitationTitle')}
      submitLabel={t('account.acceptInvitation')}
      before={(errors) => (
        <>
          <p>{t('account.invitationIntro')}</p>
          <Field
            label={t('account.yourName')}
            hint={t('account.yourNameHint')}
            name="name"
            autoComplete="name"
            required
            value={name}
            error={errors.name}
            onInput={(event) => setName((event.target as HTMLInputElement).value)}
          />
        </>
      )}
      send={async (token, password) => {
        await api('POST', `/invitations/${encodeURIComponent(token)}`, { name, password });
        return t('account.invitationAccepted');
      }}
    />
  );
}
