import { type Kysely, sql } from 'kysely';
import type { Dialect } from '../connection.ts';
import { columnTypes } from './column-types.ts';

/**
 * The media library: one row per uploaded image. `mime`, `bytes` and `original_name` describe what
 * was uploaded (the type as decided from its bytes); `path` is the storage key of the re-encoded
 * WebP that is served, `width`/`height` its dimensions, and `variants` the narrower WebP and AVIF
 * copies (`[{ width, format, path }]`). `uploaded_by` is the staff member's id (null for API
 * tokens and the system).
 */
export function mediaMigration(dialect: Dialect) {
  const t = columnTypes(dialect);
  const emptyList = dialect === 'sqlite' ? sql`'[]'` : sql`'[]'::jsonb`;

  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('media')
        .addColumn('id', t.id, (c) => c.primaryKey())
        .addColumn('kind', 'text', (c) => c.notNull().defaultTo('image').check(sql`kind in ('image')`))
        .addColumn('original_name', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('mime', 'text', (c) => c.notNull())
        .addColumn('width', 'integer', (c) => c.notNull())
        .addColumn('height', 'integer', (c) => c.notNull())
        .addColumn('bytes', 'integer', (c) => c.notNull())
        .addColumn('path', 'text', (c) => c.notNull().unique())
        .addColumn('variants', t.json, (c) => c.notNull().defaultTo(emptyList))
        .addColumn('alt', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('caption', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('credit', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('created_at', t.time, (c) => c.notNull())
        .addColumn('uploaded_by', 'text')
        .execute();
      // The library lists newest first.
      await db.schema.createIndex('media_created_idx').on('media').columns(['created_at', 'id']).execute();
    },
    async down(db: Kysely<unknown>): Promise<void> {
      await db.schema.dropTable('media').execute();
    },
  };
}
