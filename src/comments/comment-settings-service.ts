import { type AuditService, createAuditService } from '../audit/audit-service.ts';
import { requirePermission } from '../auth/permissions.ts';
import type { Database } from '../db/connection.ts';
import { withTransaction } from '../db/transaction.ts';
import { systemClock } from '../lib/clock.ts';
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
export function createCommentSettingsService({
  database,
  events,
  audit = createAuditService({ database, clock: systemClock }),
}: {
  database: Database;
  events: EventBus;
  audit?: AuditService;
}) {
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
      requirePermission('settings.write');
      const changes = parseInput(commentSettingsUpdateSchema, input);
      const before = await load();
      const next = commentSettingsSchema.parse({ ...before, ...changes });
      const changed = Object.keys(changes) as (keyof CommentSettings)[];
      await withTransaction(database.db, async (trx) => {
        await repo.write(trx, { [KEY]: next });
        await audit.record({
          action: 'settings.changed',
          target: { type: 'settings', id: KEY },
          summary: { changes: Object.fromEntries(changed.map((k) => [k, { from: before[k], to: next[k] }])) },
          executor: trx,
        });
      });
      cached = next;
      events.emit('settings.changed', { keys: [KEY] });
      return next;
    },
  };
}
