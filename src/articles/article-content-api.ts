import type { FastifyInstance } from 'fastify';
import { parseListQuery, parseRef } from '../lib/http/request-input.ts';
import type { SettingsService } from '../site/settings-service.ts';
import type { Urls } from '../site/urls.ts';
import type { ArticleKind, ArticleView } from './article.ts';
import { articleJson } from './article-json.ts';
import type { ArticleService } from './article-service.ts';

/** The public, read-only Content API for articles and pages: published ones only. */
export function registerArticleContentApi(
  app: FastifyInstance,
  { articles, settings, urls }: { articles: ArticleService; settings: SettingsService; urls: Urls },
): void {
  for (const [key, kind] of [
    ['articles', 'article'],
    ['pages', 'page'],
  ] as const satisfies [string, ArticleKind][]) {
    const base = `/${key}`;
    const respond = async (items: ArticleView[]) => {
      const site = await settings.get();
      return {
        [key]: items.map((article) => articleJson(article, { urls, settings: site, isAdmin: false })),
      };
    };

    app.get(base, async (request) => {
      const site = await settings.get();
      const { page, filter } = parseListQuery(request.query, { limit: site.articlesPerPage });
      const result = await articles.list({ kind, statuses: ['published'], filter, page });
      return { ...(await respond(result.articles)), meta: { pagination: result.pagination } };
    });

    const readOne = async (ref: string) =>
      respond([await articles.get({ kind, ref, statuses: ['published'] })]);
    app.get<{ Params: { ref: string } }>(`${base}/:ref`, (request) => readOne(parseRef(request.params.ref)));
    app.get<{ Params: { slug: string } }>(`${base}/slug/:slug`, (request) =>
      readOne(parseRef(request.params.slug, 'slug')),
    );
  }
}
