import type { ArticleService } from '../articles/article-service.ts';
import { type AuditService, createAuditService } from '../audit/audit-service.ts';
import { requirePermission } from '../auth/permissions.ts';
import type { Database } from '../db/connection.ts';
import { type Executor, withTransaction } from '../db/transaction.ts';
import type { Clock } from '../lib/clock.ts';
import { AppError, NotFoundError } from '../lib/errors.ts';
import type { EventBus } from '../lib/events.ts';
import { newId } from '../lib/ids.ts';
import { normaliseEmail } from '../lib/mail/outbox.ts';
import { parseInput } from '../lib/validation.ts';
import type { SettingsService } from '../site/settings-service.ts';
import type { Urls } from '../site/urls.ts';
import {
  type Comment,
  type CommentReportReason,
  type CommentStatus,
  commentBanSchema,
  commentBulkSchema,
  commentReportSchema,
  commentUpdateSchema,
  staffReplySchema,
} from './comment.ts';
import { createCommentGuardRepository } from './comment-guard-repository.ts';
import { type CommentChanges, createCommentRepository, type ModerationFilter } from './comment-repository.ts';
import type { CommentSettingsService } from './comment-settings-service.ts';
import { cleanBody, renderCommentBody } from './comment-text.ts';
import type { ReplyNotifier } from './notifications/reply-notifier.ts';
import type { Akismet, AkismetFields } from './spam/akismet.ts';

export type CommentModerationOptions = {
  database: Database;
  clock: Clock;
  events: EventBus;
  urls: Urls;
  articles: ArticleService;
  settings: SettingsService;
  commentSettings: CommentSettingsService;
  notifier: ReplyNotifier;
  hashIp: (ip: string) => string;
  akismet?: Akismet | undefined;
  /** Where bulk actions are recorded (one is made when not given). */
  audit?: AuditService | undefined;
};

const bulkStatus: Record<string, CommentStatus> = {
  approve: 'approved',
  pending: 'pending',
  spam: 'spam',
  trash: 'trash',
};

/**
 * What moderators do (Admin API, later the newsroom's screens): queues, status changes, edits,
 * featuring, staff replies, bans and readers' reports. Akismet learns from each spam/ham decision.
 */
