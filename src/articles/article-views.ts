import type { Executor } from '../db/transaction.ts';
import type { PersonService } from '../people/person-service.ts';
import type { Category } from '../taxonomy/taxonomy.ts';
import type { TaxonomyService } from '../taxonomy/taxonomy-service.ts';
import type { Article, ArticleView } from './article.ts';
import type { ArticleRepository } from './article-repository.ts';

/**
 * Joins articles to their bylines, sections and tags with a fixed number of queries, however many
 * articles there are, and through the owning services rather than their tables.
 */
export async function composeArticleViews(options: {
  executor: Executor;
  articles: Article[];
  repo: ArticleRepository;
  people: PersonService;
  taxonomy: TaxonomyService;
}): Promise<ArticleView[]> {
  const { executor, articles, repo, people, taxonomy } = options;
  if (articles.length === 0) return [];
  const links = await repo.relationsOf(
    executor,
    articles.map((article) => article.id),
  );
  const categoryIds = new Set([
    ...links.categories.map((l) => l.id),
    ...articles.flatMap((a) => a.primaryCategoryId ?? []),
  ]);
  const [persons, categories, tags] = await Promise.all([
    people.findByIds(unique(links.authors.map((l) => l.id)), executor),
    taxonomy.categories.findByIds([...categoryIds], executor),
    taxonomy.tags.findByIds(unique(links.tags.map((l) => l.id)), executor),
  ]);
  const personById = new Map(persons.map((p) => [p.id, p]));
  const categoryById = new Map(categories.map((c) => [c.id, c]));
  const tagById = new Map(tags.map((t) => [t.id, t]));
  const pick = <T>(list: { articleId: string; id: string }[], articleId: string, byId: Map<string, T>): T[] =>
    list.filter((l) => l.articleId === articleId).flatMap((l) => byId.get(l.id) ?? []);

  return articles.map((article) => ({
    ...article,
    authors: pick(links.authors, article.id, personById),
    primaryCategory: (article.primaryCategoryId && categoryById.get(article.primaryCategoryId)) || null,
    categories: pick<Category>(links.categories, article.id, categoryById),
    tags: pick(links.tags, article.id, tagById),
  }));
}

const unique = (ids: string[]): string[] => [...new Set(ids)];
