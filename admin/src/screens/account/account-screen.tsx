import { api } from '../../api.ts';
import { t } from '../../i18n.ts';
import type { RouteProps } from '../../routes.tsx';
import { useSession } from '../../session.tsx';
import { roleName } from '../people/role-options.ts';
import { useFormAction } from '../settings/form-action.ts';
import { FormResult } from '../settings/form-result.tsx';
import { TotpSection } from './totp-section.tsx';
import './account.css';

/** Your account: who you are signed in as, two-factor sign-in, and signing out of every browser. */
export function AccountScreen(_props: RouteProps) {
  const { session, signOut } = useSession();
  const form = useFormAction();

  const signOutEverywhere = () => {
    if (!confirm(t('account.confirmSignOutEverywhere'))) return;
    void form.run(async () => {
      await api('DELETE', '/sessions');
      await signOut();
      return undefined;
    });
  };

  return (
    <>
      <h1>{t('account.title')}</h1>
      <section class="account-section" aria-labelledby="profile-heading">
        <h2 id="profile-heading">{t('account.profileHeading')}</h2>
        <dl class="account-facts">
          <dt>{t('account.name')}</dt>
          <dd>{session.staff.name}</dd>
          <dt>{t('account.email')}</dt>
          <dd>
            <bdi>{session.staff.email}</bdi>
          </dd>
          <dt>{t('account.role')}</dt>
          <dd>{roleName(session.staff.role)}</dd>
        </dl>
      </section>
      <TotpSection />
      <section class="account-section" aria-labelledby="sessions-heading">
        <h2 id="sessions-heading">{t('account.sessionsHeading')}</h2>
        <p>{t('account.sessionsText')}</p>
        <button type="button" class="button button-danger" disabled={form.isBusy} onClick={signOutEverywhere}>
          {t('common.signOutEverywhere')}
        </button>
        <FormResult outcome={form.outcome} />
      </section>
    </>
  );
}
