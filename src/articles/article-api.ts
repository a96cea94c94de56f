import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { parseEnvelope, parseListQuery, parseRef, parseSingle } from '../lib/http/request-input.ts';
import { parseInput } from '../lib/validation.ts';
import type { SettingsService } from '../site/settings-service.ts';
import type { Urls } from '../site/urls.ts';
import {
  type ArticleKind,
  type ArticleStatus,
  type ArticleView,
  articleCreateSchema,
  articleStatuses,
  articleUpdateSchema,
  isoDateTimeSchema,
} from './article.ts';
import { articleJson } from './article-json.ts';
import type { ArticleService } from './article-service.ts';

type Deps = { articles: ArticleService; settings: SettingsService; urls: Urls };

const statusQuery = {
  status: z
    .string()
    .refine((value) => value.split(',').every((s) => (articleStatuses as readonly string[]).includes(s)), {
      message: `must be one or more of ${articleStatuses.join(', ')}, separated by commas`,
    })
    .optional(),
};

const publishBody = z.strictObject({ published_at: isoDateTimeSchema.optional() });
const scheduleBody = z.strictObject({ published_at: isoDateTimeSchema });

/**
 * The Admin API for articles (`/articles`) and pages (`/pages`): list every status, create, read,
 * update (PUT or PATCH with the fields to change), delete, publish, unpublish and schedule.
 */
export function registerArticleAdminApi(app: FastifyInstance, deps: Deps): void {
  for (const [key, kind] of [
    ['articles', 'article'],
    ['pages', 'page'],
  ] as const) {
    registerKind(app, deps, key, kind);
  }
}

function registerKind(
  app: FastifyInstance,
  { articles, settings, urls }: Deps,
  key: string,
  kind: ArticleKind,
): void {
  const base = `/${key}`;
  const respond = async (items: ArticleView[]) => {
    const site = await settings.get();
    return { [key]: items.map((article) => articleJson(article, { urls, settings: site, isAdmin: true })) };
  };

  app.get(base, async (request) => {
    const site = await settings.get();
    const { page, filter, query } = parseListQuery(
      request.query,
      { limit: site.articlesPerPage },
      statusQuery,
    );
    const statuses = query.status
      ? (String(query.status).split(',') as ArticleStatus[])
      : [...articleStatuses];
    const result = await articles.list({ kind, statuses, filter, page });
    return { ...(await respond(result.articles)), meta: { pagination: result.pagination } };
  });

  app.get<{ Params: { ref: string } }>(`${base}/:ref`, async (request) =>
    respond([await articles.get({ kind, ref: parseRef(request.params.ref) })]),
  );

  app.post(base, async (request, reply) => {
    const inputs = parseEnvelope(request.body, key, articleCreateSchema);
    return reply.code(201).send(await respond(await articles.create(kind, inputs)));
  });

  const update = async (request: { params: { ref: string }; body: unknown }) => {
    const ref = parseRef(request.params.ref);
    return respond([await articles.update(kind, ref, parseSingle(request.body, key, articleUpdateSchema))]);
  };
  app.put<{ Params: { ref: string } }>(`${base}/:ref`, update);
  app.patch<{ Params: { ref: string } }>(`${base}/:ref`, update);

  app.delete<{ Params: { ref: string } }>(`${base}/:ref`, async (request, reply) => {
    await articles.remove(kind, parseRef(request.params.ref));
    return reply.code(204).send();
  });

  app.post<{ Params: { ref: string } }>(`${base}/:ref/publish`, async (request) => {
    const ref = parseRef(request.params.ref);
    const body = parseInput(publishBody, request.body ?? {});
    return respond([await articles.publish(kind, ref, body.published_at)]);
  });

  app.post<{ Params: { ref: string } }>(`${base}/:ref/unpublish`, async (request) =>
    respond([await articles.unpublish(kind, parseRef(request.params.ref))]),
  );

  app.post<{ Params: { ref: string } }>(`${base}/:ref/schedule`, async (request) => {
    const ref = parseRef(request.params.ref);
    const body = parseInput(scheduleBody, request.body ?? {});
    return respond([await articles.schedule(kind, ref, body.published_at)]);
  });
}
