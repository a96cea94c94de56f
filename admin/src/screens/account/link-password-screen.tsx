import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
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
 * A signed-out screen opened from a mailed link (`#token=…`) that sets a password: the password
 * typed twice (checked alike before anything is sent), then a "sign in now" button once the API
 * accepted it. A link without its token says so at once.
 *
 * @example
 * <LinkPasswordScreen title={t('account.resetTitle')} submitLabel={t('account.setPassword')}
 *   send={async (token, password) => { await api('POST', `/password-resets/${token}`, { password }); return t('account.passwordChanged'); }} />
 */
export function LinkPasswordScreen(props: {
  title: string;
  submitLabel: string;
  /** What the form asks before the password, given the API's field errors. */
  before?: (errors: Record<string, string>) => ComponentChildren;
  /** Sends the password with the link's token; resolves to the sentence announcing success. */
  send: (token: string, password: string) => Promise<string>;
}) {
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
    const isSent = await form.run(() => props.send(token, pair.password));
    if (isSent) setDone(true);
  };

  if (!token)
    return (
      <PublicFrame title={props.title}>
        <Notice kind="alert">{t('account.linkIncomplete')}</Notice>
      </PublicFrame>
    );
  return (
    <PublicFrame title={props.title}>
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
          {props.before?.(form.errors)}
          <PasswordPairFields
            pair={pair}
            onChange={setPair}
            errors={{ password: form.errors.password, repeat }}
          />
          <button type="submit" class="button button-primary" disabled={form.isBusy}>
            {props.submitLabel}
          </button>
          <FormResult outcome={form.outcome} />
        </form>
      )}
    </PublicFrame>
  );
}
