import type { FastifyInstance } from 'fastify';
import { registerSiteAssets } from './site-assets.ts';
import type { SiteContext } from './site-context.ts';

/**
 * Every public, reader-facing route. Each feature registers its own pages here; the catch-all
 * article/page route (permalinks follow a setting that can change at run time) comes last.
 */
export async function registerPublicSite(app: FastifyInstance, _ctx: SiteContext): Promise<void> {
  await registerSiteAssets(app);
}
