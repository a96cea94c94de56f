import type { Database } from '../db/connection.ts';
import { withTransaction } from '../db/transaction.ts';
import type { EventBus } from '../lib/events.ts';
import { parseInput } from '../lib/validation.ts';
import { createSettingsRepository } from '../site/settings-repository.ts';
import {
  type CommentSettings,
  commentSettingsSchema,
  commentSettingsUpdateSchema,
  defaultCommentSettings,
} from './comment.ts';

const KEY = 'comments';

export type CommentSettingsService = ReturnType<typeof createCommentSettingsService>;

/**
 * The newsroom's comment rules, one JSON value under the `comments` settings key, kept in memory.
 * They stay out of the public settings API: spammers should not read the suspect words. A change
 * emits `settings.changed` (key `comments`): cached article pages show the order, the paging and
 * the form these rules shape.
 *
 * @example
 * await commentSettings.update({ suspect_words: ['casino'] });
 */
export function createCommentSettingsService({ database, events }: { database: Database; events: EventBus }) {
  const repo = createSettingsRepository({ dialect: database.dialect });
  let cached: CommentSettings | undefined;

  async function load(): Promise<CommentSettings> {
    const stored = (await repo.readAll(database.db))[KEY];
    const parsed = commentSettingsUpdateSchema.safeParse(stored ?? {});
    return { ...defaultCommentSettings, ...(parsed.success ? parsed.data : {}) };
  }

  return {
    async get(): Promise<CommentSettings> {
      cached ??= await load();
      return cached;
    },
    invalidate(): void {
      cached = undefined;
    },
    async update(input: unknown): Promise<CommentSettings> {
      const changes = parseInput(commentSettingsUpdateSchema, input);
      const next = commentSettingsSchema.parse({ ...(await load()), ...changes });
      await withTransaction(database.db, (trx) => repo.write(trx, { [KEY]: next }));
      cached = next;
      events.emit('settings.changed', { keys: [KEY] });
      return next;
    },
  };
}
