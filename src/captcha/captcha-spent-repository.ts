import { createHash } from 'node:crypto';
import type { Database } from '../db/connection.ts';
import type { Executor } from '../db/transaction.ts';
import { toDbTime } from '../db/values.ts';

/** Purging more often than this buys nothing: expired rows are harmless, only untidy. */
const PURGE_INTERVAL_MS = 60_000;

export type CaptchaSpentRepository = {
  /** False when the key was spent before: the solution or token is being replayed. */
  spend(input: { key: string; expiresAt: Date; now: Date; executor?: Executor }): Promise<boolean>;
  isSpent(input: { key: string; executor?: Executor }): Promise<boolean>;
};

/** Keys are stored hashed so that a long provider token and a short altcha challenge take the same room. */
const hashKey = (key: string): string => createHash('sha256').update(key).digest('hex');

/**
 * The `captcha_spent` table: one row per accepted solution or token, kept until it expires.
 * `spend` inserts through the caller's executor, so that a comment and the CAPTCHA it spent are
 * committed, or rolled back, together.
 *
 * @example
 * const spent = createCaptchaSpentRepository({ database });
 * if (!(await spent.spend({ key, expiresAt, now }))) return { ok: false, code: 'CAPTCHA_REPLAYED' };
 */
export function createCaptchaSpentRepository({ database }: { database: Database }): CaptchaSpentRepository {
  const { dialect } = database;
  let lastPurgeAt = Number.NEGATIVE_INFINITY;

  /**
   * Runs on the database itself, never inside the caller's transaction (on SQLite that would wait
   * for the very transaction holding the connection), and is not awaited: a failed purge changes no
   * answer and the next one, a minute later, deletes the same rows.
   */
  function purgeExpired(now: Date): void {
    if (now.getTime() - lastPurgeAt < PURGE_INTERVAL_MS) return;
    lastPurgeAt = now.getTime();
    database.db
      .deleteFrom('captcha_spent')
      .where('expires_at', '<', toDbTime(dialect, now))
      .execute()
      .catch(() => {
        lastPurgeAt = Number.NEGATIVE_INFINITY;
      });
  }

  return {
    async spend({ key, expiresAt, now, executor = database.db }) {
      purgeExpired(now);
      const inserted = await executor
        .insertInto('captcha_spent')
        .values({ key_hash: hashKey(key), expires_at: toDbTime(dialect, expiresAt) })
        .onConflict((oc) => oc.column('key_hash').doNothing())
        .returning('key_hash')
        .executeTakeFirst();
      return inserted !== undefined;
    },

    async isSpent({ key, executor = database.db }) {
      const row = await executor
        .selectFrom('captcha_spent')
        .select('key_hash')
        .where('key_hash', '=', hashKey(key))
        .executeTakeFirst();
      return row !== undefined;
    },
  };
}
