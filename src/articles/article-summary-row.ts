import type { Selectable } from 'kysely';
import type { ArticleTable } from '../db/schema.ts';
import { fromDbBool, fromDbTime, fromDbTimeOrNull } from '../db/values.ts';
import type { TaxonomyService } from '../taxonomy/taxonomy-service.ts';
import type { ArticleSummary } from './article.ts';

/**
 * The columns a card or a link shows, never the bodies: on SQLite a row's later columns sit past
 * its body in overflow pages, and reading and decoding whole bodies for a list costs more than
 * the rest of the list.
 */
export const summaryColumns = [
  'articles.id',
  'articles.kind',
  'articles.title',
  'articles.slug',
  'articles.standfirst',
  'articles.published_at',
  'articles.created_at',
  'articles.language',
  'articles.featured_image_url',
  'articles.featured_image_alt',
  'articles.featured_image_caption',
  'articles.featured_image_credit',
  'articles.is_featured',
  'articles.primary_category_id',
] as const;

export type SummaryRow = Pick<
  Selectable<ArticleTable>,
  | 'id'
  | 'kind'
  | 'title'
  | 'slug'
  | 'standfirst'
  | 'published_at'
  | 'created_at'
  | 'language'
  | 'featured_image_url'
  | 'featured_image_alt'
  | 'featured_image_caption'
  | 'featured_image_credit'
  | 'is_featured'
  | 'primary_category_id'
>;

/** A summary as read: its section still an id, for the service to resolve from memory. */
export type SummaryRecord = Omit<ArticleSummary, 'primaryCategory'>;

export const toSummaryRecord = (row: SummaryRow): SummaryRecord => ({
  id: row.id,
  kind: row.kind,
  title: row.title,
  slug: row.slug,
  standfirst: row.standfirst,
  publishedAt: fromDbTimeOrNull(row.published_at),
  createdAt: fromDbTime(row.created_at),
  language: row.language,
  featuredImage: row.featured_image_url
    ? {
        url: row.featured_image_url,
        alt: row.featured_image_alt,
        caption: row.featured_image_caption,
        credit: row.featured_image_credit,
      }
    : null,
  isFeatured: fromDbBool(row.is_featured),
  primaryCategoryId: row.primary_category_id,
});

/** Summaries with their primary sections, from the sections the taxonomy service keeps in memory. */
export async function withSections(
  records: SummaryRecord[],
  taxonomy: TaxonomyService,
): Promise<ArticleSummary[]> {
  const ids = [...new Set(records.flatMap((r) => r.primaryCategoryId ?? []))];
  const sections = new Map((await taxonomy.categories.findByIds(ids)).map((c) => [c.id, c]));
  return records.map((r) => ({
    ...r,
    primaryCategory: (r.primaryCategoryId && sections.get(r.primaryCategoryId)) || null,
  }));
}
