import type { FastifyInstance } from 'fastify';
import { parseRef } from '../../lib/http/request-input.ts';
import type { ArticleKind } from '../article.ts';
import type { ArticleService } from '../article-service.ts';
import type { PreviewLinks } from './preview-links.ts';

/**
 * `POST /articles/:ref/preview` (201): a signed link that shows the article in the site's theme for
 * an hour, whatever its status: `{ preview: { url, expires_at } }`. For whoever may edit it.
 */
export function registerPreviewApi(
  app: FastifyInstance,
  deps: { articles: ArticleService; previews: PreviewLinks; base: string; kind: ArticleKind },
): void {
  const { articles, previews, base, kind } = deps;

  app.post<{ Params: { ref: string } }>(`${base}/:ref/preview`, async (request, reply) => {
    const article = await articles.editable(kind, parseRef(request.params.ref));
    const link = previews.create(article.id);
    return reply.code(201).send({ preview: { url: link.url, expires_at: link.expiresAt.toISOString() } });
  });
}
