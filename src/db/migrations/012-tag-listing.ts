import { type Kysely, sql } from 'kysely';
import type { Dialect } from '../connection.ts';
import { columnTypes } from './column-types.ts';

/**
 * `article_tags.listed_at`: when the linked article was published if it is a published article,
 * null otherwise, indexed with its tag. A tag's newest published articles are then the first
 * entries of one index range, however many articles the tag has and however long ago the
 * article being read was published; without it, "More Articles" had to walk the whole listing
 * probing each article's tags, or sort all of a tag's articles.
 *
 * Kept in step by triggers, as the search index is (migration 002), so that no code path that
 * writes articles or their tags can forget it: a new link copies its article's state; a change
 * of an article's kind, status or publication time rewrites its links.
 */
export function tagListingMigration(dialect: Dialect) {
  const t = columnTypes(dialect);
  const listedAt = (row: string) =>
    sql.raw(`CASE WHEN ${row}.kind = 'article' AND ${row}.status = 'published' THEN ${row}.published_at END`);

  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema.alterTable('article_tags').addColumn('listed_at', t.time).execute();
      await sql`UPDATE article_tags SET listed_at = (
          SELECT ${listedAt('a')} FROM articles a WHERE a.id = article_tags.article_id
        )`.execute(db);
      await db.schema
        .createIndex('article_tags_listed_idx')
        .on('article_tags')
        .columns(['tag_id', 'listed_at', 'article_id'])
        .execute();
      if (dialect === 'sqlite') await sqliteTriggers(db, listedAt);
      else await postgresTriggers(db, listedAt);
    },

    async down(db: Kysely<unknown>): Promise<void> {
      if (dialect === 'sqlite') {
        await sql`DROP TRIGGER IF EXISTS article_tags_listed_insert`.execute(db);
        await sql`DROP TRIGGER IF EXISTS articles_tags_listed_update`.execute(db);
      } else {
        await sql`DROP TRIGGER IF EXISTS article_tags_listed_insert ON article_tags`.execute(db);
        await sql`DROP TRIGGER IF EXISTS articles_tags_listed_update ON articles`.execute(db);
        await sql`DROP FUNCTION IF EXISTS masthead_article_tag_listed()`.execute(db);
        await sql`DROP FUNCTION IF EXISTS masthead_article_tags_relist()`.execute(db);
      }
      await db.schema.dropIndex('article_tags_listed_idx').execute();
      await db.schema.alterTable('article_tags').dropColumn('listed_at').execute();
    },
  };
}

type ListedAt = (row: string) => ReturnType<typeof sql.raw>;

const changed = (op: 'IS NOT' | 'IS DISTINCT FROM') =>
  sql.raw(
    ['kind', 'status', 'published_at'].map((column) => `OLD.${column} ${op} NEW.${column}`).join(' OR '),
  );

async function sqliteTriggers(db: Kysely<unknown>, listedAt: ListedAt): Promise<void> {
  // SQLite cannot assign to NEW in a BEFORE trigger: the new link is completed just after.
  await sql`CREATE TRIGGER article_tags_listed_insert AFTER INSERT ON article_tags BEGIN
      UPDATE article_tags SET listed_at = (SELECT ${listedAt('a')} FROM articles a WHERE a.id = NEW.article_id)
      WHERE article_id = NEW.article_id AND tag_id = NEW.tag_id;
    END`.execute(db);
  await sql`CREATE TRIGGER articles_tags_listed_update
    AFTER UPDATE OF kind, status, published_at ON articles
    WHEN ${changed('IS NOT')}
    BEGIN
      UPDATE article_tags SET listed_at = ${listedAt('NEW')} WHERE article_id = NEW.id;
    END`.execute(db);
}

async function postgresTriggers(db: Kysely<unknown>, listedAt: ListedAt): Promise<void> {
  await sql`CREATE FUNCTION masthead_article_tag_listed() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        NEW.listed_at := (SELECT ${listedAt('a')} FROM articles a WHERE a.id = NEW.article_id);
        RETURN NEW;
      END
    $$`.execute(db);
  await sql`CREATE TRIGGER article_tags_listed_insert BEFORE INSERT ON article_tags
    FOR EACH ROW EXECUTE FUNCTION masthead_article_tag_listed()`.execute(db);
  await sql`CREATE FUNCTION masthead_article_tags_relist() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        UPDATE article_tags SET listed_at = ${listedAt('NEW')} WHERE article_id = NEW.id;
        RETURN NULL;
      END
    $$`.execute(db);
  await sql`CREATE TRIGGER articles_tags_listed_update
    AFTER UPDATE OF kind, status, published_at ON articles
    FOR EACH ROW WHEN (${changed('IS DISTINCT FROM')})
    EXECUTE FUNCTION masthead_article_tags_relist()`.execute(db);
}
