import { sql } from 'kysely';
import type { Dialect } from '../db/connection.ts';
import { MAX_PREPARED_VALUES, type PreparedRead, preparedRead } from '../db/prepared.ts';
import type { Executor } from '../db/transaction.ts';
import { fromDbTime, toDbTime } from '../db/values.ts';
import {
  type SummaryRecord,
  type SummaryRow,
  summaryColumns,
  toSummaryRecord,
} from './article-summary-row.ts';

/** A neighbour as read: what its card or link shows, its section still an id. */
export type Neighbour = SummaryRecord;

/** A candidate neighbour before ranking: which article, and when it was published. */
export type Candidate = { id: string; publishedAt: Date };

type CandidateRow = { id: string; published_at: Date | string | null };

const toCandidates = (rows: CandidateRow[]): Candidate[] =>
  rows.map((row) => ({ id: row.id, publishedAt: fromDbTime(row.published_at as Date | string) }));

/**
 * Reads for an article's neighbours: its section's previous/next and related candidates. The
 * candidates are read as ids from indexes alone; only the few that win are read as cards
 * (`summaries`). Every read has a fixed shape and is prepared once (src/db/prepared.ts): an article
 * page runs them all on every request.
 */
export function createArticleNeighbourRepository({ dialect }: { dialect: Dialect }) {
  const published = (db: Executor) =>
    db
      .selectFrom('articles')
      .select(['articles.id', 'articles.published_at'])
      .where('articles.kind', '=', 'article')
      .where('articles.status', '=', 'published');

  const inSection = preparedRead((db, categoryId: string, excludeId: string, limit: number) =>
    published(db)
      .where('articles.primary_category_id', '=', categoryId)
      .where('articles.id', '!=', excludeId)
      .orderBy('articles.published_at', 'desc')
      .limit(limit),
  );

  // `listed_at` is the article's publication time while it is a published article, null otherwise
  // (migration 012): a tag's newest published articles are the start of one index range.
  const taggedWith = preparedRead((db, tagId: string, excludeId: string, limit: number) =>
    db
      .selectFrom('article_tags')
      .select(['article_tags.article_id as id', 'article_tags.listed_at as published_at'])
      .where('article_tags.tag_id', '=', tagId)
      .where('article_tags.listed_at', 'is not', null)
      .where('article_tags.article_id', '!=', excludeId)
      .orderBy('article_tags.listed_at', 'desc')
      .limit(limit),
  );

  // A row-value comparison, so the index range starts at the article instead of sorting the section.
  const adjacentRead = (direction: 'previous' | 'next') =>
    preparedRead((db, categoryId: string, at: Date | string, id: string) => {
      const isNext = direction === 'next';
      return published(db)
        .where('articles.primary_category_id', '=', categoryId)
        .where(
          sql<boolean>`(articles.published_at, articles.id) ${sql.raw(isNext ? '>' : '<')} (${at}, ${id})`,
        )
        .orderBy('articles.published_at', isNext ? 'asc' : 'desc')
        .orderBy('articles.id', isNext ? 'asc' : 'desc')
        .limit(1);
    });
  const adjacent = { previous: adjacentRead('previous'), next: adjacentRead('next') };

  const latest = preparedRead((db, limit: number) =>
    published(db).orderBy('articles.published_at', 'desc').limit(limit),
  );

  const cards = (db: Executor, ids: string[]) =>
    db.selectFrom('articles').select(summaryColumns).where('articles.id', 'in', ids);
  /** One prepared read per number of ids (`in (?, ?, …)` changes with it). */
  const cardsOf = new Map<number, PreparedRead<string[], SummaryRow>>();

  return {
    /** The article just before or after `at` in one section (by publication time, id breaking ties). */
    async adjacentInSection(
      db: Executor,
      options: { categoryId: string; at: Date; id: string; direction: 'previous' | 'next' },
    ): Promise<Candidate | undefined> {
      const rows = await adjacent[options.direction](
        db,
        options.categoryId,
        toDbTime(dialect, options.at),
        options.id,
      );
      return toCandidates(rows)[0];
    },

    /** The newest published articles of a section, other than `excludeId`. */
    async latestInSection(
      db: Executor,
      options: { categoryId: string; excludeId: string; limit: number },
    ): Promise<Candidate[]> {
      return toCandidates(await inSection(db, options.categoryId, options.excludeId, options.limit));
    },

    /** The newest published articles with the tag, other than `excludeId`. */
    async latestWithTag(
      db: Executor,
      options: { tagId: string; excludeId: string; limit: number },
    ): Promise<Candidate[]> {
      return toCandidates(await taggedWith(db, options.tagId, options.excludeId, options.limit));
    },

    /** The newest published articles, other than those in `excludeIds`. */
    async latest(db: Executor, options: { excludeIds: string[]; limit: number }): Promise<Candidate[]> {
      const excluded = new Set(options.excludeIds);
      const rows = await latest(db, options.limit + excluded.size);
      return toCandidates(rows)
        .filter((candidate) => !excluded.has(candidate.id))
        .slice(0, options.limit);
    },

    /** What the cards of these articles show, in the order of `ids` (missing ones left out). */
    async summaries(db: Executor, ids: string[]): Promise<Neighbour[]> {
      if (ids.length === 0) return [];
      let read = cardsOf.get(ids.length);
      if (!read && ids.length <= MAX_PREPARED_VALUES) {
        read = preparedRead((db: Executor, ...values: string[]) => cards(db, values));
        cardsOf.set(ids.length, read);
      }
      const rows = read ? await read(db, ...ids) : await cards(db, ids).execute();
      const byId = new Map(rows.map((row) => [row.id, toSummaryRecord(row)]));
      return ids.flatMap((id) => byId.get(id) ?? []);
    },
  };
}
