import { escapeXml } from '../lib/xml.ts';
/**
 * Writing sitemap XML (https://www.sitemaps.org/protocol.html) and its Google News extension
 * (https://developers.google.com/search/docs/crawling-indexing/sitemaps/news-sitemap).
 */

export const SITEMAP_NS = 'http://www.sitemaps.org/schemas/sitemap/0.9';
export const NEWS_NS = 'http://www.google.com/schemas/sitemap-news/0.9';

export { escapeXml };

/**
 * A W3C Datetime (https://www.w3.org/TR/NOTE-datetime) in UTC to the second.
 *
 * @example
 * w3cDateTime(new Date('2026-11-25T09:00:00.123Z')) // '2026-11-25T09:00:00+00:00'
 */
export const w3cDateTime = (date: Date): string => date.toISOString().replace(/\.\d{3}Z$/, '+00:00');

/** The newest of some dates, or undefined when there are none. */
export function newest(dates: Iterable<Date | undefined>): Date | undefined {
  let latest: Date | undefined;
  for (const date of dates) if (date && (!latest || date > latest)) latest = date;
  return latest;
}

export type SitemapUrl = {
  loc: string;
  lastModified?: Date | undefined;
  news?: { publicationName: string; language: string; publishedAt: Date; title: string };
};

export type SitemapRef = { loc: string; lastModified?: Date | undefined };

const lastmod = (date: Date | undefined): string => (date ? `<lastmod>${w3cDateTime(date)}</lastmod>` : '');

function newsElement(news: NonNullable<SitemapUrl['news']>): string {
  return (
    '<news:news><news:publication>' +
    `<news:name>${escapeXml(news.publicationName)}</news:name>` +
    `<news:language>${escapeXml(news.language)}</news:language>` +
    '</news:publication>' +
    `<news:publication_date>${w3cDateTime(news.publishedAt)}</news:publication_date>` +
    `<news:title>${escapeXml(news.title)}</news:title>` +
    '</news:news>'
  );
}

/**
 * A `<urlset>`; declares the news namespace only when an entry uses it.
 *
 * @example
 * renderUrlset([{ loc: 'https://news.example/about/', lastModified: new Date() }])
 */
export function renderUrlset(urls: SitemapUrl[]): string {
  const hasNews = urls.some((url) => url.news);
  const lines = urls.map(
    (url) =>
      `<url><loc>${escapeXml(url.loc)}</loc>${lastmod(url.lastModified)}${url.news ? newsElement(url.news) : ''}</url>`,
  );
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<urlset xmlns="${SITEMAP_NS}"${hasNews ? ` xmlns:news="${NEWS_NS}"` : ''}>`,
    ...lines,
    '</urlset>',
    '',
  ].join('\n');
}

/**
 * A `<sitemapindex>` naming child sitemaps.
 *
 * @example
 * renderSitemapIndex([{ loc: 'https://news.example/sitemaps/pages.xml', lastModified: new Date() }])
 */
export function renderSitemapIndex(sitemaps: SitemapRef[]): string {
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<sitemapindex xmlns="${SITEMAP_NS}">`,
    ...sitemaps.map(
      (ref) => `<sitemap><loc>${escapeXml(ref.loc)}</loc>${lastmod(ref.lastModified)}</sitemap>`,
    ),
    '</sitemapindex>',
    '',
  ].join('\n');
}

/**
 * The language of a Google News entry: an ISO 639 code of 2 or 3 letters, except `zh-cn` and
 * `zh-tw` for Chinese in simplified and traditional script. Falls back to `fallback`, then `und`.
 *
 * @example
 * newsLanguage('en-GB') // 'en'
 * newsLanguage('zh-HK') // 'zh-tw'
 */
export function newsLanguage(tag: string, fallback = 'und'): string {
  let locale: Intl.Locale;
  try {
    locale = new Intl.Locale(tag);
  } catch {
    return tag === fallback ? 'und' : newsLanguage(fallback);
  }
  if (locale.language === 'zh') return locale.maximize().script === 'Hant' ? 'zh-tw' : 'zh-cn';
  if (/^[a-z]{2,3}$/.test(locale.language)) return locale.language;
  return tag === fallback ? 'und' : newsLanguage(fallback);
}
