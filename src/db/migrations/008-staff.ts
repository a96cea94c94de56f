import { type Kysely, sql } from 'kysely';
import type { Dialect } from '../connection.ts';
import { columnTypes } from './column-types.ts';

/**
 * Staff accounts (the newsroom): people who sign in to the admin with an email and a password
 * (argon2id; none until an invitation is accepted), an optional TOTP second factor (its secret
 * encrypted with a key derived from the site secret), the brute-force counters that slow down
 * guessing per account and per client address, and single-use tokens (stored as hashes) for
 * invitations and password resets. Sessions live in the `sessions` table of 007 with kind `staff`.
 */
export function staffMigration(dialect: Dialect) {
  const t = columnTypes(dialect);
  const falseValue = dialect === 'sqlite' ? sql`0` : sql`false`;

  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('staff_users')
        .addColumn('id', t.id, (c) => c.primaryKey())
        // Stored trimmed and lower-cased (DESIGN.md, Emails), so the unique index holds however typed.
        .addColumn('email', 'text', (c) => c.notNull().unique())
        .addColumn('name', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('role', 'text', (c) =>
          c.notNull().check(sql`role in ('contributor', 'author', 'editor', 'administrator')`),
        )
        .addColumn('password_hash', 'text')
        .addColumn('totp_secret', 'text')
        .addColumn('totp_enabled', t.bool, (c) => c.notNull().defaultTo(falseValue))
        // The last TOTP time step accepted: a code is never accepted twice (RFC 6238 §5.2).
        .addColumn('totp_last_step', 'integer')
        .addColumn('created_at', t.time, (c) => c.notNull())
        .addColumn('updated_at', t.time, (c) => c.notNull())
        .addColumn('disabled_at', t.time)
        .execute();

      await db.schema
        .createTable('staff_login_attempts')
        // `account:EMAIL` or `ip:ADDRESS`; unknown addresses are counted exactly like known ones.
        .addColumn('key', 'text', (c) => c.primaryKey())
        .addColumn('failures', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('last_failure_at', t.time)
        .addColumn('locked_until', t.time)
        .execute();
      await db.schema
        .createIndex('staff_login_attempts_last_failure_idx')
        .on('staff_login_attempts')
        .column('last_failure_at')
        .execute();

      await db.schema
        .createTable('staff_tokens')
        .addColumn('token_hash', 'text', (c) => c.primaryKey())
        .addColumn('purpose', 'text', (c) =>
          c.notNull().check(sql`purpose in ('invitation', 'password-reset')`),
        )
        .addColumn('user_id', t.id, (c) => c.notNull().references('staff_users.id').onDelete('cascade'))
        .addColumn('expires_at', t.time, (c) => c.notNull())
        .addColumn('used_at', t.time)
        .addColumn('created_at', t.time, (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('staff_tokens_user_idx')
        .on('staff_tokens')
        .columns(['user_id', 'purpose'])
        .execute();
    },

    async down(db: Kysely<unknown>): Promise<void> {
      await db.schema.dropTable('staff_tokens').execute();
      await db.schema.dropTable('staff_login_attempts').execute();
      await db.schema.dropTable('staff_users').execute();
    },
  };
}