export function createCommentModerationService(options: CommentModerationOptions) {
  const { database, clock, events } = options;
  const { db, dialect } = database;
  const audit = options.audit ?? createAuditService({ database, clock });
  const repo = createCommentRepository({ dialect });
  const guards = createCommentGuardRepository({ dialect });

  async function mustFind(executor: Executor, id: string): Promise<Comment> {
    const comment = await repo.find(executor, id);
    if (!comment) throw new NotFoundError('comment');
    return comment;
  }

  async function articleRef(articleId: string) {
    const article = await options.articles.get({ kind: 'article', ref: articleId });
    return {
      article,
      ref: { title: article.title, url: options.urls.permalinkOf(article, await options.settings.get()) },
    };
  }

  type ArticleRefs = Map<string, Awaited<ReturnType<typeof articleRef>>>;

  /**
   * The articles of replies that may notify when approved, read before the transaction: on SQLite
   * a query outside an open transaction waits for it for ever.
   */
  async function refsFor(comments: Comment[]): Promise<ArticleRefs> {
    const ids = new Set(comments.filter((c) => c.parentId && c.approvedAt === null).map((c) => c.articleId));
    return new Map(await Promise.all([...ids].map(async (id) => [id, await articleRef(id)] as const)));
  }

  /** Applies one change inside `trx`; answers whether readers see a difference. */
  async function change(
    trx: Executor,
    before: Comment,
    changes: CommentChanges,
    refs: ArticleRefs,
  ): Promise<boolean> {
    const now = clock.now();
    const becomesApproved = changes.status === 'approved' && before.status !== 'approved';
    // Any status decision settles readers' reports, keeping a reported comment approved included.
    if (changes.status !== undefined) changes.reportedAt = null;
    if (changes.status === 'approved' && before.status !== 'approved')
      changes.approvedAt = before.approvedAt ?? now;
    await repo.update(trx, before.id, changes, now);
    // Each reply notifies once: a comment approved, unapproved and approved again mails no one twice.
    if (becomesApproved && before.approvedAt === null && before.parentId) {
      const parent = await repo.find(trx, before.parentId);
      const found = refs.get(before.articleId);
      if (parent && found) {
        const { article, ref } = found;
        await options.notifier.notifyApprovedReply(trx, {
          parent: {
            id: parent.id,
            email: parent.authorEmail,
            name: parent.authorName,
            notifyReplies: parent.notifyReplies,
          },
          reply: { id: before.id, email: before.authorEmail, name: before.authorName, bodyText: before.body },
          article: ref,
          commentUrl: `${ref.url}#comment-${before.id}`,
          language: article.language,
        });
      }
    }
    const isVisible = before.status === 'approved' || changes.status === 'approved';
    return isVisible;
  }

  function teachAkismet(before: Comment, status: CommentStatus | undefined): void {
    if (!options.akismet || status === undefined || status === before.status) return;
    const fields: AkismetFields = {
      // Only a salted hash of the address is kept (privacy): Akismet's required field gets the
      // unspecified address and learns from the content, author and email.
      user_ip: '0.0.0.0',
      ...(before.userAgent ? { user_agent: before.userAgent } : {}),
      comment_type: before.parentId ? 'reply' : 'comment',
      comment_author: before.authorName,
      ...(before.authorEmail ? { comment_author_email: before.authorEmail } : {}),
      ...(before.authorUrl ? { comment_author_url: before.authorUrl } : {}),
      comment_content: before.body,
      comment_date_gmt: before.createdAt,
    };
    if (status === 'spam') void options.akismet.submitSpam(fields);
    else if (before.status === 'spam' && status === 'approved') void options.akismet.submitHam(fields);
  }

  const announce = (comment: Comment) =>
    events.emit('comment.changed', { id: comment.id, articleId: comment.articleId });

  return {
    async list(filter: ModerationFilter, page: { page: number; limit: number }) {
      requirePermission('comments.read');
      const { comments, total } = await repo.moderationQueue(db, filter, {
        offset: (page.page - 1) * page.limit,
        limit: page.limit,
      });
      const reports = await guards.reportsOf(
        db,
        comments.map((c) => c.id),
      );
      return {
        comments: comments.map((c) => ({ ...c, reports: reports.filter((r) => r.commentId === c.id) })),
        total,
      };
    },

    async get(id: string) {
      requirePermission('comments.read');
      const comment = await mustFind(db, id);
      return { ...comment, reports: await guards.reportsOf(db, [id]) };
    },

    async update(id: string, input: unknown): Promise<Comment> {
      requirePermission('comments.moderate');
      const update = parseInput(commentUpdateSchema, input);
      const refs = update.status === 'approved' ? await refsFor([await mustFind(db, id)]) : new Map();
      const { before, isVisible } = await withTransaction(db, async (trx) => {
        const before = await mustFind(trx, id);
        const body = update.body === undefined ? undefined : cleanBody(update.body);
        const changes: CommentChanges = {
          ...(update.status ? { status: update.status } : {}),
          ...(body ? { body, bodyHtml: renderCommentBody(body) } : {}),
          ...(update.is_featured === undefined ? {} : { isFeatured: update.is_featured }),
        };
        return { before, isVisible: await change(trx, before, changes, refs) };
      });
      teachAkismet(before, update.status);
      if (isVisible) announce(before);
      return mustFind(db, id);
    },

    async bulk(input: unknown): Promise<{ updated: number }> {
      requirePermission('comments.moderate');
      const { ids, action } = parseInput(commentBulkSchema, input);
      const refs = action === 'approve' ? await refsFor(await repo.findMany(db, ids)) : new Map();
      const changed = await withTransaction(db, async (trx) => {
        const found = await repo.findMany(trx, ids);
        const visible: Comment[] = [];
        for (const comment of found) {
          if (action === 'delete') {
            await repo.remove(trx, comment.id);
            if (comment.status === 'approved') visible.push(comment);
          } else if (await change(trx, comment, { status: bulkStatus[action] as CommentStatus }, refs)) {
            visible.push(comment);
          }
        }
        await audit.record({
          action: 'comments.bulk',
          summary: { action, count: found.length, comment_ids: found.map((c) => c.id) },
          executor: trx,
        });
        return { found, visible };
      });
      for (const comment of changed.found) if (action !== 'delete') teachAkismet(comment, bulkStatus[action]);
      for (const comment of changed.visible) announce(comment);
      return { updated: changed.found.length };
    },

    async remove(id: string): Promise<void> {
      requirePermission('comments.moderate');
      const comment = await mustFind(db, id);
      await repo.remove(db, id);
      if (comment.status === 'approved') announce(comment);
    },

    /** A reply from the newsroom: marked as staff, approved at once. */
    async staffReply(parentId: string, input: unknown, fallbackName: string): Promise<Comment> {
      requirePermission('comments.moderate');
      const reply = parseInput(staffReplySchema, input);
      const body = cleanBody(reply.body);
      const settings = await options.commentSettings.get();
      const id = newId();
      const { articleId } = await mustFind(db, parentId);
      const refs: ArticleRefs = new Map([[articleId, await articleRef(articleId)]]);
      const parent = await withTransaction(db, async (trx) => {
        const parent = await mustFind(trx, parentId);
        const atLimit = parent.depth + 1 >= settings.max_depth;
        const under = atLimit && parent.parentId ? await mustFind(trx, parent.parentId) : parent;
        await repo.insert(trx, {
          id,
          articleId: parent.articleId,
          parentId: under.id,
          rootId: under.rootId,
          depth: under.depth + 1,
          status: 'approved',
          holdReason: null,
          holdDetail: null,
          authorName: reply.name ?? fallbackName,
          authorEmail: null,
          authorUrl: null,
          ipHash: null,
          userAgent: null,
          body,
          bodyHtml: renderCommentBody(body),
          isStaff: true,
          notifyReplies: false,
          now: clock.now(),
        });
        const stored = await mustFind(trx, id);
        const asNew = { ...stored, status: 'pending' as const, approvedAt: null };
        await change(trx, asNew, { status: 'approved' }, refs);
        return parent;
      });
      announce(parent);
      return mustFind(db, id);
    },

    async ban(input: unknown): Promise<{ banned: { kind: 'email' | 'ip' }[] }> {
      requirePermission('comments.moderate');
      const ban = parseInput(commentBanSchema, input);
      const now = clock.now();
      const reason = ban.reason ?? '';
      if ('email' in ban) {
        await guards.ban(db, { kind: 'email', value: normaliseEmail(ban.email), reason, now });
        return { banned: [{ kind: 'email' }] };
      }
      const comment = await mustFind(db, ban.comment_id);
      const banned: { kind: 'email' | 'ip' }[] = [];
      for (const kind of ban.by) {
        const value = kind === 'email' ? comment.authorEmail : comment.ipHash;
        if (!value)
          throw new AppError({
            code: 'COMMENT_BAN_UNAVAILABLE',
            message: `This comment has no ${kind === 'email' ? 'email address' : 'IP hash (purged or staff)'} to ban.`,
            status: 422,
            field: 'by',
          });
        await guards.ban(db, { kind, value, reason, now });
        banned.push({ kind });
      }
      return { banned };
    },

    bans: () => {
      requirePermission('comments.read');
      return guards.bans(db);
    },

    async unban(id: string): Promise<void> {
      requirePermission('comments.moderate');
      if (!(await guards.unban(db, id))) throw new NotFoundError('ban');
    },

    /** A reader's report; past the threshold the comment enters the reported queue. */
    async report(commentId: string, input: unknown, ip: string): Promise<{ isNew: boolean }> {
      const report = parseInput(commentReportSchema, input);
      const settings = await options.commentSettings.get();
      return withTransaction(db, async (trx) => {
        const comment = await repo.find(trx, commentId);
        if (comment?.status !== 'approved') throw new NotFoundError('comment');
        const isNew = await guards.report(trx, {
          commentId,
          reason: report.reason as CommentReportReason,
          note: report.note?.trim() ?? '',
          reporterHash: options.hashIp(ip),
          now: clock.now(),
        });
        if (isNew && comment.reportedAt === null && comment.reportCount + 1 >= settings.report_threshold)
          await repo.update(trx, commentId, { reportedAt: clock.now() }, clock.now());
        return { isNew };
      });
    },

    /** Deletes a reader's comments (their email link): erased in place where others replied. */
    async deleteByEmail(email: string): Promise<number> {
      const address = normaliseEmail(email);
      const affected = await withTransaction(db, async (trx) => {
        const ids = await repo.idsByEmail(trx, address);
        const comments = await repo.findMany(trx, ids);
        for (const comment of comments) {
          if (await repo.hasReplies(trx, comment.id)) await repo.erase(trx, comment.id, clock.now());
          else await repo.remove(trx, comment.id);
        }
        return comments;
      });
      for (const comment of affected) if (comment.status === 'approved') announce(comment);
      return affected.length;
    },

    /** A reader's comments as their data export shows them. */
    async exportByEmail(email: string) {
      const comments = await repo.findMany(db, await repo.idsByEmail(db, normaliseEmail(email)));
      return comments.map((comment) => ({
        id: comment.id,
        article_id: comment.articleId,
        author_name: comment.authorName,
        body: comment.body,
        status: comment.status,
        created_at: comment.createdAt.toISOString(),
      }));
    },

    hasByEmail: async (email: string) => (await repo.idsByEmail(db, normaliseEmail(email))).length > 0,

    /** Forgets IP hashes past the retention setting; the worker runs it daily. */
    async purgeIpHashes(): Promise<number> {
      const settings = await options.commentSettings.get();
      return repo.purgeIpHashes(
        db,
        new Date(clock.now().getTime() - settings.ip_retention_days * 86_400_000),
      );
    },

    pendingSince: (since: Date) => repo.pendingSince(db, since),
  };
}

export type CommentModerationService = ReturnType<typeof createCommentModerationService>;
