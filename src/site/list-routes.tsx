import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ArticleSummary } from '../articles/article.ts';
import { feedLinks } from '../articles/article-head.ts';
import type { ArticleFilter } from '../articles/article-service.ts';
import { NotFoundError } from '../lib/errors.ts';
import { registerCachedGet } from '../lib/http/cached-routes.ts';
import type { PageInput } from '../lib/http/page-cache.ts';
import { MAX_PAGE } from '../lib/pagination.ts';
import { organizationJsonLd, siteSharingMeta, webSiteJsonLd } from '../seo/structured-data.ts';
import type { SiteContext } from './site-context.ts';
import { renderSitePage } from './site-page.tsx';
import { ArchivePage, HomePage, type HomeSection } from './views/list-page.tsx';
import { type PaginationLinks, pageLabel, pageUrl } from './views/pagination.tsx';

const SECTION_BLOCK = 4;
/**
 * Lists count their articles only this many pages past the one shown: enough for "Page 2 of 7" in a
 * short list, while the first page of a section of 100,000 articles counts 11 pages, not all of it.
 */
const PAGES_COUNTED_AHEAD = 10;

/** `/page/3/` → 3; anything but a whole number from 2 up is not a page (404). */
function pageNumber(raw: string | undefined): number {
  if (raw === undefined) return 1;
  const page = /^\d{1,6}$/.test(raw) ? Number(raw) : Number.NaN;
  if (!(page >= 2 && page <= MAX_PAGE))
    throw new NotFoundError('page', 'There is no such page of this list.');
  return page;
}

const linksFor = (
  base: string,
  page: number,
  { pages, isCapped }: { pages: number; isCapped: boolean },
): PaginationLinks => ({
  page,
  pages: isCapped ? null : pages,
  prev: page > 1 ? pageUrl(base, page - 1) : null,
  next: page < pages ? pageUrl(base, page + 1) : null,
});

/** A list page changes with each article it shows and with each one's comment count. */
const articleKeys = (articles: ArticleSummary[]) =>
  articles.flatMap((a) => [`article:${a.id}`, `comments:${a.id}`]);

