import { type Migration, type MigrationResultSet, Migrator } from 'kysely';
import type { Database } from './connection.ts';
import { initialMigration } from './migrations/001-initial.ts';
import { searchMigration } from './migrations/002-search.ts';
import { listingIndexesMigration } from './migrations/003-listing-indexes.ts';
import { commentsMigration } from './migrations/004-comments.ts';
import { mailMigration } from './migrations/005-mail.ts';
import { captchaMigration } from './migrations/006-captcha.ts';
import { subscribeMigration } from './migrations/007-subscribe.ts';
import { staffMigration } from './migrations/008-staff.ts';
import { auditMigration } from './migrations/009-audit.ts';
import { mediaMigration } from './migrations/010-media.ts';
import { newsroomEditorMigration } from './migrations/011-newsroom-editor.ts';
import { tagListingMigration } from './migrations/012-tag-listing.ts';

/** Every migration in order; each takes the dialect so that one file serves SQLite and PostgreSQL. */
function migrationsFor(database: Database): Record<string, Migration> {
  return {
    '001-initial': initialMigration(database.dialect),
    '002-search': searchMigration(database.dialect),
    '003-listing-indexes': listingIndexesMigration(),
    '004-comments': commentsMigration(database.dialect),
    '005-mail': mailMigration(database.dialect),
    '006-captcha': captchaMigration(database.dialect),
    '007-subscribe': subscribeMigration(database.dialect),
    '008-staff': staffMigration(database.dialect),
    '009-audit': auditMigration(database.dialect),
    '010-media': mediaMigration(database.dialect),
    '011-newsroom-editor': newsroomEditorMigration(database.dialect),
    '012-tag-listing': tagListingMigration(database.dialect),
  };
}

export type MigrateResult = { applied: string[] };

/**
 * Brings the schema up to date. Safe to call at every start: Kysely's migrator takes a lock
 * so that several instances starting at once apply each migration once.
 *
 * @example
 * const { applied } = await migrateToLatest(database);
 */
export async function migrateToLatest(database: Database): Promise<MigrateResult> {
  const migrator = new Migrator({
    db: database.db,
    provider: { getMigrations: async () => migrationsFor(database) },
    migrationTableName: 'masthead_migrations',
    migrationLockTableName: 'masthead_migrations_lock',
  });
  const { error, results }: MigrationResultSet = await migrator.migrateToLatest();
  const failed = results?.find((result) => result.status === 'Error');
  if (error || failed) {
    const name = failed?.migrationName ?? 'unknown';
    throw new Error(`Migration ${name} failed: ${error instanceof Error ? error.message : String(error)}`, {
      cause: error,
    });
  }
  return { applied: (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName) };
}
