import { z } from 'zod';
import type { ArticleRevisionKind } from '../../db/schema.ts';
import { type ArticleView, articleStatuses } from '../article.ts';
import type { StaffRef } from '../staff-names.ts';

export type RevisionKind = ArticleRevisionKind;
export const revisionKinds = [
  'autosave',
  'save',
  'publish',
  'unpublish',
  'schedule',
  'restore',
  'create',
] as const satisfies readonly RevisionKind[];

/** Consecutive autosaves by one person closer together than this replace each other. */
export const AUTOSAVE_WINDOW_MS = 10 * 60_000;

const linkSchema = z.object({ id: z.string(), slug: z.string(), name: z.string() });
export type RevisionLink = z.output<typeof linkSchema>;

/**
 * An article's writable fields at one save, named as the Admin API's article JSON names them.
 * Sections, tags and bylines are kept by id with the slug and name they had, so that a revision
 * still reads well after one of them is renamed or deleted. Status and publication time are kept
 * for the record; a restore never applies them.
 */
export const revisionSnapshotSchema = z.object({
  title: z.string(),
  slug: z.string(),
  standfirst: z.string(),
  body_html: z.string(),
  language: z.string(),
  status: z.enum(articleStatuses),
  published_at: z.string().nullable(),
  featured_image_url: z.string().nullable(),
  featured_image_alt: z.string().nullable(),
  featured_image_caption: z.string().nullable(),
  featured_image_credit: z.string().nullable(),
  seo_title: z.string().nullable(),
  seo_description: z.string().nullable(),
  canonical_url: z.string().nullable(),
  featured: z.boolean(),
  comments_open: z.boolean(),
  send_email: z.boolean(),
  primary_category: linkSchema.nullable(),
  categories: z.array(linkSchema),
  tags: z.array(linkSchema),
  authors: z.array(linkSchema),
});
export type RevisionSnapshot = z.output<typeof revisionSnapshotSchema>;

/** One revision as listed: no snapshot. */
export type RevisionSummary = {
  id: string;
  articleId: string;
  kind: RevisionKind;
  title: string;
  createdAt: Date;
  createdBy: StaffRef | null;
};

export type Revision = RevisionSummary & { snapshot: RevisionSnapshot };

const linkOf = (item: { id: string; slug: string; name: string }): RevisionLink => ({
  id: item.id,
  slug: item.slug,
  name: item.name,
});

/**
 * The snapshot of an article as saved (with its relations).
 *
 * @example
 * await repo.insert(trx, { …, snapshot: snapshotOf(view) });
 */
export function snapshotOf(article: ArticleView): RevisionSnapshot {
  return {
    title: article.title,
    slug: article.slug,
    standfirst: article.standfirst,
    body_html: article.bodyHtml,
    language: article.language,
    status: article.status,
    published_at: article.publishedAt?.toISOString() ?? null,
    featured_image_url: article.featuredImage?.url ?? null,
    featured_image_alt: article.featuredImage?.alt ?? null,
    featured_image_caption: article.featuredImage?.caption ?? null,
    featured_image_credit: article.featuredImage?.credit ?? null,
    seo_title: article.seoTitle,
    seo_description: article.seoDescription,
    canonical_url: article.canonicalUrl,
    featured: article.isFeatured,
    comments_open: article.hasCommentsOpen,
    send_email: article.sendsEmail,
    primary_category: article.primaryCategory ? linkOf(article.primaryCategory) : null,
    categories: article.categories.map(linkOf),
    tags: article.tags.map(linkOf),
    authors: article.authors.map(linkOf),
  };
}

const sameTime = (a: Date | null, b: Date | null): boolean =>
  (a?.getTime() ?? null) === (b?.getTime() ?? null);

/**
 * What kind of revision a save makes: a change of publication names it (publish, unpublish,
 * schedule); otherwise it is what the caller asked for (an autosave, a restore) or a plain save.
 *
 * @example
 * revisionKindOf({ status: 'draft', publishedAt: null }, { status: 'published', publishedAt: now }); // 'publish'
 */
export function revisionKindOf(
  before: { status: ArticleView['status']; publishedAt: Date | null },
  after: { status: ArticleView['status']; publishedAt: Date | null },
  requested: 'autosave' | 'restore' | undefined,
): RevisionKind {
  if (after.status === 'published' && before.status !== 'published') return 'publish';
  if (before.status === 'published' && after.status !== 'published') return 'unpublish';
  const isRescheduled =
    after.status === 'scheduled' &&
    (before.status !== 'scheduled' || !sameTime(before.publishedAt, after.publishedAt));
  if (isRescheduled) return 'schedule';
  return requested ?? 'save';
}
