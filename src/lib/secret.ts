import { hkdfSync, randomBytes } from 'node:crypto';
import type { Database } from '../db/connection.ts';
import { toDbTime } from '../db/values.ts';

const SECRET_NAME = 'masthead_secret';

/**
 * The site secret: MASTHEAD_SECRET when configured, otherwise one generated on first run and kept
 * in the database so that every instance and every restart derives the same keys.
 */
export async function resolveSiteSecret(options: {
  database: Database;
  configured: string | undefined;
  now: Date;
}): Promise<string> {
  if (options.configured) return options.configured;
  const { db, dialect } = options.database;
  await db
    .insertInto('secrets')
    .values({
      name: SECRET_NAME,
      value: randomBytes(32).toString('base64url'),
      created_at: toDbTime(dialect, options.now),
    })
    .onConflict((oc) => oc.column('name').doNothing())
    .execute();
  const row = await db
    .selectFrom('secrets')
    .select('value')
    .where('name', '=', SECRET_NAME)
    .executeTakeFirstOrThrow();
  return row.value;
}

/**
 * A key for one purpose, derived from the site secret with HKDF (RFC 5869) so that no two features
 * share a key.
 *
 * @example
 * const key = deriveKey(secret, 'captcha-hmac');
 */
export function deriveKey(secret: string, purpose: string, length = 32): Buffer {
  return Buffer.from(hkdfSync('sha256', secret, 'masthead', purpose, length));
}
