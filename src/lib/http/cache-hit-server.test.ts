import assert from 'node:assert/strict';
import { request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, it, type TestContext } from 'node:test';
import { brotliDecompressSync } from 'node:zlib';
import fastifyHelmet from '@fastify/helmet';
import Fastify, { type FastifyInstance } from 'fastify';
import pino from 'pino';
import { cacheHitServerFactory } from './cache-hit-server.ts';
import { registerCachedGet } from './cached-routes.ts';
import { createPageCache, type PageCache } from './page-cache.ts';

type Answer = {
  status: number;
  headers: Record<string, string | string[] | number | undefined>;
  body: Buffer;
};

/** One request over a real socket, with exactly the headers given (no Accept-Encoding of its own). */
function send(
  port: number,
  path: string,
  options: { method?: string; headers?: Record<string, string> } = {},
) {
  return new Promise<Answer>((resolve, reject) => {
    const req = httpRequest(
      { host: '127.0.0.1', port, path, method: options.method ?? 'GET', headers: options.headers ?? {} },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }),
        );
      },
    );
    req.on('error', reject);
    req.end();
  });
}

/** The headers that describe the page, not this one response. */
const pageHeaders = (answer: Answer) => {
  const { date: _date, connection: _connection, 'keep-alive': _keepAlive, ...rest } = answer.headers;
  return rest;
};

type Site = {
  app: FastifyInstance;
  cache: PageCache;
  port: number;
  routed: () => number;
  renders: () => number;
};

/**
 * A Fastify app as Masthead builds it (helmet, the cache-hit server) with two cached pages, counting
 * the requests that reach Fastify's hooks and the renders.
 */
async function openSite(t: TestContext, options: { setsCookie?: boolean } = {}): Promise<Site> {
  const cache = createPageCache({ isEnabled: true, maxEntries: 100 });
  const app = Fastify({ serverFactory: cacheHitServerFactory({ cache, logger: pino({ level: 'silent' }) }) });
  let routed = 0;
  let renders = 0;
  app.addHook('onRequest', async () => {
    routed += 1;
  });
  if (options.setsCookie)
    app.addHook('onSend', async (_request, reply) => {
      reply.header('Set-Cookie', 'reader=1; HttpOnly');
    });
  await app.register(fastifyHelmet);
  registerCachedGet(app, cache, '/story/', async () => {
    renders += 1;
    return {
      body: `<p>Story, render ${renders}</p>`,
      contentType: 'text/html; charset=utf-8',
      keys: ['story'],
    };
  });
  registerCachedGet<Record<string, string>, { q?: string }>(
    app,
    cache,
    '/find',
    async (request) => ({
      body: `<p>Found ${request.query.q ?? 'nothing'}</p>`,
      contentType: 'text/html; charset=utf-8',
      keys: ['search'],
    }),
    { queryKeys: ['q'] },
  );
  await app.listen({ host: '127.0.0.1', port: 0 });
  t.after(() => app.close());
  return {
    app,
    cache,
    port: (app.server.address() as AddressInfo).port,
    routed: () => routed,
    renders: () => renders,
  };
}

describe('Cache-hit server', () => {
  it('should answer a hit without reaching Fastify and with the headers of the response that stored the page', async (t) => {
    const site = await openSite(t);

    const miss = await send(site.port, '/story/');
    const hit = await send(site.port, '/story/');

    assert.equal(miss.headers['x-cache'], 'MISS');
    assert.equal(hit.headers['x-cache'], 'HIT');
    assert.equal(site.routed(), 1);
    assert.equal(site.renders(), 1);
    assert.deepEqual(hit.body, miss.body);
    assert.deepEqual({ ...pageHeaders(hit), 'x-cache': 'MISS' }, pageHeaders(miss));
    assert.match(String(hit.headers['content-security-policy']), /default-src 'self'/);
  });

  it('should answer 304 with the page headers but no body when If-None-Match carries the ETag', async (t) => {
    const site = await openSite(t);
    const miss = await send(site.port, '/story/');

    const fresh = await send(site.port, '/story/', {
      headers: { 'if-none-match': String(miss.headers.etag) },
    });
    const routed = site.routed();
    const viaFastify = await site.app.inject({
      url: '/story/',
      headers: { 'if-none-match': String(miss.headers.etag) },
    });

    assert.equal(fresh.status, 304);
    assert.equal(fresh.body.length, 0);
    assert.equal(fresh.headers.etag, miss.headers.etag);
    assert.equal(routed, 1);
    assert.equal(viaFastify.statusCode, 304);
    assert.deepEqual(
      pageHeaders(fresh),
      pageHeaders({ status: 304, headers: viaFastify.headers, body: Buffer.alloc(0) }),
    );
  });

  it('should answer HEAD with the headers of GET and no body when the page is stored', async (t) => {
    const site = await openSite(t);
    await send(site.port, '/story/');
    const get = await send(site.port, '/story/');

    const head = await send(site.port, '/story/', { method: 'HEAD' });

    assert.equal(head.status, 200);
    assert.equal(head.body.length, 0);
    assert.deepEqual(pageHeaders(head), pageHeaders(get));
  });

  it('should send the stored brotli body with its own length when the client accepts brotli', async (t) => {
    const site = await openSite(t);
    const plain = await send(site.port, '/story/');

    const br = await send(site.port, '/story/', { headers: { 'accept-encoding': 'gzip, br' } });

    assert.equal(br.headers['content-encoding'], 'br');
    assert.equal(Number(br.headers['content-length']), br.body.length);
    assert.deepEqual(brotliDecompressSync(br.body), plain.body);
    assert.equal(site.routed(), 1);
  });

  it('should render again through Fastify when the page was dropped', async (t) => {
    const site = await openSite(t);
    await send(site.port, '/story/');

    site.cache.invalidate(['story']);
    const after = await send(site.port, '/story/');

    assert.equal(after.headers['x-cache'], 'MISS');
    assert.equal(after.body.toString(), '<p>Story, render 2</p>');
    assert.equal(site.routed(), 2);
  });

  it('should key a page by the query parameters its route reads and ignore the others', async (t) => {
    const site = await openSite(t);
    await send(site.port, '/find');
    await send(site.port, '/find?q=tide');

    const tracked = await send(site.port, '/find?q=tide&utm_source=mail');
    const bare = await send(site.port, '/find?utm_source=mail');

    assert.equal(tracked.body.toString(), '<p>Found tide</p>');
    assert.equal(tracked.headers['x-cache'], 'HIT');
    assert.equal(bare.body.toString(), '<p>Found nothing</p>');
    assert.equal(site.routed(), 2);
  });

  it('should leave hits to Fastify when a response sets a cookie, so no reader gets another one', async (t) => {
    const site = await openSite(t, { setsCookie: true });
    await send(site.port, '/story/');

    const hit = await send(site.port, '/story/');

    assert.equal(hit.headers['x-cache'], 'HIT');
    assert.equal(site.routed(), 2);
    assert.equal(site.renders(), 1);
  });
});
