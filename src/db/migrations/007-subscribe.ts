import { type Kysely, sql } from 'kysely';
import type { Dialect } from '../connection.ts';
import { columnTypes } from './column-types.ts';

/**
 * Subscribe (newsletters and reader accounts): newsletters and who receives them, the consent each
 * reader gave, single-use tokens for confirmation and login links (stored as hashes), sessions
 * (readers now, staff later: one table, told apart by `kind`), the suppression list every send
 * respects, and each send with one delivery row per recipient so that a crash resumes where it
 * stopped. Articles gain `send_email`, the editor's "do not email this one".
 */
export function subscribeMigration(dialect: Dialect) {
  const t = columnTypes(dialect);
  const emptyList = dialect === 'sqlite' ? sql`'[]'` : sql`'[]'::jsonb`;
  const trueValue = dialect === 'sqlite' ? sql`1` : sql`true`;
  const falseValue = dialect === 'sqlite' ? sql`0` : sql`false`;

  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .alterTable('articles')
        .addColumn('send_email', t.bool, (c) => c.notNull().defaultTo(trueValue))
        .execute();

      await db.schema
        .createTable('newsletters')
        .addColumn('id', t.id, (c) => c.primaryKey())
        .addColumn('slug', 'text', (c) => c.notNull().unique())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('category_ids', t.json, (c) => c.notNull().defaultTo(emptyList))
        .addColumn('cadence', 'text', (c) =>
          c.notNull().check(sql`cadence in ('publish', 'daily', 'weekly')`),
        )
        .addColumn('send_hour', 'integer', (c) => c.notNull().defaultTo(7))
        .addColumn('send_weekday', 'integer', (c) => c.notNull().defaultTo(1))
        .addColumn('track_opens', t.bool, (c) => c.notNull().defaultTo(falseValue))
        .addColumn('track_clicks', t.bool, (c) => c.notNull().defaultTo(falseValue))
        .addColumn('position', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('created_at', t.time, (c) => c.notNull())
        .addColumn('updated_at', t.time, (c) => c.notNull())
        .execute();

      await db.schema
        .createTable('subscribers')
        .addColumn('id', t.id, (c) => c.primaryKey())
        .addColumn('email', 'text', (c) => c.notNull().unique())
        .addColumn('name', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('created_at', t.time, (c) => c.notNull())
        .addColumn('confirmed_at', t.time)
        .addColumn('last_login_at', t.time)
        .execute();

      await db.schema
        .createTable('subscriptions')
        .addColumn('subscriber_id', t.id, (c) => c.notNull().references('subscribers.id').onDelete('cascade'))
        .addColumn('newsletter_id', t.id, (c) => c.notNull().references('newsletters.id').onDelete('cascade'))
        .addColumn('created_at', t.time, (c) => c.notNull())
        .addPrimaryKeyConstraint('subscriptions_pk', ['subscriber_id', 'newsletter_id'])
        .execute();
      await db.schema
        .createIndex('subscriptions_newsletter_idx')
        .on('subscriptions')
        .columns(['newsletter_id', 'subscriber_id'])
        .execute();

      await db.schema
        .createTable('consents')
        .addColumn('id', t.id, (c) => c.primaryKey())
        .addColumn('subscriber_id', t.id, (c) => c.notNull().references('subscribers.id').onDelete('cascade'))
        .addColumn('source', 'text', (c) => c.notNull())
        .addColumn('newsletter_ids', t.json, (c) => c.notNull().defaultTo(emptyList))
        .addColumn('requested_at', t.time, (c) => c.notNull())
        .addColumn('confirmed_at', t.time, (c) => c.notNull())
        .execute();
      await db.schema.createIndex('consents_subscriber_idx').on('consents').column('subscriber_id').execute();

      await db.schema
        .createTable('reader_tokens')
        .addColumn('token_hash', 'text', (c) => c.primaryKey())
        .addColumn('purpose', 'text', (c) => c.notNull())
        .addColumn('email', 'text', (c) => c.notNull())
        .addColumn('payload', t.json, (c) => c.notNull())
        .addColumn('created_at', t.time, (c) => c.notNull())
        .addColumn('expires_at', t.time, (c) => c.notNull())
        .addColumn('used_at', t.time)
        .execute();
      await db.schema
        .createIndex('reader_tokens_email_idx')
        .on('reader_tokens')
        .columns(['email', 'created_at'])
        .execute();
      await db.schema
        .createIndex('reader_tokens_expires_idx')
        .on('reader_tokens')
        .column('expires_at')
        .execute();

      await db.schema
        .createTable('sessions')
        .addColumn('id_hash', 'text', (c) => c.primaryKey())
        .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('reader', 'staff')`))
        .addColumn('principal_id', t.id, (c) => c.notNull())
        .addColumn('created_at', t.time, (c) => c.notNull())
        .addColumn('expires_at', t.time, (c) => c.notNull())
        .addColumn('last_seen_at', t.time, (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('sessions_principal_idx')
        .on('sessions')
        .columns(['kind', 'principal_id'])
        .execute();

      await db.schema
        .createTable('suppressions')
        .addColumn('email', 'text', (c) => c.primaryKey())
        .addColumn('reason', 'text', (c) =>
          c.notNull().check(sql`reason in ('bounced', 'complained', 'unsubscribed')`),
        )
        .addColumn('detail', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('created_at', t.time, (c) => c.notNull())
        .execute();

      await db.schema
        .createTable('newsletter_sends')
        .addColumn('id', t.id, (c) => c.primaryKey())
        .addColumn('newsletter_id', t.id, (c) => c.notNull().references('newsletters.id').onDelete('cascade'))
        // What this send is of: `article:ID` or `digest:PERIOD-END`; one send per newsletter and key.
        .addColumn('dedupe_key', 'text', (c) => c.notNull())
        .addColumn('article_ids', t.json, (c) => c.notNull().defaultTo(emptyList))
        .addColumn('subject', 'text', (c) => c.notNull())
        .addColumn('html_body', 'text', (c) => c.notNull())
        .addColumn('text_body', 'text', (c) => c.notNull())
        .addColumn('state', 'text', (c) => c.notNull().check(sql`state in ('sending', 'done')`))
        .addColumn('created_at', t.time, (c) => c.notNull())
        .addColumn('finished_at', t.time)
        .addUniqueConstraint('newsletter_sends_dedupe_key', ['newsletter_id', 'dedupe_key'])
        .execute();
      await db.schema
        .createIndex('newsletter_sends_state_idx')
        .on('newsletter_sends')
        .columns(['state', 'created_at'])
        .execute();

      await db.schema
        .createTable('newsletter_deliveries')
        .addColumn('send_id', t.id, (c) => c.notNull().references('newsletter_sends.id').onDelete('cascade'))
        .addColumn('email', 'text', (c) => c.notNull())
        .addColumn('subscriber_id', t.id)
        .addColumn('name', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('state', 'text', (c) =>
          c.notNull().check(sql`state in ('queued', 'sending', 'sent', 'failed', 'bounced', 'skipped')`),
        )
        .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('next_attempt_at', t.time, (c) => c.notNull())
        .addColumn('claimed_until', t.time)
        .addColumn('last_error', 'text')
        .addColumn('sent_at', t.time)
        .addColumn('opened_at', t.time)
        .addColumn('clicked_at', t.time)
        .addPrimaryKeyConstraint('newsletter_deliveries_pk', ['send_id', 'email'])
        .execute();
      // The sender's "what is due in this send" query.
      await db.schema
        .createIndex('newsletter_deliveries_due_idx')
        .on('newsletter_deliveries')
        .columns(['send_id', 'state', 'next_attempt_at'])
        .execute();
      await db.schema
        .createIndex('newsletter_deliveries_subscriber_idx')
        .on('newsletter_deliveries')
        .column('subscriber_id')
        .execute();
    },

    async down(db: Kysely<unknown>): Promise<void> {
      for (const table of [
        'newsletter_deliveries',
        'newsletter_sends',
        'suppressions',
        'sessions',
        'reader_tokens',
        'consents',
        'subscriptions',
        'subscribers',
        'newsletters',
      ])
        await db.schema.dropTable(table).execute();
      await db.schema.alterTable('articles').dropColumn('send_email').execute();
    },
  };
}