/** Home and the section, tag and author archives, each paginated at `/page/N/`. */
export function registerListRoutes(app: FastifyInstance, ctx: SiteContext): void {
  const { services, urls } = ctx;

  async function listPage(filter: ArticleFilter, page: number) {
    const site = await services.settings.get();
    const limit = site.articlesPerPage;
    const { articles, pagination, isTotalCapped } = await services.articles.listSummaries({
      kind: 'article',
      statuses: ['published'],
      filter,
      page: { page, limit },
      countUpTo: (page + PAGES_COUNTED_AHEAD) * limit,
    });
    // Counted at least to the end of this page: past the last page the count is exact and too small.
    if (page > pagination.pages) throw new NotFoundError('page', 'There is no such page of this list.');
    return {
      site,
      articles: await withCommentCounts(articles, site.locale),
      pages: { pages: pagination.pages, isCapped: isTotalCapped },
    };
  }

  /** Cards show how many approved comments each article has: one grouped query per list. */
  async function withCommentCounts(articles: ArticleSummary[], locale: string): Promise<ArticleSummary[]> {
    const counts = await ctx.comments.service.approvedCounts(articles.map((a) => a.id));
    const { t } = ctx.i18n.forLanguage(locale);
    return articles.map((a) => {
      const count = counts.get(a.id) ?? 0;
      return count > 0 ? { ...a, commentsLabel: t('comments.heading', { count }) } : a;
    });
  }

  const home = async (request: FastifyRequest<{ Params: { page?: string } }>): Promise<PageInput> => {
    const page = pageNumber(request.params.page);
    const { site, articles, pages } = await listPage({}, page);
    const tr = ctx.i18n.forLanguage(site.locale);
    const lead = page === 1 ? (articles.find((a) => a.isFeatured) ?? articles[0] ?? null) : null;
    const latest = articles.filter((a) => a !== lead);
    const sections: HomeSection[] = [];
    if (page === 1) {
      const tops = (await services.taxonomy.categories.all()).filter((c) => c.parentId === null);
      const shown = new Set(articles.map((a) => a.id));
      for (const section of tops) {
        const { articles: inSection } = await services.articles.listSummaries({
          kind: 'article',
          statuses: ['published'],
          filter: { category: section.id },
          page: { page: 1, limit: SECTION_BLOCK },
          isCounted: false,
          excludeIds: [...shown],
        });
        const fresh = await withCommentCounts(inSection, site.locale);
        if (fresh.length > 0)
          sections.push({ name: section.name, url: urls.category(section.slug), articles: fresh });
      }
    }
    const links = linksFor(urls.home(), page, pages);
    const images = await ctx.images.many(articles.map((a) => a.featuredImage?.url));
    return renderSitePage(ctx, {
      page: {
        title: page === 1 ? site.title : `${site.title} | ${pageLabel(tr, page, links.pages)}`,
        description: site.description,
        canonical: pageUrl(urls.home(), page),
        tr,
        feeds: feedLinks(site, urls),
        prev: links.prev,
        next: links.next,
        meta: siteSharingMeta({ site, urls }),
        jsonLd: page === 1 ? [organizationJsonLd({ site, urls }), webSiteJsonLd({ site, urls })] : [],
      },
      keys: ['home', ...articleKeys(articles), ...sections.flatMap((s) => articleKeys(s.articles))],
      body: (
        <HomePage
          lead={lead}
          latest={latest}
          sections={sections}
          links={links}
          site={site}
          urls={urls}
          tr={tr}
          images={images}
        />
      ),
    });
  };
  registerCachedGet(app, ctx.cache, '/', home);
  registerCachedGet(app, ctx.cache, '/page/:page/', home);

  type Archive = {
    path: string;
    find: (slug: string) => Promise<{ id: string; name: string; slug: string; description: string }>;
    filter: (slug: string) => ArticleFilter;
    base: (slug: string) => string;
    heading: 'archive.category' | 'archive.tag' | 'archive.author';
    keys: (id: string) => Promise<string[]>;
  };
  const archives: Archive[] = [
    {
      path: '/category/:slug/',
      find: (slug) => services.taxonomy.categories.get(slug),
      filter: (slug) => ({ category: slug }),
      base: urls.category,
      heading: 'archive.category',
      // A section page shows its sub-sections' articles: it depends on their keys too.
      keys: async (id) => (await services.taxonomy.categories.descendantIds(id)).map((c) => `category:${c}`),
    },
    {
      path: '/tag/:slug/',
      find: (slug) => services.taxonomy.tags.get(slug),
      filter: (slug) => ({ tag: slug }),
      base: urls.tag,
      heading: 'archive.tag',
      keys: async (id) => [`tag:${id}`],
    },
    {
      path: '/author/:slug/',
      find: async (slug) => {
        const person = await services.people.get(slug);
        return { ...person, description: person.bio };
      },
      filter: (slug) => ({ author: slug }),
      base: urls.author,
      heading: 'archive.author',
      keys: async (id) => [`author:${id}`],
    },
  ];

  for (const archive of archives) {
    const render = async (
      request: FastifyRequest<{ Params: { slug: string; page?: string } }>,
    ): Promise<PageInput> => {
      const page = pageNumber(request.params.page);
      const entity = await archive.find(request.params.slug);
      const { site, articles, pages } = await listPage(archive.filter(entity.slug), page);
      const tr = ctx.i18n.forLanguage(site.locale);
      const base = archive.base(entity.slug);
      const links = linksFor(base, page, pages);
      const images = await ctx.images.many(articles.map((a) => a.featuredImage?.url));
      const heading = tr.t(archive.heading, { name: entity.name });
      return renderSitePage(ctx, {
        page: {
          title: `${heading}${page > 1 ? ` (${pageLabel(tr, page, links.pages)})` : ''} | ${site.title}`,
          description: entity.description || undefined,
          canonical: pageUrl(base, page),
          tr,
          feeds: feedLinks(site, urls, { name: entity.name, url: base }),
          prev: links.prev,
          next: links.next,
          meta: siteSharingMeta({
            site,
            urls,
            page: { title: heading, description: entity.description || undefined, url: base },
          }),
        },
        keys: [...(await archive.keys(entity.id)), ...articleKeys(articles)],
        body: (
          <ArchivePage
            heading={heading}
            description={entity.description}
            articles={articles}
            links={links}
            site={site}
            urls={urls}
            tr={tr}
            images={images}
          />
        ),
      });
    };
    registerCachedGet(app, ctx.cache, archive.path, render);
    registerCachedGet(app, ctx.cache, `${archive.path}page/:page/`, render);
  }
}
