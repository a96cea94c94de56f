/** A feed as every format sees it: built once from published articles, then written as RSS, Atom or JSON. */

export const feedFormats = ['rss', 'atom', 'json'] as const;
export type FeedFormat = (typeof feedFormats)[number];

/** What a feed is about: the whole site, or one category (with its sub-categories), tag or author. */
export type FeedScope = { kind: 'site' } | { kind: 'category' | 'tag' | 'author'; slug: string };

export type FeedPerson = { name: string; url: string | null };

/** A category or tag an item is filed under, with the archive page that lists it. */
export type FeedTerm = { kind: 'category' | 'tag'; name: string; url: string };

export type FeedImage = { url: string; alt: string; type: string | null };

export type FeedItem = {
  /** `urn:uuid:` of the article id: stable when the slug, section or permalink pattern change. */
  id: string;
  url: string;
  title: string;
  /** Plain text: the standfirst, or the opening of the body when there is none. */
  summary: string;
  /** The body with absolute URLs, or null when the site publishes excerpts only. */
  contentHtml: string | null;
  publishedAt: Date;
  updatedAt: Date;
  language: string;
  authors: FeedPerson[];
  terms: FeedTerm[];
  image: FeedImage | null;
};

export type Feed = {
  title: string;
  description: string;
  language: string;
  /** The HTML page the feed mirrors, and the feed in each format. */
  links: { home: string } & Record<FeedFormat, string>;
  updatedAt: Date;
  publisher: FeedPerson;
  logoUrl: string | null;
  items: FeedItem[];
};

/** Media types each format is served with. */
export const feedContentTypes: Record<FeedFormat, string> = {
  rss: 'application/rss+xml; charset=utf-8',
  atom: 'application/atom+xml; charset=utf-8',
  json: 'application/feed+json; charset=utf-8',
};

/** Where each format lives below a page's URL (`/feed/`, `/category/sport/feed/atom/`). */
export const feedPaths: Record<FeedFormat, string> = { rss: 'feed/', atom: 'feed/atom/', json: 'feed/json/' };

/** An RFC 3339 date-time in UTC (`2026-11-25T09:00:00.000Z`), as Atom and JSON Feed want. */
export const rfc3339 = (date: Date): string => date.toISOString();
