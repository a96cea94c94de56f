import type { Database } from '../db/connection.ts';
import { NotFoundError } from '../lib/errors.ts';
import { type Pagination, pageOffset, paginationMeta } from '../lib/pagination.ts';
import type { TaxonomyService } from '../taxonomy/taxonomy-service.ts';
import {
  hasMatchMarker,
  MAX_RESULTS,
  parseSearchQuery,
  type SearchHit,
  type SearchQuery,
  type SearchRow,
  snippetToHtml,
} from './search.ts';
import { createSearchRepository } from './search-repository.ts';

export type SearchServiceDeps = { database: Database; taxonomy: TaxonomyService };

export type SearchResult =
  | { kind: 'empty' | 'tooLong'; query: SearchQuery }
  | {
      kind: 'results';
      query: SearchQuery;
      hits: SearchHit[];
      pagination: Pagination;
      /** More articles matched than a search shows (MAX_RESULTS). */
      isTotalCapped: boolean;
    };

export type SearchService = ReturnType<typeof createSearchService>;

/** The body's snippet when it holds a match, else the standfirst (highlighted if it matched). */
function snippetOf(row: SearchRow): string {
  if (hasMatchMarker(row.markedBody)) return snippetToHtml(row.markedBody);
  if (row.markedStandfirst !== '') return snippetToHtml(row.markedStandfirst);
  return snippetToHtml(row.markedBody);
}

/** Full-text search of published articles, for the search page and any API. */
export function createSearchService({ database, taxonomy }: SearchServiceDeps) {
  const repo = createSearchRepository({ dialect: database.dialect });

  return {
    /**
     * One page of results for what the reader typed. An empty or overlong query is a result of its
     * own kind, never an error; a page past the last one is not found.
     *
     * @example
     * const result = await search.search({ query: 'harbour bridge', page: 1, limit: 10 });
     */
    async search(options: { query: unknown; page: number; limit: number }): Promise<SearchResult> {
      const query = parseSearchQuery(options.query);
      const page = { page: options.page, limit: options.limit };
      if (query.kind !== 'terms') {
        if (page.page > 1) throw new NotFoundError('page', 'There is no such page of results.');
        return { kind: query.kind, query };
      }
      const offset = pageOffset(page);
      const found =
        offset < MAX_RESULTS
          ? await repo.search(database.db, { query: query.terms, limit: page.limit, offset })
          : { rows: [], total: 0 };
      const total = Math.min(found.total, MAX_RESULTS);
      const pagination = paginationMeta(page, total);
      if (page.page > pagination.pages) throw new NotFoundError('page', 'There is no such page of results.');
      const sectionIds = [...new Set(found.rows.flatMap((row) => row.primaryCategoryId ?? []))];
      const sections = new Map(
        (await taxonomy.categories.findByIds(sectionIds)).map((category) => [category.id, category]),
      );
      const hits = found.rows.map(
        (row): SearchHit => ({
          id: row.id,
          kind: 'article',
          title: row.title,
          slug: row.slug,
          language: row.language,
          publishedAt: row.publishedAt,
          createdAt: row.createdAt,
          primaryCategory: (row.primaryCategoryId && sections.get(row.primaryCategoryId)) || null,
          snippetHtml: snippetOf(row),
        }),
      );
      return { kind: 'results', query, hits, pagination, isTotalCapped: found.total > MAX_RESULTS };
    },
  };
}
