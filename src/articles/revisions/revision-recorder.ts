import type { Executor } from '../../db/transaction.ts';
import { newId } from '../../lib/ids.ts';
import type { ArticleView } from '../article.ts';
import { AUTOSAVE_WINDOW_MS, type RevisionKind, snapshotOf } from './revision.ts';
import type { RevisionRepository } from './revision-repository.ts';

/**
 * Writes the revision of one save, in the save's own transaction (so an article is never saved
 * without its revision, nor a revision kept for a save that rolled back).
 *
 * An autosave replaces the article's newest revision when that is an autosave by the same person
 * made less than ten minutes before: an editor saving every few seconds keeps one autosave row
 * per stretch of typing, and any other save in between (theirs or a colleague's) starts a new one.
 *
 * @example
 * await recordRevision({ repo, executor: trx, article: view, kind: 'save', actorId, now });
 */
export async function recordRevision(options: {
  repo: RevisionRepository;
  executor: Executor;
  article: ArticleView;
  kind: RevisionKind;
  /** The staff member saving; null for API tokens and the system. */
  actorId: string | null;
  now: Date;
}): Promise<void> {
  const { repo, executor, article, kind, actorId, now } = options;
  const write = {
    articleId: article.id,
    kind,
    snapshot: snapshotOf(article),
    createdBy: actorId,
    createdAt: now,
  };
  if (kind === 'autosave') {
    const latest = await repo.latest(executor, article.id);
    const isSameStretch =
      latest !== undefined &&
      latest.kind === 'autosave' &&
      latest.createdById === actorId &&
      now.getTime() - latest.createdAt.getTime() < AUTOSAVE_WINDOW_MS;
    if (latest && isSameStretch) {
      await repo.replace(executor, latest.id, write);
      return;
    }
  }
  await repo.insert(executor, newId(), write);
}
