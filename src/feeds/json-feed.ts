import { type Feed, type FeedItem, rfc3339 } from './feed.ts';

export const JSON_FEED_VERSION = 'https://jsonfeed.org/version/1.1';

function itemJson(item: FeedItem) {
  return {
    id: item.id,
    url: item.url,
    title: item.title,
    // JSON Feed 1.1 requires content_html or content_text: an excerpt-only feed carries the summary as text.
    ...(item.contentHtml === null ? { content_text: item.summary } : { content_html: item.contentHtml }),
    summary: item.summary,
    ...(item.image ? { image: item.image.url } : {}),
    date_published: rfc3339(item.publishedAt),
    date_modified: rfc3339(item.updatedAt),
    ...(item.authors.length > 0
      ? {
          authors: item.authors.map((person) => ({
            name: person.name,
            ...(person.url ? { url: person.url } : {}),
          })),
        }
      : {}),
    ...(item.terms.length > 0 ? { tags: [...new Set(item.terms.map((term) => term.name))] } : {}),
    language: item.language,
  };
}

/**
 * JSON Feed 1.1 (https://www.jsonfeed.org/version/1.1/).
 *
 * @example
 * JSON.parse(renderJsonFeed(buildFeed({ … }))).version // 'https://jsonfeed.org/version/1.1'
 */
export function renderJsonFeed(feed: Feed): string {
  return JSON.stringify({
    version: JSON_FEED_VERSION,
    title: feed.title,
    home_page_url: feed.links.home,
    feed_url: feed.links.json,
    description: feed.description,
    language: feed.language,
    ...(feed.logoUrl ? { icon: feed.logoUrl } : {}),
    authors: [{ name: feed.publisher.name, ...(feed.publisher.url ? { url: feed.publisher.url } : {}) }],
    items: feed.items.map(itemJson),
  });
}
