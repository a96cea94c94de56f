import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { createTestDatabase, type TestDatabase } from '../../test/helpers/test-database.ts';
import type { Article } from '../articles/article.ts';
import { createArticleRepository } from '../articles/article-repository.ts';
import { newId } from '../lib/ids.ts';
import { createSettingsRepository } from '../site/settings-repository.ts';
import { type Database, openDatabase } from './connection.ts';
import { isForeignKeyViolation, isUniqueViolation } from './constraint-errors.ts';
import { migrateToLatest } from './migrate.ts';
import { withTransaction } from './transaction.ts';
import { toDbTime } from './values.ts';

const tables = [
  'people',
  'categories',
  'tags',
  'articles',
  'article_authors',
  'article_categories',
  'article_tags',
  'slug_redirects',
  'settings',
  'api_tokens',
  'jobs',
  'secrets',
  'comments',
  'comment_reports',
  'comment_bans',
  'outbox',
  'reply_subscribers',
  'captcha_spent',
  'newsletters',
  'subscribers',
  'subscriptions',
  'consents',
  'reader_tokens',
  'sessions',
  'suppressions',
  'newsletter_sends',
  'newsletter_deliveries',
  'staff_users',
  'staff_login_attempts',
  'staff_tokens',
  'audit_log',
  'media',
  'article_revisions',
  'article_notes',
  'article_presence',
] as const;

/** Runs `write` and returns what it threw, failing the test if it did not throw. */
async function errorOf(write: () => Promise<unknown>): Promise<unknown> {
  try {
    await write();
  } catch (error) {
    return error;
  }
  assert.fail('expected the statement to fail');
}

describe('migrations', () => {
  it('should create every table on a fresh database and apply nothing when run again', async (context) => {
    const testDb = await createTestDatabase();
    const first = openDatabase(testDb.url);
    context.after(async () => {
      await first.close();
      await testDb.drop();
    });

    const firstRun = await migrateToLatest(first);
    const secondRun = await migrateToLatest(first);

    assert.deepEqual(firstRun.applied, [
      '001-initial',
      '002-search',
      '003-listing-indexes',
      '004-comments',
      '005-mail',
      '006-captcha',
      '007-subscribe',
      '008-staff',
      '009-audit',
      '010-media',
      '011-newsroom-editor',
      '012-tag-listing',
    ]);
    assert.deepEqual(secondRun.applied, []);
    for (const table of tables) {
      const row = await first.db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      assert.equal(row.n, 0, table);
    }
  });

  it('should apply nothing when another connection opens an already migrated database', async (context) => {
    const testDb = await createTestDatabase();
    const first = openDatabase(testDb.url);
    await migrateToLatest(first);
    await first.close();
    const second = openDatabase(testDb.url);
    context.after(async () => {
      await second.close();
      await testDb.drop();
    });

    const { applied } = await migrateToLatest(second);

    assert.deepEqual(applied, []);
  });
});

