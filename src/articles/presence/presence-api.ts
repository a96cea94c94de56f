import type { FastifyInstance } from 'fastify';
import { parseRef } from '../../lib/http/request-input.ts';
import type { ArticleKind } from '../article.ts';
import type { ArticleService } from '../article-service.ts';

/**
 * `PUT /articles/:ref/presence`: the editor's heartbeat (every few seconds while the article is
 * open), answered with the other staff members editing it: `{ editors: [{ id, name, since }] }`.
 * `DELETE /articles/:ref/presence` (204) when the editor closes it.
 */
export function registerPresenceApi(
  app: FastifyInstance,
  deps: { articles: ArticleService; base: string; kind: ArticleKind },
): void {
  const { articles, base, kind } = deps;

  app.put<{ Params: { ref: string } }>(`${base}/:ref/presence`, async (request) => {
    const editors = await articles.presence.beat(kind, parseRef(request.params.ref));
    return {
      editors: editors.map((editor) => ({
        id: editor.id,
        name: editor.name,
        since: editor.since.toISOString(),
      })),
    };
  });

  app.delete<{ Params: { ref: string } }>(`${base}/:ref/presence`, async (request, reply) => {
    await articles.presence.leave(kind, parseRef(request.params.ref));
    return reply.code(204).send();
  });
}
