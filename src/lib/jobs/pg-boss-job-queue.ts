import { CompiledQuery } from 'kysely';
import PgBoss from 'pg-boss';
import { v5 as uuidv5 } from 'uuid';
import type { Database } from '../../db/connection.ts';
import type { Executor } from '../../db/transaction.ts';
import type { JobHandler, JobQueue } from './job-queue.ts';

/** Namespace for turning job keys into pg-boss job ids: the same key always gives the same id. */
const KEY_NAMESPACE = '6f1d2a9e-3c57-4b8e-9a41-0d6c2b7e5f13';

export type PgBossJobQueueOptions = {
  database: Database;
  pollMs: number;
  onError: (error: unknown, job: { id: string; name: string }) => void;
};

/** Lets pg-boss write its job row through a Kysely transaction (pg-boss's `db` send option). */
const executorAdapter = (executor: Executor) => ({
  async executeSql(text: string, values?: unknown[]) {
    const result = await executor.executeQuery(CompiledQuery.raw(text, values ?? []));
    return { rows: result.rows };
  },
});

/**
 * pg-boss behind the JobQueue interface. A job key becomes a deterministic job id, and pg-boss
 * inserts jobs with ON CONFLICT DO NOTHING, so the same key is one job.
 *
 * @example
 * const jobs = createPgBossJobQueue({ database, pollMs: 1000, onError });
 */
export function createPgBossJobQueue(options: PgBossJobQueueOptions): JobQueue {
  const handlers = new Map<string, JobHandler>();
  const queues = new Set<string>();
  let boss: PgBoss | undefined;
  let starting: Promise<PgBoss> | undefined;
  let isWorking = false;

  function ready(): Promise<PgBoss> {
    starting ??= (async () => {
      const instance = new PgBoss({
        connectionString: options.database.url,
        schema: 'pgboss',
        max: 4,
        schedule: false,
      });
      instance.on('error', (error) => options.onError(error, { id: '-', name: 'pg-boss' }));
      await instance.start();
      boss = instance;
      return instance;
    })();
    return starting;
  }

  /**
   * pg-boss creates a queue's partition with DDL; two creations at once can deadlock on its queue
   * table, so creations are made one after another.
   */
  let creating: Promise<void> = Promise.resolve();
  function ensureQueue(instance: PgBoss, name: string): Promise<void> {
    if (queues.has(name)) return Promise.resolve();
    const created = creating.then(async () => {
      if (queues.has(name)) return;
      await instance.createQueue(name);
      queues.add(name);
    });
    creating = created.catch(() => undefined);
    return created;
  }

  async function subscribe(instance: PgBoss, name: string, handler: JobHandler): Promise<void> {
    await ensureQueue(instance, name);
    await instance.work<Record<string, unknown>>(
      name,
      { pollingIntervalSeconds: Math.max(0.5, options.pollMs / 1000), batchSize: 1 },
      async (jobs) => {
        for (const job of jobs) {
          try {
            await handler(job.data);
          } catch (error) {
            options.onError(error, { id: job.id, name });
            throw error;
          }
        }
      },
    );
  }

  return {
    async enqueue(name, payload, enqueueOptions = {}) {
      const instance = await ready();
      await ensureQueue(instance, name);
      await instance.send(name, payload, {
        ...(enqueueOptions.key ? { id: uuidv5(`${name}:${enqueueOptions.key}`, KEY_NAMESPACE) } : {}),
        ...(enqueueOptions.runAt ? { startAfter: enqueueOptions.runAt } : {}),
        ...(enqueueOptions.executor ? { db: executorAdapter(enqueueOptions.executor) } : {}),
        retryLimit: 5,
        retryDelay: 2,
        retryBackoff: true,
      });
    },
    work(name, handler) {
      handlers.set(name, handler);
      if (isWorking && boss)
        subscribe(boss, name, handler).catch((error) => options.onError(error, { id: '-', name }));
    },
    async start() {
      const instance = await ready();
      isWorking = true;
      for (const [name, handler] of handlers) await subscribe(instance, name, handler);
    },
    async stop() {
      isWorking = false;
      if (!starting) return;
      const instance = await starting.catch(() => undefined);
      starting = undefined;
      boss = undefined;
      queues.clear();
      await instance?.stop({ graceful: true, wait: true, timeout: 5000 });
    },
  };
}
