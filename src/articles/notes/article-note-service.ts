import type { AuditService } from '../../audit/audit-service.ts';
import { actingStaffId } from '../../auth/permissions.ts';
import type { Database } from '../../db/connection.ts';
import { withTransaction } from '../../db/transaction.ts';
import type { Clock } from '../../lib/clock.ts';
import { NotFoundError } from '../../lib/errors.ts';
import type { EventBus } from '../../lib/events.ts';
import { isUuid, newId } from '../../lib/ids.ts';
import type { Article, ArticleKind } from '../article.ts';
import { requireEdit } from '../article-guard.ts';
import { staffNames, staffRefOf } from '../staff-names.ts';
import type { ArticleNote, NoteCreateInput } from './article-note.ts';
import { createArticleNoteRepository } from './article-note-repository.ts';

export type ArticleNoteService = ReturnType<typeof createArticleNoteService>;

/**
 * Corrections and updates appended to an article. Whoever may edit the article may read, add and
 * delete its notes (an author their own published article, editors any); readers see them under
 * the article, so every change drops the article's cached page (`article.notes_changed`).
 *
 * @example
 * const [note] = await articles.notes.add('article', id, [{ kind: 'correction', text: 'An earlier version misspelt the mayor’s name.' }]);
 */
export function createArticleNoteService(deps: {
  database: Database;
  clock: Clock;
  events: EventBus;
  audit: AuditService;
  find: (kind: ArticleKind, ref: string) => Promise<Article>;
}) {
  const { database, clock, events, audit, find } = deps;
  const { db } = database;
  const repo = createArticleNoteRepository({ dialect: database.dialect });

  async function editable(kind: ArticleKind, ref: string): Promise<Article> {
    const article = await find(kind, ref);
    requireEdit(article);
    return article;
  }

  return {
    /** The article's notes, oldest first. */
    async list(kind: ArticleKind, ref: string): Promise<ArticleNote[]> {
      const article = await editable(kind, ref);
      return repo.list(db, article.id);
    },

    /** The notes readers see under the article (no permission: the article page shows them to all). */
    forArticle: (articleId: string): Promise<ArticleNote[]> => repo.list(db, articleId),

    /** Adds notes dated now, each with an `article.note_added` audit entry, in one transaction. */
    async add(kind: ArticleKind, ref: string, inputs: NoteCreateInput[]): Promise<ArticleNote[]> {
      const article = await editable(kind, ref);
      const createdById = actingStaffId();
      const createdAt = clock.now();
      const notes = inputs.map((input) => ({
        id: newId(),
        articleId: article.id,
        kind: input.kind,
        text: input.text,
        createdAt,
        createdById,
      }));
      const names = await staffNames(db, [createdById]);
      await withTransaction(db, async (trx) => {
        for (const note of notes) {
          await repo.insert(trx, note);
          await audit.record({
            action: 'article.note_added',
            target: { type: kind, id: article.id },
            summary: { title: article.title, note_id: note.id, kind: note.kind, text: note.text },
            executor: trx,
          });
        }
      });
      events.emit('article.notes_changed', { id: article.id });
      return notes.map(({ createdById: by, ...note }) => ({ ...note, createdBy: staffRefOf(names, by) }));
    },

    /** Deletes one of the article's notes; 404 NOTE_NOT_FOUND unless it is this article's. */
    async remove(kind: ArticleKind, ref: string, id: string): Promise<void> {
      const article = await editable(kind, ref);
      const note = isUuid(id) ? await repo.findById(db, id.toLowerCase()) : undefined;
      if (!note || note.articleId !== article.id) throw new NotFoundError('note');
      await withTransaction(db, async (trx) => {
        if (!(await repo.remove(trx, note.id))) throw new NotFoundError('note');
        await audit.record({
          action: 'article.note_deleted',
          target: { type: kind, id: article.id },
          summary: { title: article.title, note_id: note.id, kind: note.kind, text: note.text },
          executor: trx,
        });
      });
      events.emit('article.notes_changed', { id: article.id });
    },
  };
}
