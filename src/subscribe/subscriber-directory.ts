import { type ExpressionBuilder, sql } from 'kysely';
import { requirePermission } from '../auth/permissions.ts';
import type { Database } from '../db/connection.ts';
import type { Schema, SuppressionReason } from '../db/schema.ts';
import { type Executor, withTransaction } from '../db/transaction.ts';
import { fromDbTime, fromDbTimeOrNull } from '../db/values.ts';
import { NotFoundError } from '../lib/errors.ts';
import { isUuid } from '../lib/ids.ts';
import { type PageRequest, type Pagination, pageOffset, paginationMeta } from '../lib/pagination.ts';
import type { NewsletterService } from './newsletter-service.ts';

/** A subscriber as the newsroom sees it: who, since when, which newsletters, and whether mail is held back. */
export type SubscriberEntry = {
  id: string;
  email: string;
  name: string;
  createdAt: Date;
  confirmedAt: Date | null;
  newsletterSlugs: string[];
  suppressed: SuppressionReason | null;
};

export type SubscriberQuery = { q?: string | undefined; newsletter?: string | undefined; page: PageRequest };

export type SubscriberDirectory = ReturnType<typeof createSubscriberDirectory>;

const escapeLike = (text: string): string => text.replace(/[\\%_]/g, (c) => `\\${c}`);

export type SubscriberRow = {
  id: string;
  email: string;
  name: string;
  created_at: Date | string;
  confirmed_at: Date | string | null;
};

/** The newsletters and suppression of each subscriber row, in two queries whatever the number of rows. */
export async function describeSubscribers(db: Executor, rows: SubscriberRow[]): Promise<SubscriberEntry[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((row) => row.id);
  const [subscribed, suppressed] = await Promise.all([
    db
      .selectFrom('subscriptions')
      .innerJoin('newsletters', 'newsletters.id', 'subscriptions.newsletter_id')
      .select(['subscriptions.subscriber_id', 'newsletters.slug'])
      .where('subscriptions.subscriber_id', 'in', ids)
      .orderBy('newsletters.position')
      .orderBy('newsletters.name')
      .execute(),
    db
      .selectFrom('suppressions')
      .select(['email', 'reason'])
      .where(
        'email',
        'in',
        rows.map((row) => row.email),
      )
      .execute(),
  ]);
  const reasons = new Map(suppressed.map((row) => [row.email, row.reason]));
  const slugs = new Map<string, string[]>();
  for (const row of subscribed)
    slugs.set(row.subscriber_id, [...(slugs.get(row.subscriber_id) ?? []), row.slug]);
  return rows.map((row) => ({
    id: row.id,
    email: row.email,
    name: row.name,
    createdAt: fromDbTime(row.created_at),
    confirmedAt: fromDbTimeOrNull(row.confirmed_at),
    newsletterSlugs: slugs.get(row.id) ?? [],
    suppressed: reasons.get(row.email) ?? null,
  }));
}

/**
 * The Admin API's reads of subscribers (list with search and newsletter filter, one by id) and the
 * newsroom's delete. Readers' own signups and account changes live in the subscribe service.
 *
 * @example
 * const directory = createSubscriberDirectory({ database, newsletters });
 * const { subscribers, pagination } = await directory.list({ q: 'smith', page: { page: 1, limit: 20 } });
 */
export function createSubscriberDirectory({
  database,
  newsletters,
}: {
  database: Database;
  newsletters: NewsletterService;
}) {
  const { db } = database;

  async function get(id: string): Promise<SubscriberEntry> {
    requirePermission('subscribers.read');
    const row = isUuid(id)
      ? await db
          .selectFrom('subscribers')
          .select(['id', 'email', 'name', 'created_at', 'confirmed_at'])
          .where('id', '=', id.toLowerCase())
          .executeTakeFirst()
      : undefined;
    if (!row) throw new NotFoundError('subscriber');
    return (await describeSubscribers(db, [row]))[0] as SubscriberEntry;
  }

  return {
    /** Newest first; `q` matches part of the email or the name (case-insensitive), `newsletter` a slug. */
    async list(query: SubscriberQuery): Promise<{ subscribers: SubscriberEntry[]; pagination: Pagination }> {
      requirePermission('subscribers.read');
      const newsletterId = query.newsletter
        ? (await newsletters.findBySlugs([query.newsletter], 'newsletter'))[0]?.id
        : undefined;
      const q = query.q?.trim().toLowerCase();
      const filtered = (eb: ExpressionBuilder<Schema, 'subscribers'>) => {
        const conditions = [];
        if (q) {
          const pattern = `%${escapeLike(q)}%`;
          conditions.push(
            eb.or([
              sql<boolean>`subscribers.email like ${pattern} escape '\\'`,
              sql<boolean>`lower(subscribers.name) like ${pattern} escape '\\'`,
            ]),
          );
        }
        if (newsletterId)
          conditions.push(
            eb.exists(
              eb
                .selectFrom('subscriptions')
                .select('subscriptions.subscriber_id')
                .whereRef('subscriptions.subscriber_id', '=', 'subscribers.id')
                .where('subscriptions.newsletter_id', '=', newsletterId),
            ),
          );
        return eb.and(conditions);
      };
      const [rows, counted] = await Promise.all([
        db
          .selectFrom('subscribers')
          .select(['id', 'email', 'name', 'created_at', 'confirmed_at'])
          .where(filtered)
          .orderBy('created_at', 'desc')
          .orderBy('id', 'desc')
          .limit(query.page.limit)
          .offset(pageOffset(query.page))
          .execute(),
        db
          .selectFrom('subscribers')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where(filtered)
          .executeTakeFirstOrThrow(),
      ]);
      return {
        subscribers: await describeSubscribers(db, rows),
        pagination: paginationMeta(query.page, Number(counted.n)),
      };
    },

    get,

    /**
     * Deletes a subscriber with their subscriptions and consents (by cascade) and ends their reader
     * sessions. Their suppression, if any, stays: it is about the address, not the account.
     */
    async remove(id: string): Promise<void> {
      requirePermission('subscribers.manage');
      const subscriber = await get(id);
      await withTransaction(db, async (trx) => {
        await trx
          .deleteFrom('sessions')
          .where('kind', '=', 'reader')
          .where('principal_id', '=', subscriber.id)
          .execute();
        await trx.deleteFrom('subscribers').where('id', '=', subscriber.id).execute();
      });
    },
  };
}

/** A subscriber as the Admin API shows it. */
export const subscriberJson = (subscriber: SubscriberEntry) => ({
  id: subscriber.id,
  email: subscriber.email,
  name: subscriber.name,
  created_at: subscriber.createdAt.toISOString(),
  confirmed_at: subscriber.confirmedAt?.toISOString() ?? null,
  newsletters: subscriber.newsletterSlugs,
  suppressed: subscriber.suppressed,
});
