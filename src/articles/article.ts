import { z } from 'zod';
import type { ArticleKind, ArticleStatus } from '../db/schema.ts';
import { slugSchema } from '../lib/slug.ts';
import { httpUrlSchema, urlOrPathSchema } from '../lib/url-schemas.ts';
import type { Person } from '../people/person.ts';
import { languageTagSchema } from '../site/settings.ts';
import type { Category, Tag } from '../taxonomy/taxonomy.ts';

export type { ArticleKind, ArticleStatus };
export const articleStatuses = ['draft', 'scheduled', 'published', 'archived'] as const;

export type FeaturedImage = {
  url: string;
  alt: string | null;
  caption: string | null;
  credit: string | null;
};

/** An article or a page as stored: its own fields, no relations. */
export type Article = {
  id: string;
  kind: ArticleKind;
  title: string;
  slug: string;
  standfirst: string;
  bodyHtml: string;
  bodyText: string;
  status: ArticleStatus;
  publishedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
  language: string;
  featuredImage: FeaturedImage | null;
  seoTitle: string | null;
  seoDescription: string | null;
  canonicalUrl: string | null;
  isFeatured: boolean;
  hasCommentsOpen: boolean;
  /** False: publishing it sends no newsletter (the editor's `send_email: false`). */
  sendsEmail: boolean;
  primaryCategoryId: string | null;
  revision: number;
  /** The staff member who created it, whose own work it is for the roles; absent when a token, the CLI or an import did. */
  createdBy?: string;
};

/** An article with its byline, sections and tags: what every page and API shows. */
export type ArticleView = Article & {
  authors: Person[];
  primaryCategory: Category | null;
  categories: Category[];
  tags: Tag[];
};

/**
 * What a card or a previous/next link shows of an article: no body and no byline, so lists around
 * an article read a few short columns instead of whole articles.
 */
export type ArticleSummary = Pick<
  ArticleView,
  | 'id'
  | 'kind'
  | 'title'
  | 'slug'
  | 'standfirst'
  | 'publishedAt'
  | 'createdAt'
  | 'language'
  | 'featuredImage'
  | 'isFeatured'
  | 'primaryCategoryId'
  | 'primaryCategory'
> & {
  /** "3 comments" in the list page's language, where a list shows the count (none when 0). */
  commentsLabel?: string;
};

const isoDateTimePattern = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/i;

/** An ISO 8601 date-time with a zone (RFC 3339), e.g. "2026-11-25T09:00:00Z". */
export const isoDateTimeSchema = z
  .string()
  .trim()
  .refine((value) => isoDateTimePattern.test(value) && !Number.isNaN(Date.parse(value)), {
    message: 'must be an ISO 8601 date-time with a time zone, e.g. "2026-11-25T09:00:00Z"',
  })
  .transform((value) => new Date(value));

const reference = z.string().trim().min(1).max(200);

/** A byline entry: a slug or id, or `{ "slug": … }` / `{ "id": … }` as Ghost clients send. */
const authorRef = z
  .union([reference, z.strictObject({ slug: reference }), z.strictObject({ id: reference })])
  .transform((value) => (typeof value === 'string' ? value : 'slug' in value ? value.slug : value.id));

/** A tag entry: a name ("Harbour Bridge") or `{ "name": … }` / `{ "slug": … }`. */
const tagRef = z
  .union([reference, z.strictObject({ name: reference }), z.strictObject({ slug: reference })])
  .transform((value) => (typeof value === 'string' ? value : 'name' in value ? value.name : value.slug));

const categoryRef = z
  .union([reference, z.strictObject({ slug: reference }), z.strictObject({ id: reference })])
  .transform((value) => (typeof value === 'string' ? value : 'slug' in value ? value.slug : value.id));

const nullableText = (max: number) => z.string().trim().max(max).nullable();

const writableFields = {
  title: z.string().trim().min(1).max(300),
  slug: slugSchema,
  standfirst: z.string().trim().max(2000),
  body_html: z.string().max(5_000_000),
  status: z.enum(articleStatuses),
  published_at: isoDateTimeSchema.nullable(),
  language: languageTagSchema,
  featured_image_url: urlOrPathSchema.nullable(),
  featured_image_alt: nullableText(1000),
  featured_image_caption: nullableText(2000),
  featured_image_credit: nullableText(500),
  seo_title: nullableText(300),
  seo_description: nullableText(1000),
  canonical_url: httpUrlSchema.nullable(),
  featured: z.boolean(),
  comments_open: z.boolean(),
  send_email: z.boolean(),
  primary_category: categoryRef.nullable(),
  categories: z.array(categoryRef).max(20),
  tags: z.array(tagRef).max(50),
  authors: z.array(authorRef).max(20),
};

const writableSchema = z.strictObject(writableFields);

export const articleCreateSchema = writableSchema.partial().required({ title: true });

export const articleUpdateSchema = writableSchema.partial().extend({
  /** The `updated_at` the client last read: a newer one on the server means someone else saved (409). */
  updated_at: isoDateTimeSchema.optional(),
});

export type ArticleCreateInput = z.output<typeof articleCreateSchema>;
export type ArticleUpdateInput = z.output<typeof articleUpdateSchema>;
