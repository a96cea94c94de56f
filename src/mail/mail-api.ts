import type { FastifyInstance } from 'fastify';
import { mailStatusJson, outboxSummaryJson } from './mail-admin.ts';
import type { MailAdminService } from './mail-admin-service.ts';

/**
 * `/mail` in the Admin API, for administrators: `GET /mail` (is SMTP set, where mail leaves),
 * `POST /mail/test { to }` (202: queued in the outbox) and `GET /mail/outbox?status=&page=` (the
 * outbox newest first, without bodies: reset and sign-in links live there).
 *
 * @example
 * registerMailApi(admin, { mail: createMailAdminService({ database, clock, settings, status }) });
 */
export function registerMailApi(app: FastifyInstance, { mail }: { mail: MailAdminService }): void {
  app.get('/mail', async () => ({ mail: mailStatusJson(mail.status()) }));

  app.post('/mail/test', async (request, reply) => {
    const queued = await mail.sendTest(request.body);
    return reply.code(202).send({ mail: { id: queued.id, to: queued.to, status: 'pending' } });
  });

  app.get('/mail/outbox', async (request, reply) => {
    const { messages, page, hasMore } = await mail.outbox(request.query);
    return reply.header('Cache-Control', 'no-store').send({
      messages: messages.map(outboxSummaryJson),
      meta: { pagination: { page, next: hasMore ? page + 1 : null, prev: page > 1 ? page - 1 : null } },
    });
  });
}
