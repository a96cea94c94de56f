import { Readable } from 'node:stream';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { AppError, BadRequestError } from '../lib/errors.ts';
import { registerCrudRoutes } from '../lib/http/crud-routes.ts';
import { parseRef } from '../lib/http/request-input.ts';
import { pageQuerySchema } from '../lib/pagination.ts';
import { slugSchema } from '../lib/slug.ts';
import { parseInput } from '../lib/validation.ts';
import { type Newsletter, newsletterCreateSchema, newsletterUpdateSchema } from './newsletter.ts';
import { type CountedNewsletter, newsletterJson } from './newsletter-json.ts';
import type { NewsletterService } from './newsletter-service.ts';
import { type SendStatus, sendProgressJson } from './send-status.ts';
import type { SubscriberCsv } from './subscriber-csv.ts';
import { type SubscriberDirectory, subscriberJson } from './subscriber-directory.ts';
import {
  oneAddressSchema,
  type SuppressionService,
  suppressionInputSchema,
  suppressionJson,
} from './suppression-service.ts';

/** What the sender offers the newsroom: a rendered preview, and one copy sent to one address. */
export type NewsletterSending = {
  preview: (
    newsletter: Newsletter,
    articleRef?: string,
  ) => Promise<{ subject: string; html: string; text: string }>;
  testSend: (newsletter: Newsletter, email: string, articleRef?: string) => Promise<void>;
};

export type NewsletterAdminDeps = {
  newsletters: NewsletterService;
  suppressions: SuppressionService;
  directory: SubscriberDirectory;
  sendStatus: SendStatus;
  csv: SubscriberCsv;
  sending: NewsletterSending;
};

const articleRef = z.string().trim().min(1).max(200);
const pageQuery = z.strictObject(pageQuerySchema);
const subscriberQuery = z.strictObject({
  ...pageQuerySchema,
  q: z.string().max(200).optional(),
  newsletter: slugSchema.optional(),
});
const sendQuery = z.strictObject({
  newsletter: slugSchema.optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});
const importQuery = z.strictObject({ newsletters: z.string().max(2000).optional() });
const testSendBody = z.strictObject({ email: oneAddressSchema, article: articleRef.optional() });

const utf8 = new TextDecoder('utf-8', { fatal: true });
const csvType = /^text\/csv\s*(;.*)?$/i;
const pageOf = (query: { page?: number | undefined; limit?: number | undefined }) => ({
  page: query.page ?? 1,
  limit: query.limit ?? 15,
});

function csvBody(request: FastifyRequest): string {
  if (typeof request.body === 'string') return request.body;
  if (request.body === undefined && csvType.test(request.headers['content-type'] ?? '')) return '';
  throw new AppError({
    code: 'UNSUPPORTED_MEDIA_TYPE',
    message: 'Send the subscribers as CSV with "Content-Type: text/csv".',
    status: 415,
    field: 'body',
  });
}

/**
 * The newsroom's side of newsletters in the Admin API (inside the authenticated `/api/admin`
 * scope): newsletters (CRUD, preview, test send), sends and their progress, the suppression list
 * (also the provider's bounce/complaint webhook), subscribers, and CSV import and export. The CSV
 * body parser is registered in this plugin's own scope, bounded by the app's body limit.
 *
 * @example
 * registerNewsletterAdminApi(admin, subscribe.adminDeps);
 */
