import { type Kysely, sql } from 'kysely';
import type { Dialect } from '../connection.ts';
import { columnTypes } from './column-types.ts';

/**
 * What the article editor keeps beside an article:
 * - `article_revisions`: a snapshot (JSON, the article's writable fields as the Admin API names
 *   them) of every save, with its kind and the staff member who made it (null for API tokens and
 *   the system). Listed newest first per article.
 * - `article_notes`: dated "Correction" and "Update" notes shown under a published article.
 * - `article_presence`: who has an article open in the editor (a heartbeat every few seconds), so
 *   that two people editing the same article are warned. In the database, not in memory, because
 *   several instances may serve the admin.
 *
 * All three go with their article (`on delete cascade`). Staff ids have no foreign key, as
 * `articles.created_by` has none: the history of who did what stays whatever happens to accounts.
 */
export function newsroomEditorMigration(dialect: Dialect) {
  const t = columnTypes(dialect);

  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('article_revisions')
        .addColumn('id', t.id, (c) => c.primaryKey())
        .addColumn('article_id', t.id, (c) => c.notNull().references('articles.id').onDelete('cascade'))
        .addColumn('kind', 'text', (c) =>
          c
            .notNull()
            .check(
              sql`kind in ('autosave', 'save', 'publish', 'unpublish', 'schedule', 'restore', 'create')`,
            ),
        )
        // The title again, so that a list of revisions reads no snapshot.
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('snapshot', t.json, (c) => c.notNull())
        .addColumn('created_by', t.id)
        .addColumn('created_at', t.time, (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('article_revisions_article_idx')
        .on('article_revisions')
        .columns(['article_id', 'created_at', 'id'])
        .execute();

      await db.schema
        .createTable('article_notes')
        .addColumn('id', t.id, (c) => c.primaryKey())
        .addColumn('article_id', t.id, (c) => c.notNull().references('articles.id').onDelete('cascade'))
        .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('correction', 'update')`))
        .addColumn('text', 'text', (c) => c.notNull())
        .addColumn('created_by', t.id)
        .addColumn('created_at', t.time, (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('article_notes_article_idx')
        .on('article_notes')
        .columns(['article_id', 'created_at', 'id'])
        .execute();

      await db.schema
        .createTable('article_presence')
        .addColumn('article_id', t.id, (c) => c.notNull().references('articles.id').onDelete('cascade'))
        .addColumn('staff_id', t.id, (c) => c.notNull())
        // When this stretch of editing began, and the last heartbeat.
        .addColumn('since', t.time, (c) => c.notNull())
        .addColumn('seen_at', t.time, (c) => c.notNull())
        .addPrimaryKeyConstraint('article_presence_pk', ['article_id', 'staff_id'])
        .execute();
      await db.schema
        .createIndex('article_presence_seen_idx')
        .on('article_presence')
        .column('seen_at')
        .execute();
    },
    async down(db: Kysely<unknown>): Promise<void> {
      await db.schema.dropTable('article_presence').execute();
      await db.schema.dropTable('article_notes').execute();
      await db.schema.dropTable('article_revisions').execute();
    },
  };
}
