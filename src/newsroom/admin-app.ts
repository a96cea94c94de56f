import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply } from 'fastify';

/** Where `npm run build` puts the newsroom app (admin/vite.config.ts). */
export const ADMIN_DIST = path.resolve(import.meta.dirname, '..', '..', 'admin', 'dist');

const NOT_BUILT = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Newsroom not built</title></head>
<body><main><h1>The newsroom app is not built</h1><p>Run <code>npm run build</code> (npm start does it) and reload.</p></main></body></html>`;

/**
 * Serves the newsroom's single-page app at `/admin/`: hashed assets cached for a year, and the
 * app's page for every other `/admin/…` path (the app routes in the browser). The page itself is
 * never cached, so a new build is picked up on the next visit.
 *
 * @example
 * await app.register(registerAdminApp, { distDir: ADMIN_DIST });
 */
export async function registerAdminApp(app: FastifyInstance, options: { distDir: string }): Promise<void> {
  const indexFile = path.join(options.distDir, 'index.html');
  const page = existsSync(indexFile) ? readFileSync(indexFile) : null;
  if (page) {
    await app.register(fastifyStatic, {
      root: path.join(options.distDir, 'assets'),
      prefix: '/admin/assets/',
      decorateReply: false,
      wildcard: true,
      maxAge: '365d',
      immutable: true,
      // `npm run build` writes .br and .gz beside each script and stylesheet.
      preCompressed: true,
    });
  }
  const sendPage = async (_request: unknown, reply: FastifyReply) =>
    reply
      .code(page ? 200 : 503)
      .header('Cache-Control', 'no-store')
      .header('X-Robots-Tag', 'noindex, nofollow')
      .type('text/html; charset=utf-8')
      .send(page ?? NOT_BUILT);
  app.get('/admin', sendPage);
  app.get('/admin/*', async (request, reply) => {
    // A missing hashed asset is a 404, not the app's page.
    if (request.url.startsWith('/admin/assets/')) return reply.callNotFound();
    return sendPage(request, reply);
  });
}
