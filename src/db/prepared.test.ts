import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTestDatabase, type TestDatabase } from '../../test/helpers/test-database.ts';
import { newId } from '../lib/ids.ts';
import { type Database, openDatabase } from './connection.ts';
import { migrateToLatest } from './migrate.ts';
import { MAX_PREPARED_VALUES, preparedRead } from './prepared.ts';
import { type Executor, withTransaction } from './transaction.ts';
import { toDbTime } from './values.ts';

describe('preparedRead: a fixed-shape read compiled once', () => {
  let testDb: TestDatabase;
  let database: Database;
  const names = ['Ada', 'Bea', 'Cyd', 'Dee'];

  const addPerson = (db: Executor, name: string) => {
    const now = toDbTime(database.dialect, new Date());
    return db
      .insertInto('people')
      .values({ id: newId(), name, slug: name.toLowerCase(), bio: '', created_at: now, updated_at: now })
      .execute();
  };

  before(async () => {
    testDb = await createTestDatabase();
    database = openDatabase(testDb.url);
    await migrateToLatest(database);
    for (const name of names) await addPerson(database.db, name);
  });
  after(async () => {
    await database.close();
    await testDb.drop();
  });

  it('should send each call its own values, the same value twice where the query uses it twice', async () => {
    const named = preparedRead((db, first: string, second: string, limit: number) =>
      db
        .selectFrom('people')
        .select('name')
        .where((eb) => eb.or([eb('name', '=', first), eb('name', '=', second), eb('slug', '=', first)]))
        .orderBy('name')
        .limit(limit),
    );

    const one = await named(database.db, 'Ada', 'Cyd', 10);
    const two = await named(database.db, 'Bea', 'Dee', 1);
    const none = await named(database.db, 'Zed', 'Yan', 10);

    assert.deepEqual(
      one.map((row) => row.name),
      ['Ada', 'Cyd'],
    );
    assert.deepEqual(
      two.map((row) => row.name),
      ['Bea'],
    );
    assert.deepEqual(none, []);
  });

  it('should read inside a transaction what that transaction wrote', async () => {
    const count = preparedRead((db, name: string) =>
      db
        .selectFrom('people')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('name', '=', name),
    );

    const inside = await withTransaction(database.db, async (trx) => {
      await addPerson(trx, 'Eve');
      return count(trx, 'Eve');
    });
    const afterwards = await count(database.db, 'Eve');

    assert.equal(Number(inside[0]?.n), 1);
    assert.equal(Number(afterwards[0]?.n), 1);
  });

  it('should refuse a build that decides something from a value instead of passing it on', async () => {
    const inspecting = preparedRead((db, name: string) =>
      db
        .selectFrom('people')
        .select('name')
        .where('name', '=', name === 'Ada' ? 'Ada' : 'Bea'),
    );

    await assert.rejects(() => inspecting(database.db, 'Ada'), /value 0 is not a parameter/);
  });

  it(`should refuse more than ${MAX_PREPARED_VALUES} values`, async () => {
    const many = preparedRead((db, ...values: string[]) =>
      db.selectFrom('people').select('name').where('name', 'in', values),
    );
    const values = Array.from({ length: MAX_PREPARED_VALUES + 1 }, (_, i) => `name ${i}`);

    await assert.rejects(() => many(database.db, ...values), /more than 16/);
  });
});
