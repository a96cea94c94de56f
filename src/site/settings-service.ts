import type { Database } from '../db/connection.ts';
import { withTransaction } from '../db/transaction.ts';
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
export function createSettingsService({ database, events }: { database: Database; events: EventBus }) {
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
      const changed = Object.entries(input).filter(([, value]) => value !== undefined);
      await withTransaction(database.db, (trx) => repo.write(trx, Object.fromEntries(changed)));
      cached = await load();
      events.emit('settings.changed', { keys: changed.map(([key]) => key) });
      return cached;
    },
  };
}
