import type { ArticleView } from '../articles/article.ts';
import type { Settings } from '../site/settings.ts';
import type { Urls } from '../site/urls.ts';
import { absolutizeHtml } from './absolute-html.ts';
import { type Feed, type FeedImage, type FeedItem, feedFormats, feedPaths } from './feed.ts';

/** What the feed is about, as its channel shows it. */
export type FeedSubject = {
  /** The category, tag or person name; null for the whole site. */
  name: string | null;
  description: string;
  /** The HTML page this feed mirrors (absolute, ending in `/`). */
  homeUrl: string;
  updatedAt: Date | null;
};

const EXCERPT_LENGTH = 300;

const IMAGE_TYPES: Record<string, string> = {
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  png: 'image/png',
  gif: 'image/gif',
  webp: 'image/webp',
  avif: 'image/avif',
  svg: 'image/svg+xml',
};

/** The opening of a text, cut at a word and marked with an ellipsis. */
export function excerptOf(text: string, length = EXCERPT_LENGTH): string {
  const compact = text.replace(/\s+/g, ' ').trim();
  if (compact.length <= length) return compact;
  const cut = compact.slice(0, length);
  const lastSpace = cut.lastIndexOf(' ');
  return `${(lastSpace > length / 2 ? cut.slice(0, lastSpace) : cut).replace(/[\s,.;:!?-]+$/u, '')}…`;
}

function imageOf(article: ArticleView, urls: Urls): FeedImage | null {
  if (!article.featuredImage) return null;
  const url = urls.absolute(article.featuredImage.url);
  const extension = /\.([a-z0-9]+)(?:[?#]|$)/i.exec(new URL(url).pathname)?.[1]?.toLowerCase() ?? '';
  return { url, alt: article.featuredImage.alt ?? '', type: IMAGE_TYPES[extension] ?? null };
}

function itemOf(article: ArticleView, settings: Settings, urls: Urls): FeedItem {
  const url = urls.permalinkOf(article, settings);
  const publishedAt = article.publishedAt ?? article.createdAt;
  return {
    id: `urn:uuid:${article.id}`,
    url,
    title: article.title,
    summary: article.standfirst.trim() || excerptOf(article.bodyText),
    contentHtml: settings.feedContent === 'full' ? absolutizeHtml(article.bodyHtml, url) : null,
    publishedAt,
    // A scheduled story can go out after its last edit: an entry is never updated before it is published.
    updatedAt: new Date(Math.max(article.updatedAt.getTime(), publishedAt.getTime())),
    language: article.language,
    authors: article.authors.map((person) => ({ name: person.name, url: urls.author(person.slug) })),
    terms: [
      ...article.categories.map((c) => ({
        kind: 'category' as const,
        name: c.name,
        url: urls.category(c.slug),
      })),
      ...article.tags.map((t) => ({ kind: 'tag' as const, name: t.name, url: urls.tag(t.slug) })),
    ],
    image: imageOf(article, urls),
  };
}

/**
 * The format-neutral feed of some published articles (newest first, as listed).
 *
 * @example
 * const feed = buildFeed({ articles, settings, urls, subject: { name: null, description: '', homeUrl: urls.home(), updatedAt: null }, now: new Date() });
 * renderRss(feed);
 */
export function buildFeed(options: {
  articles: ArticleView[];
  settings: Settings;
  urls: Urls;
  subject: FeedSubject;
  /** When nothing dates the feed (no articles yet). */
  now: Date;
}): Feed {
  const { articles, settings, urls, subject } = options;
  const items = articles.map((article) => itemOf(article, settings, urls));
  const latest = items.reduce<Date | null>(
    (max, item) => (max && max > item.updatedAt ? max : item.updatedAt),
    null,
  );
  const title = subject.name ? `${subject.name} — ${settings.title}` : settings.title;
  const links = Object.fromEntries(
    feedFormats.map((format) => [format, `${subject.homeUrl}${feedPaths[format]}`]),
  );
  return {
    title,
    description: subject.description.trim() || settings.description.trim() || title,
    language: settings.locale,
    links: { home: subject.homeUrl, ...(links as Record<(typeof feedFormats)[number], string>) },
    updatedAt: latest ?? subject.updatedAt ?? options.now,
    publisher: { name: settings.title, url: urls.home() },
    logoUrl: urls.absoluteOrNull(settings.logoUrl),
    items,
  };
}
