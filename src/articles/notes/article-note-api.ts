import type { FastifyInstance } from 'fastify';
import { parseEnvelope, parseRef } from '../../lib/http/request-input.ts';
import type { ArticleKind } from '../article.ts';
import type { ArticleService } from '../article-service.ts';
import { noteCreateSchema, noteJson } from './article-note.ts';

/**
 * `GET /articles/:ref/notes` (oldest first), `POST /articles/:ref/notes` with
 * `{ "notes": [{ "kind": "correction" | "update", "text": "…" }] }` (201) and
 * `DELETE /articles/:ref/notes/:id` (204), for whoever may edit the article.
 */
export function registerArticleNoteApi(
  app: FastifyInstance,
  deps: { articles: ArticleService; base: string; kind: ArticleKind },
): void {
  const { articles, base, kind } = deps;

  app.get<{ Params: { ref: string } }>(`${base}/:ref/notes`, async (request) => ({
    notes: (await articles.notes.list(kind, parseRef(request.params.ref))).map(noteJson),
  }));

  app.post<{ Params: { ref: string } }>(`${base}/:ref/notes`, async (request, reply) => {
    const ref = parseRef(request.params.ref);
    const inputs = parseEnvelope(request.body, 'notes', noteCreateSchema);
    const notes = await articles.notes.add(kind, ref, inputs);
    return reply.code(201).send({ notes: notes.map(noteJson) });
  });

  app.delete<{ Params: { ref: string; id: string } }>(`${base}/:ref/notes/:id`, async (request, reply) => {
    await articles.notes.remove(kind, parseRef(request.params.ref), request.params.id);
    return reply.code(204).send();
  });
}
