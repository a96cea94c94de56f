import type { Dialect } from '../db/connection.ts';
import type { CommentReportReason } from '../db/schema.ts';
import type { Executor } from '../db/transaction.ts';
import { fromDbTime, toDbTime } from '../db/values.ts';
import { isUuid, newId } from '../lib/ids.ts';

export type CommentBan = { id: string; kind: 'email' | 'ip'; value: string; reason: string; createdAt: Date };

/** SQL for bans and readers' reports: what guards the comment area besides the spam layers. */
export function createCommentGuardRepository({ dialect }: { dialect: Dialect }) {
  return {
    async isBanned(db: Executor, who: { email: string | null; ipHash: string | null }): Promise<boolean> {
      const row = await db
        .selectFrom('comment_bans')
        .select('id')
        .where((eb) =>
          eb.or([
            ...(who.email ? [eb.and([eb('kind', '=', 'email'), eb('value', '=', who.email)])] : []),
            ...(who.ipHash ? [eb.and([eb('kind', '=', 'ip'), eb('value', '=', who.ipHash)])] : []),
          ]),
        )
        .limit(1)
        .executeTakeFirst();
      return row !== undefined;
    },

    async ban(db: Executor, ban: { kind: 'email' | 'ip'; value: string; reason: string; now: Date }) {
      await db
        .insertInto('comment_bans')
        .values({
          id: newId(),
          kind: ban.kind,
          value: ban.value,
          reason: ban.reason,
          created_at: toDbTime(dialect, ban.now),
        })
        .onConflict((oc) => oc.columns(['kind', 'value']).doNothing())
        .execute();
    },

    async bans(db: Executor): Promise<CommentBan[]> {
      const rows = await db.selectFrom('comment_bans').selectAll().orderBy('created_at', 'desc').execute();
      return rows.map((row) => ({ ...row, createdAt: fromDbTime(row.created_at) }));
    },

    async unban(db: Executor, id: string): Promise<boolean> {
      if (!isUuid(id)) return false;
      const result = await db.deleteFrom('comment_bans').where('id', '=', id).executeTakeFirst();
      return Number(result.numDeletedRows) > 0;
    },

    /** Records a report once per reader; answers whether it was new. */
    async report(
      db: Executor,
      report: {
        commentId: string;
        reason: CommentReportReason;
        note: string;
        reporterHash: string;
        now: Date;
      },
    ): Promise<boolean> {
      const result = await db
        .insertInto('comment_reports')
        .values({
          id: newId(),
          comment_id: report.commentId,
          reason: report.reason,
          note: report.note,
          reporter_hash: report.reporterHash,
          created_at: toDbTime(dialect, report.now),
        })
        .onConflict((oc) => oc.columns(['comment_id', 'reporter_hash']).doNothing())
        .executeTakeFirst();
      const isNew = Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
      if (isNew)
        await db
          .updateTable('comments')
          .set((eb) => ({ report_count: eb('report_count', '+', 1) }))
          .where('id', '=', report.commentId)
          .execute();
      return isNew;
    },

    async reportsOf(db: Executor, commentIds: string[]) {
      if (commentIds.length === 0) return [];
      const rows = await db
        .selectFrom('comment_reports')
        .select(['comment_id', 'reason', 'note', 'created_at'])
        .where('comment_id', 'in', commentIds)
        .orderBy('created_at', 'asc')
        .orderBy('id', 'asc')
        .execute();
      return rows.map((row) => ({
        commentId: row.comment_id,
        reason: row.reason,
        note: row.note,
        createdAt: fromDbTime(row.created_at),
      }));
    },
  };
}
