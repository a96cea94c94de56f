import type { Selectable } from 'kysely';
import type { Dialect } from '../db/connection.ts';
import type { NewsletterTable } from '../db/schema.ts';
import type { Executor } from '../db/transaction.ts';
import { fromDbBool, fromDbJson, fromDbTime, toDbBool, toDbJson, toDbTime } from '../db/values.ts';
import type { Newsletter } from './newsletter.ts';

/** The only file that touches the `newsletters` table. */
export function createNewsletterRepository({ dialect }: { dialect: Dialect }) {
  const toNewsletter = (row: Selectable<NewsletterTable>): Newsletter => ({
    id: row.id,
    slug: row.slug,
    name: row.name,
    description: row.description,
    categoryIds: fromDbJson(dialect, row.category_ids) as string[],
    cadence: row.cadence,
    sendHour: row.send_hour,
    sendWeekday: row.send_weekday,
    tracksOpens: fromDbBool(row.track_opens),
    tracksClicks: fromDbBool(row.track_clicks),
    position: row.position,
    createdAt: fromDbTime(row.created_at),
    updatedAt: fromDbTime(row.updated_at),
  });

  const writable = (newsletter: Newsletter) => ({
    slug: newsletter.slug,
    name: newsletter.name,
    description: newsletter.description,
    category_ids: toDbJson(newsletter.categoryIds),
    cadence: newsletter.cadence,
    send_hour: newsletter.sendHour,
    send_weekday: newsletter.sendWeekday,
    track_opens: toDbBool(dialect, newsletter.tracksOpens),
    track_clicks: toDbBool(dialect, newsletter.tracksClicks),
    position: newsletter.position,
    updated_at: toDbTime(dialect, newsletter.updatedAt),
  });

  const ordered = (db: Executor) =>
    db.selectFrom('newsletters').selectAll().orderBy('position').orderBy('name').orderBy('id');

  return {
    async list(db: Executor, { limit, offset }: { limit: number; offset: number }): Promise<Newsletter[]> {
      return (await ordered(db).limit(limit).offset(offset).execute()).map(toNewsletter);
    },
    async all(db: Executor): Promise<Newsletter[]> {
      return (await ordered(db).execute()).map(toNewsletter);
    },
    async count(db: Executor): Promise<number> {
      const row = await db
        .selectFrom('newsletters')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      return Number(row.n);
    },
    async findById(db: Executor, id: string): Promise<Newsletter | undefined> {
      const row = await db.selectFrom('newsletters').selectAll().where('id', '=', id).executeTakeFirst();
      return row ? toNewsletter(row) : undefined;
    },
    async findBySlugs(db: Executor, slugs: string[]): Promise<Newsletter[]> {
      if (slugs.length === 0) return [];
      return (await db.selectFrom('newsletters').selectAll().where('slug', 'in', slugs).execute()).map(
        toNewsletter,
      );
    },
    /** Confirmed subscribers per newsletter (suppressed addresses included: they are still subscribed). */
    async subscriberCounts(db: Executor, ids: string[]): Promise<Map<string, number>> {
      if (ids.length === 0) return new Map();
      const rows = await db
        .selectFrom('subscriptions')
        .innerJoin('subscribers', 'subscribers.id', 'subscriptions.subscriber_id')
        .select(['subscriptions.newsletter_id', (eb) => eb.fn.countAll<number>().as('n')])
        .where('subscriptions.newsletter_id', 'in', ids)
        .where('subscribers.confirmed_at', 'is not', null)
        .groupBy('subscriptions.newsletter_id')
        .execute();
      return new Map(rows.map((row) => [row.newsletter_id, Number(row.n)]));
    },
    async insert(db: Executor, newsletter: Newsletter): Promise<void> {
      await db
        .insertInto('newsletters')
        .values({
          id: newsletter.id,
          ...writable(newsletter),
          created_at: toDbTime(dialect, newsletter.createdAt),
        })
        .execute();
    },
    async update(db: Executor, newsletter: Newsletter): Promise<void> {
      await db.updateTable('newsletters').set(writable(newsletter)).where('id', '=', newsletter.id).execute();
    },
    async remove(db: Executor, id: string): Promise<void> {
      await db.deleteFrom('newsletters').where('id', '=', id).execute();
    },
  };
}
