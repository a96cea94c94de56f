import { api } from '../api.ts';
import { Notice } from '../components/notice.tsx';
import { useLoaded } from '../components/use-loaded.ts';
import { t } from '../i18n.ts';
import type { RouteProps } from '../routes.tsx';
import { commentGroups } from './settings/comment-settings-specs.ts';
import { MailSection } from './settings/mail-section.tsx';
import { NavigationSection } from './settings/navigation-section.tsx';
import { SettingsForm } from './settings/settings-form.tsx';
import type { SiteSettings } from './settings/settings-types.ts';
import { SiteSections } from './settings/site-sections.tsx';
import './settings/settings.css';

const sections = [
  ['site', 'settings.siteHeading'],
  ['locale', 'settings.localeHeading'],
  ['permalinks', 'settings.permalinksHeading'],
  ['reading', 'settings.readingHeading'],
  ['navigation', 'settings.navigationHeading'],
  ['comments', 'settings.commentsHeading'],
  ['mail', 'settings.mailHeading'],
] as const;

/**
 * The newsroom's settings (administrators): each section is its own form with its own Save and
 * its own status, so a mistake in one never holds back another.
 */
export function SettingsScreen(_props: RouteProps) {
  const site = useLoaded(
    (signal) => api<{ settings: SiteSettings }>('GET', '/settings', undefined, { signal }),
    [],
  );
  const comments = useLoaded(
    (signal) =>
      api<{ settings: Record<string, unknown> }>('GET', '/comments/settings', undefined, { signal }),
    [],
  );
  const error = site.error || comments.error;

  return (
    <>
      <h1>{t('settings.screenTitle')}</h1>
      <nav class="settings-contents" aria-label={t('settings.contents')}>
        <ul>
          {sections.map(([id, key]) => (
            <li key={id}>
              <a href={`#settings-${id}`}>{t(key)}</a>
            </li>
          ))}
        </ul>
      </nav>
      {error ? <Notice kind="alert">{error}</Notice> : null}
      {!site.data || !comments.data ? <p class="loading">{t('common.loading')}</p> : null}
      {site.data ? <SiteSections settings={site.data.settings} /> : null}
      <NavigationSection />
      {comments.data ? (
        <SettingsForm
          id="comments"
          heading={t('settings.commentsHeading')}
          intro={t('settings.commentsIntro')}
          groups={commentGroups()}
          stored={comments.data.settings}
          save={async (changes) =>
            (await api<{ settings: Record<string, unknown> }>('PATCH', '/comments/settings', changes))
              .settings
          }
        />
      ) : null}
      <MailSection />
    </>
  );
}
