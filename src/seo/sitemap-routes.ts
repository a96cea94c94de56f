import type { FastifyInstance } from 'fastify';
import { NotFoundError } from '../lib/errors.ts';
import { registerCachedGet } from '../lib/http/cached-routes.ts';
import type { PageInput } from '../lib/http/page-cache.ts';
import type { SiteContext } from '../site/site-context.ts';
import type { Urls } from '../site/urls.ts';
import {
  buildArticleSitemap,
  buildNamedSitemap,
  buildNewsSitemap,
  buildSitemapIndex,
  namedSitemapPath,
  namedSitemaps,
  type SitemapDocument,
} from './sitemaps.ts';

const XML = 'application/xml; charset=utf-8';
/** Sitemaps change with every article: keyed on `sitemaps`, plus `settings` (permalink pattern, title). */
const SITEMAP_KEYS = ['sitemaps', 'settings'];

/** A page number as written in a file name: digits without a leading zero, so one URL per page. */
const pageNumber = (text: string): number => (/^[1-9]\d{0,8}$/.test(text) ? Number(text) : 0);

function xmlPage(sitemap: SitemapDocument | undefined, keys: string[]): PageInput {
  if (!sitemap) throw new NotFoundError('sitemap');
  return { body: sitemap.xml, contentType: XML, keys, lastModified: sitemap.lastModified ?? null };
}

/**
 * robots.txt (RFC 9309): crawl everything but the newsroom, its API and search results (endless,
 * thin pages), and name the sitemaps with absolute URLs as the sitemap protocol asks.
 *
 * @example
 * robotsTxt({ urls }) // 'User-agent: *\nDisallow: /admin/\n…Sitemap: https://news.example/sitemap.xml\n…'
 */
export function robotsTxt({ urls }: { urls: Urls }): string {
  return [
    'User-agent: *',
    'Disallow: /admin/',
    'Disallow: /api/admin/',
    // `$` ends the match (RFC 9309 §2.2.3), so a page whose slug starts with "search" stays crawlable.
    'Disallow: /search$',
    'Disallow: /search?',
    'Allow: /',
    '',
    `Sitemap: ${urls.absolute('/sitemap.xml')}`,
    `Sitemap: ${urls.absolute('/news-sitemap.xml')}`,
    '',
  ].join('\n');
}

/**
 * `/sitemap.xml` (index), `/sitemaps/articles-N.xml` (50,000 articles each), `/sitemaps/pages.xml`,
 * `categories.xml`, `tags.xml`, `authors.xml`, `/news-sitemap.xml` and `/robots.txt`, all through
 * the page cache.
 *
 * @example
 * registerSeoRoutes(app, ctx);
 */
export function registerSeoRoutes(app: FastifyInstance, ctx: SiteContext): void {
  const { services, urls, cache } = ctx;

  registerCachedGet(app, cache, '/sitemap.xml', async () =>
    xmlPage(await buildSitemapIndex({ services, urls }), [...SITEMAP_KEYS, 'sections']),
  );

  registerCachedGet<{ page: string }>(app, cache, '/sitemaps/articles-:page.xml', async (request) =>
    xmlPage(
      await buildArticleSitemap({ services, urls, page: pageNumber(request.params.page) }),
      SITEMAP_KEYS,
    ),
  );

  for (const name of namedSitemaps) {
    const keys = name === 'categories' ? [...SITEMAP_KEYS, 'sections'] : SITEMAP_KEYS;
    registerCachedGet(app, cache, namedSitemapPath(name), async () =>
      xmlPage(await buildNamedSitemap({ services, urls, name }), keys),
    );
  }

  // Cached until an article changes: on a quiet site an entry may outlive its 48 hours, which
  // Google tolerates (older entries are simply not shown in Google News).
  registerCachedGet(app, cache, '/news-sitemap.xml', async () =>
    xmlPage(await buildNewsSitemap({ services, urls, now: new Date() }), SITEMAP_KEYS),
  );

  registerCachedGet(app, cache, '/robots.txt', async () => ({
    body: robotsTxt({ urls }),
    contentType: 'text/plain; charset=utf-8',
    keys: ['settings'],
  }));
}
