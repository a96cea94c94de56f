import type { Executor } from '../db/transaction.ts';
import type { PersonService } from '../people/person-service.ts';
import type { TaxonomyService } from '../taxonomy/taxonomy-service.ts';
import type { Article, ArticleUpdateInput } from './article.ts';

export type ArticleLinks = {
  primaryCategoryId: string | null;
  /** Undefined where the input left the relation alone. */
  authorIds?: string[];
  categoryIds?: string[];
  tagIds?: string[];
};

/**
 * Resolves the authors, categories and tags named in the input, inside the caller's transaction.
 * The primary category is always among the article's categories; without one, the first category
 * named becomes primary.
 */
export async function linkRelations(options: {
  executor: Executor;
  input: ArticleUpdateInput;
  current: Article | null;
  people: PersonService;
  taxonomy: TaxonomyService;
  /** The article's category ids as stored, for an update that changes only the primary one. */
  currentCategoryIds: () => Promise<string[]>;
}): Promise<ArticleLinks> {
  const { executor, input, current, people, taxonomy } = options;
  const links: ArticleLinks = { primaryCategoryId: current?.primaryCategoryId ?? null };

  if (input.authors !== undefined) {
    links.authorIds = (await people.resolve(input.authors, { executor, field: 'authors' })).map((p) => p.id);
  }
  if (input.tags !== undefined) {
    links.tagIds = (await taxonomy.tags.resolveOrCreate(input.tags, executor)).map((t) => t.id);
  }
  if (input.primary_category !== undefined || input.categories !== undefined) {
    const primary =
      input.primary_category === undefined
        ? links.primaryCategoryId
        : input.primary_category === null
          ? null
          : ((
              await taxonomy.categories.resolve([input.primary_category], {
                executor,
                field: 'primary_category',
              })
            )[0]?.id ?? null);
    const others =
      input.categories === undefined
        ? await options.currentCategoryIds()
        : (await taxonomy.categories.resolve(input.categories, { executor, field: 'categories' })).map(
            (c) => c.id,
          );
    links.primaryCategoryId = primary ?? (input.primary_category === null ? null : (others[0] ?? null));
    links.categoryIds = [
      ...new Set([...(links.primaryCategoryId ? [links.primaryCategoryId] : []), ...others]),
    ];
  }
  return links;
}
