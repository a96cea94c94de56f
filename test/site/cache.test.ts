import assert from 'node:assert/strict';
import { request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, it } from 'node:test';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import type { TestApp } from '../helpers/test-app.ts';
import { articlePath, assertStatus, get, onDay, openSite, type Page, publish } from './site-helpers.ts';

type Ctx = Parameters<typeof openSite>[0];

const xCache = (page: Page) => page.headers['x-cache'];

/** A site with two unrelated sections, one article in each. */
async function twoSections(ctx: Ctx, env: Record<string, string> = {}) {
  const t = await openSite(ctx, env);
  const { categories } = t.masthead.services.taxonomy;
  await categories.create({ name: 'Politics' });
  await categories.create({ name: 'Sport' });
  const vote = await publish(t, {
    title: 'Council vote',
    primary_category: 'politics',
    published_at: onDay(1),
  });
  const match = await publish(t, { title: 'Cup final', primary_category: 'sport', published_at: onDay(2) });
  return { t, vote, match };
}

/** Requests every URL once so the cache holds it, checking each answered 200. */
async function warm(t: TestApp, urls: string[]): Promise<void> {
  for (const url of urls) assertStatus(await get(t, url), 200, url);
}

/** X-Cache of each URL, requested now. */
async function cacheStates(t: TestApp, urls: string[]): Promise<Record<string, unknown>> {
  const states: Record<string, unknown> = {};
  for (const url of urls) states[url] = xCache(await get(t, url));
  return states;
}

describe('Page cache: responses', () => {
  it('should answer a HIT with the same body and ETag when a page is requested twice', async (ctx) => {
    const { t, vote } = await twoSections(ctx);
    const url = articlePath(vote);

    const first = await get(t, url);
    const second = await get(t, url);

    assert.equal(xCache(first), 'MISS');
    assert.equal(xCache(second), 'HIT');
    assert.equal(second.text, first.text);
    assert.equal(second.headers.etag, first.headers.etag);
  });

  it('should answer 304 with no body when If-None-Match carries the ETag', async (ctx) => {
    const { t } = await twoSections(ctx);
    const first = await get(t, '/');
    const etag = String(first.headers.etag);
    assert.match(etag, /^"[^"]+"$/);

    const fresh = await get(t, '/', { 'if-none-match': etag });
    const weak = await get(t, '/', { 'if-none-match': `"other", W/${etag}` });
    const stale = await get(t, '/', { 'if-none-match': '"something-else"' });

    assert.equal(fresh.status, 304);
    assert.equal(fresh.raw.length, 0);
    assert.equal(fresh.headers.etag, etag);
    assert.equal(weak.status, 304);
    assertStatus(stale, 200);
    assert.equal(stale.text, first.text);
  });

  it('should send brotli, gzip or identity bodies of the same HTML when Accept-Encoding asks for them', async (ctx) => {
    const { t } = await twoSections(ctx);
    const plain = await get(t, '/');

    const br = await get(t, '/', { 'accept-encoding': 'gzip, deflate, br' });
    const gzip = await get(t, '/', { 'accept-encoding': 'gzip' });
    const refused = await get(t, '/', { 'accept-encoding': 'br;q=0, gzip;q=0' });

    assert.equal(plain.headers['content-encoding'], undefined);
    assert.match(plain.text, /^<!doctype html>/i);
    assert.equal(br.headers['content-encoding'], 'br');
    assert.equal(brotliDecompressSync(br.raw).toString('utf8'), plain.text);
    assert.equal(gzip.headers['content-encoding'], 'gzip');
    assert.equal(gunzipSync(gzip.raw).toString('utf8'), plain.text);
    assert.equal(refused.headers['content-encoding'], undefined);
    assert.equal(refused.text, plain.text);
    assert.match(String(br.headers.vary), /accept-encoding/i);
  });

  it('should allow shared caches with s-maxage and stale-while-revalidate when a page is sent', async (ctx) => {
    const { t, vote } = await twoSections(ctx);

    for (const url of ['/', articlePath(vote), '/category/politics/']) {
      const cacheControl = String((await get(t, url)).headers['cache-control']);
      assert.match(cacheControl, /\bpublic\b/, url);
      assert.match(cacheControl, /\bs-maxage=\d+/, url);
      assert.match(cacheControl, /\bstale-while-revalidate=\d+/, url);
    }
  });

  it('should answer MISS to every request when PAGE_CACHE is off', async (ctx) => {
    const { t, vote } = await twoSections(ctx, { PAGE_CACHE: 'off' });

    for (const url of [
      '/',
      '/',
      articlePath(vote),
      articlePath(vote),
      '/category/sport/',
      '/category/sport/',
    ])
      assert.equal(xCache(await get(t, url)), 'MISS', url);
  });
});

