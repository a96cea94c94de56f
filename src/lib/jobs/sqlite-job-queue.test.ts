import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { setTimeout as delay } from 'node:timers/promises';
import { createTestDatabase } from '../../../test/helpers/test-database.ts';
import { type Database, openDatabase } from '../../db/connection.ts';
import { migrateToLatest } from '../../db/migrate.ts';
import { withTransaction } from '../../db/transaction.ts';
import { toDbJson, toDbTime } from '../../db/values.ts';
import { createFixedClock } from '../clock.ts';
import { newId } from '../ids.ts';
import { createSqliteJobQueue } from './sqlite-job-queue.ts';

const start = new Date('2026-03-02T09:00:00.000Z');
type Context = { after: (fn: () => Promise<void>) => void };

/**
 * A migrated database of its own for one test, or null on a PostgreSQL run: this queue is the SQLite
 * backend, and PostgreSQL runs use pg-boss instead (covered by test/scheduler.test.ts).
 */
async function sqliteDatabase(
  context: Context,
): Promise<{ url: string; open: () => Promise<Database> } | null> {
  const testDb = await createTestDatabase();
  if (testDb.dialect !== 'sqlite') {
    await testDb.drop();
    return null;
  }
  const opened: Database[] = [];
  context.after(async () => {
    for (const database of opened) await database.close();
    await testDb.drop();
  });
  return {
    url: testDb.url,
    async open() {
      const database = openDatabase(testDb.url);
      opened.push(database);
      await migrateToLatest(database);
      return database;
    },
  };
}

function queueOn(database: Database, clock = createFixedClock(start)) {
  const errors: unknown[] = [];
  const jobs = createSqliteJobQueue({ database, clock, pollMs: 50, onError: (error) => errors.push(error) });
  return { jobs, clock, errors };
}

const jobRows = (database: Database, name: string) =>
  database.db.selectFrom('jobs').selectAll().where('name', '=', name).execute();

