import type { FastifyInstance, FastifyRequest } from 'fastify';
import { NotFoundError } from '../lib/errors.ts';
import { registerCachedGet } from '../lib/http/cached-routes.ts';
import type { PageInput } from '../lib/http/page-cache.ts';
import { MAX_PAGE } from '../lib/pagination.ts';
import type { SiteContext } from '../site/site-context.ts';
import { renderSitePage } from '../site/site-page.tsx';
import { type SearchLinks, SearchPage, searchHeading } from './views/search-page.tsx';

type SearchRequest = FastifyRequest<{ Params: { page?: string }; Querystring: Record<string, unknown> }>;

/** `/search/page/3/` → 3; page 1 lives at `/search`, and anything else is not a page. */
function pageNumber(raw: string | undefined): number {
  if (raw === undefined) return 1;
  const page = /^\d{1,6}$/.test(raw) ? Number(raw) : Number.NaN;
  if (!(page >= 2 && page <= MAX_PAGE)) throw new NotFoundError('page', 'There is no such page of results.');
  return page;
}

/** `?q=a&q=b` sends two values: the first one is the search. */
const queryOf = (request: SearchRequest): unknown => {
  const q = request.query.q;
  return Array.isArray(q) ? q[0] : q;
};

/**
 * `GET /search?q=…` and `GET /search/page/N/?q=…`: ranked full-text search of published articles.
 * Any input gives a page (a message when there is nothing to search or too much), cached per URL
 * until an article changes (`search`) and kept out of search engines' indexes.
 */
export function registerSearchRoutes(app: FastifyInstance, ctx: SiteContext): void {
  const { services, urls } = ctx;

  const pageUrl = (query: string, page: number): string => {
    const q = query === '' ? '' : `?q=${encodeURIComponent(query)}`;
    return page <= 1 ? `${urls.home()}search${q}` : `${urls.home()}search/page/${page}/${q}`;
  };

  const render = async (request: SearchRequest): Promise<PageInput> => {
    const page = pageNumber(request.params.page);
    const site = await services.settings.get();
    const tr = ctx.i18n.forLanguage(site.locale);
    const result = await services.search.search({
      query: queryOf(request),
      page,
      limit: site.articlesPerPage,
    });
    const text = result.kind === 'tooLong' ? '' : result.query.text;
    const links: SearchLinks =
      result.kind === 'results'
        ? {
            prev: result.pagination.prev ? pageUrl(text, result.pagination.prev) : null,
            next: result.pagination.next ? pageUrl(text, result.pagination.next) : null,
          }
        : { prev: null, next: null };
    const heading = searchHeading(result, tr);
    const pageOf =
      result.kind === 'results' && page > 1
        ? ` (${tr.t('search.pageOf', { page, pages: result.pagination.pages })})`
        : '';
    const hits = result.kind === 'results' ? result.hits : [];
    return renderSitePage(ctx, {
      page: {
        title: `${heading}${pageOf} | ${site.title}`,
        canonical: pageUrl(text, page),
        tr,
        isNoIndex: true,
        ...links,
      },
      keys: ['search', ...hits.map((hit) => `article:${hit.id}`)],
      body: <SearchPage result={result} links={links} site={site} urls={urls} tr={tr} />,
    });
  };

  // Results are cached per query: `q` is part of the cache key, other parameters are not.
  registerCachedGet(app, ctx.cache, '/search', render, { queryKeys: ['q'] });
  registerCachedGet(app, ctx.cache, '/search/page/:page/', render, { queryKeys: ['q'] });
}
