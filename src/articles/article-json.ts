import { personJson } from '../people/person-json.ts';
import type { Settings } from '../site/settings.ts';
import type { Urls } from '../site/urls.ts';
import { categoryJson, tagJson } from '../taxonomy/taxonomy-json.ts';
import type { ArticleView } from './article.ts';
import { staffRefOf } from './staff-names.ts';

const WORDS_PER_MINUTE = 230;

/**
 * An article as the JSON APIs show it (snake_case, absolute URLs). The Admin API adds what only the
 * newsroom sees (status, revision, send_email, and `created_by`: the staff member who created it,
 * `{ id, name }`, named from `creatorNames`; null for tokens, the CLI and imports).
 */
export function articleJson(
  article: ArticleView,
  options: { urls: Urls; settings: Settings; isAdmin: boolean; creatorNames?: Map<string, string> },
) {
  const { urls, settings } = options;
  const words = article.bodyText.split(/\s+/).filter(Boolean).length;
  return {
    id: article.id,
    slug: article.slug,
    url: urls.permalinkOf(article, settings),
    title: article.title,
    standfirst: article.standfirst,
    body_html: article.bodyHtml,
    language: article.language,
    ...(options.isAdmin ? { status: article.status, revision: article.revision } : {}),
    published_at: article.publishedAt?.toISOString() ?? null,
    updated_at: article.updatedAt.toISOString(),
    created_at: article.createdAt.toISOString(),
    featured: article.isFeatured,
    comments_open: article.hasCommentsOpen,
    ...(options.isAdmin
      ? {
          send_email: article.sendsEmail,
          created_by: staffRefOf(options.creatorNames ?? new Map(), article.createdBy),
        }
      : {}),
    featured_image_url: urls.absoluteOrNull(article.featuredImage?.url ?? null),
    featured_image_alt: article.featuredImage?.alt ?? null,
    featured_image_caption: article.featuredImage?.caption ?? null,
    featured_image_credit: article.featuredImage?.credit ?? null,
    seo_title: article.seoTitle,
    seo_description: article.seoDescription,
    canonical_url: article.canonicalUrl,
    reading_time: Math.max(1, Math.round(words / WORDS_PER_MINUTE)),
    authors: article.authors.map((person) => personJson(person, urls)),
    primary_category: article.primaryCategory ? categoryJson(article.primaryCategory, urls) : null,
    categories: article.categories.map((category) => categoryJson(category, urls)),
    tags: article.tags.map((tag) => tagJson(tag, urls)),
  };
}
