import { type Selectable, sql } from 'kysely';
import { z } from 'zod';
import type { Database } from '../../db/connection.ts';
import type { OutboxState, OutboxTable } from '../../db/schema.ts';
import type { Executor } from '../../db/transaction.ts';
import { fromDbJson, fromDbTime, fromDbTimeOrNull, toDbJson, toDbTime } from '../../db/values.ts';

/** One mail as the outbox holds it, with no dialect shape left in it. */
export type OutboxEntry = {
  id: string;
  kind: string;
  recipient: string;
  subject: string;
  text: string;
  html: string | null;
  headers: Record<string, string>;
  state: OutboxState;
  attempts: number;
  lastError: string | null;
  nextAttemptAt: Date;
  claimedUntil: Date | null;
  createdAt: Date;
  sentAt: Date | null;
};

export type NewOutboxRow = Pick<
  OutboxEntry,
  'id' | 'kind' | 'recipient' | 'subject' | 'text' | 'html' | 'headers'
> & {
  now: Date;
};

const headersSchema = z.record(z.string(), z.string());

/**
 * SQL for the outbox, written once for both dialects; claiming is the one place they differ
 * (row locks on PostgreSQL, the single writer on SQLite).
 */
export function createOutboxRepository({ db, dialect }: Database) {
  const time = (date: Date) => toDbTime(dialect, date);

  const toEntry = (row: Selectable<OutboxTable>): OutboxEntry => ({
    id: row.id,
    kind: row.kind,
    recipient: row.recipient,
    subject: row.subject,
    text: row.text_body,
    html: row.html_body,
    headers: headersSchema.parse(fromDbJson(dialect, row.headers)),
    state: row.state,
    attempts: row.attempts,
    lastError: row.last_error,
    nextAttemptAt: fromDbTime(row.next_attempt_at),
    claimedUntil: fromDbTimeOrNull(row.claimed_until),
    createdAt: fromDbTime(row.created_at),
    sentAt: fromDbTimeOrNull(row.sent_at),
  });

  return {
    async insert(executor: Executor, row: NewOutboxRow): Promise<void> {
      await executor
        .insertInto('outbox')
        .values({
          id: row.id,
          kind: row.kind,
          recipient: row.recipient,
          subject: row.subject,
          text_body: row.text,
          html_body: row.html,
          headers: toDbJson(row.headers),
          state: 'pending',
          next_attempt_at: time(row.now),
          created_at: time(row.now),
        })
        .execute();
    },

    async countSince(
      executor: Executor,
      query: { recipient: string; kind: string; since: Date },
    ): Promise<number> {
      const row = await executor
        .selectFrom('outbox')
        .select((eb) => eb.fn.countAll<number>().as('count'))
        .where('recipient', '=', query.recipient)
        .where('kind', '=', query.kind)
        .where('created_at', '>', time(query.since))
        .executeTakeFirst();
      return Number(row?.count ?? 0);
    },

    /** Newest first, keyset-paged by id (UUIDv7 ids sort by creation time). */
    async list(options: { state?: OutboxState; limit: number; beforeId?: string }): Promise<OutboxEntry[]> {
      let query = db.selectFrom('outbox').selectAll().orderBy('id', 'desc').limit(options.limit);
      if (options.state) query = query.where('state', '=', options.state);
      if (options.beforeId) query = query.where('id', '<', options.beforeId);
      return (await query.execute()).map(toEntry);
    },

    /**
     * Takes one due mail for this worker until `claimUntil`: a pending one whose time has come, or
     * one left `sending` by a worker that crashed (its claim ran out). One statement, so two workers
     * never claim the same row: PostgreSQL skips rows another worker has locked; SQLite has one writer.
     */
    async claimNext(now: Date, claimUntil: Date): Promise<OutboxEntry | undefined> {
      const nowValue = time(now);
      const due = db
        .selectFrom('outbox')
        .select('id')
        .where((eb) =>
          eb.or([
            eb.and([eb('state', '=', 'pending'), eb('next_attempt_at', '<=', nowValue)]),
            eb.and([eb('state', '=', 'sending'), eb('claimed_until', '<', nowValue)]),
          ]),
        )
        .orderBy('next_attempt_at')
        .limit(1);
      const row = await db
        .updateTable('outbox')
        .set({ state: 'sending', claimed_until: time(claimUntil), attempts: sql`attempts + 1` })
        .where('id', 'in', dialect === 'postgres' ? due.forUpdate().skipLocked() : due)
        .returningAll()
        .executeTakeFirst();
      return row ? toEntry(row) : undefined;
    },

    async markSent(id: string, now: Date): Promise<void> {
      await db
        .updateTable('outbox')
        .set({ state: 'sent', sent_at: time(now), claimed_until: null, last_error: null })
        .where('id', '=', id)
        .where('state', '=', 'sending')
        .execute();
    },

    async markFailedAttempt(
      id: string,
      outcome: { isFinal: boolean; retryAt: Date; error: string },
    ): Promise<void> {
      await db
        .updateTable('outbox')
        .set({
          state: outcome.isFinal ? 'failed' : 'pending',
          next_attempt_at: time(outcome.retryAt),
          claimed_until: null,
          last_error: outcome.error,
        })
        .where('id', '=', id)
        .where('state', '=', 'sending')
        .execute();
    },
  };
}

export type OutboxRepository = ReturnType<typeof createOutboxRepository>;
