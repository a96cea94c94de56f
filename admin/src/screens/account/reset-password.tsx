import { useState } from 'preact/hooks';
import { api } from '../../api.ts';
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
 * `/admin/reset-password#token=…` (signed out): a new password, typed twice. Every session of the
 * account ends; the new password signs in.
 */
export function ResetPasswordScreen() {
  const [token] = useState(linkToken);
  const [pair, setPair] = useState<PasswordPair>({ password: '', repeat: '' });
  const [repeat, setRepeat] = useState<string | undefined>(undefined);
  const [isDone, setDone] = useState(false);
  const form = useFormAction({ describe: describeLinkError });

  const submit = async (event: Event) => {
    event.preventDefault();
    const differs = repeatError(pair);
    setRepeat(differs);
    if (differs) return;
    const isReset = await form.run(async () => {
      await api('POST', `/password-resets/${encodeURIComponent(token)}`, { password: pair.password });
      return t('account.passwordChanged');
    });
    if (isReset) setDone(true);
  };

  if (!token)
    return (
      <PublicFrame title={t('account.resetTitle')}>
        <Notice kind="alert">{t('account.linkIncomplete')}</Notice>
      </PublicFrame>
    );
  return (
    <PublicFrame title={t('account.resetTitle')}>
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
          <PasswordPairFields
            pair={pair}
            onChange={setPair}
            errors={{ password: form.errors.password, repeat }}
          />
          <button type="submit" class="button button-primary" disabled={form.isBusy}>
            {t('account.setPassword')}
          </button>
          <FormResult outcome={form.outcome} />
        </form>
      )}
    </PublicFrame>
  );
}
