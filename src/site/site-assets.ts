import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';

const assetsDir = path.join(import.meta.dirname, 'assets');

const css = readFileSync(path.join(assetsDir, 'site.css'), 'utf8');

/**
 * The theme's stylesheet, small enough (8 KB, 2 KB compressed) to travel inside every page: a
 * linked one costs a phone a second round trip before the first paint. `hash` is its CSP source
 * (https://www.w3.org/TR/CSP3/#grammardef-hash-source), so the policy allows this one inline
 * `<style>` and no other.
 */
export const siteStylesheet = {
  css,
  /** The same, encoded once: pages splice these bytes in rather than encode them per request. */
  bytes: Buffer.from(css),
  hash: `'sha256-${createHash('sha256').update(css).digest('base64')}'`,
};

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
