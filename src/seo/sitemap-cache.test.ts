import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createTestApp } from '../../test/helpers/test-app.ts';
import { w3cDateTime } from './sitemap-xml.ts';

const locsOf = (xml: string): string[] => [...xml.matchAll(/<loc>([^<]*)<\/loc>/g)].map((m) => m[1] ?? '');

describe('sitemaps over a site that changes', () => {
  it('should name only the pages sitemap and serve an empty news sitemap when nothing is published', async (t) => {
    const app = await createTestApp();
    t.after(() => app.close());
    const get = (url: string) => app.masthead.app.inject({ method: 'GET', url });

    const index = await get('/sitemap.xml');
    const news = await get('/news-sitemap.xml');
    const pages = await get('/sitemaps/pages.xml');

    assert.deepEqual(locsOf(index.body), ['https://news.example/sitemaps/pages.xml']);
    assert.deepEqual(locsOf(pages.body), ['https://news.example/']);
    assert.equal(news.statusCode, 200);
    assert.match(
      news.body,
      /<urlset xmlns="http:\/\/www\.sitemaps\.org\/schemas\/sitemap\/0\.9">\n<\/urlset>/,
    );
    for (const url of [
      '/sitemaps/articles-1.xml',
      '/sitemaps/tags.xml',
      '/sitemaps/authors.xml',
      '/sitemaps/categories.xml',
    ]) {
      assert.equal((await get(url)).statusCode, 404, url);
    }
  });

  it('should serve the cached sitemaps until an article is published', async (t) => {
    const app = await createTestApp();
    t.after(() => app.close());
    const { services } = app.masthead;
    const get = (url: string) => app.masthead.app.inject({ method: 'GET', url });
    const [draft] = await services.articles.create('article', [
      { title: 'Tide tables', body_html: '<p>Low.</p>' },
    ]);
    assert.ok(draft);
    const first = await get('/sitemap.xml');
    const again = await get('/sitemap.xml');
    const newsBefore = await get('/news-sitemap.xml');

    const published = await services.articles.publish('article', draft.id);
    const after = await get('/sitemap.xml');
    const newsAfter = await get('/news-sitemap.xml');
    const pages = await get('/sitemaps/pages.xml');

    assert.equal(first.headers['x-cache'], 'MISS');
    assert.equal(again.headers['x-cache'], 'HIT');
    assert.equal(again.body, first.body);
    assert.equal(after.headers['x-cache'], 'MISS');
    assert.ok(locsOf(after.body).includes('https://news.example/sitemaps/articles-1.xml'));
    assert.doesNotMatch(newsBefore.body, /tide-tables/);
    assert.match(newsAfter.body, /tide-tables/);
    assert.match(String(after.headers['surrogate-key']), /\bsitemaps\b/);
    const homeLastmod = pages.body.match(/<loc>https:\/\/news\.example\/<\/loc><lastmod>([^<]+)</)?.[1];
    assert.equal(
      homeLastmod,
      w3cDateTime(published.updatedAt),
      'the front page changed with its latest story',
    );
  });

  it("should use the primary section's slug when the permalink pattern has {category}", async (t) => {
    const app = await createTestApp();
    t.after(() => app.close());
    const { services } = app.masthead;
    await services.taxonomy.categories.create({ name: 'Weather' });
    await services.articles.create('article', [
      { title: 'Storm warning', body_html: '<p>Wind.</p>', status: 'published', primary_category: 'weather' },
      { title: 'Unfiled note', body_html: '<p>Hm.</p>', status: 'published' },
    ]);
    const before = await app.masthead.app.inject({ method: 'GET', url: '/sitemaps/articles-1.xml' });

    await services.settings.update({ permalink: '/{category}/{slug}/' });
    const res = await app.masthead.app.inject({ method: 'GET', url: '/sitemaps/articles-1.xml' });

    assert.equal(before.statusCode, 200);
    assert.deepEqual(locsOf(res.body).sort(), [
      'https://news.example/uncategorised/unfiled-note/',
      'https://news.example/weather/storm-warning/',
    ]);
  });
});
