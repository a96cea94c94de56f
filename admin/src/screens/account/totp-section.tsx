import { useState } from 'preact/hooks';
import { api } from '../../api.ts';
import { Field } from '../../components/field.tsx';
import { t } from '../../i18n.ts';
import { useSession } from '../../session.tsx';
import { useFormAction } from '../settings/form-action.ts';
import { FormResult } from '../settings/form-result.tsx';
import { CopyField } from './copy-field.tsx';

type Enrolment = { secret: string; uri: string };

/**
 * Two-factor sign-in (TOTP, RFC 6238): set up with a key copied into an authenticator app (no QR
 * image: nothing is sent to a third-party service), turned on by one code from the app, turned off
 * with the password.
 */
export function TotpSection() {
  const { session } = useSession();
  const [isOn, setOn] = useState(session.staff.totp_enabled === true);
  const [enrolment, setEnrolment] = useState<Enrolment | null>(null);
  const [code, setCode] = useState('');
  const [password, setPassword] = useState('');
  const form = useFormAction();

  const start = () =>
    form.run(async () => {
      const { totp } = await api<{ totp: Enrolment }>('POST', '/session/totp');
      setEnrolment(totp);
      setCode('');
      return undefined;
    });
  const confirmCode = (event: Event) => {
    event.preventDefault();
    void form.run(async () => {
      await api('POST', '/session/totp/confirm', { code: code.trim() });
      setOn(true);
      setEnrolment(null);
      return t('account.totpTurnedOn');
    });
  };
  const turnOff = (event: Event) => {
    event.preventDefault();
    void form.run(async () => {
      await api('DELETE', '/session/totp', { password });
      setOn(false);
      setPassword('');
      return t('account.totpTurnedOff');
    });
  };

  return (
    <section class="account-section" aria-labelledby="totp-heading">
      <h2 id="totp-heading">{t('account.totpHeading')}</h2>
      <p>
        <span class="badge">{isOn ? t('account.totpOn') : t('account.totpOff')}</span>{' '}
        {isOn ? t('account.totpOnText') : t('account.totpOffText')}
      </p>
      {!isOn && !enrolment ? (
        <button
          type="button"
          class="button button-primary"
          disabled={form.isBusy}
          onClick={() => void start()}
        >
          {t('account.totpSetUp')}
        </button>
      ) : null}
      {enrolment ? (
        <form onSubmit={confirmCode} noValidate aria-labelledby="totp-heading">
          <ol class="account-steps">
            <li>
              <p>{t('account.totpStepAdd')}</p>
              <CopyField label={t('account.totpKey')} value={enrolment.secret} />
              <CopyField
                label={t('account.totpUri')}
                hint={t('account.totpUriHint')}
                value={enrolment.uri}
                isMultiline
              />
            </li>
            <li>
              <Field
                label={t('account.totpCode')}
                hint={t('account.totpCodeHint')}
                name="code"
                inputMode="numeric"
                autoComplete="one-time-code"
                maxLength={6}
                value={code}
                error={form.errors.code}
                onInput={(event) => setCode((event.target as HTMLInputElement).value)}
              />
            </li>
          </ol>
          <div class="toolbar">
            <button type="submit" class="button button-primary" disabled={form.isBusy}>
              {t('account.totpConfirm')}
            </button>
            <button type="button" class="button button-quiet" onClick={() => setEnrolment(null)}>
              {t('common.cancel')}
            </button>
          </div>
        </form>
      ) : null}
      {isOn ? (
        <form onSubmit={turnOff} noValidate aria-labelledby="totp-heading">
          <Field
            label={t('account.password')}
            hint={t('account.totpOffHint')}
            type="password"
            name="password"
            autoComplete="current-password"
            value={password}
            error={form.errors.password}
            onInput={(event) => setPassword((event.target as HTMLInputElement).value)}
          />
          <button type="submit" class="button button-danger" disabled={form.isBusy}>
            {t('account.totpTurnOff')}
          </button>
        </form>
      ) : null}
      <FormResult outcome={form.outcome} />
    </section>
  );
}
