import { z } from 'zod';
import { urlOrPathSchema } from '../lib/url-schemas.ts';

export const feedContents = ['full', 'excerpt'] as const;
export type FeedContent = (typeof feedContents)[number];

/** Site-wide settings the newsroom can change at run time (stored in the `settings` table). */
export type Settings = {
  title: string;
  description: string;
  locale: string;
  timezone: string;
  permalink: string;
  articlesPerPage: number;
  logoUrl: string | null;
  /** What feeds carry for each article: the whole body, or only the standfirst. */
  feedContent: FeedContent;
};

export const defaultSettings: Settings = {
  title: 'Masthead',
  description: 'News, published with Masthead.',
  locale: 'en',
  timezone: 'UTC',
  permalink: '/{yyyy}/{mm}/{slug}/',
  articlesPerPage: 10,
  logoUrl: null,
  feedContent: 'full',
};

const isLanguageTag = (value: string): boolean => {
  try {
    return Intl.getCanonicalLocales(value).length === 1;
  } catch {
    return false;
  }
};

const isTimeZone = (value: string): boolean => {
  try {
    new Intl.DateTimeFormat('en', { timeZone: value });
    return true;
  } catch {
    return false;
  }
};

/** A BCP 47 language tag, canonicalised ("EN-gb" → "en-GB"). */
export const languageTagSchema = z
  .string()
  .trim()
  .max(35)
  .refine(isLanguageTag, { message: 'must be a BCP 47 language tag such as "en", "en-GB" or "ar"' })
  .transform((value) => Intl.getCanonicalLocales(value)[0] as string);

const permalinkTokens = ['{yyyy}', '{mm}', '{dd}', '{slug}', '{category}'];

export const permalinkSchema = z
  .string()
  .trim()
  .max(200)
  .refine((value) => value.startsWith('/') && value.endsWith('/') && value.includes('{slug}'), {
    message: 'must start and end with "/" and contain {slug}, e.g. "/{yyyy}/{mm}/{slug}/"',
  })
  .refine((value) => (value.match(/\{[^}]*\}/g) ?? []).every((token) => permalinkTokens.includes(token)), {
    message: `may only use the tokens ${permalinkTokens.join(', ')}`,
  })
  .refine((value) => !/[?#\s]/.test(value), { message: 'must not contain spaces, "?" or "#"' })
  .refine((value) => value !== '/{slug}/', {
    message: 'must hold more than {slug}: "/{slug}/" is where pages live (try "/{yyyy}/{mm}/{slug}/")',
  });

/** The JSON shape of settings in the Admin and Content APIs (snake_case, all optional on update). */
export const settingsUpdateSchema = z.strictObject({
  title: z.string().trim().min(1).max(200).optional(),
  description: z.string().trim().max(1000).optional(),
  locale: languageTagSchema.optional(),
  timezone: z
    .string()
    .trim()
    .refine(isTimeZone, { message: 'must be an IANA time zone such as "Europe/London" or "UTC"' })
    .optional(),
  permalink: permalinkSchema.optional(),
  articles_per_page: z.number().int().min(1).max(100).optional(),
  logo_url: urlOrPathSchema.nullable().optional(),
  feed_content: z.enum(feedContents).optional(),
});

export type SettingsUpdateInput = z.output<typeof settingsUpdateSchema>;