describe('SQLite job queue', () => {
  it('should not run a job before its runAt and run it once after', async (context) => {
    const store = await sqliteDatabase(context);
    if (!store) return; // SQLite only: PostgreSQL uses pg-boss
    const database = await store.open();
    const { jobs, clock } = queueOn(database);
    const seen: unknown[] = [];
    jobs.work('test.later', async (payload) => void seen.push(payload));
    await jobs.enqueue('test.later', { n: 1 }, { runAt: new Date(start.getTime() + 60_000) });

    const early = await jobs.runDue();
    clock.advance(59_999);
    const stillEarly = await jobs.runDue();
    clock.advance(1);
    const due = await jobs.runDue();
    const again = await jobs.runDue();

    assert.deepEqual([early, stillEarly, due, again], [0, 0, 1, 0]);
    assert.deepEqual(seen, [{ n: 1 }]);
    assert.equal((await jobRows(database, 'test.later'))[0]?.state, 'done');
  });

  it('should keep one job and run it once when the same key is enqueued twice', async (context) => {
    const store = await sqliteDatabase(context);
    if (!store) return; // SQLite only: PostgreSQL uses pg-boss
    const database = await store.open();
    const { jobs } = queueOn(database);
    const seen: unknown[] = [];
    jobs.work('test.keyed', async (payload) => void seen.push(payload));

    await jobs.enqueue('test.keyed', { n: 1 }, { key: 'same' });
    await jobs.enqueue('test.keyed', { n: 2 }, { key: 'same' });
    await jobs.runDue();

    assert.equal((await jobRows(database, 'test.keyed')).length, 1);
    assert.deepEqual(seen, [{ n: 1 }]);
  });

  it('should retry a failing job with growing delays and mark it failed after five attempts', async (context) => {
    const store = await sqliteDatabase(context);
    if (!store) return; // SQLite only: PostgreSQL uses pg-boss
    const database = await store.open();
    const { jobs, clock, errors } = queueOn(database);
    let calls = 0;
    jobs.work('test.failing', async () => {
      calls += 1;
      throw new Error(`boom ${calls}`);
    });
    await jobs.enqueue('test.failing', {});

    await jobs.runDue();
    const afterFirst = (await jobRows(database, 'test.failing'))[0];
    await jobs.runDue();
    const callsBeforeBackoff = calls;
    // Attempt n waits 2^n seconds before attempt n + 1.
    for (const [index, waitMs] of [2000, 4000, 8000, 16000].entries()) {
      clock.advance(waitMs - 1);
      await jobs.runDue();
      assert.equal(calls, index + 1, `attempt ${index + 2} ran before its ${waitMs} ms delay`);
      clock.advance(1);
      await jobs.runDue();
      assert.equal(calls, index + 2, `attempt ${index + 2} did not run after its ${waitMs} ms delay`);
    }
    clock.advance(86_400_000);
    await jobs.runDue();

    assert.equal(afterFirst?.state, 'pending');
    assert.equal(afterFirst?.attempts, 1);
    assert.equal(afterFirst?.run_at, new Date(start.getTime() + 2000).toISOString());
    assert.equal(callsBeforeBackoff, 1);
    assert.equal(calls, 5);
    assert.equal(errors.length, 5);
    const [row] = await jobRows(database, 'test.failing');
    assert.equal(row?.state, 'failed');
    assert.equal(row?.attempts, 5);
    assert.equal(row?.last_error, 'boom 5');
  });

  it('should run a job enqueued before a restart when the queue is opened again', async (context) => {
    const store = await sqliteDatabase(context);
    if (!store) return; // SQLite only: PostgreSQL uses pg-boss
    const before = await store.open();
    await queueOn(before).jobs.enqueue('test.durable', { id: 'kept' });
    await before.close();

    const after = await store.open();
    const { jobs } = queueOn(after);
    const seen: unknown[] = [];
    jobs.work('test.durable', async (payload) => void seen.push(payload));
    await jobs.runDue();

    assert.deepEqual(seen, [{ id: 'kept' }]);
  });

  it('should pick up a job again when its worker crashed and the lock has run out', async (context) => {
    const store = await sqliteDatabase(context);
    if (!store) return; // SQLite only: PostgreSQL uses pg-boss
    const database = await store.open();
    const { jobs } = queueOn(database);
    const seen: unknown[] = [];
    jobs.work('test.crashed', async (payload) => void seen.push(payload));
    const row = (payload: object, lockedUntil: Date) => ({
      id: newId(),
      name: 'test.crashed',
      payload: toDbJson(payload),
      state: 'running' as const,
      run_at: toDbTime('sqlite', new Date(start.getTime() - 600_000)),
      attempts: 1,
      locked_until: toDbTime('sqlite', lockedUntil),
      created_at: toDbTime('sqlite', new Date(start.getTime() - 600_000)),
    });
    await database.db
      .insertInto('jobs')
      .values([
        row({ which: 'expired' }, new Date(start.getTime() - 1000)),
        row({ which: 'held' }, new Date(start.getTime() + 60_000)),
      ])
      .execute();

    await jobs.runDue();

    assert.deepEqual(seen, [{ which: 'expired' }]);
    const states = (await jobRows(database, 'test.crashed')).map((r) => [
      JSON.parse(String(r.payload)).which,
      r.state,
      r.attempts,
    ]);
    assert.deepEqual(
      states.sort(),
      [
        ['expired', 'done', 2],
        ['held', 'running', 1],
      ].sort(),
    );
  });

  it('should leave no job when it was enqueued in a transaction that rolled back', async (context) => {
    const store = await sqliteDatabase(context);
    if (!store) return; // SQLite only: PostgreSQL uses pg-boss
    const database = await store.open();
    const { jobs } = queueOn(database);

    const failing = withTransaction(database.db, async (trx) => {
      await jobs.enqueue('test.rolled', {}, { executor: trx });
      throw new Error('roll back');
    });

    await assert.rejects(failing, /roll back/);
    assert.deepEqual(await jobRows(database, 'test.rolled'), []);
  });

  it('should leave a job pending when no handler for its name is registered', async (context) => {
    const store = await sqliteDatabase(context);
    if (!store) return; // SQLite only: PostgreSQL uses pg-boss
    const database = await store.open();
    const { jobs } = queueOn(database);
    jobs.work('test.other', async () => {});
    await jobs.enqueue('test.unhandled', {});

    const processed = await jobs.runDue();

    assert.equal(processed, 0);
    assert.equal((await jobRows(database, 'test.unhandled'))[0]?.state, 'pending');
  });

  it('should run a job enqueued while started when the next poll comes round', async (context) => {
    const store = await sqliteDatabase(context);
    if (!store) return; // SQLite only: PostgreSQL uses pg-boss
    const database = await store.open();
    const { jobs } = queueOn(database);
    const seen: unknown[] = [];
    jobs.work('test.polled', async (payload) => void seen.push(payload));
    await jobs.start();

    await jobs.enqueue('test.polled', { n: 7 });
    for (let waited = 0; seen.length === 0 && waited < 3000; waited += 25) await delay(25);
    await jobs.stop();

    assert.deepEqual(seen, [{ n: 7 }]);
  });
});
