import type { Database } from '../db/connection.ts';
import type { PersonService } from '../people/person-service.ts';
import type { TaxonomyService } from '../taxonomy/taxonomy-service.ts';
import type { ArticleView } from './article.ts';
import { createArticleNeighbourRepository, type Neighbour } from './article-neighbour-repository.ts';
import { createArticleRepository } from './article-repository.ts';
import { composeArticleViews } from './article-views.ts';

/** Enough candidates to rank six, few enough that the cost does not depend on the archive's size. */
const CANDIDATES = 12;

export type ArticleNeighbourService = ReturnType<typeof createArticleNeighbourService>;

/** What an article page shows around the article: "More Articles" and previous/next in its section. */
export function createArticleNeighbourService(deps: {
  database: Database;
  people: PersonService;
  taxonomy: TaxonomyService;
}) {
  const { database, people, taxonomy } = deps;
  const { db } = database;
  const repo = createArticleNeighbourRepository({ dialect: database.dialect });
  const articles = createArticleRepository({ dialect: database.dialect });

  async function views(ids: string[]): Promise<ArticleView[]> {
    const rows = await articles.findByIds(db, ids);
    const composed = await composeArticleViews({
      executor: db,
      articles: rows,
      repo: articles,
      people,
      taxonomy,
    });
    const byId = new Map(composed.map((view) => [view.id, view]));
    return ids.flatMap((id) => byId.get(id) ?? []);
  }

  async function rankMore(article: ArticleView, limit: number): Promise<string[]> {
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
    const scores = new Map<string, { score: number; at: number }>();
    const add = (n: Neighbour, score: number) => {
      const current = scores.get(n.id);
      scores.set(n.id, { score: (current?.score ?? 0) + score, at: n.publishedAt.getTime() });
    };
    // A shared section weighs as much as two shared tags.
    for (const n of inSection) add(n, 2);
    for (const n of sharingTags) add(n, n.sharedTags);
    const ranked = [...scores.entries()]
      .sort(([, a], [, b]) => b.score - a.score || b.at - a.at)
      .slice(0, limit)
      .map(([id]) => id);
    if (ranked.length < limit) {
      const latest = await repo.latest(db, {
        excludeIds: [article.id, ...ranked],
        limit: limit - ranked.length,
      });
      ranked.push(...latest.map((n) => n.id));
    }
    return ranked;
  }

  async function adjacent(article: ArticleView): Promise<{ previous?: string; next?: string }> {
    const sectionId = article.primaryCategoryId;
    if (!sectionId || !article.publishedAt) return {};
    const at = article.publishedAt;
    const [previous, next] = await Promise.all([
      repo.adjacentInSection(db, { categoryId: sectionId, at, id: article.id, direction: 'previous' }),
      repo.adjacentInSection(db, { categoryId: sectionId, at, id: article.id, direction: 'next' }),
    ]);
    return { ...(previous ? { previous: previous.id } : {}), ...(next ? { next: next.id } : {}) };
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
    ): Promise<{ more: ArticleView[]; previous: ArticleView | null; next: ArticleView | null }> {
      const [more, { previous, next }] = await Promise.all([rankMore(article, limit), adjacent(article)]);
      const found = new Map(
        (await views([...new Set([...more, ...(previous ? [previous] : []), ...(next ? [next] : [])])])).map(
          (v) => [v.id, v],
        ),
      );
      return {
        more: more.flatMap((id) => found.get(id) ?? []),
        previous: (previous && found.get(previous)) || null,
        next: (next && found.get(next)) || null,
      };
    },
  };
}
