import type { Database } from '../db/connection.ts';
import { isForeignKeyViolation } from '../db/constraint-errors.ts';
import { type Executor, withTransaction } from '../db/transaction.ts';
import { toDbJson, toDbTime } from '../db/values.ts';
import type { Clock } from '../lib/clock.ts';
import { ConflictError } from '../lib/errors.ts';
import { newId } from '../lib/ids.ts';
import type { GoodLine } from './subscriber-csv.ts';

export type ImportProgress = { onProgress?: (done: number, total: number) => void };
export type ImportResult = { imported: number; updated: number };

/** Rows per INSERT: well under SQLite's and PostgreSQL's limits on bound values. */
const CHUNK = 500;

function* chunks<T>(items: T[], size: number): Generator<T[]> {
  for (let start = 0; start < items.length; start += size) yield items.slice(start, start + size);
}

/**
 * Imports parsed CSV lines in ONE transaction: a failure part-way leaves nothing behind. Each
 * address becomes a confirmed subscriber (confirmed when the file says it was created, else now)
 * with one `consents` row of source `import`. An address already known keeps its name unless it
 * had none and gains the listed subscriptions; none is ever removed.
 *
 * @example
 * const { imported, updated } = await importSubscribers({ database, clock }, parsed.good, {
 *   onProgress: (done, total) => bar.update(done, total),
 * });
 */
export async function importSubscribers(
  { database, clock }: { database: Database; clock: Clock },
  good: GoodLine[],
  options: ImportProgress = {},
): Promise<ImportResult> {
  const { dialect } = database;
  const now = clock.now();
  const time = (line: GoodLine) => toDbTime(dialect, line.createdAt ?? now);

  async function importChunk(trx: Executor, lines: GoodLine[]): Promise<ImportResult> {
    const emails = lines.map((line) => line.email);
    const known = new Map(
      (
        await trx
          .selectFrom('subscribers')
          .select(['id', 'email', 'name', 'confirmed_at'])
          .where('email', 'in', emails)
          .execute()
      ).map((row) => [row.email, row]),
    );
    const fresh = lines.filter((line) => !known.has(line.email));
    if (fresh.length > 0) {
      await trx
        .insertInto('subscribers')
        .values(
          fresh.map((line) => ({
            id: newId(),
            email: line.email,
            name: line.name,
            created_at: time(line),
            confirmed_at: time(line),
          })),
        )
        // A reader who signed up during the import keeps their own row.
        .onConflict((oc) => oc.column('email').doNothing())
        .execute();
    }
    for (const line of lines) {
      const row = known.get(line.email);
      if (!row) continue;
      const isNameless = row.name === '' && line.name !== '';
      if (!isNameless && row.confirmed_at !== null) continue;
      await trx
        .updateTable('subscribers')
        .set({
          ...(isNameless ? { name: line.name } : {}),
          ...(row.confirmed_at === null ? { confirmed_at: time(line) } : {}),
        })
        .where('id', '=', row.id)
        .execute();
    }

    const ids = new Map(
      (
        await trx.selectFrom('subscribers').select(['id', 'email']).where('email', 'in', emails).execute()
      ).map((row) => [row.email, row.id]),
    );
    const subscriptions = lines.flatMap((line) =>
      line.newsletterIds.map((newsletterId) => ({
        subscriber_id: ids.get(line.email) as string,
        newsletter_id: newsletterId,
        created_at: time(line),
      })),
    );
    for (const rows of chunks(subscriptions, CHUNK)) {
      await trx
        .insertInto('subscriptions')
        .values(rows)
        .onConflict((oc) => oc.columns(['subscriber_id', 'newsletter_id']).doNothing())
        .execute();
    }
    await trx
      .insertInto('consents')
      .values(
        lines.map((line) => ({
          id: newId(),
          subscriber_id: ids.get(line.email) as string,
          source: 'import',
          newsletter_ids: toDbJson(line.newsletterIds),
          requested_at: time(line),
          confirmed_at: time(line),
        })),
      )
      .execute();
    return { imported: fresh.length, updated: lines.length - fresh.length };
  }

  try {
    return await withTransaction(database.db, async (trx) => {
      const total = { imported: 0, updated: 0 };
      let done = 0;
      for (const lines of chunks(good, CHUNK)) {
        const result = await importChunk(trx, lines);
        total.imported += result.imported;
        total.updated += result.updated;
        done += lines.length;
        options.onProgress?.(done, good.length);
      }
      return total;
    });
  } catch (error) {
    // A newsletter named in the file was deleted while it was being read.
    if (isForeignKeyViolation(error))
      throw new ConflictError(
        'NEWSLETTER_GONE',
        'A newsletter named in the file was just deleted: import again.',
      );
    throw error;
  }
}
