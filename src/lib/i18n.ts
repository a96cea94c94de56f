import i18next, { type TFunction } from 'i18next';
import { ar } from '../locales/ar.ts';
import { en } from '../locales/en.ts';
import { fr } from '../locales/fr.ts';

const catalogs = { en, ar, fr };
export type UiLanguage = keyof typeof catalogs;
export const uiLanguages = Object.keys(catalogs) as UiLanguage[];

/** Scripts written right to left (Arabic, Persian, Hebrew, Urdu and their neighbours). */
const rtlLanguages = new Set(['ar', 'fa', 'he', 'ur', 'ps', 'sd', 'ug', 'yi', 'dv', 'ckb', 'iw']);

/** `rtl` for a BCP 47 tag whose language is written right to left, else `ltr`. */
export const textDirection = (languageTag: string): 'rtl' | 'ltr' =>
  rtlLanguages.has(languageTag.toLowerCase().split('-')[0] ?? '') ? 'rtl' : 'ltr';

export type Translator = { t: TFunction; language: UiLanguage; dir: 'rtl' | 'ltr'; locale: string };

export type I18n = ReturnType<typeof createI18n>;

const MEMO_LIMIT = 2000;

/**
 * `t` remembering what it returned: the catalogs never change while the process runs, and a page
 * asks for the same few dozen words on every render, each a walk through i18next's resolver.
 * Only keys with no options or options of plain values are remembered.
 */
function rememberingT(t: TFunction): TFunction {
  const known = new Map<string, string>();
  const translate = t as unknown as (key: unknown, options?: unknown) => unknown;
  const remembered = (key: unknown, options?: unknown): unknown => {
    let id: string | null = null;
    if (typeof key === 'string') {
      if (options === undefined) id = key;
      else if (isPlainValues(options)) id = `${key}\u0000${JSON.stringify(options)}`;
    }
    if (id === null) return translate(key, options);
    const text = known.get(id);
    if (text !== undefined) return text;
    const translated = translate(key, options);
    if (typeof translated === 'string') {
      if (known.size >= MEMO_LIMIT) known.clear();
      known.set(id, translated);
    }
    return translated;
  };
  return remembered as unknown as TFunction;
}

const isPlainValues = (options: unknown): boolean =>
  typeof options === 'object' &&
  options !== null &&
  Object.getPrototypeOf(options) === Object.prototype &&
  Object.values(options).every((v) => ['string', 'number', 'boolean'].includes(typeof v));

/**
 * The site's own words in every catalog, chosen by a page's language: "More Articles" on an
 * English page, "مقالات أخرى" on an Arabic one. Unknown languages fall back to English words while
 * the page keeps its own `lang` and `dir`. Values are not HTML-escaped here: the views escape.
 *
 * @example
 * const { t, dir } = createI18n().forLanguage('ar');
 * t('article.moreArticles') // 'مقالات أخرى'
 */
export function createI18n() {
  const instance = i18next.createInstance();
  instance.init({
    resources: Object.fromEntries(
      Object.entries(catalogs).map(([lng, catalog]) => [lng, { translation: catalog }]),
    ),
    fallbackLng: 'en',
    interpolation: { escapeValue: false },
    initAsync: false,
    returnNull: false,
  });
  const translators = new Map<string, Translator>();
  return {
    forLanguage(languageTag: string): Translator {
      let translator = translators.get(languageTag);
      if (!translator) {
        const base = (languageTag.toLowerCase().split('-')[0] ?? 'en') as UiLanguage;
        const language = uiLanguages.includes(base) ? base : 'en';
        translator = {
          t: rememberingT(instance.getFixedT(language)),
          language,
          dir: textDirection(languageTag),
          locale: languageTag,
        };
        translators.set(languageTag, translator);
      }
      return translator;
    },
  };
}
