import { createHash, randomBytes } from 'node:crypto';
import type { Database } from '../db/connection.ts';
import type { Executor } from '../db/transaction.ts';
import { fromDbJson, fromDbTime, toDbJson, toDbTime } from '../db/values.ts';
import type { Clock } from '../lib/clock.ts';

/** What a single-use link does: confirm a subscription, or log a reader in. */
export type ReaderTokenPurpose = 'subscribe-confirm' | 'login';

export type TokenUse =
  | { status: 'valid'; email: string; payload: Record<string, unknown> }
  | { status: 'invalid' }
  | { status: 'expired'; email: string }
  | { status: 'used'; email: string };

export type ReaderTokens = {
  /** Stores a new token inside the caller's transaction (the mail carrying it is written in the same one). */
  issue: (
    trx: Executor,
    token: { purpose: ReaderTokenPurpose; email: string; payload: Record<string, unknown>; ttlMs: number },
  ) => Promise<string>;
  /** Uses the token up, in the caller's transaction: it works once, and only before it expires. */
  consume: (trx: Executor, token: unknown, purpose: ReaderTokenPurpose) => Promise<TokenUse>;
  /** Tokens of `purpose` issued to `email` since `since`: the per-address cap counts these. */
  countSince: (
    executor: Executor,
    query: { email: string; purpose: ReaderTokenPurpose; since: Date },
  ) => Promise<number>;
  /** Deletes tokens that expired before `before`. */
  purge: (before: Date) => Promise<number>;
};

const hashOf = (token: string): string => createHash('sha256').update(token).digest('base64url');
const tokenPattern = /^[A-Za-z0-9_-]{43}$/;

/**
 * Single-use, expiring tokens for links in mails (DESIGN.md, Secrets: stored as hashes only). Unlike
 * the stateless signed tokens of unsubscribe links, these must be remembered to be used only once.
 *
 * @example
 * const token = await tokens.issue(trx, { purpose: 'login', email, payload: {}, ttlMs: 15 * 60_000 });
 * const use = await tokens.consume(trx, request.query.token, 'login');
 */
export function createReaderTokens(options: { database: Database; clock: Clock }): ReaderTokens {
  const { db, dialect } = options.database;
  const { clock } = options;

  return {
    async issue(trx, { purpose, email, payload, ttlMs }) {
      const token = randomBytes(32).toString('base64url');
      const now = clock.now();
      await trx
        .insertInto('reader_tokens')
        .values({
          token_hash: hashOf(token),
          purpose,
          email,
          payload: toDbJson(payload),
          created_at: toDbTime(dialect, now),
          expires_at: toDbTime(dialect, new Date(now.getTime() + ttlMs)),
          used_at: null,
        })
        .execute();
      return token;
    },

    async consume(trx, token, purpose) {
      if (typeof token !== 'string' || !tokenPattern.test(token)) return { status: 'invalid' };
      const tokenHash = hashOf(token);
      const now = toDbTime(dialect, clock.now());
      // One conditional update decides: two clicks at once cannot both use it.
      const used = await trx
        .updateTable('reader_tokens')
        .set({ used_at: now })
        .where('token_hash', '=', tokenHash)
        .where('purpose', '=', purpose)
        .where('used_at', 'is', null)
        .where('expires_at', '>', now)
        .returning(['email', 'payload'])
        .executeTakeFirst();
      if (used) {
        const payload = fromDbJson(dialect, used.payload);
        return {
          status: 'valid',
          email: used.email,
          payload:
            typeof payload === 'object' && payload !== null ? (payload as Record<string, unknown>) : {},
        };
      }
      const row = await trx
        .selectFrom('reader_tokens')
        .select(['email', 'used_at', 'expires_at'])
        .where('token_hash', '=', tokenHash)
        .where('purpose', '=', purpose)
        .executeTakeFirst();
      if (!row) return { status: 'invalid' };
      if (row.used_at !== null) return { status: 'used', email: row.email };
      return fromDbTime(row.expires_at) <= clock.now()
        ? { status: 'expired', email: row.email }
        : { status: 'invalid' };
    },

    async countSince(executor, { email, purpose, since }) {
      const row = await executor
        .selectFrom('reader_tokens')
        .select((eb) => eb.fn.countAll<number>().as('count'))
        .where('email', '=', email)
        .where('purpose', '=', purpose)
        .where('created_at', '>=', toDbTime(dialect, since))
        .executeTakeFirst();
      return Number(row?.count ?? 0);
    },

    async purge(before) {
      const result = await db
        .deleteFrom('reader_tokens')
        .where('expires_at', '<', toDbTime(dialect, before))
        .executeTakeFirst();
      return Number(result.numDeletedRows);
    },
  };
}
