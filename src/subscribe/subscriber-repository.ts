import type { Database } from '../db/connection.ts';
import type { Executor } from '../db/transaction.ts';
import { fromDbJson, fromDbTime, fromDbTimeOrNull, toDbJson, toDbTime } from '../db/values.ts';
import { newId } from '../lib/ids.ts';

export type Subscriber = {
  id: string;
  email: string;
  name: string;
  createdAt: Date;
  confirmedAt: Date | null;
  lastLoginAt: Date | null;
};

export type Consent = { source: string; newsletterIds: string[]; requestedAt: Date; confirmedAt: Date };

type SubscriberRow = {
  id: string;
  email: string;
  name: string;
  created_at: Date | string;
  confirmed_at: Date | string | null;
  last_login_at: Date | string | null;
};

const toSubscriber = (row: SubscriberRow): Subscriber => ({
  id: row.id,
  email: row.email,
  name: row.name,
  createdAt: fromDbTime(row.created_at),
  confirmedAt: fromDbTimeOrNull(row.confirmed_at),
  lastLoginAt: fromDbTimeOrNull(row.last_login_at),
});

export type SubscriberRepository = ReturnType<typeof createSubscriberRepository>;

/** SQL for one reader's subscriber row, subscriptions and consents (the reader-facing side). */
export function createSubscriberRepository({ dialect }: Pick<Database, 'dialect'>) {
  const columns = ['id', 'email', 'name', 'created_at', 'confirmed_at', 'last_login_at'] as const;

  return {
    async findByEmail(executor: Executor, email: string): Promise<Subscriber | null> {
      const row = await executor
        .selectFrom('subscribers')
        .select(columns)
        .where('email', '=', email)
        .executeTakeFirst();
      return row ? toSubscriber(row) : null;
    },

    async findById(executor: Executor, id: string): Promise<Subscriber | null> {
      const row = await executor
        .selectFrom('subscribers')
        .select(columns)
        .where('id', '=', id)
        .executeTakeFirst();
      return row ? toSubscriber(row) : null;
    },

    /** The subscriber for `email`, created when missing; confirmed (the link proved the address) either way. */
    async ensureConfirmed(
      trx: Executor,
      input: { email: string; name: string; now: Date },
    ): Promise<Subscriber> {
      const now = toDbTime(dialect, input.now);
      await trx
        .insertInto('subscribers')
        .values({ id: newId(), email: input.email, name: input.name, created_at: now, confirmed_at: now })
        .onConflict((oc) => oc.column('email').doNothing())
        .execute();
      let update = trx.updateTable('subscribers').set({ confirmed_at: now }).where('email', '=', input.email);
      update = update.where('confirmed_at', 'is', null);
      await update.execute();
      if (input.name)
        await trx
          .updateTable('subscribers')
          .set({ name: input.name })
          .where('email', '=', input.email)
          .where('name', '=', '')
          .execute();
      return (await this.findByEmail(trx, input.email)) as Subscriber;
    },

    async setName(executor: Executor, id: string, name: string): Promise<void> {
      await executor.updateTable('subscribers').set({ name }).where('id', '=', id).execute();
    },

    async touchLogin(executor: Executor, id: string, now: Date): Promise<void> {
      await executor
        .updateTable('subscribers')
        .set({ last_login_at: toDbTime(dialect, now) })
        .where('id', '=', id)
        .execute();
    },

    async newsletterIdsOf(executor: Executor, subscriberId: string): Promise<string[]> {
      const rows = await executor
        .selectFrom('subscriptions')
        .select('newsletter_id')
        .where('subscriber_id', '=', subscriberId)
        .execute();
      return rows.map((row) => row.newsletter_id);
    },

    async subscribe(trx: Executor, subscriberId: string, newsletterIds: string[], now: Date): Promise<void> {
      if (newsletterIds.length === 0) return;
      await trx
        .insertInto('subscriptions')
        .values(
          newsletterIds.map((newsletterId) => ({
            subscriber_id: subscriberId,
            newsletter_id: newsletterId,
            created_at: toDbTime(dialect, now),
          })),
        )
        .onConflict((oc) => oc.columns(['subscriber_id', 'newsletter_id']).doNothing())
        .execute();
    },

    async unsubscribe(executor: Executor, subscriberId: string, newsletterIds: string[]): Promise<number> {
      if (newsletterIds.length === 0) return 0;
      const result = await executor
        .deleteFrom('subscriptions')
        .where('subscriber_id', '=', subscriberId)
        .where('newsletter_id', 'in', newsletterIds)
        .executeTakeFirst();
      return Number(result.numDeletedRows);
    },

    async addConsent(trx: Executor, subscriberId: string, consent: Consent): Promise<void> {
      await trx
        .insertInto('consents')
        .values({
          id: newId(),
          subscriber_id: subscriberId,
          source: consent.source,
          newsletter_ids: toDbJson(consent.newsletterIds),
          requested_at: toDbTime(dialect, consent.requestedAt),
          confirmed_at: toDbTime(dialect, consent.confirmedAt),
        })
        .execute();
    },

    async consentsOf(executor: Executor, subscriberId: string): Promise<Consent[]> {
      const rows = await executor
        .selectFrom('consents')
        .select(['source', 'newsletter_ids', 'requested_at', 'confirmed_at'])
        .where('subscriber_id', '=', subscriberId)
        .orderBy('requested_at')
        .execute();
      return rows.map((row) => ({
        source: row.source,
        newsletterIds: fromDbJson(dialect, row.newsletter_ids) as string[],
        requestedAt: fromDbTime(row.requested_at),
        confirmedAt: fromDbTime(row.confirmed_at),
      }));
    },

    /** Deletes the subscriber with their subscriptions and consents (cascade) and their delivery records. */
    async remove(trx: Executor, subscriber: Subscriber): Promise<void> {
      await trx.deleteFrom('newsletter_deliveries').where('email', '=', subscriber.email).execute();
      await trx.deleteFrom('reader_tokens').where('email', '=', subscriber.email).execute();
      await trx.deleteFrom('subscribers').where('id', '=', subscriber.id).execute();
    },
  };
}