describe('database', () => {
  let testDb: TestDatabase;
  let database: Database;
  const now = new Date('2026-03-02T09:00:00.123Z');
  const time = (date: Date) => toDbTime(database.dialect, date);
  const insertTag = (slug: string, id = newId()) =>
    database.db
      .insertInto('tags')
      .values({ id, name: slug, slug, description: '', created_at: time(now), updated_at: time(now) })
      .execute();
  const insertCategory = (slug: string, parentId: string | null = null, id = newId()) =>
    database.db
      .insertInto('categories')
      .values({
        id,
        name: slug,
        slug,
        description: '',
        parent_id: parentId,
        created_at: time(now),
        updated_at: time(now),
      })
      .execute()
      .then(() => id);

  const articleRepo = () => createArticleRepository({ dialect: database.dialect });
  const article = (overrides: Partial<Article>): Article => ({
    id: newId(),
    kind: 'article',
    title: 'Shapes',
    slug: `shapes-${newId()}`,
    standfirst: '',
    bodyHtml: '',
    bodyText: '',
    status: 'published',
    publishedAt: new Date('2026-02-27T18:45:12.345Z'),
    createdAt: now,
    updatedAt: now,
    language: 'en',
    featuredImage: null,
    seoTitle: null,
    seoDescription: null,
    canonicalUrl: null,
    isFeatured: true,
    hasCommentsOpen: false,
    sendsEmail: true,
    primaryCategoryId: null,
    revision: 1,
    ...overrides,
  });

  before(async () => {
    testDb = await createTestDatabase();
    database = openDatabase(testDb.url);
    await migrateToLatest(database);
  });
  after(async () => {
    await database.close();
    await testDb.drop();
  });

  describe('SQLite settings', () => {
    it('should have foreign keys switched on when a SQLite database is opened', async () => {
      if (database.dialect !== 'sqlite') return; // a PRAGMA: PostgreSQL always enforces foreign keys

      const { rows } = await sql<{ foreign_keys: number }>`PRAGMA foreign_keys`.execute(database.db);

      assert.equal(rows[0]?.foreign_keys, 1);
    });

    it('should use write-ahead logging when a SQLite database is opened', async () => {
      if (database.dialect !== 'sqlite') return; // a PRAGMA: PostgreSQL has no journal mode

      const { rows } = await sql<{ journal_mode: string }>`PRAGMA journal_mode`.execute(database.db);

      assert.equal(rows[0]?.journal_mode, 'wal');
    });
  });

  describe('constraints', () => {
    it('should refuse a link to a missing tag as a foreign key violation, not a unique one', async () => {
      const error = await errorOf(() =>
        database.db
          .insertInto('article_tags')
          .values({ article_id: newId(), tag_id: newId(), position: 0 })
          .execute(),
      );

      assert.equal(isForeignKeyViolation(error), true, String(error));
      assert.equal(isUniqueViolation(error), false);
    });

    it('should refuse to delete a category that still has a sub-category as a foreign key violation', async () => {
      const parentId = await insertCategory('fk-parent');
      await insertCategory('fk-child', parentId);

      const error = await errorOf(() =>
        database.db.deleteFrom('categories').where('id', '=', parentId).execute(),
      );

      assert.equal(isForeignKeyViolation(error), true, String(error));
      const left = await database.db
        .selectFrom('categories')
        .select('id')
        .where('id', '=', parentId)
        .execute();
      assert.equal(left.length, 1);
    });

    it('should delete the links of a tag with it when a tag is deleted', async () => {
      const tagId = newId();
      const articleId = newId();
      await insertTag('cascade-tag', tagId);
      await articleRepo().insert(database.db, article({ id: articleId }));
      await database.db
        .insertInto('article_tags')
        .values({ article_id: articleId, tag_id: tagId, position: 0 })
        .execute();

      await database.db.deleteFrom('tags').where('id', '=', tagId).execute();

      const links = await database.db
        .selectFrom('article_tags')
        .selectAll()
        .where('article_id', '=', articleId)
        .execute();
      assert.deepEqual(links, []);
    });

    it('should report a duplicate slug as a unique violation, not a foreign key one', async () => {
      await insertTag('unique-slug');

      const error = await errorOf(() => insertTag('unique-slug'));

      assert.equal(isUniqueViolation(error), true, String(error));
      assert.equal(isForeignKeyViolation(error), false);
    });

    it('should report a duplicate primary key as a unique violation', async () => {
      const id = newId();
      await insertTag('primary-one', id);

      const error = await errorOf(() => insertTag('primary-two', id));

      assert.equal(isUniqueViolation(error), true, String(error));
    });

    it('should recognise neither violation when a NOT NULL column is left empty', async () => {
      const error = await errorOf(() =>
        sql`insert into tags (id, name, slug, description, created_at, updated_at) values (${newId()}, null, 'no-name', '', ${time(now)}, ${time(now)})`.execute(
          database.db,
        ),
      );

      assert.equal(isUniqueViolation(error), false, String(error));
      assert.equal(isForeignKeyViolation(error), false, String(error));
    });

    it('should recognise neither violation when the SQL is wrong or the error is not from the database', async () => {
      const syntax = await errorOf(() => sql`selec 1`.execute(database.db));

      for (const error of [
        syntax,
        new Error('unique constraint failed'),
        null,
        undefined,
        'SQLITE_CONSTRAINT_UNIQUE',
      ]) {
        assert.equal(isUniqueViolation(error), false, String(error));
        assert.equal(isForeignKeyViolation(error), false, String(error));
      }
    });
  });

  describe('value shapes', () => {
    it('should read booleans back as booleans when an article is stored with true and false', async () => {
      const stored = article({ isFeatured: true, hasCommentsOpen: false });
      await articleRepo().insert(database.db, stored);

      const found = await articleRepo().findById(database.db, stored.id);

      assert.equal(found?.isFeatured, true);
      assert.equal(found?.hasCommentsOpen, false);
    });

    it('should read times back as the same instants, to the millisecond, when an article is stored', async () => {
      const stored = article({ publishedAt: new Date('1999-12-31T23:59:59.999Z') });
      await articleRepo().insert(database.db, stored);

      const found = await articleRepo().findById(database.db, stored.id);

      assert.ok(found?.publishedAt instanceof Date);
      assert.ok(found.createdAt instanceof Date);
      assert.equal(found.publishedAt.toISOString(), '1999-12-31T23:59:59.999Z');
      assert.equal(found.createdAt.toISOString(), now.toISOString());
    });

    it('should read the whole article back unchanged when it is stored and found by id', async () => {
      const stored = article({
        featuredImage: { url: '/media/a.jpg', alt: 'A harbour', caption: null, credit: 'Photo: Ann' },
        seoTitle: 'SEO',
      });
      await articleRepo().insert(database.db, stored);

      const found = await articleRepo().findById(database.db, stored.id);

      assert.deepEqual(found, stored);
    });

    it('should read JSON objects, lists, numbers and booleans back as they were written when settings are stored', async () => {
      const repo = createSettingsRepository({ dialect: database.dialect });
      const values = {
        shape_object: { nested: { list: [1, 'two', null] } },
        shape_number: 42,
        shape_flag: true,
      };

      await repo.write(database.db, values);
      const read = await repo.readAll(database.db);

      assert.deepEqual(
        { shape_object: read.shape_object, shape_number: read.shape_number, shape_flag: read.shape_flag },
        values,
      );
    });

    it('should read a JSON string back as the same string when a text setting is stored', async () => {
      const repo = createSettingsRepository({ dialect: database.dialect });

      await repo.write(database.db, { shape_text: 'The Aldwyn Courier' });
      const read = await repo.readAll(database.db);

      assert.equal(read.shape_text, 'The Aldwyn Courier');
    });

    it('should return count(*) as a number when rows are counted', async () => {
      await insertTag('counted-tag');

      const built = await database.db
        .selectFrom('tags')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow();
      const { rows } = await sql<{ n: unknown }>`select count(*) as n from tags`.execute(database.db);

      assert.equal(typeof built.n, 'number');
      assert.equal(typeof rows[0]?.n, 'number');
      assert.ok(Number(built.n) >= 1);
    });
  });

  describe('transactions', () => {
    it('should keep none of the writes when the work throws part-way', async () => {
      const failing = withTransaction(database.db, async (trx) => {
        await trx
          .insertInto('tags')
          .values({
            id: newId(),
            name: 'rolled',
            slug: 'rolled-back',
            description: '',
            created_at: time(now),
            updated_at: time(now),
          })
          .execute();
        throw new Error('stop');
      });

      await assert.rejects(failing, /stop/);
      const rows = await database.db
        .selectFrom('tags')
        .select('id')
        .where('slug', '=', 'rolled-back')
        .execute();
      assert.deepEqual(rows, []);
    });

    it('should join the outer transaction when called inside one, so an outer failure undoes both', async () => {
      const failing = withTransaction(database.db, async (outer) => {
        await withTransaction(outer, (inner) =>
          inner
            .insertInto('tags')
            .values({
              id: newId(),
              name: 'inner',
              slug: 'inner-joined',
              description: '',
              created_at: time(now),
              updated_at: time(now),
            })
            .execute(),
        );
        throw new Error('outer fails');
      });

      await assert.rejects(failing, /outer fails/);
      const rows = await database.db
        .selectFrom('tags')
        .select('id')
        .where('slug', '=', 'inner-joined')
        .execute();
      assert.deepEqual(rows, []);
    });
  });
});
