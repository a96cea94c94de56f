import { type AdminLanguage, adminCatalog, adminLanguages } from '../../src/locales/admin/catalog.ts';

const STORAGE_KEY = 'masthead-admin-language';
const RTL = new Set(['ar']);

/** `?lang=` (remembered), else what the browser prefers among the catalog's languages, else English. */
function chooseLanguage(): AdminLanguage {
  const isKnown = (tag: string | null | undefined): tag is AdminLanguage =>
    !!tag && (adminLanguages as readonly string[]).includes(tag);
  const asked = new URLSearchParams(location.search).get('lang');
  if (isKnown(asked)) {
    localStorage.setItem(STORAGE_KEY, asked);
    return asked;
  }
  const stored = localStorage.getItem(STORAGE_KEY);
  if (isKnown(stored)) return stored;
  for (const tag of navigator.languages) {
    const base = tag.toLowerCase().split('-')[0];
    if (isKnown(base)) return base;
  }
  return 'en';
}

export const language: AdminLanguage = chooseLanguage();
export const direction: 'rtl' | 'ltr' = RTL.has(language) ? 'rtl' : 'ltr';
const words = adminCatalog(language);
const plurals = new Intl.PluralRules(language);

type Values = Record<string, string | number>;

/**
 * The word for `area.key` in the newsroom's language, `{{name}}` placeholders filled; with a numeric
 * `count`, the `_one`/`_other` form the language's plural rules pick.
 *
 * @example
 * t('common.pageOf', { page: 2, pages: 9 })
 */
export function t(key: string, values: Values = {}): string {
  let text = words[key];
  if (typeof values.count === 'number')
    text = words[`${key}_${plurals.select(values.count)}`] ?? words[`${key}_other`] ?? text;
  if (text === undefined) return key;
  return text.replace(/\{\{(\w+)\}\}/g, (whole, name: string) =>
    values[name] === undefined ? whole : String(values[name]),
  );
}

/** Switches the newsroom's language (the page reloads so every screen uses it). */
export function switchLanguage(next: AdminLanguage): void {
  localStorage.setItem(STORAGE_KEY, next);
  const url = new URL(location.href);
  url.searchParams.delete('lang');
  location.assign(url);
}

const dateTimes = new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeStyle: 'short' });
const numbers = new Intl.NumberFormat(language);

/** A date and time in the newsroom's language (the browser's time zone). */
export const formatDateTime = (iso: string | null | undefined): string =>
  iso ? dateTimes.format(new Date(iso)) : '';
export const formatNumber = (value: number): string => numbers.format(value);

export { type AdminLanguage, adminLanguages };
