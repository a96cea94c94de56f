import type { FastifyInstance } from 'fastify';
import { registerArticleRoutes } from '../articles/article-routes.tsx';
import { registerCommentApi } from '../comments/comment-api.ts';
import { registerCommentAssets } from '../comments/comment-assets.ts';
import { registerCommentRoutes } from '../comments/comment-routes.tsx';
import { registerNotificationRoutes } from '../comments/notifications/notification-routes.tsx';
import { registerFeedRoutes } from '../feeds/feed-routes.ts';
import { registerSearchRoutes } from '../search/search-routes.tsx';
import { registerSeoRoutes } from '../seo/sitemap-routes.ts';
import { registerListRoutes } from './list-routes.tsx';
import { registerSiteAssets } from './site-assets.ts';
import type { SiteContext } from './site-context.ts';

/**
 * Every public, reader-facing route. Each feature registers its own pages here; the catch-all
 * article/page route (permalinks follow a setting that can change at run time) comes last.
 */
export async function registerPublicSite(app: FastifyInstance, ctx: SiteContext): Promise<void> {
  await registerSiteAssets(app);
  registerListRoutes(app, ctx);
  registerSeoRoutes(app, ctx);
  registerFeedRoutes(app, ctx);
  registerSearchRoutes(app, ctx);
  await registerNotificationRoutes(app, { ...ctx.notifications, site: ctx });
  registerCommentAssets(app);
  registerCommentRoutes(app, ctx);
  registerCommentApi(app, ctx);
  registerArticleRoutes(app, ctx);
}
