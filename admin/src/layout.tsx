import type { ComponentChildren } from 'preact';
import { type AdminLanguage, adminLanguages, language, switchLanguage, t } from './i18n.ts';
import { Link, useLocation } from './router.tsx';
import { isAtLeast, type StaffRole, useSession } from './session.tsx';

type NavItem = { href: string; label: string; role: StaffRole };

const navigation = (): NavItem[] => [
  { href: '/', label: t('common.navDashboard'), role: 'contributor' },
  { href: '/articles', label: t('common.navArticles'), role: 'contributor' },
  { href: '/comments', label: t('common.navComments'), role: 'editor' },
  { href: '/subscribers', label: t('common.navSubscribers'), role: 'editor' },
  { href: '/newsletters', label: t('common.navNewsletters'), role: 'editor' },
  { href: '/media', label: t('common.navMedia'), role: 'contributor' },
  { href: '/people', label: t('common.navPeople'), role: 'editor' },
  { href: '/categories', label: t('common.navCategories'), role: 'editor' },
  { href: '/tags', label: t('common.navTags'), role: 'author' },
  { href: '/tokens', label: t('common.navTokens'), role: 'administrator' },
  { href: '/settings', label: t('common.navSettings'), role: 'administrator' },
  { href: '/audit', label: t('common.navAudit'), role: 'administrator' },
];

const languageNames: Record<AdminLanguage, string> = { en: 'English', ar: 'العربية', fr: 'Français' };
const roleWord = (role: StaffRole) => t(`common.role${role[0]?.toUpperCase()}${role.slice(1)}`);

/** The frame of every signed-in screen: skip link, navigation, who is signed in, and the screen. */
export function Layout(props: { children: ComponentChildren }) {
  const { session, signOut } = useSession();
  const { path } = useLocation();
  const isCurrent = (href: string) =>
    href === '/' ? path === '/' : path === href || path.startsWith(`${href}/`);
  return (
    <div class="frame">
      <a class="skip-link" href="#main">
        {t('common.skipToContent')}
      </a>
      <header class="topbar">
        <Link href="/" class="brand">
          {t('common.appName')}
        </Link>
        <p class="who">
          {t('common.signedInAs', { name: session.staff.name, role: roleWord(session.staff.role) })}
        </p>
        <div class="topbar-actions">
          <label class="language">
            <span>{t('common.language')}</span>
            <select
              value={language}
              onChange={(event) => switchLanguage((event.target as HTMLSelectElement).value as AdminLanguage)}
            >
              {adminLanguages.map((code) => (
                <option value={code} lang={code} key={code}>
                  {languageNames[code]}
                </option>
              ))}
            </select>
          </label>
          <Link href="/account" class="button button-quiet">
            {t('account.navLink')}
          </Link>
          <a href="/" class="button button-quiet">
            {t('common.viewSite')}
          </a>
          <button type="button" class="button button-quiet" onClick={() => void signOut()}>
            {t('common.signOut')}
          </button>
        </div>
      </header>
      <nav class="sidebar" aria-label={t('common.mainNavigation')}>
        <ul>
          {navigation()
            .filter((item) => isAtLeast(session.staff, item.role))
            .map((item) => (
              <li key={item.href}>
                <Link href={item.href} aria-current={isCurrent(item.href) ? 'page' : undefined}>
                  {item.label}
                </Link>
              </li>
            ))}
        </ul>
      </nav>
      <main id="main" tabIndex={-1}>
        {props.children}
      </main>
    </div>
  );
}
