import { isIPv4, isIPv6 } from 'node:net';
import type { Database } from '../db/connection.ts';
import { withTransaction } from '../db/transaction.ts';
import { fromDbTimeOrNull, toDbTime, toDbTimeOrNull } from '../db/values.ts';
import type { Clock } from '../lib/clock.ts';

/** Failures allowed before the first lock. */
export const FREE_FAILURES = 5;
/** The longest lock: 15 minutes. */
export const MAX_LOCK_SECONDS = 15 * 60;
/** Failures older than a day are forgotten: a typo last week does not count against today. */
const FORGET_AFTER_MS = 86_400_000;

/** Seconds locked after the `failures`-th failure: 1, 2, 4 … from the fifth, capped at 15 minutes. */
export const lockSecondsAfter = (failures: number): number =>
  failures < FREE_FAILURES ? 0 : Math.min(2 ** (failures - FREE_FAILURES), MAX_LOCK_SECONDS);

/** The backoff key of an account: the address as typed, known or not, so both behave the same. */
export const accountKey = (email: string): string => `account:${email.trim().toLowerCase()}`;

/**
 * The backoff key of a client address. IPv6 clients usually hold a whole /64, so that is what is
 * counted; IPv4-mapped IPv6 addresses count as the IPv4 address they carry.
 */
export function ipKey(address: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address)?.[1];
  if (mapped && isIPv4(mapped)) return `ip:${mapped}`;
  if (!isIPv6(address)) return `ip:${address}`;
  const [head = '', tail = ''] = address.split('::');
  const left = head ? head.split(':') : [];
  const right = address.includes('::') && tail ? tail.split(':') : [];
  const groups = [...left, ...Array(Math.max(0, 8 - left.length - right.length)).fill('0'), ...right];
  return `ip:${groups
    .slice(0, 4)
    .map((group) => Number.parseInt(group, 16).toString(16))
    .join(':')}::/64`;
}

type Counter = { failures: number; lastFailureAt: Date | null; lockedUntil: Date | null };

/** What `begin` counted: enough to take the count back when the attempt turns out not to be a failure. */
export type AttemptTicket = { counted: Map<string, { previous: Counter; failures: number }> };

export type LoginBackoff = ReturnType<typeof createLoginBackoff>;

/**
 * Exponential backoff on failed sign-ins, per account and per client address (`staff_login_attempts`).
 * An attempt is counted as a failure BEFORE its password is checked, in one transaction with the
 * lock test: a burst of parallel guesses is counted as it arrives instead of all passing the test
 * while the first hashes run. An attempt that was not a failure then takes its count back.
 *
 * @example
 * const attempt = await backoff.begin([accountKey(email), ipKey(request.ip)]);
 * if ('retryAfterSeconds' in attempt) throw new LoginLockedError(attempt.retryAfterSeconds);
 * if (isRight) await backoff.succeeded(attempt, accountKey(email));
 */
export function createLoginBackoff({ database, clock }: { database: Database; clock: Clock }) {
  const { db, dialect } = database;

  return {
    /** Counts an attempt against every key, or answers how long to wait when one is locked. */
    async begin(keys: string[]): Promise<AttemptTicket | { retryAfterSeconds: number }> {
      const sorted = [...new Set(keys)].sort();
      const now = clock.now();
      return withTransaction(db, async (trx) => {
        for (const key of sorted)
          await trx
            .insertInto('staff_login_attempts')
            .values({ key, failures: 0 })
            .onConflict((oc) => oc.column('key').doNothing())
            .execute();
        const rows = await trx
          .selectFrom('staff_login_attempts')
          .selectAll()
          .where('key', 'in', sorted)
          .orderBy('key')
          .$if(dialect === 'postgres', (query) => query.forUpdate())
          .execute();
        const waitMs = Math.max(
          0,
          ...rows.map((row) => (fromDbTimeOrNull(row.locked_until)?.getTime() ?? 0) - now.getTime()),
        );
        if (waitMs > 0) return { retryAfterSeconds: Math.ceil(waitMs / 1000) };
        const ticket: AttemptTicket = { counted: new Map() };
        for (const row of rows) {
          const previous: Counter = {
            failures: row.failures,
            lastFailureAt: fromDbTimeOrNull(row.last_failure_at),
            lockedUntil: fromDbTimeOrNull(row.locked_until),
          };
          const isRecent =
            previous.lastFailureAt !== null &&
            now.getTime() - previous.lastFailureAt.getTime() < FORGET_AFTER_MS;
          const failures = (isRecent ? previous.failures : 0) + 1;
          const lockSeconds = lockSecondsAfter(failures);
          await trx
            .updateTable('staff_login_attempts')
            .set({
              failures,
              last_failure_at: toDbTime(dialect, now),
              locked_until:
                lockSeconds > 0 ? toDbTime(dialect, new Date(now.getTime() + lockSeconds * 1000)) : null,
            })
            .where('key', '=', row.key)
            .execute();
          ticket.counted.set(row.key, { previous, failures });
        }
        return ticket;
      });
    },

    /**
     * Takes an attempt's count back from `keys` (all it counted by default), restoring each counter
     * as it was unless another attempt has counted since: then the count stays, erring on the safe side.
     */
    async refund(ticket: AttemptTicket, keys: string[] = [...ticket.counted.keys()]): Promise<void> {
      for (const key of keys) {
        const entry = ticket.counted.get(key);
        if (!entry) continue;
        await db
          .updateTable('staff_login_attempts')
          .set({
            failures: entry.previous.failures,
            last_failure_at: toDbTimeOrNull(dialect, entry.previous.lastFailureAt),
            locked_until: toDbTimeOrNull(dialect, entry.previous.lockedUntil),
          })
          .where('key', '=', key)
          .where('failures', '=', entry.failures)
          .execute();
      }
    },

    /** Forgets an account's failures: after a successful sign-in, or a password reset (its owner reads its inbox). */
    async forget(key: string): Promise<void> {
      await db.deleteFrom('staff_login_attempts').where('key', '=', key).execute();
    },

    /** Deletes counters with no failure for a day and no lock left. */
    async purge(): Promise<number> {
      const now = clock.now();
      const result = await db
        .deleteFrom('staff_login_attempts')
        .where((eb) =>
          eb.or([
            eb('last_failure_at', 'is', null),
            eb('last_failure_at', '<', toDbTime(dialect, new Date(now.getTime() - FORGET_AFTER_MS))),
          ]),
        )
        .where((eb) =>
          eb.or([eb('locked_until', 'is', null), eb('locked_until', '<', toDbTime(dialect, now))]),
        )
        .executeTakeFirst();
      return Number(result.numDeletedRows);
    },
  };
}
