import type { Urls } from '../site/urls.ts';
import type { Category, Tag } from './taxonomy.ts';

/** A tag as the JSON APIs show it. */
export const tagJson = (tag: Tag, urls: Urls) => ({
  id: tag.id,
  name: tag.name,
  slug: tag.slug,
  description: tag.description,
  url: urls.tag(tag.slug),
  created_at: tag.createdAt.toISOString(),
  updated_at: tag.updatedAt.toISOString(),
});

/** A category as the JSON APIs show it; `parent_id` links it into the tree. */
export const categoryJson = (category: Category, urls: Urls) => ({
  ...tagJson(category, urls),
  url: urls.category(category.slug),
  parent_id: category.parentId,
});
