import { ValidationError } from '../lib/errors.ts';
import { htmlToPlainText, sanitizeArticleHtml } from '../lib/html-sanitizer.ts';
import type { Article, ArticleUpdateInput, FeaturedImage } from './article.ts';

/**
 * Applies the client's writable fields to an article (new or current). Body HTML is sanitised on
 * the way in, and its plain-text copy (for search and excerpts) is derived from the sanitised HTML.
 */
export function applyArticleFields(article: Article, input: ArticleUpdateInput): Article {
  const next: Article = { ...article };
  if (input.title !== undefined) next.title = input.title;
  if (input.standfirst !== undefined) next.standfirst = input.standfirst;
  if (input.body_html !== undefined) {
    next.bodyHtml = sanitizeArticleHtml(input.body_html);
    next.bodyText = htmlToPlainText(next.bodyHtml);
  }
  if (input.language !== undefined) next.language = input.language;
  if (input.seo_title !== undefined) next.seoTitle = input.seo_title || null;
  if (input.seo_description !== undefined) next.seoDescription = input.seo_description || null;
  if (input.canonical_url !== undefined) next.canonicalUrl = input.canonical_url;
  if (input.featured !== undefined) next.isFeatured = input.featured;
  if (input.comments_open !== undefined) next.hasCommentsOpen = input.comments_open;
  if (input.send_email !== undefined) next.sendsEmail = input.send_email;
  next.featuredImage = applyImage(article.featuredImage, input);
  return next;
}

function applyImage(current: FeaturedImage | null, input: ArticleUpdateInput): FeaturedImage | null {
  const url = input.featured_image_url === undefined ? (current?.url ?? null) : input.featured_image_url;
  const pick = (given: string | null | undefined, had: string | null | undefined) =>
    given === undefined ? (had ?? null) : given || null;
  const alt = pick(input.featured_image_alt, current?.alt);
  const caption = pick(input.featured_image_caption, current?.caption);
  const credit = pick(input.featured_image_credit, current?.credit);
  if (!url) {
    const orphan = (['featured_image_alt', 'featured_image_caption', 'featured_image_credit'] as const).find(
      (key) => input[key],
    );
    if (orphan) {
      throw ValidationError.field(
        'featured_image_url',
        'FIELD_REQUIRED',
        `"featured_image_url" is required when "${orphan}" is given.`,
      );
    }
    return null;
  }
  return { url, alt, caption, credit };
}
