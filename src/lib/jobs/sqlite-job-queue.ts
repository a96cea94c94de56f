import { sql } from 'kysely';
import type { Database } from '../../db/connection.ts';
import { fromDbJson, toDbJson, toDbTime } from '../../db/values.ts';
import type { Clock } from '../clock.ts';
import { newId } from '../ids.ts';
import type { JobHandler, JobQueue } from './job-queue.ts';

const MAX_ATTEMPTS = 5;
const LOCK_MS = 5 * 60_000;
const BATCH = 10;

export type SqliteJobQueueOptions = {
  database: Database;
  clock: Clock;
  pollMs: number;
  onError: (error: unknown, job: { id: string; name: string }) => void;
};

/**
 * The jobs table polled in-process. A claimed job is locked for a while rather than deleted, so a
 * crash mid-job leaves it to be claimed again after the lock runs out: at-least-once delivery, made
 * exactly-once in effect by idempotent handlers.
 *
 * @example
 * const jobs = createSqliteJobQueue({ database, clock, pollMs: 1000, onError });
 * jobs.work('article.publish', publishHandler);
 * await jobs.start();
 */
export function createSqliteJobQueue(
  options: SqliteJobQueueOptions,
): JobQueue & { runDue: () => Promise<number> } {
  const { database, clock } = options;
  const { db, dialect } = database;
  const handlers = new Map<string, JobHandler>();
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<number> | undefined;

  async function claim(now: Date) {
    const names = [...handlers.keys()];
    if (names.length === 0) return [];
    const nowValue = toDbTime(dialect, now);
    const due = db
      .selectFrom('jobs')
      .select('id')
      .where('name', 'in', names)
      .where((eb) =>
        eb.or([
          eb.and([eb('state', '=', 'pending'), eb('run_at', '<=', nowValue)]),
          eb.and([eb('state', '=', 'running'), eb('locked_until', '<', nowValue)]),
        ]),
      )
      .orderBy('run_at')
      .limit(BATCH);
    return db
      .updateTable('jobs')
      .set({
        state: 'running',
        locked_until: toDbTime(dialect, new Date(now.getTime() + LOCK_MS)),
        attempts: sql`attempts + 1`,
      })
      .where('id', 'in', due)
      .returning(['id', 'name', 'payload', 'attempts'])
      .execute();
  }

  async function runOne(job: {
    id: string;
    name: string;
    payload: unknown;
    attempts: number;
  }): Promise<void> {
    const handler = handlers.get(job.name);
    try {
      await handler?.(fromDbJson(dialect, job.payload) as Record<string, unknown>);
      await db
        .updateTable('jobs')
        .set({ state: 'done', completed_at: toDbTime(dialect, clock.now()), locked_until: null })
        .where('id', '=', job.id)
        .execute();
    } catch (error) {
      options.onError(error, job);
      const isFinal = job.attempts >= MAX_ATTEMPTS;
      const retryAt = new Date(clock.now().getTime() + 2 ** job.attempts * 1000);
      await db
        .updateTable('jobs')
        .set({
          state: isFinal ? 'failed' : 'pending',
          run_at: toDbTime(dialect, retryAt),
          locked_until: null,
          last_error: error instanceof Error ? error.message : String(error),
        })
        .where('id', '=', job.id)
        .execute();
    }
  }

  async function runDue(): Promise<number> {
    let processed = 0;
    for (;;) {
      const jobs = await claim(clock.now());
      for (const job of jobs) await runOne(job);
      processed += jobs.length;
      if (jobs.length < BATCH) return processed;
    }
  }

  /** One pass at a time: a slow pass is never overlapped by the next tick. */
  function tick(): Promise<number> {
    running ??= runDue().finally(() => {
      running = undefined;
    });
    return running;
  }

  return {
    async enqueue(name, payload, enqueueOptions = {}) {
      const now = clock.now();
      await (enqueueOptions.executor ?? db)
        .insertInto('jobs')
        .values({
          id: newId(),
          name,
          payload: toDbJson(payload),
          key: enqueueOptions.key ?? null,
          state: 'pending',
          run_at: toDbTime(dialect, enqueueOptions.runAt ?? now),
          created_at: toDbTime(dialect, now),
        })
        .onConflict((oc) => oc.column('key').doNothing())
        .execute();
    },
    work(name, handler) {
      handlers.set(name, handler);
    },
    async start() {
      if (timer) return;
      timer = setInterval(() => {
        tick().catch((error) => options.onError(error, { id: '-', name: 'poll' }));
      }, options.pollMs);
      timer.unref();
      await tick();
    },
    async stop() {
      if (timer) clearInterval(timer);
      timer = undefined;
      await running?.catch(() => 0);
    },
    runDue: tick,
  };
}
