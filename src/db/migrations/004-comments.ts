import { type Kysely, sql } from 'kysely';
import type { Dialect } from '../connection.ts';
import { columnTypes } from './column-types.ts';

/**
 * Reader comments, threaded by `parent_id` and grouped by `root_id` (the thread's top comment) so a
 * page of threads is read in two indexed queries; readers' reports; bans by email and by IP hash.
 * No raw IP address is ever stored: `ip_hash` is a salted hash, cleared after the retention time.
 */
export function commentsMigration(dialect: Dialect) {
  const t = columnTypes(dialect);
  const falseValue = dialect === 'sqlite' ? sql`0` : sql`false`;

  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('comments')
        .addColumn('id', t.id, (c) => c.primaryKey())
        .addColumn('article_id', t.id, (c) => c.notNull().references('articles.id').onDelete('cascade'))
        .addColumn('parent_id', t.id, (c) => c.references('comments.id').onDelete('cascade'))
        .addColumn('root_id', t.id, (c) => c.notNull())
        .addColumn('depth', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('status', 'text', (c) =>
          c.notNull().check(sql`status in ('pending', 'approved', 'spam', 'trash')`),
        )
        .addColumn('hold_reason', 'text')
        .addColumn('hold_detail', 'text')
        .addColumn('author_name', 'text', (c) => c.notNull())
        .addColumn('author_email', 'text')
        .addColumn('author_url', 'text')
        .addColumn('ip_hash', 'text')
        .addColumn('user_agent', 'text')
        .addColumn('body', 'text', (c) => c.notNull())
        .addColumn('body_html', 'text', (c) => c.notNull())
        .addColumn('is_staff', t.bool, (c) => c.notNull().defaultTo(falseValue))
        .addColumn('is_featured', t.bool, (c) => c.notNull().defaultTo(falseValue))
        .addColumn('notify_replies', t.bool, (c) => c.notNull().defaultTo(falseValue))
        .addColumn('report_count', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('reported_at', t.time)
        .addColumn('created_at', t.time, (c) => c.notNull())
        .addColumn('updated_at', t.time, (c) => c.notNull())
        .addColumn('approved_at', t.time)
        .addColumn('erased_at', t.time)
        .execute();
      await db.schema
        .createIndex('comments_article_threads_idx')
        .on('comments')
        .columns(['article_id', 'status', 'depth', 'created_at'])
        .execute();
      await db.schema
        .createIndex('comments_root_idx')
        .on('comments')
        .columns(['root_id', 'created_at'])
        .execute();
      await db.schema.createIndex('comments_parent_idx').on('comments').column('parent_id').execute();
      await db.schema
        .createIndex('comments_queue_idx')
        .on('comments')
        .columns(['status', 'created_at'])
        .execute();
      await db.schema
        .createIndex('comments_email_idx')
        .on('comments')
        .columns(['author_email', 'created_at'])
        .execute();
      await db.schema
        .createIndex('comments_ip_idx')
        .on('comments')
        .columns(['ip_hash', 'created_at'])
        .execute();
      await db.schema.createIndex('comments_reported_idx').on('comments').column('reported_at').execute();

      await db.schema
        .createTable('comment_reports')
        .addColumn('id', t.id, (c) => c.primaryKey())
        .addColumn('comment_id', t.id, (c) => c.notNull().references('comments.id').onDelete('cascade'))
        .addColumn('reason', 'text', (c) =>
          c.notNull().check(sql`reason in ('spam', 'abuse', 'off_topic', 'illegal')`),
        )
        .addColumn('note', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('reporter_hash', 'text', (c) => c.notNull())
        .addColumn('created_at', t.time, (c) => c.notNull())
        .addUniqueConstraint('comment_reports_once_uq', ['comment_id', 'reporter_hash'])
        .execute();

      await db.schema
        .createTable('comment_bans')
        .addColumn('id', t.id, (c) => c.primaryKey())
        .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('email', 'ip')`))
        .addColumn('value', 'text', (c) => c.notNull())
        .addColumn('reason', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('created_at', t.time, (c) => c.notNull())
        .addUniqueConstraint('comment_bans_value_uq', ['kind', 'value'])
        .execute();
    },

    async down(db: Kysely<unknown>): Promise<void> {
      for (const table of ['comment_bans', 'comment_reports', 'comments']) {
        await db.schema.dropTable(table).execute();
      }
    },
  };
}
