import type { Dialect } from '../db/connection.ts';
import type { Executor } from '../db/transaction.ts';
import { fromDbJson, toDbJson } from '../db/values.ts';

/** SQL for the key/value `settings` table. */
export function createSettingsRepository({ dialect }: { dialect: Dialect }) {
  return {
    async readAll(db: Executor): Promise<Record<string, unknown>> {
      const rows = await db.selectFrom('settings').select(['key', 'value']).execute();
      return Object.fromEntries(rows.map((row) => [row.key, fromDbJson(dialect, row.value)]));
    },
    async write(db: Executor, values: Record<string, unknown>): Promise<void> {
      for (const [key, value] of Object.entries(values)) {
        await db
          .insertInto('settings')
          .values({ key, value: toDbJson(value) })
          .onConflict((oc) => oc.column('key').doUpdateSet({ value: toDbJson(value) }))
          .execute();
      }
    },
  };
}
