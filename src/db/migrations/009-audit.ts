import { type Kysely, sql } from 'kysely';
import type { Dialect } from '../connection.ts';
import { columnTypes } from './column-types.ts';

/**
 * The audit log (who created, published, deleted or changed what, and when) and each article's
 * creator, `articles.created_by`: the staff id whose own work the roles let them publish. It has no
 * foreign key (a staff member may be removed; the history of who created what stays), and it is
 * null for what tokens, the CLI or imports created.
 */
export function auditMigration(dialect: Dialect) {
  const t = columnTypes(dialect);
  const emptyObject = dialect === 'sqlite' ? sql`'{}'` : sql`'{}'::jsonb`;

  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema.alterTable('articles').addColumn('created_by', 'text').execute();
      await db.schema.createIndex('articles_created_by_idx').on('articles').column('created_by').execute();

      await db.schema
        .createTable('audit_log')
        .addColumn('id', t.id, (c) => c.primaryKey())
        .addColumn('at', t.time, (c) => c.notNull())
        .addColumn('actor_kind', 'text', (c) =>
          c.notNull().check(sql`actor_kind in ('staff', 'token', 'system')`),
        )
        .addColumn('actor_id', 'text')
        .addColumn('actor_label', 'text', (c) => c.notNull())
        .addColumn('action', 'text', (c) => c.notNull())
        .addColumn('target_type', 'text')
        .addColumn('target_id', 'text')
        .addColumn('summary', t.json, (c) => c.notNull().defaultTo(emptyObject))
        .execute();
      await db.schema.createIndex('audit_log_at_idx').on('audit_log').columns(['at', 'id']).execute();
      await db.schema.createIndex('audit_log_action_idx').on('audit_log').columns(['action', 'at']).execute();
      await db.schema
        .createIndex('audit_log_actor_idx')
        .on('audit_log')
        .columns(['actor_id', 'at'])
        .execute();
    },
    async down(db: Kysely<unknown>): Promise<void> {
      await db.schema.dropTable('audit_log').execute();
      await db.schema.dropIndex('articles_created_by_idx').execute();
      await db.schema.alterTable('articles').dropColumn('created_by').execute();
    },
  };
}