describe('Page cache: invalidation', () => {
  it("should re-render the article and home but keep an unrelated section's page when an article's title is edited", async (ctx) => {
    const { t, vote } = await twoSections(ctx);
    const url = articlePath(vote);
    await warm(t, [url, '/', '/category/sport/', '/category/politics/']);

    await t.masthead.services.articles.update('article', vote.id, { title: 'Council vote postponed' });
    const article = await get(t, url);
    const home = await get(t, '/');

    assert.equal(xCache(article), 'MISS');
    assert.ok(article.text.includes('Council vote postponed'));
    assert.equal(xCache(home), 'MISS');
    assert.ok(home.text.includes('Council vote postponed'));
    assert.deepEqual(await cacheStates(t, ['/category/sport/', '/category/politics/']), {
      '/category/sport/': 'HIT',
      '/category/politics/': 'MISS',
    });
  });

  it("should drop section A's pages but not section B's when an article is published in section A", async (ctx) => {
    const { t, match } = await twoSections(ctx);
    await warm(t, ['/category/politics/', '/category/sport/', articlePath(match)]);

    await publish(t, { title: 'Budget passed', primary_category: 'politics', published_at: onDay(3) });
    const politics = await get(t, '/category/politics/');

    assert.equal(xCache(politics), 'MISS');
    assert.ok(politics.text.includes('Budget passed'));
    assert.deepEqual(await cacheStates(t, ['/category/sport/']), { '/category/sport/': 'HIT' });
  });

  it('should drop every page when a setting changes', async (ctx) => {
    const { t, vote } = await twoSections(ctx);
    const urls = ['/', articlePath(vote), '/category/sport/'];
    await warm(t, urls);

    await t.masthead.services.settings.update({ title: 'The Harbour Times' });

    for (const url of urls) {
      const page = await get(t, url);
      assert.equal(xCache(page), 'MISS', url);
      assert.ok(page.text.includes('The Harbour Times'), url);
    }
  });

  it('should answer 404 when a cached article is unpublished', async (ctx) => {
    const { t, vote } = await twoSections(ctx);
    await warm(t, [articlePath(vote)]);

    await t.masthead.services.articles.unpublish('article', vote.id);

    assertStatus(await get(t, articlePath(vote)), 404);
  });

  it('should serve an article at a URL that answered 404 before it was published', async (ctx) => {
    const { t } = await twoSections(ctx);
    assertStatus(await get(t, '/2025/01/late-news/'), 404);

    await publish(t, { title: 'Late news', published_at: onDay(5) });

    assertStatus(await get(t, '/2025/01/late-news/'), 200);
  });

  it('should serve a new article at an old slug that redirected when the slug is taken again', async (ctx) => {
    const { t, vote } = await twoSections(ctx);
    await t.masthead.services.articles.update('article', vote.id, { slug: 'council-vote-delayed' });
    const moved = await get(t, articlePath(vote));
    assertStatus(moved, 301);

    await publish(t, { title: 'Council vote', published_at: onDay(1, 18) });
    const page = await get(t, articlePath(vote));

    assertStatus(page, 200, articlePath(vote));
    assert.ok(page.text.includes('<h1>Council vote</h1>'));
  });

  it('should stop redirecting an old slug when the article it led to is unpublished', async (ctx) => {
    const { t, vote } = await twoSections(ctx);
    await t.masthead.services.articles.update('article', vote.id, { slug: 'council-vote-delayed' });
    assertStatus(await get(t, articlePath(vote)), 301);

    await t.masthead.services.articles.unpublish('article', vote.id);

    assertStatus(await get(t, articlePath(vote)), 404);
  });
});

