import type { FastifyInstance } from 'fastify';
import { AppError, NotFoundError } from '../../lib/errors.ts';
import type { SiteContext } from '../../site/site-context.ts';
import type { ArticleView } from '../article.ts';
import { renderArticlePage } from '../article-page-render.tsx';
import type { PreviewLinks } from './preview-links.ts';

const notFound = () =>
  new AppError({ code: 'NOT_FOUND', message: 'This preview link does not work.', status: 404 });

/**
 * `GET /preview/:token`: the article a preview link names, in any status, rendered by the same
 * view as its permalink. Never cached (`Cache-Control: no-store`, never put in the page cache) and
 * kept out of search indexes (`X-Robots-Tag` and `<meta name="robots">`). A link that was altered
 * or has expired, or whose article is gone, is the site's ordinary 404 page.
 */
export function registerPreviewRoute(
  app: FastifyInstance,
  deps: { site: SiteContext; previews: PreviewLinks },
): void {
  const { site: ctx, previews } = deps;

  app.get<{ Params: { token: string } }>('/preview/:token', async (request, reply) => {
    reply.header('Cache-Control', 'no-store').header('X-Robots-Tag', 'noindex');
    const id = previews.articleIdOf(request.params.token);
    if (!id) throw notFound();
    let article: ArticleView;
    try {
      article = await ctx.services.articles.get({ kind: 'article', ref: id });
    } catch (error) {
      if (error instanceof NotFoundError) throw notFound();
      throw error;
    }
    const site = await ctx.services.settings.get();
    const page = await renderArticlePage(ctx, { article, site, commentPage: 1, isPreview: true });
    return reply.code(200).type(page.contentType).send(page.body);
  });
}
