import type { Executor } from '../../db/transaction.ts';

export type JobHandler = (payload: Record<string, unknown>) => Promise<void>;

export type EnqueueOptions = {
  /** Not before this time (default: now). */
  runAt?: Date;
  /** Jobs with the same key are one job: a second enqueue is ignored. */
  key?: string;
  /** Enqueue inside this transaction, so the job exists exactly when the change that needs it does. */
  executor?: Executor;
};

/**
 * One interface for background jobs (DESIGN.md, Jobs): a durable table polled in-process on SQLite,
 * pg-boss on PostgreSQL. Jobs survive restarts on both; handlers must be idempotent.
 */
export type JobQueue = {
  enqueue: (name: string, payload: Record<string, unknown>, options?: EnqueueOptions) => Promise<void>;
  /** Registers the handler for a job name; it runs once `start()` has been called. */
  work: (name: string, handler: JobHandler) => void;
  start: () => Promise<void>;
  stop: () => Promise<void>;
};
