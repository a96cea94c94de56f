import type { FastifyInstance } from 'fastify';
import { registerCachedGet } from '../lib/http/cached-routes.ts';
import type { SiteContext } from '../site/site-context.ts';
import { renderAtom } from './atom-feed.ts';
import {
  type Feed,
  type FeedFormat,
  type FeedScope,
  feedContentTypes,
  feedFormats,
  feedPaths,
} from './feed.ts';
import { loadFeed } from './feed-source.ts';
import { renderJsonFeed } from './json-feed.ts';
import { renderRss } from './rss-feed.ts';

const renderers: Record<FeedFormat, (feed: Feed) => string> = {
  rss: renderRss,
  atom: renderAtom,
  json: renderJsonFeed,
};

const SCOPED_KINDS = ['category', 'tag', 'author'] as const;

/**
 * RSS 2.0, Atom 1.0 and JSON Feed 1.1 of the latest published articles, for the site (`/feed/`,
 * `/feed/atom/`, `/feed/json/`) and for each category, tag and author (`/category/:slug/feed/`…),
 * each cached until an article, section, person or setting it shows changes.
 *
 * @example
 * registerFeedRoutes(app, ctx);
 * await app.inject({ url: '/tag/harbour/feed/atom/' }); // 200, application/atom+xml
 */
export function registerFeedRoutes(app: FastifyInstance, ctx: SiteContext): void {
  const serve = async (scope: FeedScope, format: FeedFormat) => {
    const { feed, keys } = await loadFeed(ctx, scope);
    return {
      body: renderers[format](feed),
      contentType: feedContentTypes[format],
      keys,
      lastModified: feed.updatedAt,
    };
  };
  for (const format of feedFormats) {
    registerCachedGet(app, ctx.cache, `/${feedPaths[format]}`, () => serve({ kind: 'site' }, format));
    for (const kind of SCOPED_KINDS) {
      registerCachedGet<{ slug: string }>(app, ctx.cache, `/${kind}/:slug/${feedPaths[format]}`, (request) =>
        serve({ kind, slug: request.params.slug }, format),
      );
    }
  }
}
