import type { Kysely, Transaction } from 'kysely';
import type { Schema } from './schema.ts';

export type Executor = Kysely<Schema> | Transaction<Schema>;

/**
 * Runs `work` in one transaction: all of it is written or none of it. Inside an existing
 * transaction it joins that one instead of nesting.
 *
 * @example
 * await withTransaction(db, async (trx) => { await repo.insert(trx, row); });
 */
export async function withTransaction<T>(
  db: Executor,
  work: (trx: Transaction<Schema>) => Promise<T>,
): Promise<T> {
  if (db.isTransaction) return work(db as Transaction<Schema>);
  return (db as Kysely<Schema>).transaction().execute(work);
}
