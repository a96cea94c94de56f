import { type AuditService, createAuditService } from '../audit/audit-service.ts';
import { requirePermission } from '../auth/permissions.ts';
import type { Database } from '../db/connection.ts';
import { withTransaction } from '../db/transaction.ts';
import { systemClock } from '../lib/clock.ts';
import type { EventBus } from '../lib/events.ts';
import {
  defaultSettings,
  type Settings,
  type SettingsUpdateInput,
  settingsUpdateSchema,
} from './settings.ts';
import { createSettingsRepository } from './settings-repository.ts';

export type SettingsService = ReturnType<typeof createSettingsService>;

const columnOf: Record<keyof SettingsUpdateInput, keyof Settings> = {
  title: 'title',
  description: 'description',
  locale: 'locale',
  timezone: 'timezone',
  permalink: 'permalink',
  articles_per_page: 'articlesPerPage',
  logo_url: 'logoUrl',
  feed_content: 'feedContent',
};

/**
 * Site settings, read on nearly every request and so kept in memory; a change through this service
 * refreshes the copy and emits `settings.changed`.
 */
export function createSettingsService({
  database,
  events,
  audit = createAuditService({ database, clock: systemClock }),
}: {
  database: Database;
  events: EventBus;
  audit?: AuditService;
}) {
  const repo = createSettingsRepository({ dialect: database.dialect });
  let cached: Settings | undefined;

  async function load(): Promise<Settings> {
    const stored = await repo.readAll(database.db);
    // Rows are read back through the same schema: a hand-edited bad value falls back to the default.
    const merged: Settings = { ...defaultSettings };
    for (const [jsonKey, key] of Object.entries(columnOf) as [keyof SettingsUpdateInput, keyof Settings][]) {
      if (!(jsonKey in stored)) continue;
      const parsed = settingsUpdateSchema.shape[jsonKey].safeParse(stored[jsonKey]);
      if (parsed.success && parsed.data !== undefined) Object.assign(merged, { [key]: parsed.data });
    }
    return merged;
  }

  return {
    async get(): Promise<Settings> {
      cached ??= await load();
      return cached;
    },

    /** Forget the in-memory copy (another instance changed the settings). */
    invalidate(): void {
      cached = undefined;
    },

    async update(input: SettingsUpdateInput): Promise<Settings> {
      requirePermission('settings.write');
      const changed = Object.entries(input).filter(([, value]) => value !== undefined);
      const before = await load();
      const changes = Object.fromEntries(
        changed.map(([key, value]) => [
          key,
          { from: before[columnOf[key as keyof SettingsUpdateInput]] ?? null, to: value },
        ]),
      );
      await withTransaction(database.db, async (trx) => {
        await repo.write(trx, Object.fromEntries(changed));
        await audit.record({
          action: 'settings.changed',
          target: { type: 'settings', id: 'site' },
          summary: { changes },
          executor: trx,
        });
      });
      cached = await load();
      events.emit('settings.changed', { keys: changed.map(([key]) => key) });
      return cached;
    },
  };
}
