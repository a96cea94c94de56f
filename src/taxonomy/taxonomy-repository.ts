import type { Selectable } from 'kysely';
import type { Dialect } from '../db/connection.ts';
import { createNamedReads } from '../db/named-repository.ts';
import type { CategoryTable, TagTable } from '../db/schema.ts';
import type { Executor } from '../db/transaction.ts';
import { fromDbTime, toDbTime } from '../db/values.ts';
import type { Category, Tag } from './taxonomy.ts';

const toTag = (row: Selectable<TagTable>): Tag => ({
  id: row.id,
  name: row.name,
  slug: row.slug,
  description: row.description,
  createdAt: fromDbTime(row.created_at),
  updatedAt: fromDbTime(row.updated_at),
});

const toCategory = (row: Selectable<CategoryTable>): Category => ({ ...toTag(row), parentId: row.parent_id });

/** SQL for tags and categories; only this file touches their tables. */
export function createTaxonomyRepository({ dialect }: { dialect: Dialect }) {
  const times = (entity: Tag) => ({
    created_at: toDbTime(dialect, entity.createdAt),
    updated_at: toDbTime(dialect, entity.updatedAt),
  });
  const fields = (entity: Tag) => ({ name: entity.name, slug: entity.slug, description: entity.description });

  return {
    tags: {
      ...createNamedReads('tags', toTag),
      async insert(db: Executor, tag: Tag): Promise<void> {
        await db
          .insertInto('tags')
          .values({ id: tag.id, ...fields(tag), ...times(tag) })
          .execute();
      },
      /** Inserts unless the slug exists (a concurrent writer may have just created the same tag). */
      async insertIfAbsent(db: Executor, tag: Tag): Promise<void> {
        await db
          .insertInto('tags')
          .values({ id: tag.id, ...fields(tag), ...times(tag) })
          .onConflict((oc) => oc.column('slug').doNothing())
          .execute();
      },
      async update(db: Executor, tag: Tag): Promise<void> {
        await db
          .updateTable('tags')
          .set({ ...fields(tag), updated_at: times(tag).updated_at })
          .where('id', '=', tag.id)
          .execute();
      },
    },
    categories: {
      ...createNamedReads('categories', toCategory),
      async all(db: Executor): Promise<Category[]> {
        const rows = await db.selectFrom('categories').selectAll().orderBy('name').execute();
        return rows.map(toCategory);
      },
      async hasChildren(db: Executor, id: string): Promise<boolean> {
        const row = await db
          .selectFrom('categories')
          .select('id')
          .where('parent_id', '=', id)
          .limit(1)
          .executeTakeFirst();
        return row !== undefined;
      },
      async insert(db: Executor, category: Category): Promise<void> {
        await db
          .insertInto('categories')
          .values({ id: category.id, ...fields(category), parent_id: category.parentId, ...times(category) })
          .execute();
      },
      async update(db: Executor, category: Category): Promise<void> {
        await db
          .updateTable('categories')
          .set({ ...fields(category), parent_id: category.parentId, updated_at: times(category).updated_at })
          .where('id', '=', category.id)
          .execute();
      },
    },
  };
}
