import type { ArticleEvent, EventBus } from '../lib/events.ts';
import type { PageCache } from '../lib/http/page-cache.ts';

/**
 * Which cached pages a change touches (DESIGN.md, Cache invalidation by keys). Every page records
 * the keys of what it shows: an article page `article:ID` for itself and for each article it lists,
 * its sections, tags and authors; list pages their own `category:ID`, `tag:ID`, `author:ID` or `home`.
 *
 * - An edit drops the pages that show the article (its own, lists and related links that include it)
 *   and the lists it could enter or leave (its sections, tags, authors, home); a section page also
 *   records its sub-sections' keys, so a parent section is dropped with its child.
 * - Feeds and sitemaps depend on `feeds` and `sitemaps`; search results are cached by query under
 *   `search`.
 * - Settings and section changes drop everything, since every page shows the site's name and sections.
 */
export function registerCacheInvalidation(options: { events: EventBus; cache: PageCache }): void {
  const { events, cache } = options;

  // Synchronous, so the next request after a change already misses. A section page records the
  // keys of its sub-sections too, so the article's own section ids are enough.
  const articleChanged = (event: ArticleEvent) => {
    cache.invalidate([
      `article:${event.id}`,
      'home',
      'feeds',
      'sitemaps',
      'search',
      'redirects',
      ...event.categoryIds.map((id) => `category:${id}`),
      ...event.tagIds.map((id) => `tag:${id}`),
      ...event.authorIds.map((id) => `author:${id}`),
    ]);
  };

  for (const name of [
    'article.created',
    'article.updated',
    'article.published',
    'article.unpublished',
    'article.deleted',
  ] as const) {
    events.on(name, articleChanged);
  }
  // A note shows on the article's own page only (lists and feeds show no notes).
  events.on('article.notes_changed', ({ id }) => {
    cache.invalidate([`article:${id}`]);
  });
  events.on('category.changed', () => {
    cache.clear();
  });
  events.on('tag.changed', ({ id }) => {
    cache.invalidate([`tag:${id}`, 'sitemaps']);
  });
  events.on('person.changed', ({ id }) => {
    cache.invalidate([`author:${id}`, 'sitemaps']);
  });
  // Only the article page and the lists showing its comment count record `comments:ID`.
  events.on('comment.changed', ({ articleId }) => {
    cache.invalidate([`comments:${articleId}`]);
  });
  events.on('settings.changed', () => {
    cache.clear();
  });
  events.on('newsletters.changed', () => {
    cache.clear();
  });
}
