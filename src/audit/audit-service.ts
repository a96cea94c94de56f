import { type Actor, currentActor } from '../auth/actor.ts';
import { requirePermission } from '../auth/permissions.ts';
import type { Database, Dialect } from '../db/connection.ts';
import type { Executor } from '../db/transaction.ts';
import type { Clock } from '../lib/clock.ts';
import { newId } from '../lib/ids.ts';
import { type PageRequest, type Pagination, pageOffset, paginationMeta } from '../lib/pagination.ts';
import type { AuditActor, AuditEntry, AuditRecord } from './audit.ts';
import { type AuditFilter, createAuditRepository } from './audit-repository.ts';

/** How an actor is written in the log: staff by email, tokens and the system by what they are. */
export function auditActorOf(actor: Actor): AuditActor {
  if (actor.kind === 'staff') return { kind: 'staff', id: actor.id, label: actor.email };
  if (actor.kind === 'token')
    return {
      kind: 'token',
      id: actor.id,
      label: actor.scope === 'admin' ? 'API token' : 'Read-only API token',
    };
  return { kind: 'system', id: null, label: 'system' };
}

/**
 * Appends one entry as the current actor. Pass the transaction of the change it records, so that
 * both are committed or neither (the staff accounts call this from their own transactions).
 *
 * @example
 * await recordAudit({ executor: trx, dialect, at: clock.now(), action: 'staff.disabled', target: { type: 'staff', id } });
 */
export async function recordAudit(
  options: AuditRecord & { executor: Executor; dialect: Dialect; at: Date },
): Promise<AuditEntry> {
  const entry: AuditEntry = {
    id: newId(),
    at: options.at,
    actor: auditActorOf(currentActor()),
    action: options.action,
    target: options.target ?? null,
    summary: options.summary ?? {},
  };
  await createAuditRepository({ dialect: options.dialect }).insert(options.executor, entry);
  return entry;
}

export type AuditService = ReturnType<typeof createAuditService>;

/**
 * The audit log: services record what they changed (in the change's transaction); administrators
 * read it back, newest first.
 *
 * @example
 * const audit = createAuditService({ database, clock });
 * await audit.record({ action: 'settings.changed', target: { type: 'settings', id: 'site' }, executor: trx });
 * const { entries } = await audit.list({ page: { page: 1, limit: 20 }, action: 'article.published' });
 */
export function createAuditService({ database, clock }: { database: Database; clock: Clock }) {
  const { db, dialect } = database;
  const repo = createAuditRepository({ dialect });

  return {
    /** Records as the current actor; `executor` defaults to the database (no transaction). */
    record: (record: AuditRecord & { executor?: Executor | undefined }): Promise<AuditEntry> =>
      recordAudit({ ...record, executor: record.executor ?? db, dialect, at: clock.now() }),

    /** A page of entries, newest first, filtered by action and actor (id or label); administrators only. */
    async list(
      query: AuditFilter & { page: PageRequest },
    ): Promise<{ entries: AuditEntry[]; pagination: Pagination }> {
      requirePermission('audit.read');
      const filter = { action: query.action, actor: query.actor };
      const [entries, total] = await Promise.all([
        repo.list(db, filter, { limit: query.page.limit, offset: pageOffset(query.page) }),
        repo.count(db, filter),
      ]);
      return { entries, pagination: paginationMeta(query.page, total) };
    },
  };
}
