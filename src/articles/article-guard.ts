import type { AuditService } from '../audit/audit-service.ts';
import { type ArticleResource, actingStaffId, requirePermission } from '../auth/permissions.ts';
import type { Executor } from '../db/transaction.ts';
import type { Article, ArticleKind, ArticleStatus } from './article.ts';

/** What the roles look at in an article: its kind, its creator and its status. */
export const articleResource = (
  article: Pick<Article, 'kind' | 'status' | 'createdBy'>,
): ArticleResource => ({
  kind: article.kind,
  status: article.status,
  createdBy: article.createdBy ?? null,
});

/**
 * Refuses a new article the current actor may not create: any staff member may start an article
 * (pages are editors'), but creating it already published or scheduled is publishing.
 *
 * @example
 * for (const input of inputs) requireCreate(kind, input.status);
 */
export function requireCreate(kind: ArticleKind, status: ArticleStatus | undefined): void {
  const resource: ArticleResource = { kind, createdBy: actingStaffId(), status: status ?? 'draft' };
  requirePermission('articles.create', resource);
  if (resource.status !== 'draft') requirePermission('articles.publish', resource);
}

const sameTime = (a: Date | null, b: Date | null): boolean =>
  (a?.getTime() ?? null) === (b?.getTime() ?? null);

/** Refuses an edit the current actor may not make to `current` (someone else's, or no longer a draft). */
export const requireEdit = (current: Article): void =>
  requirePermission('articles.edit', articleResource(current));

/**
 * Refuses a publication change the current actor may not make: moving an article between draft,
 * scheduled, published and archived, or moving its publication time once out of draft, needs
 * `articles.publish` on the article as it stands.
 *
 * @example
 * requirePublication(current, { status: 'published', publishedAt: now });
 */
export function requirePublication(current: Article, next: Pick<Article, 'status' | 'publishedAt'>): void {
  const isPublication =
    next.status !== current.status ||
    (next.status !== 'draft' && !sameTime(next.publishedAt, current.publishedAt));
  if (isPublication) requirePermission('articles.publish', articleResource(current));
}

const summaryOf = (article: Article) => ({
  title: article.title,
  slug: article.slug,
  status: article.status,
});
const targetOf = (article: Pick<Article, 'id' | 'kind'>) => ({ type: article.kind, id: article.id });

/**
 * Records in the audit log what a save did to an article's publication: published, scheduled
 * (or rescheduled) or unpublished; `before` is null for a new article, which is also "created".
 *
 * @example
 * await recordArticleChange({ audit, executor: trx, before: current, after: next });
 */
export async function recordArticleChange(options: {
  audit: AuditService;
  executor: Executor;
  before: Article | null;
  after: Article;
}): Promise<void> {
  const { audit, executor, before, after } = options;
  const record = (action: Parameters<AuditService['record']>[0]['action'], extra = {}) =>
    audit.record({ action, target: targetOf(after), summary: { ...summaryOf(after), ...extra }, executor });
  if (before === null) await record('article.created');
  const wasPublished = before?.status === 'published';
  if (after.status === 'published' && !wasPublished)
    await record('article.published', { published_at: after.publishedAt?.toISOString() ?? null });
  const isRescheduled =
    after.status === 'scheduled' &&
    (before?.status !== 'scheduled' || !sameTime(before.publishedAt, after.publishedAt));
  if (isRescheduled)
    await record('article.scheduled', { published_at: after.publishedAt?.toISOString() ?? null });
  if (wasPublished && after.status !== 'published') await record('article.unpublished');
}

/** Records a deletion, with what the article was. */
export const recordArticleDeleted = (options: {
  audit: AuditService;
  executor: Executor;
  article: Article;
}) =>
  options.audit.record({
    action: 'article.deleted',
    target: targetOf(options.article),
    summary: summaryOf(options.article),
    executor: options.executor,
  });

/** Records the scheduler publishing an article whose time had come (the actor is the system). */
export const recordScheduledPublished = (options: {
  audit: AuditService;
  executor: Executor;
  article: { id: string; kind: ArticleKind };
}) =>
  options.audit.record({
    action: 'article.published',
    target: targetOf(options.article),
    summary: { by_schedule: true },
    executor: options.executor,
  });
