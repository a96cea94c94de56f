import type { Dialect } from '../../db/connection.ts';
import { preparedRead } from '../../db/prepared.ts';
import type { Executor } from '../../db/transaction.ts';
import { fromDbTime, toDbTime } from '../../db/values.ts';
import { type ArticleNote, type NoteKind, noteKinds } from './article-note.ts';

export type ArticleNoteRepository = ReturnType<typeof createArticleNoteRepository>;

const kindOf = (value: string): NoteKind => {
  const kind = noteKinds.find((known) => known === value);
  if (!kind) throw new Error(`Unknown note kind in the database: ${value}`);
  return kind;
};

/** SQL for `article_notes`; the only code that touches that table. */
export function createArticleNoteRepository({ dialect }: { dialect: Dialect }) {
  const withNames = (db: Executor) =>
    db
      .selectFrom('article_notes')
      .leftJoin('staff_users', 'staff_users.id', 'article_notes.created_by')
      .select([
        'article_notes.id',
        'article_notes.article_id',
        'article_notes.kind',
        'article_notes.text',
        'article_notes.created_at',
        'article_notes.created_by',
        'staff_users.name as staff_name',
      ]);

  type Row = Awaited<ReturnType<ReturnType<typeof withNames>['executeTakeFirstOrThrow']>>;
  const toNote = (row: Row): ArticleNote => ({
    id: row.id,
    articleId: row.article_id,
    kind: kindOf(row.kind),
    text: row.text,
    createdAt: fromDbTime(row.created_at),
    createdBy:
      row.created_by && row.staff_name !== null ? { id: row.created_by, name: row.staff_name } : null,
  });

  // Every article page reads its notes: prepared once (src/db/prepared.ts).
  const ofArticle = preparedRead((db, articleId: string) =>
    withNames(db)
      .where('article_notes.article_id', '=', articleId)
      .orderBy('article_notes.created_at', 'asc')
      .orderBy('article_notes.id', 'asc'),
  );

  return {
    /** The article's notes, oldest first (the order they are read in under the article). */
    async list(db: Executor, articleId: string): Promise<ArticleNote[]> {
      return (await ofArticle(db, articleId)).map(toNote);
    },

    async findById(db: Executor, id: string): Promise<ArticleNote | undefined> {
      const row = await withNames(db).where('article_notes.id', '=', id).executeTakeFirst();
      return row && toNote(row);
    },

    async insert(
      db: Executor,
      note: Omit<ArticleNote, 'createdBy'> & { createdById: string | null },
    ): Promise<void> {
      await db
        .insertInto('article_notes')
        .values({
          id: note.id,
          article_id: note.articleId,
          kind: note.kind,
          text: note.text,
          created_by: note.createdById,
          created_at: toDbTime(dialect, note.createdAt),
        })
        .execute();
    },

    async remove(db: Executor, id: string): Promise<boolean> {
      const result = await db.deleteFrom('article_notes').where('id', '=', id).executeTakeFirst();
      return Number(result.numDeletedRows) === 1;
    },
  };
}
