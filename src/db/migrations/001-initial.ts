import { type Kysely, sql } from 'kysely';
import type { Dialect } from '../connection.ts';
import { columnTypes } from './column-types.ts';

/** Articles and pages, their people, categories and tags, slug history, settings, tokens, jobs. */
export function initialMigration(dialect: Dialect) {
  const t = columnTypes(dialect);
  const falseValue = dialect === 'sqlite' ? sql`0` : sql`false`;
  const trueValue = dialect === 'sqlite' ? sql`1` : sql`true`;

  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('people')
        .addColumn('id', t.id, (c) => c.primaryKey())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('slug', 'text', (c) => c.notNull().unique())
        .addColumn('bio', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('avatar_url', 'text')
        .addColumn('created_at', t.time, (c) => c.notNull())
        .addColumn('updated_at', t.time, (c) => c.notNull())
        .execute();

      await db.schema
        .createTable('categories')
        .addColumn('id', t.id, (c) => c.primaryKey())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('slug', 'text', (c) => c.notNull().unique())
        .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('parent_id', t.id, (c) => c.references('categories.id'))
        .addColumn('created_at', t.time, (c) => c.notNull())
        .addColumn('updated_at', t.time, (c) => c.notNull())
        .execute();
      await db.schema.createIndex('categories_parent_idx').on('categories').column('parent_id').execute();

      await db.schema
        .createTable('tags')
        .addColumn('id', t.id, (c) => c.primaryKey())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('slug', 'text', (c) => c.notNull().unique())
        .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('created_at', t.time, (c) => c.notNull())
        .addColumn('updated_at', t.time, (c) => c.notNull())
        .execute();

      await db.schema
        .createTable('articles')
        .addColumn('id', t.id, (c) => c.primaryKey())
        .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('article', 'page')`))
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('slug', 'text', (c) => c.notNull())
        .addColumn('standfirst', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('body_html', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('body_text', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('status', 'text', (c) =>
          c.notNull().check(sql`status in ('draft', 'scheduled', 'published', 'archived')`),
        )
        .addColumn('published_at', t.time)
        .addColumn('created_at', t.time, (c) => c.notNull())
        .addColumn('updated_at', t.time, (c) => c.notNull())
        .addColumn('language', 'text', (c) => c.notNull())
        .addColumn('featured_image_url', 'text')
        .addColumn('featured_image_alt', 'text')
        .addColumn('featured_image_caption', 'text')
        .addColumn('featured_image_credit', 'text')
        .addColumn('seo_title', 'text')
        .addColumn('seo_description', 'text')
        .addColumn('canonical_url', 'text')
        .addColumn('is_featured', t.bool, (c) => c.notNull().defaultTo(falseValue))
        .addColumn('comments_open', t.bool, (c) => c.notNull().defaultTo(trueValue))
        .addColumn('primary_category_id', t.id, (c) => c.references('categories.id').onDelete('set null'))
        .addColumn('revision', 'integer', (c) => c.notNull().defaultTo(1))
        .addUniqueConstraint('articles_kind_slug_unique', ['kind', 'slug'])
        .execute();
      await db.schema
        .createIndex('articles_listing_idx')
        .on('articles')
        .columns(['kind', 'status', 'published_at'])
        .execute();
      await db.schema
        .createIndex('articles_primary_category_idx')
        .on('articles')
        .column('primary_category_id')
        .execute();

      for (const [table, column, target] of [
        ['article_authors', 'person_id', 'people'],
        ['article_categories', 'category_id', 'categories'],
        ['article_tags', 'tag_id', 'tags'],
      ] as const) {
        await db.schema
          .createTable(table)
          .addColumn('article_id', t.id, (c) => c.notNull().references('articles.id').onDelete('cascade'))
          .addColumn(column, t.id, (c) => c.notNull().references(`${target}.id`).onDelete('cascade'))
          .addColumn('position', 'integer', (c) => c.notNull())
          .addPrimaryKeyConstraint(`${table}_pk`, ['article_id', column])
          .execute();
        await db.schema
          .createIndex(`${table}_${column}_idx`)
          .on(table)
          .columns([column, 'article_id'])
          .execute();
      }

      await db.schema
        .createTable('slug_redirects')
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('old_slug', 'text', (c) => c.notNull())
        .addColumn('article_id', t.id, (c) => c.notNull().references('articles.id').onDelete('cascade'))
        .addColumn('created_at', t.time, (c) => c.notNull())
        .addPrimaryKeyConstraint('slug_redirects_pk', ['kind', 'old_slug'])
        .execute();

      await db.schema
        .createTable('settings')
        .addColumn('key', 'text', (c) => c.primaryKey())
        .addColumn('value', t.json, (c) => c.notNull())
        .execute();

      await db.schema
        .createTable('api_tokens')
        .addColumn('id', t.id, (c) => c.primaryKey())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('token_hash', 'text', (c) => c.notNull().unique())
        .addColumn('scope', 'text', (c) => c.notNull().check(sql`scope in ('admin', 'read')`))
        .addColumn('created_at', t.time, (c) => c.notNull())
        .addColumn('last_used_at', t.time)
        .addColumn('revoked_at', t.time)
        .execute();

      await db.schema
        .createTable('jobs')
        .addColumn('id', t.id, (c) => c.primaryKey())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('payload', t.json, (c) => c.notNull())
        .addColumn('key', 'text', (c) => c.unique())
        .addColumn('state', 'text', (c) => c.notNull())
        .addColumn('run_at', t.time, (c) => c.notNull())
        .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('last_error', 'text')
        .addColumn('locked_until', t.time)
        .addColumn('created_at', t.time, (c) => c.notNull())
        .addColumn('completed_at', t.time)
        .execute();
      await db.schema.createIndex('jobs_due_idx').on('jobs').columns(['state', 'run_at']).execute();

      await db.schema
        .createTable('secrets')
        .addColumn('name', 'text', (c) => c.primaryKey())
        .addColumn('value', 'text', (c) => c.notNull())
        .addColumn('created_at', t.time, (c) => c.notNull())
        .execute();
    },

    async down(db: Kysely<unknown>): Promise<void> {
      for (const table of [
        'secrets',
        'jobs',
        'api_tokens',
        'settings',
        'slug_redirects',
        'article_tags',
        'article_categories',
        'article_authors',
        'articles',
        'tags',
        'categories',
        'people',
      ]) {
        await db.schema.dropTable(table).execute();
      }
    },
  };
}
