import type { Insertable } from 'kysely';
import pino from 'pino';
import { loadConfig } from '../src/config.ts';
import type { SubscriberTable, SubscriptionTable } from '../src/db/schema.ts';
import { withTransaction } from '../src/db/transaction.ts';
import { toDbTime } from '../src/db/values.ts';
import { newId } from '../src/lib/ids.ts';
import { createMasthead } from '../src/masthead.ts';

/** Rows per INSERT: 5 columns each, well under SQLite's 32,766 and PostgreSQL's 65,535 parameters. */
const BATCH = 1000;

/** The address of the i-th seeded reader; the sink checks that each got exactly one mail. */
export const benchAddress = (i: number) => `reader-${i}@bench.example`;

/**
 * Opens Masthead on `env`'s database (migrating it), creates one on-publish newsletter fed by every
 * category and `count` confirmed subscribers of it, inserted in bulk in one transaction (the rows
 * signup would write, without the mail round trip), and closes it again. Every other reader has a
 * name, so both branches of the "Hello, NAME" personalisation are sent.
 *
 * @example
 * const { seconds } = await seedSubscribers({ DATABASE_URL: 'sqlite:/tmp/b/bench.db', ... }, 100_000);
 */
export async function seedSubscribers(env: Record<string, string>, count: number) {
  const started = performance.now();
  const masthead = await createMasthead({ config: loadConfig({ env }), logger: pino({ level: 'silent' }) });
  try {
    await masthead.services.settings.update({ title: 'The Harbour Herald' });
    const [newsletter] = await masthead.subscribe.newsletters.createMany([
      { name: 'Harbour Herald: breaking news', slug: 'breaking', cadence: 'publish' },
    ]);
    if (!newsletter) throw new Error('no newsletter created');
    const { db, dialect } = masthead.database;
    const now = toDbTime(dialect, new Date());
    await withTransaction(db, async (trx) => {
      for (let offset = 0; offset < count; offset += BATCH) {
        const subscribers: Insertable<SubscriberTable>[] = [];
        const subscriptions: Insertable<SubscriptionTable>[] = [];
        for (let i = offset; i < Math.min(count, offset + BATCH); i += 1) {
          const id = newId();
          subscribers.push({
            id,
            email: benchAddress(i),
            name: i % 2 === 0 ? `Reader ${i}` : '',
            created_at: now,
            confirmed_at: now,
          });
          subscriptions.push({ subscriber_id: id, newsletter_id: newsletter.id, created_at: now });
        }
        await trx.insertInto('subscribers').values(subscribers).execute();
        await trx.insertInto('subscriptions').values(subscriptions).execute();
      }
    });
    return { newsletterId: newsletter.id, seconds: (performance.now() - started) / 1000 };
  } finally {
    await masthead.close();
  }
}
