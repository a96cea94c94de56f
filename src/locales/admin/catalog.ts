import { account } from './account.ts';
import { articles } from './articles.ts';
import { audit } from './audit.ts';
import { comments } from './comments.ts';
import { common } from './common.ts';
import { dashboard } from './dashboard.ts';
import { editor } from './editor.ts';
import { login } from './login.ts';
import { media } from './media.ts';
import { newsletters } from './newsletters.ts';
import { people } from './people.ts';
import { settings } from './settings.ts';
import { subscribers } from './subscribers.ts';
import { taxonomy } from './taxonomy.ts';
import { tokens } from './tokens.ts';

/**
 * The newsroom's own words, one area per file, each file holding its English (complete), Arabic
 * and French words. Keys are `area.key`; plurals use i18next's `_one`/`_other` suffixes and
 * `{{name}}` placeholders, like the site's catalog.
 */
const areas = {
  common,
  login,
  dashboard,
  articles,
  editor,
  media,
  comments,
  subscribers,
  newsletters,
  people,
  taxonomy,
  tokens,
  settings,
  audit,
  account,
};

export const adminLanguages = ['en', 'ar', 'fr'] as const;
export type AdminLanguage = (typeof adminLanguages)[number];
export type AdminArea = keyof typeof areas;
export type AreaWords = Record<AdminLanguage, Record<string, string>> & { en: Record<string, string> };

/** Every `area.key` of one language, English filling what a language lacks. */
export function adminCatalog(language: AdminLanguage): Record<string, string> {
  const flat: Record<string, string> = {};
  for (const [area, words] of Object.entries(areas) as [string, AreaWords][]) {
    for (const [key, text] of Object.entries({ ...words.en, ...words[language] }))
      flat[`${area}.${key}`] = text;
  }
  return flat;
}

/** The keys English has and `language` lacks (the catalog test wants none). */
export function missingAdminWords(language: AdminLanguage): string[] {
  const missing: string[] = [];
  for (const [area, words] of Object.entries(areas) as [string, AreaWords][]) {
    for (const key of Object.keys(words.en)) if (!(key in words[language])) missing.push(`${area}.${key}`);
  }
  return missing;
}