type Answer = { status: number; headers: Record<string, string | string[] | undefined>; body: string };

/** A request over the listening socket, as a browser or a CDN makes it (app.inject skips the server). */
function overSocket(
  t: TestApp,
  path: string,
  options: { method?: string; headers?: Record<string, string> } = {},
): Promise<Answer> {
  const { port } = t.masthead.app.server.address() as AddressInfo;
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      { host: '127.0.0.1', port, path, method: options.method ?? 'GET', headers: options.headers ?? {} },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          body += chunk;
        });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      },
    );
    req.on('error', reject);
    req.end();
  });
}

/** Headers of the page, without those of the one response (its date, the connection, X-Cache). */
const pageHeadersOf = (answer: Answer) => {
  const { date: _d, connection: _c, 'keep-alive': _k, 'x-cache': _x, ...rest } = answer.headers;
  return rest;
};

describe('Page cache: over a listening socket', () => {
  async function listening(ctx: Ctx) {
    const sections = await twoSections(ctx);
    await sections.t.masthead.app.listen({ host: '127.0.0.1', port: 0 });
    return sections;
  }

  it('should answer a HIT with the body and every header of the MISS when an article is requested twice', async (ctx) => {
    const { t, vote } = await listening(ctx);

    const miss = await overSocket(t, articlePath(vote));
    const hit = await overSocket(t, articlePath(vote));

    assert.equal(miss.headers['x-cache'], 'MISS');
    assert.equal(hit.headers['x-cache'], 'HIT');
    assert.equal(hit.body, miss.body);
    assert.deepEqual(pageHeadersOf(hit), pageHeadersOf(miss));
    assert.ok(hit.headers['content-security-policy']);
    assert.ok(hit.headers['surrogate-key']);
  });

  it('should answer 304 to If-None-Match and HEAD without a body when the page is cached', async (ctx) => {
    const { t } = await listening(ctx);
    const miss = await overSocket(t, '/');

    const fresh = await overSocket(t, '/', { headers: { 'if-none-match': String(miss.headers.etag) } });
    const head = await overSocket(t, '/', { method: 'HEAD' });

    assert.equal(fresh.status, 304);
    assert.equal(fresh.body, '');
    assert.equal(fresh.headers.etag, miss.headers.etag);
    assert.equal(head.status, 200);
    assert.equal(head.body, '');
    assert.equal(head.headers['x-cache'], 'HIT');
    assert.deepEqual(pageHeadersOf(head), pageHeadersOf(miss));
  });

  it('should send the edited article, not the stored one, when an article changes after its page was cached', async (ctx) => {
    const { t, vote } = await listening(ctx);
    await overSocket(t, articlePath(vote));
    await overSocket(t, articlePath(vote));

    await t.masthead.services.articles.update('article', vote.id, { title: 'Council vote postponed' });
    const after = await overSocket(t, articlePath(vote));

    assert.equal(after.headers['x-cache'], 'MISS');
    assert.ok(after.body.includes('Council vote postponed'));
  });

  it('should send a cached 301 with its Location when an old slug is requested again', async (ctx) => {
    const { t, vote } = await listening(ctx);
    await t.masthead.services.articles.update('article', vote.id, { slug: 'council-vote-delayed' });
    const first = await overSocket(t, articlePath(vote));

    const second = await overSocket(t, articlePath(vote));

    assert.equal(second.status, 301);
    assert.equal(second.headers['x-cache'], 'HIT');
    assert.equal(second.headers.location, first.headers.location);
    assert.deepEqual(pageHeadersOf(second), pageHeadersOf(first));
  });
});
