import { type Kysely, sql } from 'kysely';
import type { Dialect } from '../connection.ts';
import { columnTypes } from './column-types.ts';

/**
 * The transactional outbox (DESIGN.md, Mail): every email is a row written in the same transaction
 * as the change that causes it, delivered later by a worker. And the readers who asked for reply
 * notifications, keyed by their normalised address.
 */
export function mailMigration(dialect: Dialect) {
  const t = columnTypes(dialect);
  const emptyJson = dialect === 'sqlite' ? sql`'{}'` : sql`'{}'::jsonb`;

  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('outbox')
        .addColumn('id', t.id, (c) => c.primaryKey())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('recipient', 'text', (c) => c.notNull())
        .addColumn('subject', 'text', (c) => c.notNull())
        .addColumn('text_body', 'text', (c) => c.notNull())
        .addColumn('html_body', 'text')
        .addColumn('headers', t.json, (c) => c.notNull().defaultTo(emptyJson))
        .addColumn('state', 'text', (c) =>
          c.notNull().check(sql`state in ('pending', 'sending', 'sent', 'failed')`),
        )
        .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('last_error', 'text')
        .addColumn('next_attempt_at', t.time, (c) => c.notNull())
        .addColumn('claimed_until', t.time)
        .addColumn('created_at', t.time, (c) => c.notNull())
        .addColumn('sent_at', t.time)
        .execute();
      // The worker's "what is due" query, and the caps' "how many of this kind to this address lately".
      await db.schema
        .createIndex('outbox_due_idx')
        .on('outbox')
        .columns(['state', 'next_attempt_at'])
        .execute();
      await db.schema
        .createIndex('outbox_recipient_kind_idx')
        .on('outbox')
        .columns(['recipient', 'kind', 'created_at'])
        .execute();

      await db.schema
        .createTable('reply_subscribers')
        .addColumn('email', 'text', (c) => c.primaryKey())
        .addColumn('confirmed_at', t.time)
        .addColumn('unsubscribed_at', t.time)
        .addColumn('last_confirmation_sent_at', t.time)
        .addColumn('created_at', t.time, (c) => c.notNull())
        .execute();
    },

    async down(db: Kysely<unknown>): Promise<void> {
      await db.schema.dropTable('reply_subscribers').execute();
      await db.schema.dropTable('outbox').execute();
    },
  };
}
