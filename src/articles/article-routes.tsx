import type { FastifyInstance } from 'fastify';
import { AppError, NotFoundError } from '../lib/errors.ts';
import { registerCachedGet } from '../lib/http/cached-routes.ts';
import type { PageInput } from '../lib/http/page-cache.ts';
import type { Settings } from '../site/settings.ts';
import type { SiteContext } from '../site/site-context.ts';
import type { ArticleKind, ArticleView } from './article.ts';
import { renderArticlePage } from './article-page-render.tsx';

const patterns = new Map<string, RegExp>();

/** The permalink setting as a regular expression capturing the slug (and checking the rest). */
function permalinkPattern(permalink: string): RegExp {
  let pattern = patterns.get(permalink);
  if (!pattern) {
    const source = permalink
      .split(/(\{[a-z]+\})/)
      .map((part) => {
        if (part === '{yyyy}') return '\\d{4}';
        if (part === '{mm}' || part === '{dd}') return '\\d{2}';
        if (part === '{category}') return '[^/]+';
        if (part === '{slug}') return '(?<slug>[^/]+)';
        return part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      })
      .join('');
    pattern = new RegExp(`^${source}$`);
    patterns.set(permalink, pattern);
  }
  return pattern;
}

const decodeSlug = (raw: string): string | null => {
  try {
    return decodeURIComponent(raw);
  } catch {
    return null;
  }
};

/**
 * Article permalinks (whatever the permalink setting says) and pages (`/{slug}/`), with 301s from
 * old slugs and from a wrong date or section in the path. Registered last: every named route wins.
 */
export function registerArticleRoutes(app: FastifyInstance, ctx: SiteContext): void {
  const { articles } = ctx.services;

  async function find(kind: ArticleKind, slug: string): Promise<ArticleView | null> {
    try {
      return await articles.get({ kind, ref: slug, statuses: ['published'] });
    } catch (error) {
      if (error instanceof NotFoundError) return null;
      throw error;
    }
  }

  async function resolve(
    path: string,
    site: Settings,
  ): Promise<{ article: ArticleView } | { location: string; id: string } | null> {
    const pageMatch = /^\/([^/]+)\/?$/.exec(path);
    const articleMatch = permalinkPattern(site.permalink).exec(path.endsWith('/') ? path : `${path}/`);
    // Any other path ending in an article's slug (an older permalink pattern, a mistyped date)
    // is a guess worth a 301, as WordPress makes one.
    const lastSegment = /\/([^/]+)\/?$/.exec(path)?.[1];
    for (const [kind, raw, isGuess] of [
      ['article', articleMatch?.groups?.slug, false],
      ['page', pageMatch?.[1], false],
      ['article', articleMatch ? undefined : lastSegment, true],
    ] as const) {
      const slug = raw === undefined ? null : decodeSlug(raw);
      if (!slug || slug.length > 200) continue;
      const article = await find(kind, slug);
      if (article)
        return isGuess ? { location: ctx.urls.permalinkOf(article, site), id: article.id } : { article };
      const moved = await articles.findByOldSlug(kind, slug);
      if (moved && moved.status === 'published')
        return { location: ctx.urls.permalinkOf(moved, site), id: moved.id };
    }
    return null;
  }

  registerCachedGet(
    app,
    ctx.cache,
    '/*',
    async (request): Promise<PageInput> => {
      const path = request.url.split('?')[0] ?? '/';
      const site = await ctx.services.settings.get();
      const found = await resolve(path, site);
      if (!found) {
        throw new AppError({
          code: 'NOT_FOUND',
          message: `Nothing lives at ${request.method} ${path}.`,
          status: 404,
        });
      }
      if ('location' in found)
        return {
          body: '',
          contentType: 'text/plain; charset=utf-8',
          // A redirect ends when its article changes or another article takes the slug ('redirects').
          keys: ['redirects', `article:${found.id}`],
          status: 301,
          location: found.location,
        };
      const { article } = found;
      const canonical = ctx.urls.permalinkOf(article, site);
      if (new URL(canonical).pathname !== path) {
        return {
          body: '',
          contentType: 'text/plain; charset=utf-8',
          keys: [`article:${article.id}`],
          status: 301,
          location: canonical,
        };
      }
      const commentPage = Number((request.query as Record<string, unknown>).cpage ?? 1);
      return renderArticlePage(ctx, {
        article,
        site,
        commentPage:
          Number.isInteger(commentPage) && commentPage >= 1 && commentPage <= 10_000 ? commentPage : 1,
      });
    },
    { queryKeys: ['cpage'] },
  );
}
