import type { SelectOption } from '../../components/select-field.tsx';
import { language, t } from '../../i18n.ts';
import type { SettingGroup } from './settings-form.tsx';

/** The site's words exist in these languages; any other BCP 47 tag falls back to English words. */
const siteLanguages = ['en', 'ar', 'fr'];

/** `Intl` lists every IANA zone but "UTC" itself, which is the default. */
function timeZoneOptions(current: string): SelectOption[] {
  const zones = new Set(['UTC', ...Intl.supportedValuesOf('timeZone')]);
  if (current) zones.add(current);
  return [...zones].map((zone) => ({ value: zone, label: zone.replaceAll('_', ' ') }));
}

function languageOptions(current: string): SelectOption[] {
  const names = new Intl.DisplayNames([language], { type: 'language' });
  const tags = siteLanguages.includes(current) || !current ? siteLanguages : [...siteLanguages, current];
  return tags.map((tag) => ({ value: tag, label: `${names.of(tag) ?? tag} (${tag})` }));
}

/** Site: name, description, logo, and the address (from SITE_URL, read-only). */
export const siteGroups = (): SettingGroup[] => [
  {
    fields: [
      { key: 'title', label: t('settings.title'), kind: 'text' },
      { key: 'description', label: t('settings.description'), kind: 'textarea' },
      {
        key: 'logo_url',
        label: t('settings.logoUrl'),
        hint: t('settings.logoUrlHint'),
        kind: 'text',
        inputMode: 'url',
        isNullable: true,
        dir: 'ltr',
      },
      {
        key: 'url',
        label: t('settings.siteUrl'),
        hint: t('settings.siteUrlHint'),
        kind: 'text',
        isReadOnly: true,
        dir: 'ltr',
      },
    ],
  },
];

/** Language of the public site and the time zone its dates and digests follow. */
export const localeGroups = (stored: { locale: string; timezone: string }): SettingGroup[] => [
  {
    fields: [
      {
        key: 'locale',
        label: t('settings.locale'),
        hint: t('settings.localeHint'),
        kind: 'select',
        options: languageOptions(stored.locale),
      },
      {
        key: 'timezone',
        label: t('settings.timezone'),
        hint: t('settings.timezoneHint'),
        kind: 'select',
        options: timeZoneOptions(stored.timezone),
      },
    ],
  },
];

/** Where articles live: the permalink pattern. */
export const permalinkGroups = (): SettingGroup[] => [
  {
    fields: [
      {
        key: 'permalink',
        label: t('settings.permalink'),
        hint: t('settings.permalinkHint'),
        kind: 'text',
        dir: 'ltr',
      },
    ],
  },
];

/** Lists and feeds: articles per page, and whether feeds carry whole articles. */
export const readingGroups = (): SettingGroup[] => [
  {
    fields: [
      { key: 'articles_per_page', label: t('settings.articlesPerPage'), kind: 'number', min: 1, max: 100 },
      {
        key: 'feed_content',
        label: t('settings.feedContent'),
        kind: 'select',
        options: [
          { value: 'full', label: t('settings.feedFull') },
          { value: 'excerpt', label: t('settings.feedExcerpt') },
        ],
      },
    ],
  },
];

/**
 * What an article's address looks like under `pattern`.
 *
 * @example
 * permalinkExample('https://news.example', '/{yyyy}/{mm}/{slug}/') // https://news.example/2026/03/harbour-reopens/
 */
export function permalinkExample(siteUrl: string, pattern: string, now = new Date()): string {
  const two = (value: number) => String(value).padStart(2, '0');
  const path = pattern
    .replaceAll('{yyyy}', String(now.getFullYear()))
    .replaceAll('{mm}', two(now.getMonth() + 1))
    .replaceAll('{dd}', two(now.getDate()))
    .replaceAll('{slug}', 'harbour-reopens')
    .replaceAll('{category}', 'news');
  return `${siteUrl.replace(/\/+$/, '')}${path}`;
}
