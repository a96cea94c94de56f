import type { Database } from '../db/connection.ts';
import type { TaxonomyService } from '../taxonomy/taxonomy-service.ts';
import type { ArticleSummary, ArticleView } from './article.ts';
import { type Candidate, createArticleNeighbourRepository } from './article-neighbour-repository.ts';
import { withSections } from './article-summary-row.ts';

/**
 * Candidates read per section and per tag: enough to rank six, few enough that the cost does not
 * depend on the archive's size.
 */
const CANDIDATES = 12;

export type ArticleNeighbourService = ReturnType<typeof createArticleNeighbourService>;

/** What an article page shows around the article: "More Articles" and previous/next in its section. */
export function createArticleNeighbourService(deps: { database: Database; taxonomy: TaxonomyService }) {
  const { database, taxonomy } = deps;
  const { db } = database;
  const repo = createArticleNeighbourRepository({ dialect: database.dialect });

  /**
   * The ids "More Articles" shows, most related first, from the section's newest (`inSection`) and
   * each of the article's tags' newest.
   */
  async function rankMore(article: ArticleView, inSection: Candidate[], limit: number): Promise<string[]> {
    const excludeId = article.id;
    const withTags = await repo.latestWithTags(db, {
      tagIds: article.tags.map((tag) => tag.id),
      excludeId,
      limit: CANDIDATES,
    });
    const scores = new Map<string, { id: string; score: number; at: number }>();
    const add = (candidate: Candidate, score: number) => {
      const current = scores.get(candidate.id);
      scores.set(candidate.id, {
        id: candidate.id,
        score: (current?.score ?? 0) + score,
        at: candidate.publishedAt.getTime(),
      });
    };
    // A shared section weighs as much as two shared tags; a tag counts among its newest articles.
    for (const candidate of inSection) add(candidate, 2);
    for (const candidate of withTags) add(candidate, 1);
    const ranked = [...scores.values()]
      .sort((a, b) => b.score - a.score || b.at - a.at)
      .slice(0, limit)
      .map(({ id }) => id);
    if (ranked.length < limit) {
      const latest = await repo.latest(db, {
        excludeIds: [excludeId, ...ranked],
        limit: limit - ranked.length,
      });
      ranked.push(...latest.map(({ id }) => id));
    }
    return ranked;
  }

  /** The article's section around it: its newest articles and the article's previous and next. */
  async function section(
    article: ArticleView,
  ): Promise<{ latest: Candidate[]; previous?: Candidate; next?: Candidate }> {
    const categoryId = article.primaryCategoryId;
    if (!categoryId) return { latest: [] };
    // A draft seen in preview has no publication time yet: it would be published now.
    const at = article.publishedAt ?? new Date();
    return repo.sectionAround(db, { categoryId, id: article.id, at, limit: CANDIDATES });
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
      const { latest, previous, next } = await section(article);
      const more = await rankMore(article, latest, limit);
      const ids = [...more, ...[previous, next].flatMap((candidate) => (candidate ? [candidate.id] : []))];
      const cards = await repo.summaries(db, [...new Set(ids)]);
      const shown = new Map((await withSections(cards, taxonomy)).map((card) => [card.id, card]));
      const card = (candidate: Candidate | undefined) =>
        candidate ? (shown.get(candidate.id) ?? null) : null;
      return {
        more: more.flatMap((id) => shown.get(id) ?? []),
        previous: card(previous),
        next: card(next),
      };
    },
  };
}
