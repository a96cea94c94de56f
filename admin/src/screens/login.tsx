import { useState } from 'preact/hooks';
import { ApiError, api } from '../api.ts';
import { describeError } from '../components/errors.ts';
import { Field } from '../components/field.tsx';
import { Notice } from '../components/notice.tsx';
import { t } from '../i18n.ts';
import type { Session } from '../session.tsx';

/**
 * Sign in with email and password (and the TOTP code when the account asks for one). The same
 * message answers an unknown email and a wrong password, as the API does.
 */
export function LoginScreen(props: { onSignedIn: (session: Session) => void }) {
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [code, setCode] = useState('');
  const [needsCode, setNeedsCode] = useState(false);
  const [message, setMessage] = useState('');
  const [isBusy, setBusy] = useState(false);

  const submit = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    setMessage('');
    try {
      const body = needsCode ? { email, password, totp: code } : { email, password };
      const { session } = await api<{ session: Session }>('POST', '/session', body);
      props.onSignedIn(session);
    } catch (error) {
      if (error instanceof ApiError && error.code === 'TOTP_REQUIRED') {
        setNeedsCode(true);
        setMessage(t('login.totpRequired'));
      } else if (error instanceof ApiError && error.code === 'LOGIN_FAILED') setMessage(t('login.failed'));
      else setMessage(describeError(error));
    } finally {
      setBusy(false);
    }
  };

  return (
    <main id="main" class="login" tabIndex={-1}>
      <h1>{t('login.title')}</h1>
      {message ? <Notice kind="alert">{message}</Notice> : null}
      <form onSubmit={submit} noValidate>
        <Field
          label={t('login.email')}
          type="email"
          name="email"
          autoComplete="username"
          required
          value={email}
          onInput={(event) => setEmail((event.target as HTMLInputElement).value)}
        />
        <Field
          label={t('login.password')}
          type="password"
          name="password"
          autoComplete="current-password"
          required
          value={password}
          onInput={(event) => setPassword((event.target as HTMLInputElement).value)}
        />
        {needsCode ? (
          <Field
            label={t('login.code')}
            hint={t('login.codeHint')}
            name="totp"
            inputMode="numeric"
            autoComplete="one-time-code"
            required
            value={code}
            onInput={(event) => setCode((event.target as HTMLInputElement).value)}
          />
        ) : null}
        <button type="submit" class="button button-primary" disabled={isBusy}>
          {isBusy ? t('login.signingIn') : t('login.submit')}
        </button>
      </form>
      <p>
        <a href="/admin/forgot-password">{t('login.forgot')}</a>
      </p>
    </main>
  );
}
