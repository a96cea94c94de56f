import { sql } from 'kysely';
import type { Dialect } from '../db/connection.ts';
import type { Executor } from '../db/transaction.ts';
import { fromDbTime, toDbTime } from '../db/values.ts';

export type Neighbour = { id: string; publishedAt: Date; primaryCategoryId: string | null };

/** Reads for an article's neighbours: its section's previous/next and related candidates. */
export function createArticleNeighbourRepository({ dialect }: { dialect: Dialect }) {
  const published = (db: Executor) =>
    db
      .selectFrom('articles')
      .select(['articles.id', 'articles.published_at', 'articles.primary_category_id'])
      .where('articles.kind', '=', 'article')
      .where('articles.status', '=', 'published');
  const toNeighbour = (row: {
    id: string;
    published_at: Date | string | null;
    primary_category_id: string | null;
  }): Neighbour => ({
    id: row.id,
    publishedAt: fromDbTime(row.published_at ?? new Date(0)),
    primaryCategoryId: row.primary_category_id,
  });

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
      return row && toNeighbour(row);
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
      return rows.map(toNeighbour);
    },

    /**
     * The newest articles sharing any of the tags, each with how many it shares. Walks the listing
     * index from the newest and stops at `limit`, so its cost does not grow with the archive.
     */
    async latestSharingTags(
      db: Executor,
      options: { tagIds: string[]; excludeId: string; limit: number },
    ): Promise<(Neighbour & { sharedTags: number })[]> {
      const { tagIds } = options;
      if (tagIds.length === 0) return [];
      const rows = await published(db)
        .where('articles.id', '!=', options.excludeId)
        .where(({ exists, selectFrom }) =>
          exists(
            selectFrom('article_tags')
              .select('article_tags.article_id')
              .whereRef('article_tags.article_id', '=', 'articles.id')
              .where('article_tags.tag_id', 'in', tagIds),
          ),
        )
        .orderBy('articles.published_at', 'desc')
        .limit(options.limit)
        .execute();
      if (rows.length === 0) return [];
      const links = await db
        .selectFrom('article_tags')
        .select('article_id')
        .where(
          'article_id',
          'in',
          rows.map((row) => row.id),
        )
        .where('tag_id', 'in', tagIds)
        .execute();
      const shared = new Map<string, number>();
      for (const link of links) shared.set(link.article_id, (shared.get(link.article_id) ?? 0) + 1);
      return rows.map((row) => ({ ...toNeighbour(row), sharedTags: shared.get(row.id) ?? 0 }));
    },

    async latest(db: Executor, options: { excludeIds: string[]; limit: number }): Promise<Neighbour[]> {
      const rows = await published(db)
        .where('articles.id', 'not in', options.excludeIds.length > 0 ? options.excludeIds : [''])
        .orderBy('articles.published_at', 'desc')
        .limit(options.limit)
        .execute();
      return rows.map(toNeighbour);
    },
  };
}
