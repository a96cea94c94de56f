import type { Selectable } from 'kysely';
import type { Dialect } from '../db/connection.ts';
import type { AuditLogTable } from '../db/schema.ts';
import type { Executor } from '../db/transaction.ts';
import { fromDbJson, fromDbTime, toDbJson, toDbTime } from '../db/values.ts';
import type { AuditAction, AuditEntry } from './audit.ts';

export type AuditFilter = { action?: AuditAction | undefined; actor?: string | undefined };

/** SQL for the audit log: append and read back, newest first. */
export function createAuditRepository({ dialect }: { dialect: Dialect }) {
  const toEntry = (row: Selectable<AuditLogTable>): AuditEntry => ({
    id: row.id,
    at: fromDbTime(row.at),
    actor: { kind: row.actor_kind, id: row.actor_id, label: row.actor_label },
    action: row.action as AuditAction,
    target: row.target_type && row.target_id ? { type: row.target_type, id: row.target_id } : null,
    summary: (fromDbJson(dialect, row.summary) ?? {}) as Record<string, unknown>,
  });

  const filtered = (db: Executor, filter: AuditFilter) => {
    let query = db.selectFrom('audit_log');
    if (filter.action) query = query.where('action', '=', filter.action);
    const { actor } = filter;
    if (actor)
      query = query.where((eb) => eb.or([eb('actor_id', '=', actor), eb('actor_label', '=', actor)]));
    return query;
  };

  return {
    async insert(db: Executor, entry: AuditEntry): Promise<void> {
      await db
        .insertInto('audit_log')
        .values({
          id: entry.id,
          at: toDbTime(dialect, entry.at),
          actor_kind: entry.actor.kind,
          actor_id: entry.actor.id,
          actor_label: entry.actor.label,
          action: entry.action,
          target_type: entry.target?.type ?? null,
          target_id: entry.target?.id ?? null,
          summary: toDbJson(entry.summary),
        })
        .execute();
    },

    async list(
      db: Executor,
      filter: AuditFilter,
      page: { limit: number; offset: number },
    ): Promise<AuditEntry[]> {
      const rows = await filtered(db, filter)
        .selectAll()
        .orderBy('at', 'desc')
        .orderBy('id', 'desc')
        .limit(page.limit)
        .offset(page.offset)
        .execute();
      return rows.map(toEntry);
    },

    async count(db: Executor, filter: AuditFilter): Promise<number> {
      const row = await filtered(db, filter)
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      return Number(row.n);
    },
  };
}
