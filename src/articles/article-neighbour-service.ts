import type { Database } from '../db/connection.ts';
import type { TaxonomyService } from '../taxonomy/taxonomy-service.ts';
import type { ArticleSummary, ArticleView } from './article.ts';
import { createArticleNeighbourRepository, type Neighbour } from './article-neighbour-repository.ts';
import { withSections } from './article-summary-row.ts';

/** Enough candidates to rank six, few enough that the cost does not depend on the archive's size. */
const CANDIDATES = 12;

export type ArticleNeighbourService = ReturnType<typeof createArticleNeighbourService>;

/** What an article page shows around the article: "More Articles" and previous/next in its section. */
export function createArticleNeighbourService(deps: { database: Database; taxonomy: TaxonomyService }) {
  const { database, taxonomy } = deps;
  const { db } = database;
  const repo = createArticleNeighbourRepository({ dialect: database.dialect });

  async function rankMore(article: ArticleView, limit: number): Promise<Neighbour[]> {
    const sectionId = article.primaryCategoryId;
    const [inSection, sharingTags] = await Promise.all([
      sectionId
        ? repo.latestInSection(db, { categoryId: sectionId, excludeId: article.id, limit: CANDIDATES })
        : [],
      repo.latestSharingTags(db, {
        tagIds: article.tags.map((t) => t.id),
        excludeId: article.id,
        limit: CANDIDATES,
      }),
    ]);
    const scores = new Map<string, { neighbour: Neighbour; score: number; at: number }>();
    const add = (n: Neighbour, score: number) => {
      const current = scores.get(n.id);
      scores.set(n.id, {
        neighbour: n,
        score: (current?.score ?? 0) + score,
        at: n.publishedAt?.getTime() ?? 0,
      });
    };
    // A shared section weighs as much as two shared tags.
    for (const n of inSection) add(n, 2);
    for (const n of sharingTags) add(n, n.sharedTags);
    const ranked = [...scores.values()]
      .sort((a, b) => b.score - a.score || b.at - a.at)
      .slice(0, limit)
      .map(({ neighbour }) => neighbour);
    if (ranked.length < limit) {
      const latest = await repo.latest(db, {
        excludeIds: [article.id, ...ranked.map((n) => n.id)],
        limit: limit - ranked.length,
      });
      ranked.push(...latest);
    }
    return ranked;
  }

  async function adjacent(article: ArticleView): Promise<{ previous?: Neighbour; next?: Neighbour }> {
    const sectionId = article.primaryCategoryId;
    if (!sectionId || !article.publishedAt) return {};
    const at = article.publishedAt;
    const [previous, next] = await Promise.all([
      repo.adjacentInSection(db, { categoryId: sectionId, at, id: article.id, direction: 'previous' }),
      repo.adjacentInSection(db, { categoryId: sectionId, at, id: article.id, direction: 'next' }),
    ]);
    return { ...(previous ? { previous } : {}), ...(next ? { next } : {}) };
  }

  return {
    /**
     * What an article page shows around the article, composed in one pass:
     * - "More Articles": other published articles, those in the same section and sharing the most
     *   tags first, newest first among equals, topped up with the latest news when the article has
     *   few relations; never the article itself, never a draft;
     * - the previous (older) and next (newer) published article in its primary section.
     */
    async around(
      article: ArticleView,
      limit = 6,
    ): Promise<{ more: ArticleSummary[]; previous: ArticleSummary | null; next: ArticleSummary | null }> {
      const [more, { previous, next }] = await Promise.all([rankMore(article, limit), adjacent(article)]);
      const shown = await withSections([...more, ...[previous, next].flatMap((n) => n ?? [])], taxonomy);
      return {
        more: shown.slice(0, more.length),
        previous: previous ? (shown[more.length] ?? null) : null,
        next: next ? (shown.at(-1) ?? null) : null,
      };
    },
  };
}
