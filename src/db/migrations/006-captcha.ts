import type { Kysely } from 'kysely';
import type { Dialect } from '../connection.ts';
import { columnTypes } from './column-types.ts';

/**
 * CAPTCHA solutions and tokens already accepted, so that each is accepted once. A row only needs
 * to live until its challenge expires (after that the challenge is refused as expired anyway), so
 * `expires_at` is indexed for the purge.
 */
export function captchaMigration(dialect: Dialect) {
  const t = columnTypes(dialect);

  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('captcha_spent')
        .addColumn('key_hash', 'text', (c) => c.primaryKey())
        .addColumn('expires_at', t.time, (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('captcha_spent_expires_idx')
        .on('captcha_spent')
        .column('expires_at')
        .execute();
    },
    async down(db: Kysely<unknown>): Promise<void> {
      await db.schema.dropTable('captcha_spent').execute();
    },
  };
}
