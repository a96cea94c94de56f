import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Migrator } from 'kysely';
import { createTestDatabase, type TestDatabase } from '../../test/helpers/test-database.ts';
import { type Database, openDatabase } from '../db/connection.ts';
import { migrateToLatest } from '../db/migrate.ts';
import { initialMigration } from '../db/migrations/001-initial.ts';
import { toDbBool, toDbTime } from '../db/values.ts';
import { newId } from '../lib/ids.ts';
import { createSearchRepository } from './search-repository.ts';

describe('search migration', () => {
  let testDb: TestDatabase;
  let database: Database;

  before(async () => {
    testDb = await createTestDatabase();
    database = openDatabase(testDb.url);
  });
  after(async () => {
    await database.close();
    await testDb.drop();
  });

  it('should index the published articles already there when it runs on an existing database', async () => {
    const { db, dialect } = database;
    await new Migrator({
      db,
      provider: { getMigrations: async () => ({ '001-initial': initialMigration(dialect) }) },
      migrationTableName: 'masthead_migrations',
      migrationLockTableName: 'masthead_migrations_lock',
    }).migrateToLatest();
    const now = toDbTime(dialect, new Date('2026-01-02T03:04:05Z'));
    const row = (title: string, kind: 'article' | 'page', status: 'published' | 'draft') => ({
      id: newId(),
      kind,
      title,
      slug: title.toLowerCase().replaceAll(' ', '-'),
      standfirst: '',
      body_html: '<p>An old backfillium story.</p>',
      body_text: 'An old backfillium story.',
      status,
      published_at: now,
      created_at: now,
      updated_at: now,
      language: 'en',
      featured_image_url: null,
      featured_image_alt: null,
      featured_image_caption: null,
      featured_image_credit: null,
      seo_title: null,
      seo_description: null,
      canonical_url: null,
      is_featured: toDbBool(dialect, false),
      comments_open: toDbBool(dialect, true),
      primary_category_id: null,
      revision: 1,
    });
    await db
      .insertInto('articles')
      .values([
        row('Old published', 'article', 'published'),
        row('Old draft', 'article', 'draft'),
        row('Old page', 'page', 'published'),
      ])
      .execute();

    await migrateToLatest(database);

    const found = await createSearchRepository({ dialect }).search(db, {
      query: ['backfillium'],
      limit: 10,
      offset: 0,
    });
    assert.deepEqual(
      found.rows.map((r) => r.title),
      ['Old published'],
    );
    assert.equal(found.total, 1);
  });
});
