import { api } from '../../api.ts';
import { t } from '../../i18n.ts';
import { SettingsForm } from './settings-form.tsx';
import type { SiteSettings } from './settings-types.ts';
import {
  localeGroups,
  permalinkExample,
  permalinkGroups,
  readingGroups,
  siteGroups,
} from './site-settings-specs.ts';

/**
 * The site's own settings (`PATCH /api/admin/settings`) in four sections, each saved on its own:
 * site, language and time zone, permalinks, lists and feeds.
 */
export function SiteSections(props: { settings: SiteSettings }) {
  const stored = props.settings as unknown as Record<string, unknown>;
  const save = async (changes: Record<string, unknown>) => {
    const { settings } = await api<{ settings: SiteSettings }>('PATCH', '/settings', { settings: changes });
    return settings as unknown as Record<string, unknown>;
  };
  const common = { stored, save, fieldPrefix: 'settings.' };
  return (
    <>
      <SettingsForm id="site" heading={t('settings.siteHeading')} groups={siteGroups()} {...common} />
      <SettingsForm
        id="locale"
        heading={t('settings.localeHeading')}
        groups={localeGroups(props.settings)}
        {...common}
      />
      <SettingsForm
        id="permalinks"
        heading={t('settings.permalinksHeading')}
        groups={permalinkGroups()}
        {...common}
        footer={(values) => (
          <p class="hint settings-example">
            {t('settings.permalinkExample')}{' '}
            <code dir="ltr">{permalinkExample(props.settings.url, String(values.permalink ?? ''))}</code>
          </p>
        )}
      />
      <SettingsForm
        id="reading"
        heading={t('settings.readingHeading')}
        groups={readingGroups()}
        {...common}
      />
    </>
  );
}
