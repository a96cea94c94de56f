import { createHash, randomBytes } from 'node:crypto';
import type { Database } from '../db/connection.ts';
import type { SessionKind } from '../db/schema.ts';
import { fromDbTime, toDbTime } from '../db/values.ts';
import type { Clock } from '../lib/clock.ts';

export type Session = { principalId: string; createdAt: Date; expiresAt: Date };

export type SessionStore = {
  /** A new session with a new id: called at every login, so an id known before login is worthless after. */
  create: (principalId: string) => Promise<{ token: string; expiresAt: Date }>;
  /** The live session behind a cookie value, or null; a session in use is extended (sliding expiry). */
  find: (token: unknown) => Promise<Session | null>;
  destroy: (token: unknown) => Promise<void>;
  /** Logs the principal out everywhere. */
  destroyAll: (principalId: string) => Promise<number>;
};

const hashOf = (token: string): string => createHash('sha256').update(token).digest('base64url');
/** 32 random bytes as base64url: 43 characters. Anything else cannot be one of ours. */
const tokenPattern = /^[A-Za-z0-9_-]{43}$/;
/** Extending on every request would write on every page view; once an hour is enough. */
const TOUCH_EVERY_MS = 3_600_000;

/**
 * Server-side sessions in the `sessions` table, for readers and (later) staff. The cookie carries
 * a random token; only its SHA-256 is stored, so a copy of the database logs nobody in.
 *
 * @example
 * const sessions = createSessionStore({ database, clock, kind: 'reader', ttlMs: 30 * 86_400_000 });
 * const { token } = await sessions.create(subscriber.id);
 * const session = await sessions.find(request.cookies.masthead_reader);
 */
export function createSessionStore(options: {
  database: Database;
  clock: Clock;
  kind: SessionKind;
  ttlMs: number;
}): SessionStore {
  const { db, dialect } = options.database;
  const { clock, kind, ttlMs } = options;

  return {
    async create(principalId) {
      const token = randomBytes(32).toString('base64url');
      const now = clock.now();
      const expiresAt = new Date(now.getTime() + ttlMs);
      await db
        .insertInto('sessions')
        .values({
          id_hash: hashOf(token),
          kind,
          principal_id: principalId,
          created_at: toDbTime(dialect, now),
          expires_at: toDbTime(dialect, expiresAt),
          last_seen_at: toDbTime(dialect, now),
        })
        .execute();
      return { token, expiresAt };
    },

    async find(token) {
      if (typeof token !== 'string' || !tokenPattern.test(token)) return null;
      const idHash = hashOf(token);
      const row = await db
        .selectFrom('sessions')
        .select(['principal_id', 'created_at', 'expires_at', 'last_seen_at'])
        .where('id_hash', '=', idHash)
        .where('kind', '=', kind)
        .executeTakeFirst();
      const now = clock.now();
      if (!row || fromDbTime(row.expires_at) <= now) return null;
      let expiresAt = fromDbTime(row.expires_at);
      if (now.getTime() - fromDbTime(row.last_seen_at).getTime() >= TOUCH_EVERY_MS) {
        expiresAt = new Date(now.getTime() + ttlMs);
        await db
          .updateTable('sessions')
          .set({ last_seen_at: toDbTime(dialect, now), expires_at: toDbTime(dialect, expiresAt) })
          .where('id_hash', '=', idHash)
          .execute();
      }
      return { principalId: row.principal_id, createdAt: fromDbTime(row.created_at), expiresAt };
    },

    async destroy(token) {
      if (typeof token !== 'string' || !tokenPattern.test(token)) return;
      await db.deleteFrom('sessions').where('id_hash', '=', hashOf(token)).execute();
    },

    async destroyAll(principalId) {
      const result = await db
        .deleteFrom('sessions')
        .where('kind', '=', kind)
        .where('principal_id', '=', principalId)
        .executeTakeFirst();
      return Number(result.numDeletedRows);
    },
  };
}
