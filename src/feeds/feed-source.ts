import type { ArticleFilter } from '../articles/article-service.ts';
import { NotFoundError } from '../lib/errors.ts';
import { isUuid } from '../lib/ids.ts';
import type { SiteContext } from '../site/site-context.ts';
import type { Feed, FeedScope } from './feed.ts';
import { buildFeed, type FeedSubject } from './feed-model.ts';

/** How many of the latest published articles a feed carries. */
export const FEED_SIZE = 20;

type ResolvedScope = { subject: FeedSubject; filter: ArticleFilter; keys: string[] };

/** The category, tag or person a feed is about, by slug; readers never see ids, so an id is not found. */
async function resolveScope(ctx: SiteContext, scope: FeedScope): Promise<ResolvedScope> {
  const { services, urls } = ctx;
  if (scope.kind === 'site')
    return {
      subject: { name: null, description: '', homeUrl: urls.home(), updatedAt: null },
      filter: {},
      keys: [],
    };
  if (isUuid(scope.slug)) throw new NotFoundError(scope.kind);
  if (scope.kind === 'category') {
    const category = await services.taxonomy.categories.get(scope.slug);
    const ids = await services.taxonomy.categories.descendantIds(category.id);
    return {
      subject: { ...category, homeUrl: urls.category(category.slug) },
      filter: { category: category.id },
      keys: [category.id, ...ids].map((id) => `category:${id}`),
    };
  }
  if (scope.kind === 'tag') {
    const tag = await services.taxonomy.tags.get(scope.slug);
    return {
      subject: { ...tag, homeUrl: urls.tag(tag.slug) },
      filter: { tag: tag.id },
      keys: [`tag:${tag.id}`],
    };
  }
  const person = await services.people.get(scope.slug);
  return {
    subject: {
      name: person.name,
      description: person.bio,
      homeUrl: urls.author(person.slug),
      updatedAt: person.updatedAt,
    },
    filter: { author: person.id },
    keys: [`author:${person.id}`],
  };
}

/**
 * The feed for a scope, with the cache keys of everything it shows (DESIGN.md, Cache invalidation by
 * keys): `feeds` and `settings` always, the scope's own section (and sub-sections), tag or author,
 * and every article listed with the people and tags named in it.
 *
 * @example
 * const { feed, keys } = await loadFeed(ctx, { kind: 'tag', slug: 'harbour' });
 */
export async function loadFeed(ctx: SiteContext, scope: FeedScope): Promise<{ feed: Feed; keys: string[] }> {
  const settings = await ctx.services.settings.get();
  const { subject, filter, keys } = await resolveScope(ctx, scope);
  const { articles } = await ctx.services.articles.list({
    kind: 'article',
    statuses: ['published'],
    filter,
    page: { page: 1, limit: FEED_SIZE },
  });
  const feed = buildFeed({ articles, settings, urls: ctx.urls, subject, now: new Date() });
  const shown = articles.flatMap((article) => [
    `article:${article.id}`,
    ...article.authors.map((person) => `author:${person.id}`),
    ...article.tags.map((tag) => `tag:${tag.id}`),
  ]);
  return { feed, keys: ['feeds', 'settings', ...keys, ...shown] };
}
