import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { parseRef } from '../lib/http/request-input.ts';
import { paginationMeta } from '../lib/pagination.ts';
import { parseInput } from '../lib/validation.ts';
import { commentStatuses } from './comment.ts';
import { moderationCommentJson } from './comment-json.ts';
import type { Comments } from './comments.ts';

const queueQuerySchema = z.strictObject({
  status: z.enum([...commentStatuses, 'reported']).default('pending'),
  article: z.uuid().optional(),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});

/**
 * Moderation through the Admin API: queues by status (and `reported`), one comment, status changes,
 * edits and featuring, bulk actions, staff replies, bans, and the comment rules.
 */
export function registerCommentAdminApi(
  app: FastifyInstance,
  comments: Comments,
  options: { staffName: () => Promise<string> },
) {
  const { moderation, settings } = comments;

  app.get('/comments', async (request) => {
    const query = parseInput(queueQuerySchema, request.query);
    const { comments: found, total } = await moderation.list(
      { status: query.status, ...(query.article ? { articleId: query.article } : {}) },
      { page: query.page, limit: query.limit },
    );
    return {
      comments: found.map(moderationCommentJson),
      meta: { pagination: paginationMeta({ page: query.page, limit: query.limit }, total) },
    };
  });

  app.get('/comments/settings', async () => ({ settings: await settings.get() }));
  app.patch('/comments/settings', async (request) => ({ settings: await settings.update(request.body) }));

  app.get('/comments/bans', async () => ({
    bans: (await moderation.bans()).map((ban) => ({
      id: ban.id,
      kind: ban.kind,
      value: ban.value,
      reason: ban.reason,
      created_at: ban.createdAt.toISOString(),
    })),
  }));
  app.post('/comments/bans', async (request, reply) =>
    reply.code(201).send(await moderation.ban(request.body)),
  );
  app.delete<{ Params: { id: string } }>('/comments/bans/:id', async (request, reply) => {
    await moderation.unban(parseRef(request.params.id));
    return reply.code(204).send();
  });

  app.post('/comments/bulk', async (request) => moderation.bulk(request.body));

  app.get<{ Params: { id: string } }>('/comments/:id', async (request) => ({
    comments: [moderationCommentJson(await moderation.get(parseRef(request.params.id)))],
  }));
  app.patch<{ Params: { id: string } }>('/comments/:id', async (request) => {
    const updated = await moderation.update(parseRef(request.params.id), request.body);
    return { comments: [moderationCommentJson(updated)] };
  });
  app.delete<{ Params: { id: string } }>('/comments/:id', async (request, reply) => {
    await moderation.remove(parseRef(request.params.id));
    return reply.code(204).send();
  });
  app.post<{ Params: { id: string } }>('/comments/:id/replies', async (request, reply) => {
    const created = await moderation.staffReply(
      parseRef(request.params.id),
      request.body,
      await options.staffName(),
    );
    return reply.code(201).send({ comments: [moderationCommentJson(created)] });
  });
}
