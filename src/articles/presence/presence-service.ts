import { currentActor } from '../../auth/actor.ts';
import type { Database } from '../../db/connection.ts';
import { withTransaction } from '../../db/transaction.ts';
import type { Clock } from '../../lib/clock.ts';
import type { Article, ArticleKind } from '../article.ts';
import { requireEdit } from '../article-guard.ts';
import { type ArticleEditor, createPresenceRepository } from './presence-repository.ts';

/** A heartbeat older than this means the editor has gone (the app sends one every few seconds). */
export const PRESENCE_TTL_MS = 30_000;

/** Heartbeats are kept this long before they are swept away (long past mattering). */
const SWEEP_AFTER_MS = 60 * 60_000;

export type PresenceService = ReturnType<typeof createPresenceService>;

/**
 * Who has an article open in the editor, for the "someone else is editing this" warning. Stored in
 * the database so that every instance sees every heartbeat. Only staff members are recorded; an
 * API token may ask who is there but is never listed itself. Whoever may edit the article may ask.
 *
 * @example
 * const others = await articles.presence.beat('article', id); // [{ id, name, since }]
 * await articles.presence.leave('article', id);
 */
export function createPresenceService(deps: {
  database: Database;
  clock: Clock;
  find: (kind: ArticleKind, ref: string) => Promise<Article>;
}) {
  const { database, clock, find } = deps;
  const { db } = database;
  const repo = createPresenceRepository({ dialect: database.dialect });

  async function editable(kind: ArticleKind, ref: string): Promise<Article> {
    const article = await find(kind, ref);
    requireEdit(article);
    return article;
  }

  return {
    /**
     * Records the caller's heartbeat (staff only) and answers the other staff members whose latest
     * heartbeat on the article is less than 30 seconds old, longest there first.
     */
    async beat(kind: ArticleKind, ref: string): Promise<ArticleEditor[]> {
      const article = await editable(kind, ref);
      const actor = currentActor();
      const staffId = actor.kind === 'staff' ? actor.id : null;
      const now = clock.now();
      const freshAfter = new Date(now.getTime() - PRESENCE_TTL_MS);
      if (staffId) {
        await withTransaction(db, async (trx) => {
          await repo.beat(trx, { articleId: article.id, staffId, now, freshAfter });
          await repo.forgetBefore(trx, new Date(now.getTime() - SWEEP_AFTER_MS));
        });
      }
      return repo.editors(db, { articleId: article.id, freshAfter, exceptId: staffId });
    },

    /** Forgets the caller's heartbeat on the article (they closed it). */
    async leave(kind: ArticleKind, ref: string): Promise<void> {
      const article = await editable(kind, ref);
      const actor = currentActor();
      if (actor.kind === 'staff') await repo.leave(db, article.id, actor.id);
    },
  };
}
