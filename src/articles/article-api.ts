import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { actingStaffId } from '../auth/permissions.ts';
import { ValidationError } from '../lib/errors.ts';
import { parseEnvelope, parseListQuery, parseRef, parseSingle } from '../lib/http/request-input.ts';
import { isUuid } from '../lib/ids.ts';
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
import { registerArticleNoteApi } from './notes/article-note-api.ts';
import { registerPresenceApi } from './presence/presence-api.ts';
import { registerPreviewApi } from './preview/preview-api.ts';
import type { PreviewLinks } from './preview/preview-links.ts';
import { registerRevisionApi } from './revisions/revision-api.ts';

type Deps = {
  articles: ArticleService;
  settings: SettingsService;
  urls: Urls;
  /** Signed preview links (`POST /articles/:ref/preview`); without them that route is absent. */
  previews?: PreviewLinks;
};

const statusQuery = {
  status: z
    .string()
    .refine((value) => value.split(',').every((s) => (articleStatuses as readonly string[]).includes(s)), {
      message: `must be one or more of ${articleStatuses.join(', ')}, separated by commas`,
    })
    .optional(),
};

/**
 * The newsroom list's filters beside `status`: `q`, part of the title or standfirst; `created_by`,
 * a staff id or `me` (the signed-in staff member's own articles).
 */
const newsroomQuery = {
  ...statusQuery,
  q: z.string().trim().max(200).optional(),
  created_by: z
    .string()
    .refine((value) => value === 'me' || isUuid(value), { message: 'must be "me" or a staff id' })
    .optional(),
};

/** The staff id `created_by` names; `me` needs a staff member signed in (a token has no articles of its own). */
function creatorOf(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  if (value !== 'me') return value.toLowerCase();
  const id = actingStaffId();
  if (!id)
    throw ValidationError.field(
      'created_by',
      'FIELD_INVALID',
      '"created_by=me" needs a signed-in staff member.',
    );
  return id;
}

/** `?autosave=1` marks the editor's background saves, whose revisions collapse (revision-recorder.ts). */
const updateQuery = z.object({ autosave: z.enum(['0', '1', 'true', 'false']).optional() });

const publishBody = z.strictObject({ published_at: isoDateTimeSchema.optional() });
const scheduleBody = z.strictObject({ published_at: isoDateTimeSchema });

/**
 * The Admin API for articles (`/articles`) and pages (`/pages`): list every status, create, read,
 * update (PUT or PATCH with the fields to change; `?autosave=1` for the editor's autosaves),
 * delete, publish, unpublish and schedule. Articles also have what the editor needs beside them:
 * revisions, correction notes, presence and preview links.
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
  { articles, settings, urls, previews }: Deps,
  key: string,
  kind: ArticleKind,
): void {
  const base = `/${key}`;
  const respond = async (items: ArticleView[]) => {
    const [site, creatorNames] = await Promise.all([settings.get(), articles.creatorNames(items)]);
    return {
      [key]: items.map((article) =>
        articleJson(article, { urls, settings: site, isAdmin: true, creatorNames }),
      ),
    };
  };

  app.get(base, async (request) => {
    const site = await settings.get();
    const { page, filter, query } = parseListQuery(
      request.query,
      { limit: site.articlesPerPage },
      newsroomQuery,
    );
    const statuses = query.status
      ? (String(query.status).split(',') as ArticleStatus[])
      : [...articleStatuses];
    const text = typeof query.q === 'string' && query.q !== '' ? query.q : undefined;
    const createdBy = creatorOf(query.created_by as string | undefined);
    const result = await articles.list({
      kind,
      statuses,
      filter,
      page,
      ...(text ? { text } : {}),
      ...(createdBy ? { createdBy } : {}),
    });
    return { ...(await respond(result.articles)), meta: { pagination: result.pagination } };
  });

  app.get<{ Params: { ref: string } }>(`${base}/:ref`, async (request) =>
    respond([await articles.get({ kind, ref: parseRef(request.params.ref) })]),
  );

  app.post(base, async (request, reply) => {
    const inputs = parseEnvelope(request.body, key, articleCreateSchema);
    return reply.code(201).send(await respond(await articles.create(kind, inputs)));
  });

  const update = async (request: { params: { ref: string }; body: unknown; query: unknown }) => {
    const ref = parseRef(request.params.ref);
    const { autosave } = parseInput(updateQuery, request.query ?? {});
    const input = parseSingle(request.body, key, articleUpdateSchema);
    const isAutosave = autosave === '1' || autosave === 'true';
    return respond([await articles.update(kind, ref, input, isAutosave ? { revisionKind: 'autosave' } : {})]);
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

  if (kind !== 'article') return;
  registerRevisionApi(app, { articles, urls, base, kind, respond });
  registerArticleNoteApi(app, { articles, base, kind });
  registerPresenceApi(app, { articles, base, kind });
  if (previews) registerPreviewApi(app, { articles, previews, base, kind });
}
