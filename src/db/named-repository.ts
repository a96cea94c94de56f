import type { Selectable } from 'kysely';
import type { Schema } from './schema.ts';
import type { Executor } from './transaction.ts';

/** Tables of named, slugged things that articles point at: people, tags, categories. */
export type NamedTable = 'people' | 'tags' | 'categories';

/**
 * The reads and the delete that every named table shares, so that each repository only writes
 * its own inserts and updates. `table` is cast to one member of the union for Kysely's sake: the
 * columns used here exist in all three.
 *
 * @example
 * const named = createNamedReads('tags', toTag);
 */
export function createNamedReads<T extends NamedTable, R>(
  table: T,
  toEntity: (row: Selectable<Schema[T]>) => R,
) {
  const name = table as 'tags';
  const map = (rows: unknown[]) => rows.map((row) => toEntity(row as Selectable<Schema[T]>));
  return {
    async list(db: Executor, { limit, offset }: { limit: number; offset: number }): Promise<R[]> {
      return map(
        await db
          .selectFrom(name)
          .selectAll()
          .orderBy('name')
          .orderBy('id')
          .limit(limit)
          .offset(offset)
          .execute(),
      );
    },
    async count(db: Executor): Promise<number> {
      const row = await db
        .selectFrom(name)
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      return Number(row.n);
    },
    async findById(db: Executor, id: string): Promise<R | undefined> {
      return map(await db.selectFrom(name).selectAll().where('id', '=', id).execute())[0];
    },
    async findBySlugs(db: Executor, slugs: string[]): Promise<R[]> {
      if (slugs.length === 0) return [];
      return map(await db.selectFrom(name).selectAll().where('slug', 'in', slugs).execute());
    },
    async findByIds(db: Executor, ids: string[]): Promise<R[]> {
      if (ids.length === 0) return [];
      return map(await db.selectFrom(name).selectAll().where('id', 'in', ids).execute());
    },
    async remove(db: Executor, id: string): Promise<boolean> {
      const result = await db.deleteFrom(name).where('id', '=', id).executeTakeFirst();
      return Number(result.numDeletedRows) > 0;
    },
  };
}
