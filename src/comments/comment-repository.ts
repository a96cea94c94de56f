import type { Selectable } from 'kysely';
import type { Dialect } from '../db/connection.ts';
import { preparedRead } from '../db/prepared.ts';
import type { CommentTable } from '../db/schema.ts';
import type { Executor } from '../db/transaction.ts';
import { fromDbBool, fromDbTime, fromDbTimeOrNull, toDbBool, toDbTime } from '../db/values.ts';
import { isUuid } from '../lib/ids.ts';
import type { Comment, CommentStatus, HoldReason } from './comment.ts';

type Row = Selectable<CommentTable>;

export type NewComment = {
  id: string;
  articleId: string;
  parentId: string | null;
  rootId: string;
  depth: number;
  status: CommentStatus;
  holdReason: HoldReason | null;
  holdDetail: string | null;
  authorName: string;
  authorEmail: string | null;
  authorUrl: string | null;
  ipHash: string | null;
  userAgent: string | null;
  body: string;
  bodyHtml: string;
  isStaff: boolean;
  notifyReplies: boolean;
  now: Date;
};

export type CommentChanges = Partial<{
  status: CommentStatus;
  holdReason: HoldReason | null;
  holdDetail: string | null;
  body: string;
  bodyHtml: string;
  isFeatured: boolean;
  reportedAt: Date | null;
  approvedAt: Date | null;
}>;

export type ModerationFilter = { status: CommentStatus | 'reported'; articleId?: string };

const toComment = (row: Row): Comment => ({
  id: row.id,
  articleId: row.article_id,
  parentId: row.parent_id,
  rootId: row.root_id,
  depth: row.depth,
  status: row.status,
  authorName: row.author_name,
  authorUrl: row.author_url,
  authorEmail: row.author_email,
  body: row.body,
  bodyHtml: row.body_html,
  ipHash: row.ip_hash,
  userAgent: row.user_agent,
  holdReason: row.hold_reason as HoldReason | null,
  holdDetail: row.hold_detail,
  isStaff: fromDbBool(row.is_staff),
  isFeatured: fromDbBool(row.is_featured),
  isErased: row.erased_at !== null,
  notifyReplies: fromDbBool(row.notify_replies),
  reportCount: row.report_count,
  reportedAt: fromDbTimeOrNull(row.reported_at),
  createdAt: fromDbTime(row.created_at),
  updatedAt: fromDbTime(row.updated_at),
  approvedAt: fromDbTimeOrNull(row.approved_at),
});

