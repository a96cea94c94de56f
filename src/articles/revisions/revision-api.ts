import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { parseRef } from '../../lib/http/request-input.ts';
import { pageQuerySchema } from '../../lib/pagination.ts';
import { parseInput } from '../../lib/validation.ts';
import type { Urls } from '../../site/urls.ts';
import { type ArticleKind, type ArticleView, isoDateTimeSchema } from '../article.ts';
import type { ArticleService } from '../article-service.ts';
import type { Revision, RevisionSnapshot, RevisionSummary } from './revision.ts';

/** A page of revisions holds this many unless `?limit=` says otherwise. */
export const REVISIONS_PER_PAGE = 50;

const listQuery = z.strictObject(pageQuerySchema);
const restoreBody = z.strictObject({ updated_at: isoDateTimeSchema.optional() });

const summaryJson = (revision: RevisionSummary) => ({
  id: revision.id,
  kind: revision.kind,
  created_at: revision.createdAt.toISOString(),
  created_by: revision.createdBy,
  title: revision.title,
});

/** The snapshot under the article JSON's names; the featured image URL absolute, as there. */
const snapshotJson = (snapshot: RevisionSnapshot, urls: Urls) => ({
  ...snapshot,
  featured_image_url: urls.absoluteOrNull(snapshot.featured_image_url),
});

const revisionJson = (revision: Revision, urls: Urls) => ({
  ...summaryJson(revision),
  article: snapshotJson(revision.snapshot, urls),
});

/**
 * `GET /articles/:ref/revisions` (newest first, `?page=`), `GET /articles/:ref/revisions/:id` (with
 * the snapshot under `article`) and `POST /articles/:ref/revisions/:id/restore` (answers the article
 * as restored, like a save). All for whoever may edit the article.
 */
export function registerRevisionApi(
  app: FastifyInstance,
  deps: {
    articles: ArticleService;
    urls: Urls;
    base: string;
    kind: ArticleKind;
    respond: (items: ArticleView[]) => Promise<Record<string, unknown>>;
  },
): void {
  const { articles, urls, base, kind, respond } = deps;
  type Params = { ref: string; id: string };

  app.get<{ Params: { ref: string } }>(`${base}/:ref/revisions`, async (request) => {
    const query = parseInput(listQuery, request.query ?? {});
    const page = { page: query.page ?? 1, limit: query.limit ?? REVISIONS_PER_PAGE };
    const result = await articles.revisions.list(kind, parseRef(request.params.ref), page);
    return { revisions: result.revisions.map(summaryJson), meta: { pagination: result.pagination } };
  });

  app.get<{ Params: Params }>(`${base}/:ref/revisions/:id`, async (request) => {
    const revision = await articles.revisions.get(kind, parseRef(request.params.ref), request.params.id);
    return { revisions: [revisionJson(revision, urls)] };
  });

  app.post<{ Params: Params }>(`${base}/:ref/revisions/:id/restore`, async (request) => {
    const body = parseInput(restoreBody, request.body ?? {});
    const restored = await articles.revisions.restore(kind, parseRef(request.params.ref), request.params.id, {
      updatedAt: body.updated_at,
    });
    return respond([restored]);
  });
}
