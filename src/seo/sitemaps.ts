import type { Services } from '../services.ts';
import type { Urls } from '../site/urls.ts';
import { newest, newsLanguage, renderSitemapIndex, renderUrlset, type SitemapUrl } from './sitemap-xml.ts';

/** The sitemap protocol's limit per file (https://www.sitemaps.org/protocol.html#index). */
export const MAX_SITEMAP_URLS = 50_000;
/** Google News: at most 1,000 URLs, published in the last two days. */
export const MAX_NEWS_URLS = 1_000;
export const NEWS_WINDOW_MS = 48 * 60 * 60 * 1000;
/** More stories than any front page shows, so that its lastmod sees every one of them. */
const HOME_STORIES = 100;

export type SitemapSource = { services: Services; urls: Urls };

/** A rendered sitemap and the newest change it lists (for `Last-Modified`). */
export type SitemapDocument = { xml: string; lastModified: Date | undefined };

/** The child sitemaps besides the numbered article ones, by file name under `/sitemaps/`. */
export const namedSitemaps = ['pages', 'categories', 'tags', 'authors'] as const;
export type NamedSitemap = (typeof namedSitemaps)[number];

export const articleSitemapPath = (page: number): string => `/sitemaps/articles-${page}.xml`;
export const namedSitemapPath = (name: NamedSitemap): string => `/sitemaps/${name}.xml`;

const document = (urls: SitemapUrl[]): SitemapDocument | undefined =>
  urls.length === 0
    ? undefined
    : { xml: renderUrlset(urls), lastModified: newest(urls.map((url) => url.lastModified)) };

/** An article's lastmod: its last edit, or its publication if that is later (a back-dated import). */
const changedAt = (entry: { updatedAt: Date; publishedAt: Date }): Date =>
  new Date(Math.max(entry.updatedAt.getTime(), entry.publishedAt.getTime()));

/**
 * One numbered article sitemap (`page` from 1), oldest first so that a file's contents only change
 * when its articles do; undefined past the last one.
 *
 * @example
 * await buildArticleSitemap({ services, urls, page: 1, chunkSize: 50_000 })
 */
export async function buildArticleSitemap(
  options: SitemapSource & { page: number; chunkSize?: number },
): Promise<SitemapDocument | undefined> {
  const { services, urls, page, chunkSize = MAX_SITEMAP_URLS } = options;
  if (!Number.isSafeInteger(page) || page < 1) return undefined;
  const [site, { entries }] = await Promise.all([
    services.settings.get(),
    services.articles.sitemapListing({ kind: 'article', order: 'oldest', chunkSize, chunk: page - 1 }),
  ]);
  return document(
    entries.map((entry) => ({ loc: urls.article(entry, site), lastModified: changedAt(entry) })),
  );
}

/** Published pages, one file's worth: one slot of pages.xml is the home page's. */
const pageListing = (services: Services, chunk?: number) =>
  services.articles.sitemapListing({
    kind: 'page',
    order: 'oldest',
    chunkSize: MAX_SITEMAP_URLS - 1,
    ...(chunk === undefined ? {} : { chunk }),
  });

/** The front page shows the latest stories: it last changed when one of the latest did. */
async function homeLastModified(services: Services): Promise<Date | undefined> {
  const { entries } = await services.articles.sitemapListing({
    kind: 'article',
    order: 'newest',
    chunkSize: HOME_STORIES,
    chunk: 0,
  });
  return newest(entries.map(changedAt));
}

/** The home page (dated by its latest stories) and every published page. */
export async function buildPageSitemap(options: SitemapSource): Promise<SitemapDocument | undefined> {
  const { services, urls } = options;
  const [site, home, pages] = await Promise.all([
    services.settings.get(),
    homeLastModified(services),
    pageListing(services, 0),
  ]);
  return document([
    { loc: urls.home(), lastModified: home },
    ...pages.entries.map((entry) => ({ loc: urls.article(entry, site), lastModified: changedAt(entry) })),
  ]);
}

const archiveSitemaps = ['categories', 'tags', 'authors'] as const;
type ArchiveSitemap = (typeof archiveSitemaps)[number];

/**
 * Sections, tags and bylines, dated by their own last edit. (How recently an archive gained an
 * article would be a better date, but needs an aggregate the taxonomy and people services lack.)
 */
