import type { Dialect } from '../../db/connection.ts';
import type { Executor } from '../../db/transaction.ts';
import { fromDbTime, toDbTime } from '../../db/values.ts';

/** A staff member with the article open: since when, by the latest heartbeat. */
export type ArticleEditor = { id: string; name: string; since: Date };

export type PresenceRepository = ReturnType<typeof createPresenceRepository>;

/** SQL for `article_presence`; the only code that touches that table. */
export function createPresenceRepository({ dialect }: { dialect: Dialect }) {
  const time = (date: Date) => toDbTime(dialect, date);

  return {
    /**
     * Records a heartbeat of `staffId` on the article. A heartbeat after a gap (the previous one
     * older than `freshAfter`) starts a new stretch: `since` moves to now.
     */
    async beat(
      db: Executor,
      presence: { articleId: string; staffId: string; now: Date; freshAfter: Date },
    ): Promise<void> {
      const { articleId, staffId, now, freshAfter } = presence;
      const current = await db
        .selectFrom('article_presence')
        .select(['since', 'seen_at'])
        .where('article_id', '=', articleId)
        .where('staff_id', '=', staffId)
        .executeTakeFirst();
      const isOngoing = current !== undefined && fromDbTime(current.seen_at) >= freshAfter;
      const since = isOngoing ? fromDbTime(current.since) : now;
      await db
        .insertInto('article_presence')
        .values({ article_id: articleId, staff_id: staffId, since: time(since), seen_at: time(now) })
        .onConflict((oc) =>
          oc.columns(['article_id', 'staff_id']).doUpdateSet({ since: time(since), seen_at: time(now) }),
        )
        .execute();
    },

    /** Everyone (but `exceptId`) whose latest heartbeat on the article is newer than `freshAfter`. */
    async editors(
      db: Executor,
      query: { articleId: string; freshAfter: Date; exceptId: string | null },
    ): Promise<ArticleEditor[]> {
      let builder = db
        .selectFrom('article_presence')
        .innerJoin('staff_users', 'staff_users.id', 'article_presence.staff_id')
        .select(['article_presence.staff_id', 'article_presence.since', 'staff_users.name'])
        .where('article_presence.article_id', '=', query.articleId)
        .where('article_presence.seen_at', '>=', time(query.freshAfter));
      if (query.exceptId) builder = builder.where('article_presence.staff_id', '!=', query.exceptId);
      const rows = await builder
        .orderBy('article_presence.since')
        .orderBy('article_presence.staff_id')
        .execute();
      return rows.map((row) => ({ id: row.staff_id, name: row.name, since: fromDbTime(row.since) }));
    },

    async leave(db: Executor, articleId: string, staffId: string): Promise<void> {
      await db
        .deleteFrom('article_presence')
        .where('article_id', '=', articleId)
        .where('staff_id', '=', staffId)
        .execute();
    },

    /** Forgets heartbeats older than `before`, on every article: the table stays as small as the newsroom. */
    async forgetBefore(db: Executor, before: Date): Promise<void> {
      await db.deleteFrom('article_presence').where('seen_at', '<', time(before)).execute();
    },
  };
}
