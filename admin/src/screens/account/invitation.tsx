import { useState } from 'preact/hooks';
import { api } from '../../api.ts';
import { Field } from '../../components/field.tsx';
import { Notice } from '../../components/notice.tsx';
import { t } from '../../i18n.ts';
import { BASE } from '../../router.tsx';
import { useFormAction } from '../settings/form-action.ts';
import { FormResult } from '../settings/form-result.tsx';
import { describeLinkError } from './link-errors.ts';
import { linkToken } from './link-token.ts';
import { type PasswordPair, PasswordPairFields, repeatError } from './password-pair.tsx';
import { PublicFrame } from './public-frame.tsx';

/**
 * `/admin/invitation#token=…` (signed out): the invitee chooses the name the newsroom shows and a
 * password, then signs in.
 */
export function InvitationScreen() {
  const [token] = useState(linkToken);
  const [name, setName] = useState('');
  const [pair, setPair] = useState<PasswordPair>({ password: '', repeat: '' });
  const [repeat, setRepeat] = useState<string | undefined>(undefined);
  const [isDone, setDone] = useState(false);
  const form = useFormAction({ describe: describeLinkError });

  const submit = async (event: Event) => {
    event.preventDefault();
    const differs = repeatError(pair);
    setRepeat(differs);
    if (differs) return;
    const isAccepted = await form.run(async () => {
      await api('POST', `/invitations/${encodeURIComponent(token)}`, { name, password: pair.password });
      return t('account.invitationAccepted');
    });
    if (isAccepted) setDone(true);
  };

  if (!token)
    return (
      <PublicFrame title={t('account.invitationTitle')}>
        <Notice kind="alert">{t('account.linkIncomplete')}</Notice>
      </PublicFrame>
    );
  return (
    <PublicFrame title={t('account.invitationTitle')}>
      {isDone ? (
        <>
          <FormResult outcome={form.outcome} />
          <p>
            <a class="button button-primary" href={`${BASE}/`}>
              {t('account.signInNow')}
            </a>
          </p>
        </>
      ) : (
        <form onSubmit={submit} noValidate>
          <p>{t('account.invitationIntro')}</p>
          <Field
            label={t('account.yourName')}
            hint={t('account.yourNameHint')}
            name="name"
            autoComplete="name"
            required
            value={name}
            error={form.errors.name}
            onInput={(event) => setName((event.target as HTMLInputElement).value)}
          />
          <PasswordPairFields
            pair={pair}
            onChange={setPair}
            errors={{ password: form.errors.password, repeat }}
          />
          <button type="submit" class="button button-primary" disabled={form.isBusy}>
            {t('account.acceptInvitation')}
          </button>
          <FormResult outcome={form.outcome} />
        </form>
      )}
    </PublicFrame>
  );
}
