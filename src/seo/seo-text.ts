import type { ArticleView } from '../articles/article.ts';

const graphemes = new Intl.Segmenter('und', { granularity: 'grapheme' });

/**
 * Text cut to at most `max` UTF-16 units with an ellipsis, never inside a grapheme (an emoji or a
 * letter with its marks) and, where one is near, at a word boundary.
 *
 * @example
 * clip('Harbour bridge vote delayed again', 20) // 'Harbour bridge vote…'
 */
export function clip(text: string, max: number): string {
  const clean = text.replace(/\s+/g, ' ').trim();
  if (clean.length <= max) return clean;
  let cut = '';
  for (const { segment } of graphemes.segment(clean)) {
    if (cut.length + segment.length > max - 1) break;
    cut += segment;
  }
  const space = cut.lastIndexOf(' ');
  if (space >= cut.length * 0.7) cut = cut.slice(0, space);
  return `${cut.trimEnd()}…`;
}

/**
 * What an article is about, for search results and sharing: its SEO description, else its
 * standfirst, else the start of its text; empty only when the article has no text at all.
 *
 * @example
 * articleDescription(article) // 'The council postponed the vote.'
 */
export const articleDescription = (article: ArticleView): string =>
  clip(article.seoDescription || article.standfirst || article.bodyText, 300);

/**
 * An OpenGraph locale (`language_TERRITORY`, https://ogp.me/#optional) from a BCP 47 tag, with the
 * likely territory when the tag names none ("ar" → "ar_EG").
 *
 * @example
 * ogLocale('en-GB') // 'en_GB'
 */
export function ogLocale(tag: string): string {
  let known = ogLocales.get(tag);
  if (known === undefined) {
    known = maximizedLocale(tag);
    // Tags come from settings and articles: few, but bounded all the same.
    if (ogLocales.size >= 1000) ogLocales.clear();
    ogLocales.set(tag, known);
  }
  return known;
}

/** Maximizing a locale walks CLDR's likely-subtags data: once per tag is enough. */
const ogLocales = new Map<string, string>();

function maximizedLocale(tag: string): string {
  try {
    const locale = new Intl.Locale(tag).maximize();
    return locale.region ? `${locale.language}_${locale.region}` : locale.language;
  } catch {
    return 'en_US';
  }
}
