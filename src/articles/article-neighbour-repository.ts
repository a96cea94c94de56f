import { type ExpressionBuilder, sql } from 'kysely';
import type { Dialect } from '../db/connection.ts';
import type { Schema } from '../db/schema.ts';
import type { Executor } from '../db/transaction.ts';
import { toDbTime } from '../db/values.ts';
import { type SummaryRecord, summaryColumns, toSummaryRecord } from './article-summary-row.ts';

/** A neighbour as read: what its card or link shows, its section still an id. */
export type Neighbour = SummaryRecord;

/**
 * Reads for an article's neighbours: its section's previous/next and related candidates. Each reads
 * only the short columns a card shows, never bodies, so no second query fetches the winners.
 */
/** Below this many article–tag links between an article's tags, see `latestSharingTags`. */
export const RARE_TAG_LINKS = 300;

/** An article's links to any of the tags. */
const sharing = (eb: ExpressionBuilder<Schema, 'articles'>, tagIds: string[]) =>
  eb
    .selectFrom('article_tags')
    .whereRef('article_tags.article_id', '=', 'articles.id')
    .where('article_tags.tag_id', 'in', tagIds);

export function createArticleNeighbourRepository({
  dialect,
  rareTagLinks = RARE_TAG_LINKS,
}: {
  dialect: Dialect;
  /** See RARE_TAG_LINKS; tests set it to reach either path with a few articles. */
  rareTagLinks?: number;
}) {
  const published = (db: Executor) =>
    db
      .selectFrom('articles')
      .select(summaryColumns)
      .where('articles.kind', '=', 'article')
      .where('articles.status', '=', 'published');

  return {
    /** The article just before or after `at` in one section (by publication time, id breaking ties). */
    async adjacentInSection(
      db: Executor,
      options: { categoryId: string; at: Date; id: string; direction: 'previous' | 'next' },
    ): Promise<Neighbour | undefined> {
      const at = toDbTime(dialect, options.at);
      const isNext = options.direction === 'next';
      const row = await published(db)
        .where('articles.primary_category_id', '=', options.categoryId)
        // A row-value comparison, so the index range starts at the article instead of sorting the section.
        .where(
          sql<boolean>`(articles.published_at, articles.id) ${sql.raw(isNext ? '>' : '<')} (${at}, ${options.id})`,
        )
        .orderBy('articles.published_at', isNext ? 'asc' : 'desc')
        .orderBy('articles.id', isNext ? 'asc' : 'desc')
        .limit(1)
        .executeTakeFirst();
      return row && toSummaryRecord(row);
    },

    /** The newest articles of a section, other than `excludeId`. */
    async latestInSection(
      db: Executor,
      options: { categoryId: string; excludeId: string; limit: number },
    ): Promise<Neighbour[]> {
      const rows = await published(db)
        .where('articles.primary_category_id', '=', options.categoryId)
        .where('articles.id', '!=', options.excludeId)
        .orderBy('articles.published_at', 'desc')
        .limit(options.limit)
        .execute();
      return rows.map(toSummaryRecord);
    },

    /**
     * The newest articles sharing any of the tags, each with how many it shares, read from the
     * side that costs least:
     * - tags with few articles between them (`rareTagLinks` links at most, counted up to there):
     *   those articles, through the tags' index;
     * - common tags: the listing index from the newest, probing each article's tags, until `limit`
     *   share one. That walk is short when the tags are common and would cross the whole archive for
     *   a tag that only this article has, which is why rare tags never take it.
     */
    async latestSharingTags(
      db: Executor,
      options: { tagIds: string[]; excludeId: string; limit: number },
    ): Promise<(Neighbour & { sharedTags: number })[]> {
      const { tagIds } = options;
      if (tagIds.length === 0) return [];
      const linked = await db
        .selectFrom(
          db
            .selectFrom('article_tags')
            .select('article_tags.article_id')
            .where('article_tags.tag_id', 'in', tagIds)
            .limit(rareTagLinks + 1)
            .as('links'),
        )
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      const rows =
        Number(linked.n) <= rareTagLinks
          ? await db
              .selectFrom('article_tags')
              // SQLite keeps the left table of a CROSS JOIN as the outer loop
              // (https://sqlite.org/optoverview.html#crossjoin): the few links lead to their articles.
              .crossJoin('articles')
              .select(summaryColumns)
              .select((eb) => eb.fn.countAll<number>().as('shared_tags'))
              .whereRef('articles.id', '=', 'article_tags.article_id')
              .where('article_tags.tag_id', 'in', tagIds)
              .where('articles.kind', '=', 'article')
              .where('articles.status', '=', 'published')
              .where('articles.id', '!=', options.excludeId)
              .groupBy('articles.id')
              .orderBy('articles.published_at', 'desc')
              .limit(options.limit)
              .execute()
          : await published(db)
              .select((eb) => sharing(eb, tagIds).select(eb.fn.countAll<number>().as('n')).as('shared_tags'))
              .where('articles.id', '!=', options.excludeId)
              .where((eb) => eb.exists(sharing(eb, tagIds).select('article_tags.article_id')))
              .orderBy('articles.published_at', 'desc')
              .limit(options.limit)
              .execute();
      return rows.map((row) => ({ ...toSummaryRecord(row), sharedTags: Number(row.shared_tags ?? 0) }));
    },

    async latest(db: Executor, options: { excludeIds: string[]; limit: number }): Promise<Neighbour[]> {
      const rows = await published(db)
        .where('articles.id', 'not in', options.excludeIds.length > 0 ? options.excludeIds : [''])
        .orderBy('articles.published_at', 'desc')
        .limit(options.limit)
        .execute();
      return rows.map(toSummaryRecord);
    },
  };
}
