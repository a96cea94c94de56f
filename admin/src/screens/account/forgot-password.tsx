import { useState } from 'preact/hooks';
import { api } from '../../api.ts';
import { Field } from '../../components/field.tsx';
import { t } from '../../i18n.ts';
import { useFormAction } from '../settings/form-action.ts';
import { FormResult } from '../settings/form-result.tsx';
import { describeLinkError } from './link-errors.ts';
import { PublicFrame } from './public-frame.tsx';

/**
 * `/admin/forgot-password` (signed out): asks for a reset link. The answer is the same for every
 * address, as the API's is, so nobody learns who works here.
 */
export function ForgotPasswordScreen() {
  const [email, setEmail] = useState('');
  const form = useFormAction({ describe: describeLinkError });

  const submit = (event: Event) => {
    event.preventDefault();
    void form.run(async () => {
      await api('POST', '/password-resets', { email });
      return t('account.resetRequested');
    });
  };

  return (
    <PublicFrame title={t('account.forgotTitle')}>
      <form onSubmit={submit} noValidate>
        <p>{t('account.forgotIntro')}</p>
        <Field
          label={t('account.email')}
          type="email"
          name="email"
          autoComplete="username"
          required
          value={email}
          error={form.errors.email}
          onInput={(event) => setEmail((event.target as HTMLInputElement).value)}
        />
        <button type="submit" class="button button-primary" disabled={form.isBusy}>
          {t('account.sendResetLink')}
        </button>
        <FormResult outcome={form.outcome} />
      </form>
    </PublicFrame>
  );
}
