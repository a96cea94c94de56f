import { api } from '../../api.ts';
import { t } from '../../i18n.ts';
import { LinkPasswordScreen } from './link-password-screen.tsx';

/**
 * `/admin/reset-password#token=…` (signed out): a new password, typed twice. Every session of the
 * account ends; the new password signs in.
 */
export function ResetPasswordScreen() {
  return (
    <LinkPasswordScreen
      title={t('account.resetTitle')}
      submitLabel={t('account.setPassword')}
      send={async (token, password) => {
        await api('POST', `/password-resets/${encodeURIComponent(token)}`, { password });
        return t('account.passwordChanged');
      }}
    />
  );
}
