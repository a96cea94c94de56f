import type { Dialect } from '../../db/connection.ts';
import type { Executor } from '../../db/transaction.ts';
import { fromDbJson, fromDbTime, toDbJson, toDbTime } from '../../db/values.ts';
import type { Revision, RevisionKind, RevisionSnapshot, RevisionSummary } from './revision.ts';
import { revisionKinds, revisionSnapshotSchema } from './revision.ts';

export type RevisionRepository = ReturnType<typeof createRevisionRepository>;

/** What is written for one save: the snapshot and who made it, when. */
export type RevisionWrite = {
  articleId: string;
  kind: RevisionKind;
  snapshot: RevisionSnapshot;
  createdBy: string | null;
  createdAt: Date;
};

type SummaryRow = {
  id: string;
  article_id: string;
  kind: string;
  title: string;
  created_at: Date | string;
  created_by: string | null;
  staff_name: string | null;
};

const kindOf = (value: string): RevisionKind => {
  const kind = revisionKinds.find((known) => known === value);
  if (!kind) throw new Error(`Unknown revision kind in the database: ${value}`);
  return kind;
};

const toSummary = (row: SummaryRow): RevisionSummary => ({
  id: row.id,
  articleId: row.article_id,
  kind: kindOf(row.kind),
  title: row.title,
  createdAt: fromDbTime(row.created_at),
  createdBy: row.created_by && row.staff_name !== null ? { id: row.created_by, name: row.staff_name } : null,
});

/** SQL for `article_revisions`; the only code that touches that table. */
export function createRevisionRepository({ dialect }: { dialect: Dialect }) {
  const summaries = (db: Executor) =>
    db
      .selectFrom('article_revisions')
      .leftJoin('staff_users', 'staff_users.id', 'article_revisions.created_by')
      .select([
        'article_revisions.id',
        'article_revisions.article_id',
        'article_revisions.kind',
        'article_revisions.title',
        'article_revisions.created_at',
        'article_revisions.created_by',
        'staff_users.name as staff_name',
      ]);

  return {
    /** The article's revisions, newest first. */
    async list(
      db: Executor,
      articleId: string,
      page: { limit: number; offset: number },
    ): Promise<RevisionSummary[]> {
      const rows = await summaries(db)
        .where('article_revisions.article_id', '=', articleId)
        .orderBy('article_revisions.created_at', 'desc')
        .orderBy('article_revisions.id', 'desc')
        .limit(page.limit)
        .offset(page.offset)
        .execute();
      return rows.map(toSummary);
    },

    async count(db: Executor, articleId: string): Promise<number> {
      const row = await db
        .selectFrom('article_revisions')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('article_id', '=', articleId)
        .executeTakeFirstOrThrow();
      return Number(row.n);
    },

    /** The newest revision of the article, as stored (for autosaves, which may replace it). */
    async latest(
      db: Executor,
      articleId: string,
    ): Promise<{ id: string; kind: RevisionKind; createdById: string | null; createdAt: Date } | undefined> {
      const row = await db
        .selectFrom('article_revisions')
        .select(['id', 'kind', 'created_by', 'created_at'])
        .where('article_id', '=', articleId)
        .orderBy('created_at', 'desc')
        .orderBy('id', 'desc')
        .limit(1)
        .executeTakeFirst();
      return (
        row && {
          id: row.id,
          kind: kindOf(row.kind),
          createdById: row.created_by,
          createdAt: fromDbTime(row.created_at),
        }
      );
    },

    async findById(db: Executor, id: string): Promise<Revision | undefined> {
      const row = await summaries(db)
        .select('article_revisions.snapshot')
        .where('article_revisions.id', '=', id)
        .executeTakeFirst();
      if (!row) return undefined;
      const snapshot = revisionSnapshotSchema.parse(fromDbJson(dialect, row.snapshot));
      return { ...toSummary(row), snapshot };
    },

    async insert(db: Executor, id: string, revision: RevisionWrite): Promise<void> {
      await db
        .insertInto('article_revisions')
        .values({
          id,
          article_id: revision.articleId,
          kind: revision.kind,
          title: revision.snapshot.title,
          snapshot: toDbJson(revision.snapshot),
          created_by: revision.createdBy,
          created_at: toDbTime(dialect, revision.createdAt),
        })
        .execute();
    },

    /** Overwrites a revision with a newer save of the same kind (autosaves collapsing into one). */
    async replace(db: Executor, id: string, revision: RevisionWrite): Promise<void> {
      await db
        .updateTable('article_revisions')
        .set({
          title: revision.snapshot.title,
          snapshot: toDbJson(revision.snapshot),
          created_at: toDbTime(dialect, revision.createdAt),
        })
        .where('id', '=', id)
        .execute();
    },
  };
}