export function registerNewsletterAdminApi(admin: FastifyInstance, deps: NewsletterAdminDeps): void {
  const { newsletters, suppressions, directory, sendStatus, csv, sending } = deps;

  void admin.register(async (app) => {
    app.addContentTypeParser(csvType, { parseAs: 'buffer' }, (_request, body, done) => {
      try {
        done(null, utf8.decode(body as Buffer));
      } catch {
        done(new BadRequestError('INVALID_UTF8', 'The CSV is not valid UTF-8.', 'body'), undefined);
      }
    });

    const counted = async (list: Newsletter[]): Promise<CountedNewsletter[]> => {
      const counts = await newsletters.subscriberCounts(list.map((n) => n.id));
      return list.map((n) => ({ ...n, subscriberCount: counts.get(n.id) ?? 0 }));
    };
    registerCrudRoutes<
      CountedNewsletter,
      z.output<typeof newsletterCreateSchema>,
      z.output<typeof newsletterUpdateSchema>
    >(app, {
      key: 'newsletters',
      list: async (page) => {
        const result = await newsletters.list(page);
        return { items: await counted(result.newsletters), pagination: result.pagination };
      },
      get: async (ref) => (await counted([await newsletters.get(ref)]))[0] as CountedNewsletter,
      createMany: newsletters.createMany,
      update: newsletters.update,
      remove: newsletters.remove,
      createSchema: newsletterCreateSchema,
      updateSchema: newsletterUpdateSchema,
      toJson: newsletterJson,
    });

    app.get<{ Params: { ref: string } }>('/newsletters/:ref/preview', async (request) => {
      const query = parseInput(z.strictObject({ article: articleRef.optional() }), request.query);
      const newsletter = await newsletters.get(parseRef(request.params.ref));
      return sending.preview(newsletter, query.article);
    });
    app.post<{ Params: { ref: string } }>('/newsletters/:ref/test', async (request, reply) => {
      const body = parseInput(testSendBody, request.body ?? {});
      const newsletter = await newsletters.get(parseRef(request.params.ref));
      await sending.testSend(newsletter, body.email, body.article);
      return reply.code(202).send({ queued: true });
    });

    app.get('/newsletter-sends', async (request) => {
      const query = parseInput(sendQuery, request.query);
      return { newsletter_sends: (await sendStatus.list(query)).map(sendProgressJson) };
    });
    app.get<{ Params: { id: string } }>('/newsletter-sends/:id', async (request) => ({
      newsletter_sends: [sendProgressJson(await sendStatus.get(request.params.id))],
    }));

    app.get('/suppressions', async (request) => {
      const result = await suppressions.list(pageOf(parseInput(pageQuery, request.query)));
      return {
        suppressions: result.suppressions.map(suppressionJson),
        meta: { pagination: result.pagination },
      };
    });
    // The bounce and complaint webhook: providers post one event per address, often more than once.
    app.post('/suppressions', async (request) => {
      const input = parseInput(suppressionInputSchema, request.body ?? {});
      return { suppressions: [suppressionJson(await suppressions.add(input))] };
    });
    app.delete<{ Params: { email: string } }>('/suppressions/:email', async (request, reply) => {
      const { email } = parseInput(z.strictObject({ email: oneAddressSchema }), request.params);
      await suppressions.remove(email);
      return reply.code(204).send();
    });

    app.get('/subscribers', async (request) => {
      const query = parseInput(subscriberQuery, request.query);
      const result = await directory.list({ q: query.q, newsletter: query.newsletter, page: pageOf(query) });
      return { subscribers: result.subscribers.map(subscriberJson), meta: { pagination: result.pagination } };
    });
    app.get('/subscribers/export', async (_request, reply) =>
      reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', 'attachment; filename="subscribers.csv"')
        .send(Readable.from(csv.chunks())),
    );
    app.post('/subscribers/import', async (request) => {
      const query = parseInput(importQuery, request.query);
      const defaults = (query.newsletters ?? '').split(',').filter((slug) => slug.trim() !== '');
      const parsed = csv.parse(csvBody(request), {
        newsletters: await newsletters.listAll(),
        defaultNewsletterSlugs: defaults,
      });
      const result = await csv.import(parsed.good);
      return { ...result, rejected: parsed.rejected };
    });
    app.get<{ Params: { id: string } }>('/subscribers/:id', async (request) => ({
      subscribers: [subscriberJson(await directory.get(request.params.id))],
    }));
    app.delete<{ Params: { id: string } }>('/subscribers/:id', async (request, reply) => {
      await directory.remove(request.params.id);
      return reply.code(204).send();
    });
  });
}
