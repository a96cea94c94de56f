import { createHash, randomBytes } from 'node:crypto';
import type { Database } from '../db/connection.ts';
import type { StaffTokenPurpose } from '../db/schema.ts';
import type { Executor } from '../db/transaction.ts';
import { fromDbTime, toDbTime } from '../db/values.ts';
import type { Clock } from '../lib/clock.ts';
import { staffErrors } from './staff-errors.ts';

const hashOf = (token: string): string => createHash('sha256').update(token).digest('base64url');
/** 32 random bytes as base64url: anything else cannot be one of ours and is not looked up. */
const tokenPattern = /^[A-Za-z0-9_-]{43}$/;

export type StaffTokens = ReturnType<typeof createStaffTokens>;

/**
 * Single-use, expiring links for invitations and password resets. Only the SHA-256 of a token is
 * stored, so a copy of the database opens no account; issuing a new link of a purpose cancels the
 * earlier unused ones of that purpose for the same account.
 *
 * @example
 * const token = await tokens.issue(trx, { purpose: 'password-reset', userId, ttlMs: 3_600_000 });
 * const userId = await tokens.consume(trx, token, 'password-reset');
 */
export function createStaffTokens({ database, clock }: { database: Database; clock: Clock }) {
  const { dialect } = database;

  async function check(trx: Executor, token: unknown, purpose: StaffTokenPurpose) {
    if (typeof token !== 'string' || !tokenPattern.test(token)) throw staffErrors.linkInvalid();
    const hash = hashOf(token);
    const row = await trx
      .selectFrom('staff_tokens')
      .select(['user_id', 'expires_at', 'used_at'])
      .where('token_hash', '=', hash)
      .where('purpose', '=', purpose)
      .executeTakeFirst();
    if (!row) throw staffErrors.linkInvalid();
    if (row.used_at !== null) throw staffErrors.linkUsed();
    if (fromDbTime(row.expires_at) <= clock.now()) throw staffErrors.linkExpired();
    return { hash, userId: row.user_id };
  }

  return {
    async issue(
      trx: Executor,
      input: { purpose: StaffTokenPurpose; userId: string; ttlMs: number },
    ): Promise<{ token: string; expiresAt: Date }> {
      await trx
        .deleteFrom('staff_tokens')
        .where('user_id', '=', input.userId)
        .where('purpose', '=', input.purpose)
        .where('used_at', 'is', null)
        .execute();
      const token = randomBytes(32).toString('base64url');
      const now = clock.now();
      const expiresAt = new Date(now.getTime() + input.ttlMs);
      await trx
        .insertInto('staff_tokens')
        .values({
          token_hash: hashOf(token),
          purpose: input.purpose,
          user_id: input.userId,
          created_at: toDbTime(dialect, now),
          expires_at: toDbTime(dialect, expiresAt),
          used_at: null,
        })
        .execute();
      return { token, expiresAt };
    },

    /**
     * Whose a link is, without using it up (to check a new password before spending the link):
     * 404 `LINK_INVALID` for a token that was never issued (or was replaced by a newer one), 410
     * `LINK_EXPIRED` or `LINK_USED` otherwise.
     */
    peek: async (trx: Executor, token: unknown, purpose: StaffTokenPurpose): Promise<string> =>
      (await check(trx, token, purpose)).userId,

    /** Uses a link up inside the caller's transaction and answers whose it is (errors as `peek`). */
    async consume(trx: Executor, token: unknown, purpose: StaffTokenPurpose): Promise<string> {
      const { hash, userId } = await check(trx, token, purpose);
      const result = await trx
        .updateTable('staff_tokens')
        .set({ used_at: toDbTime(dialect, clock.now()) })
        .where('token_hash', '=', hash)
        .where('used_at', 'is', null)
        .executeTakeFirst();
      if (Number(result.numUpdatedRows) !== 1) throw staffErrors.linkUsed();
      return userId;
    },

    /** Cancels every unused link of `purpose` for an account (a reset made elsewhere, a disabled account). */
    async cancel(trx: Executor, userId: string, purpose?: StaffTokenPurpose): Promise<void> {
      await trx
        .deleteFrom('staff_tokens')
        .where('user_id', '=', userId)
        .where('used_at', 'is', null)
        .$if(purpose !== undefined, (query) => query.where('purpose', '=', purpose as StaffTokenPurpose))
        .execute();
    },

    /** Forgets links that expired before `before`. */
    async purge(before: Date): Promise<number> {
      const result = await database.db
        .deleteFrom('staff_tokens')
        .where('expires_at', '<', toDbTime(dialect, before))
        .executeTakeFirst();
      return Number(result.numDeletedRows);
    },
  };
}
