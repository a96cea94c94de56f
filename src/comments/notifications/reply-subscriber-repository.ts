import type { Dialect } from '../../db/connection.ts';
import type { Executor } from '../../db/transaction.ts';
import { fromDbTime, fromDbTimeOrNull, toDbTime } from '../../db/values.ts';

export type ReplySubscriber = {
  email: string;
  confirmedAt: Date | null;
  unsubscribedAt: Date | null;
  lastConfirmationSentAt: Date | null;
  createdAt: Date;
};

/** Whether replies are mailed to this address now: confirmed once, and not unsubscribed since. */
export const isReceiving = (subscriber: ReplySubscriber | undefined): boolean =>
  Boolean(subscriber?.confirmedAt) && !subscriber?.unsubscribedAt;

/**
 * The `reply_subscribers` table. Every write is a single statement, so two requests racing for the
 * same address each see the other's effect (PostgreSQL row locks; SQLite's single writer).
 */
export function createReplySubscriberRepository(dialect: Dialect) {
  const time = (date: Date) => toDbTime(dialect, date);

  return {
    async find(executor: Executor, email: string): Promise<ReplySubscriber | undefined> {
      const row = await executor
        .selectFrom('reply_subscribers')
        .selectAll()
        .where('email', '=', email)
        .executeTakeFirst();
      return row
        ? {
            email: row.email,
            confirmedAt: fromDbTimeOrNull(row.confirmed_at),
            unsubscribedAt: fromDbTimeOrNull(row.unsubscribed_at),
            lastConfirmationSentAt: fromDbTimeOrNull(row.last_confirmation_sent_at),
            createdAt: fromDbTime(row.created_at),
          }
        : undefined;
    },

    async ensure(executor: Executor, email: string, now: Date): Promise<void> {
      await executor
        .insertInto('reply_subscribers')
        .values({ email, created_at: time(now) })
        .onConflict((oc) => oc.column('email').doNothing())
        .execute();
    },

    /**
     * Takes the right to send a confirmation mail: true for one caller per address per window.
     * A conditional update rather than read-then-write, so two comments posted at once send one mail.
     */
    async takeConfirmationSlot(executor: Executor, email: string, now: Date, windowStart: Date) {
      const result = await executor
        .updateTable('reply_subscribers')
        .set({ last_confirmation_sent_at: time(now) })
        .where('email', '=', email)
        .where('confirmed_at', 'is', null)
        .where('unsubscribed_at', 'is', null)
        .where((eb) =>
          eb.or([
            eb('last_confirmation_sent_at', 'is', null),
            eb('last_confirmation_sent_at', '<=', time(windowStart)),
          ]),
        )
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },

    /** Confirming is also resubscribing: whoever opens a fresh confirmation link owns the inbox. */
    async confirm(executor: Executor, email: string, now: Date): Promise<void> {
      await executor
        .insertInto('reply_subscribers')
        .values({ email, confirmed_at: time(now), created_at: time(now) })
        .onConflict((oc) =>
          oc.column('email').doUpdateSet((eb) => ({
            confirmed_at: eb.fn.coalesce('reply_subscribers.confirmed_at', eb.ref('excluded.confirmed_at')),
            unsubscribed_at: null,
          })),
        )
        .execute();
    },

    async unsubscribe(executor: Executor, email: string, now: Date): Promise<void> {
      await executor
        .insertInto('reply_subscribers')
        .values({ email, unsubscribed_at: time(now), created_at: time(now) })
        .onConflict((oc) =>
          oc.column('email').doUpdateSet((eb) => ({
            unsubscribed_at: eb.fn.coalesce(
              'reply_subscribers.unsubscribed_at',
              eb.ref('excluded.unsubscribed_at'),
            ),
          })),
        )
        .execute();
    },

    async resubscribe(executor: Executor, email: string): Promise<void> {
      await executor
        .updateTable('reply_subscribers')
        .set({ unsubscribed_at: null })
        .where('email', '=', email)
        .execute();
    },

    async remove(executor: Executor, email: string): Promise<void> {
      await executor.deleteFrom('reply_subscribers').where('email', '=', email).execute();
    },
  };
}

export type ReplySubscriberRepository = ReturnType<typeof createReplySubscriberRepository>;
