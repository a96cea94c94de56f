import type { Selectable } from 'kysely';
import type { Dialect } from '../db/connection.ts';
import { createNamedReads } from '../db/named-repository.ts';
import type { PersonTable } from '../db/schema.ts';
import type { Executor } from '../db/transaction.ts';
import { fromDbTime, toDbTime } from '../db/values.ts';
import type { Person } from './person.ts';

const toPerson = (row: Selectable<PersonTable>): Person => ({
  id: row.id,
  name: row.name,
  slug: row.slug,
  bio: row.bio,
  avatarUrl: row.avatar_url,
  createdAt: fromDbTime(row.created_at),
  updatedAt: fromDbTime(row.updated_at),
});

export type PersonRepository = ReturnType<typeof createPersonRepository>;

/** SQL for people; only this file touches the `people` table. */
export function createPersonRepository({ dialect }: { dialect: Dialect }) {
  return {
    ...createNamedReads('people', toPerson),
    async insert(db: Executor, person: Person): Promise<void> {
      await db
        .insertInto('people')
        .values({
          id: person.id,
          name: person.name,
          slug: person.slug,
          bio: person.bio,
          avatar_url: person.avatarUrl,
          created_at: toDbTime(dialect, person.createdAt),
          updated_at: toDbTime(dialect, person.updatedAt),
        })
        .execute();
    },
    async update(db: Executor, person: Person): Promise<void> {
      await db
        .updateTable('people')
        .set({
          name: person.name,
          slug: person.slug,
          bio: person.bio,
          avatar_url: person.avatarUrl,
          updated_at: toDbTime(dialect, person.updatedAt),
        })
        .where('id', '=', person.id)
        .execute();
    },
  };
}
