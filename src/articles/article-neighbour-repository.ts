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

  /**
   * The section's newest published articles other than the article, and the article's previous
   * and next in it, in one statement: three index ranges, each from its own starting point. The
   * row-value comparison starts the previous/next range at the article instead of sorting the
   * section.
   */
  const sectionAround = preparedRead(
    (db, categoryId: string, articleId: string, at: Date | string, limit: number) => {
      const inSection = (list: 'section' | 'previous' | 'next') =>
        published(db).select(sql.lit(list).as('list')).where('articles.primary_category_id', '=', categoryId);
      const adjacent = (direction: 'previous' | 'next') => {
        const isNext = direction === 'next';
        return inSection(direction)
          .where(
            sql<boolean>`(articles.published_at, articles.id) ${sql.raw(isNext ? '>' : '<')} (${at}, ${articleId})`,
          )
          .orderBy('articles.published_at', isNext ? 'asc' : 'desc')
          .orderBy('articles.id', isNext ? 'asc' : 'desc')
          .limit(1);
      };
      const newest = inSection('section')
        .where('articles.id', '!=', articleId)
        .orderBy('articles.published_at', 'desc')
        .limit(limit);
      return db
        .selectFrom(newest.as('newest'))
        .selectAll()
        .unionAll(db.selectFrom(adjacent('previous').as('previous')).selectAll())
        .unionAll(db.selectFrom(adjacent('next').as('next')).selectAll());
    },
  );

  // `listed_at` is the article's publication time while it is a published article, null otherwise
  // (migration 012): a tag's newest published articles are the start of one index range.
  const withTag = (db: Executor, tagId: string, excludeId: string, limit: number) =>
    db
      .selectFrom('article_tags')
      .select(['article_tags.article_id as id', 'article_tags.listed_at as published_at'])
      .where('article_tags.tag_id', '=', tagId)
      .where('article_tags.listed_at', 'is not', null)
      .where('article_tags.article_id', '!=', excludeId)
      .orderBy('article_tags.listed_at', 'desc')
      .limit(limit);
  /** Each tag's newest, in one statement; one prepared read per number of tags. */
  type TagsRead = PreparedRead<[excludeId: string, limit: number, ...tagIds: string[]], CandidateRow>;
  const withTags = new Map<number, TagsRead>();
  const withTagsOf = (count: number): TagsRead => {
    let read = withTags.get(count);
    if (!read) {
      read = preparedRead((db: Executor, excludeId: string, limit: number, ...tagIds: string[]) =>
        tagIds
          .map((tagId, i) => db.selectFrom(withTag(db, tagId, excludeId, limit).as(`t${i}`)).selectAll())
          .reduce((all, next) => all.unionAll(next)),
      );
      withTags.set(count, read);
    }
    return read;
  };

  const latest = preparedRead((db, limit: number) =>
    published(db).orderBy('articles.published_at', 'desc').limit(limit),
  );

  // Published articles only, again: an article unpublished since its id was read is left out.
  const cards = (db: Executor, ids: string[]) =>
    db
      .selectFrom('articles')
      .select(summaryColumns)
      .where('articles.id', 'in', ids)
      .where('articles.kind', '=', 'article')
      .where('articles.status', '=', 'published');
  /** One prepared read per number of ids (`in (?, ?, …)` changes with it). */
  const cardsOf = new Map<number, PreparedRead<string[], SummaryRow>>();

  return {
    /**
     * In the article's section: the newest published articles other than it (`limit` of them),
     * and the published articles just before and after it (by publication time, id breaking ties).
     */
    async sectionAround(
      db: Executor,
      options: { categoryId: string; id: string; at: Date; limit: number },
    ): Promise<{ latest: Candidate[]; previous?: Candidate; next?: Candidate }> {
      const rows = await sectionAround(
        db,
        options.categoryId,
        options.id,
        toDbTime(dialect, options.at),
        options.limit,
      );
      const of = (list: string) => toCandidates(rows.filter((row) => row.list === list));
      const [previous] = of('previous');
      const [next] = of('next');
      return { latest: of('section'), ...(previous ? { previous } : {}), ...(next ? { next } : {}) };
    },

    /**
     * Each tag's newest published articles other than `excludeId`, `limit` per tag: an article
     * comes once for each of the tags among whose newest it is.
     */
    async latestWithTags(
      db: Executor,
      options: { tagIds: string[]; excludeId: string; limit: number },
    ): Promise<Candidate[]> {
      const found: Candidate[] = [];
      // A prepared read takes MAX_PREPARED_VALUES values: the id, the limit and the tags.
      const perRead = MAX_PREPARED_VALUES - 2;
      for (let i = 0; i < options.tagIds.length; i += perRead) {
        const tagIds = options.tagIds.slice(i, i + perRead);
        found.push(
          ...toCandidates(await withTagsOf(tagIds.length)(db, options.excludeId, options.limit, ...tagIds)),
        );
      }
      return found;
    },

    /** The newest published articles, other than those in `excludeIds`. */
    async latest(db: Executor, options: { excludeIds: string[]; limit: number }): Promise<Candidate[]> {
      const excluded = new Set(options.excludeIds);
      const rows = await latest(db, options.limit + excluded.size);
      return toCandidates(rows)
        .filter((candidate) => !excluded.has(candidate.id))
        .slice(0, options.limit);
    },

    /** What the cards of these published articles show, in the order of `ids` (others left out). */
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
