import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';

const assetsDir = path.join(import.meta.dirname, 'assets');

/** Changes whenever the stylesheet does, so it can be cached for a year under `?v=`. */
export const assetsVersion = createHash('sha1')
  .update(readFileSync(path.join(assetsDir, 'site.css')))
  .digest('hex')
  .slice(0, 10);

/** Serves the theme's static files at /assets/ (no third-party requests: everything is here). */
export async function registerSiteAssets(app: FastifyInstance): Promise<void> {
  const { default: fastifyStatic } = await import('@fastify/static');
  await app.register(fastifyStatic, {
    root: assetsDir,
    prefix: '/assets/',
    decorateReply: false,
    immutable: true,
    maxAge: '365d',
    preCompressed: false,
  });
}