export async function buildArchiveSitemap(
  options: SitemapSource & { name: ArchiveSitemap },
): Promise<SitemapDocument | undefined> {
  const { services, urls, name } = options;
  const all = { page: 1, limit: MAX_SITEMAP_URLS };
  const terms =
    name === 'categories'
      ? (await services.taxonomy.categories.all()).slice(0, MAX_SITEMAP_URLS)
      : name === 'tags'
        ? (await services.taxonomy.tags.list(all)).tags
        : (await services.people.list(all)).people;
  const urlOf = name === 'categories' ? urls.category : name === 'tags' ? urls.tag : urls.author;
  return document(terms.map((term) => ({ loc: urlOf(term.slug), lastModified: term.updatedAt })));
}

/** A named child sitemap, or undefined when it would list nothing. */
export const buildNamedSitemap = (
  options: SitemapSource & { name: NamedSitemap },
): Promise<SitemapDocument | undefined> =>
  options.name === 'pages'
    ? buildPageSitemap(options)
    : buildArchiveSitemap({ ...options, name: options.name });

/**
 * The sitemap index: one numbered article sitemap per `chunkSize` published articles, then pages,
 * categories, tags and authors; an archive sitemap with nothing to list is left out. Each
 * `<lastmod>` is the newest change within that child. Reads only summaries of the article and page
 * listings, never their rows.
 *
 * @example
 * await buildSitemapIndex({ services, urls }) // <sitemapindex>…/sitemaps/articles-1.xml…
 */
export async function buildSitemapIndex(
  options: SitemapSource & { chunkSize?: number },
): Promise<SitemapDocument> {
  const { services, urls, chunkSize = MAX_SITEMAP_URLS } = options;
  const [articles, home, pages, ...archives] = await Promise.all([
    services.articles.sitemapListing({ kind: 'article', order: 'oldest', chunkSize }),
    homeLastModified(services),
    pageListing(services),
    ...archiveSitemaps.map((name) => buildArchiveSitemap({ services, urls, name })),
  ]);
  const refs = [
    ...articles.chunks.map((chunk, index) => ({
      loc: urls.absolute(articleSitemapPath(index + 1)),
      lastModified: chunk.lastModified,
    })),
    // Always listed: it holds the home page.
    {
      loc: urls.absolute(namedSitemapPath('pages')),
      lastModified: newest([home, ...pages.chunks.map((chunk) => chunk.lastModified)]),
    },
    ...archiveSitemaps.flatMap((name, index) => {
      const child = archives[index];
      return child ? [{ loc: urls.absolute(namedSitemapPath(name)), lastModified: child.lastModified }] : [];
    }),
  ];
  return { xml: renderSitemapIndex(refs), lastModified: newest(refs.map((ref) => ref.lastModified)) };
}

/**
 * The Google News sitemap: articles published in the 48 hours before `now`, newest first, at most
 * `limit` (1,000, https://developers.google.com/search/docs/crawling-indexing/sitemaps/news-sitemap).
 * With none, an empty `<urlset>`: the file robots.txt names should not vanish on a quiet weekend.
 *
 * @example
 * await buildNewsSitemap({ services, urls, now: new Date() })
 */
export async function buildNewsSitemap(
  options: SitemapSource & { now: Date; limit?: number },
): Promise<SitemapDocument> {
  const { services, urls, now, limit = MAX_NEWS_URLS } = options;
  const [site, { entries }] = await Promise.all([
    services.settings.get(),
    services.articles.sitemapListing({
      kind: 'article',
      order: 'newest',
      chunkSize: limit,
      chunk: 0,
      publishedSince: new Date(now.getTime() - NEWS_WINDOW_MS),
      withTitles: true,
    }),
  ]);
  const siteLanguage = newsLanguage(site.locale);
  const items: SitemapUrl[] = entries.map((entry) => ({
    loc: urls.article(entry, site),
    lastModified: changedAt(entry),
    news: {
      publicationName: site.title,
      language: newsLanguage(entry.language ?? site.locale, siteLanguage),
      publishedAt: entry.publishedAt,
      title: entry.title ?? '',
    },
  }));
  return { xml: renderUrlset(items), lastModified: newest(items.map((item) => item.lastModified)) };
}