/** SQL for comments, written once for SQLite and PostgreSQL. */
export function createCommentRepository({ dialect }: { dialect: Dialect }) {
  const time = (date: Date) => toDbTime(dialect, date);
  const approvedCountsOf = (db: Executor, articleIds: string[]) =>
    db
      .selectFrom('comments')
      .select(['article_id', (eb) => eb.fn.countAll<number>().as('n')])
      .where('article_id', 'in', articleIds)
      .where('status', '=', 'approved')
      .groupBy('article_id');
  const approvedCountOfOne = preparedRead((db, articleId: string) => approvedCountsOf(db, [articleId]));

  return {
    async insert(db: Executor, c: NewComment): Promise<void> {
      await db
        .insertInto('comments')
        .values({
          id: c.id,
          article_id: c.articleId,
          parent_id: c.parentId,
          root_id: c.rootId,
          depth: c.depth,
          status: c.status,
          hold_reason: c.holdReason,
          hold_detail: c.holdDetail,
          author_name: c.authorName,
          author_email: c.authorEmail,
          author_url: c.authorUrl,
          ip_hash: c.ipHash,
          user_agent: c.userAgent,
          body: c.body,
          body_html: c.bodyHtml,
          is_staff: toDbBool(dialect, c.isStaff),
          is_featured: toDbBool(dialect, false),
          notify_replies: toDbBool(dialect, c.notifyReplies),
          created_at: time(c.now),
          updated_at: time(c.now),
          approved_at: c.status === 'approved' ? time(c.now) : null,
        })
        .execute();
    },

    async find(db: Executor, id: string): Promise<Comment | null> {
      // Ids are UUIDs; PostgreSQL refuses to compare its uuid column with anything else.
      if (!isUuid(id)) return null;
      const row = await db.selectFrom('comments').selectAll().where('id', '=', id).executeTakeFirst();
      return row ? toComment(row) : null;
    },

    async findMany(db: Executor, ids: string[]): Promise<Comment[]> {
      if (ids.length === 0) return [];
      const rows = await db.selectFrom('comments').selectAll().where('id', 'in', ids).execute();
      return rows.map(toComment);
    },

    async update(db: Executor, id: string, changes: CommentChanges, now: Date): Promise<void> {
      const set: Record<string, unknown> = { updated_at: time(now) };
      if (changes.status !== undefined) set.status = changes.status;
      if (changes.holdReason !== undefined) set.hold_reason = changes.holdReason;
      if (changes.holdDetail !== undefined) set.hold_detail = changes.holdDetail;
      if (changes.body !== undefined) set.body = changes.body;
      if (changes.bodyHtml !== undefined) set.body_html = changes.bodyHtml;
      if (changes.isFeatured !== undefined) set.is_featured = toDbBool(dialect, changes.isFeatured);
      if (changes.reportedAt !== undefined)
        set.reported_at = changes.reportedAt ? time(changes.reportedAt) : null;
      if (changes.approvedAt !== undefined)
        set.approved_at = changes.approvedAt ? time(changes.approvedAt) : null;
      await db.updateTable('comments').set(set).where('id', '=', id).execute();
    },

    /** One page of approved threads (top-level comments) and every approved reply in them. */
    async approvedThreads(
      db: Executor,
      options: { articleId: string; order: 'oldest' | 'newest'; offset: number; limit: number },
    ): Promise<{ comments: Comment[]; threadCount: number }> {
      const direction = options.order === 'newest' ? 'desc' : 'asc';
      const roots = await db
        .selectFrom('comments')
        .selectAll()
        .where('article_id', '=', options.articleId)
        .where('status', '=', 'approved')
        .where('depth', '=', 0)
        .orderBy('created_at', direction)
        .orderBy('id', direction)
        .limit(options.limit)
        .offset(options.offset)
        .execute();
      const counted = await db
        .selectFrom('comments')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('article_id', '=', options.articleId)
        .where('status', '=', 'approved')
        .where('depth', '=', 0)
        .executeTakeFirstOrThrow();
      const replies =
        roots.length === 0
          ? []
          : await db
              .selectFrom('comments')
              .selectAll()
              .where(
                'root_id',
                'in',
                roots.map((r) => r.id),
              )
              .where('depth', '>', 0)
              .where('status', '=', 'approved')
              .orderBy('created_at', 'asc')
              .orderBy('id', 'asc')
              .execute();
      return { comments: [...roots, ...replies].map(toComment), threadCount: Number(counted.n) };
    },

    /** Approved, featured comments of an article, oldest first. */
    async featured(db: Executor, articleId: string): Promise<Comment[]> {
      const rows = await db
        .selectFrom('comments')
        .selectAll()
        .where('article_id', '=', articleId)
        .where('status', '=', 'approved')
        .where('is_featured', '=', toDbBool(dialect, true))
        .orderBy('created_at', 'asc')
        .limit(20)
        .execute();
      return rows.map(toComment);
    },

    /** Where a thread falls in the article's order: how many approved threads come before it. */
    async threadsBefore(db: Executor, root: Comment, order: 'oldest' | 'newest'): Promise<number> {
      const row = await db
        .selectFrom('comments')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('article_id', '=', root.articleId)
        .where('status', '=', 'approved')
        .where('depth', '=', 0)
        .where('created_at', order === 'oldest' ? '<' : '>', time(root.createdAt))
        .executeTakeFirstOrThrow();
      return Number(row.n);
    },

    async approvedCounts(db: Executor, articleIds: string[]): Promise<Map<string, number>> {
      if (articleIds.length === 0) return new Map();
      // One article is what every article page asks for: that read is prepared.
      const [only] = articleIds;
      const rows =
        articleIds.length === 1 && only
          ? await approvedCountOfOne(db, only)
          : await approvedCountsOf(db, articleIds).execute();
      return new Map(rows.map((row) => [row.article_id, Number(row.n)]));
    },

    async countSince(
      db: Executor,
      by: { column: 'ip_hash' | 'author_email'; value: string; since: Date },
    ): Promise<number> {
      const row = await db
        .selectFrom('comments')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where(by.column, '=', by.value)
        .where('created_at', '>', time(by.since))
        .executeTakeFirstOrThrow();
      return Number(row.n);
    },

    async approvedCountByEmail(db: Executor, email: string): Promise<number> {
      const row = await db
        .selectFrom('comments')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('author_email', '=', email)
        .where('status', '=', 'approved')
        .executeTakeFirstOrThrow();
      return Number(row.n);
    },

    async hasDuplicate(
      db: Executor,
      c: { articleId: string; body: string; email: string | null; ipHash: string | null },
    ): Promise<boolean> {
      const row = await db
        .selectFrom('comments')
        .select('id')
        .where('article_id', '=', c.articleId)
        .where('body', '=', c.body)
        .where('status', '!=', 'trash')
        .where((eb) =>
          eb.or([
            ...(c.email ? [eb('author_email', '=', c.email)] : []),
            ...(c.ipHash ? [eb('ip_hash', '=', c.ipHash)] : []),
          ]),
        )
        .limit(1)
        .executeTakeFirst();
      return row !== undefined;
    },

    async moderationQueue(
      db: Executor,
      filter: ModerationFilter,
      page: { offset: number; limit: number },
    ): Promise<{ comments: Comment[]; total: number }> {
      let query = db.selectFrom('comments');
      query =
        filter.status === 'reported'
          ? query.where('reported_at', 'is not', null).where('status', '=', 'approved')
          : query.where('status', '=', filter.status);
      if (filter.articleId) query = query.where('article_id', '=', filter.articleId);
      const rows = await query
        .selectAll()
        .orderBy('created_at', 'desc')
        .orderBy('id', 'desc')
        .limit(page.limit)
        .offset(page.offset)
        .execute();
      const counted = await query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
      return { comments: rows.map(toComment), total: Number(counted.n) };
    },

    async hasReplies(db: Executor, id: string): Promise<boolean> {
      const row = await db
        .selectFrom('comments')
        .select('id')
        .where('parent_id', '=', id)
        .limit(1)
        .executeTakeFirst();
      return row !== undefined;
    },

    async remove(db: Executor, id: string): Promise<void> {
      await db.deleteFrom('comments').where('id', '=', id).execute();
    },

    /** Keeps a comment's place in its thread but nothing of who wrote it or what it said. */
    async erase(db: Executor, id: string, now: Date): Promise<void> {
      await db
        .updateTable('comments')
        .set({
          author_name: '',
          author_email: null,
          author_url: null,
          ip_hash: null,
          user_agent: null,
          body: '',
          body_html: '',
          notify_replies: toDbBool(dialect, false),
          erased_at: time(now),
          updated_at: time(now),
        })
        .where('id', '=', id)
        .execute();
    },

    async idsByEmail(db: Executor, email: string): Promise<string[]> {
      const rows = await db.selectFrom('comments').select('id').where('author_email', '=', email).execute();
      return rows.map((row) => row.id);
    },

    /** Forgets IP hashes older than `before` (the privacy retention setting). */
    async purgeIpHashes(db: Executor, before: Date): Promise<number> {
      const result = await db
        .updateTable('comments')
        .set({ ip_hash: null, user_agent: null })
        .where('ip_hash', 'is not', null)
        .where('created_at', '<', time(before))
        .executeTakeFirst();
      return Number(result.numUpdatedRows);
    },

    async pendingSince(db: Executor, since: Date): Promise<Comment[]> {
      const rows = await db
        .selectFrom('comments')
        .selectAll()
        .where('status', '=', 'pending')
        .where('created_at', '>', time(since))
        .orderBy('created_at', 'asc')
        .limit(200)
        .execute();
      return rows.map(toComment);
    },
  };
}

export type CommentRepository = ReturnType<typeof createCommentRepository>;
