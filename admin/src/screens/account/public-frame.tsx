import type { ComponentChildren } from 'preact';
import { t } from '../../i18n.ts';
import { BASE } from '../../router.tsx';
import './account.css';

/**
 * The page around a signed-out screen (a mailed link, a forgotten password): one heading, the
 * form, and the way back to sign in.
 */
export function PublicFrame(props: { title: string; children: ComponentChildren }) {
  return (
    <main id="main" class="login account-public" tabIndex={-1}>
      <h1>{props.title}</h1>
      {props.children}
      <p class="account-links">
        <a href={`${BASE}/`}>{t('account.backToSignIn')}</a>
      </p>
    </main>
  );
}
