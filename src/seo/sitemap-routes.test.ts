import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTestApp, type TestApp } from '../../test/helpers/test-app.ts';
import type { ArticleView } from '../articles/article.ts';
import { buildArticleSitemap, buildNewsSitemap, buildSitemapIndex } from './sitemaps.ts';

const DAY = 24 * 60 * 60 * 1000;
const w3c = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+00:00$/;

const unescapeXml = (text: string): string =>
  text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');
const locsOf = (xml: string): string[] =>
  [...xml.matchAll(/<loc>([^<]*)<\/loc>/g)].map((m) => unescapeXml(m[1] ?? ''));
const entriesOf = (xml: string): string[] =>
  [...xml.matchAll(/<(?:url|sitemap)>.*?<\/(?:url|sitemap)>/g)].map((m) => m[0]);
const textOf = (xml: string, tag: string): string[] =>
  [...xml.matchAll(new RegExp(`<${tag}>([^<]*)</${tag}>`, 'g'))].map((m) => unescapeXml(m[1] ?? ''));

describe('sitemaps and robots.txt', () => {
  let t: TestApp;
  let permalink: (view: ArticleView) => Promise<string>;
  const views: Record<string, ArticleView> = {};
  const get = (url: string) => t.masthead.app.inject({ method: 'GET', url });

  before(async () => {
    t = await createTestApp();
    const { services, urls } = t.masthead;
    permalink = async (view) => urls.permalinkOf(view, await services.settings.get());
    const ada = await services.people.create({ name: 'Ada Reporter' });
    await services.taxonomy.categories.create({ name: 'Science' });
    await services.taxonomy.categories.create({ name: 'Space', parent: 'science' });
    const published = (title: string, daysAgo: number) => ({
      title,
      body_html: `<p>${title}.</p>`,
      status: 'published' as const,
      published_at: new Date(Date.now() - daysAgo * DAY),
      primary_category: 'science',
    });
    const created = await services.articles.create('article', [
      {
        ...published('Probe reaches Europa & sends <first> images', 0),
        primary_category: 'space',
        tags: ['Europa'],
        authors: [ada.slug],
        language: 'fr-CA',
      },
      published('Yesterday briefing', 1),
      published('Launch window report', 3),
      published('Archive one', 30),
      published('Archive two', 20),
      published('Archive three', 10),
      { title: 'Draft story', body_html: '<p>Draft.</p>', status: 'draft' },
      {
        title: 'Scheduled story',
        body_html: '<p>Later.</p>',
        status: 'scheduled',
        published_at: new Date(Date.now() + 2 * DAY),
      },
    ]);
    for (const view of created) views[view.slug] = view;
    const pages = await services.articles.create('page', [
      { title: 'About us', body_html: '<p>Us.</p>', status: 'published', published_at: new Date() },
      { title: 'Secret page', body_html: '<p>Hush.</p>', status: 'draft' },
    ]);
    for (const view of pages) views[view.slug] = view;
  });

  after(() => t.close());

  it('should list every published article with its permalink and a lastmod when /sitemaps/articles-1.xml is requested', async () => {
    const res = await get('/sitemaps/articles-1.xml');

    assert.equal(res.statusCode, 200);
    assert.equal(res.headers['content-type'], 'application/xml; charset=utf-8');
    const expected = await Promise.all(
      [
        'archive-one',
        'archive-two',
        'archive-three',
        'launch-window-report',
        'yesterday-briefing',
        'probe-reaches-europa-sends-first-images',
      ].map((slug) => permalink(views[slug] as ArticleView)),
    );
    assert.deepEqual(locsOf(res.body), expected, 'oldest first');
    for (const entry of entriesOf(res.body)) assert.match(textOf(entry, 'lastmod')[0] ?? '', w3c);
  });

  it('should never list drafts or scheduled articles when any sitemap is requested', async () => {
    const bodies = await Promise.all(
      ['/sitemap.xml', '/sitemaps/articles-1.xml', '/sitemaps/pages.xml', '/news-sitemap.xml'].map(
        async (url) => (await get(url)).body,
      ),
    );

    for (const body of bodies) assert.doesNotMatch(body, /draft-story|scheduled-story|secret-page/);
  });

  it('should list the home page and published pages when /sitemaps/pages.xml is requested', async () => {
    const res = await get('/sitemaps/pages.xml');

    assert.equal(res.statusCode, 200);
    assert.deepEqual(locsOf(res.body), ['https://news.example/', 'https://news.example/about-us/']);
    for (const entry of entriesOf(res.body)) assert.match(textOf(entry, 'lastmod')[0] ?? '', w3c);
  });

  it('should list sections, tags and authors with absolute URLs when their sitemaps are requested', async () => {
    const [categories, tags, authors] = await Promise.all(
      ['categories', 'tags', 'authors'].map((name) => get(`/sitemaps/${name}.xml`)),
    );

    assert.deepEqual(locsOf(categories?.body ?? '').sort(), [
      'https://news.example/category/science/',
      'https://news.example/category/space/',
    ]);
    assert.deepEqual(locsOf(tags?.body ?? ''), ['https://news.example/tag/europa/']);
    assert.deepEqual(locsOf(authors?.body ?? ''), ['https://news.example/author/ada-reporter/']);
    for (const res of [categories, tags, authors]) {
      for (const entry of entriesOf(res?.body ?? '')) assert.match(textOf(entry, 'lastmod')[0] ?? '', w3c);
    }
  });

  it('should name each child sitemap with an absolute URL and a lastmod when /sitemap.xml is requested', async () => {
    const res = await get('/sitemap.xml');

    assert.equal(res.statusCode, 200);
    assert.equal(res.headers['content-type'], 'application/xml; charset=utf-8');
    assert.match(res.body, /<sitemapindex xmlns="http:\/\/www\.sitemaps\.org\/schemas\/sitemap\/0\.9">/);
    assert.deepEqual(
      locsOf(res.body),
      ['articles-1', 'pages', 'categories', 'tags', 'authors'].map(
        (name) => `https://news.example/sitemaps/${name}.xml`,
      ),
    );
    for (const entry of entriesOf(res.body)) assert.match(textOf(entry, 'lastmod')[0] ?? '', w3c);
  });

  it('should split articles into numbered sitemaps that together list each once when the chunk size is small', async () => {
    const { services, urls } = t.masthead;

    const index = await buildSitemapIndex({ services, urls, chunkSize: 4 });
    const files = await Promise.all(
      [1, 2, 3].map((page) => buildArticleSitemap({ services, urls, page, chunkSize: 4 })),
    );

    assert.deepEqual(
      locsOf(index.xml).filter((loc) => loc.includes('/articles-')),
      [1, 2].map((n) => `https://news.example/sitemaps/articles-${n}.xml`),
    );
    assert.deepEqual(
      files.slice(0, 2).map((file) => locsOf(file?.xml ?? '').length),
      [4, 2],
    );
    assert.equal(files[2], undefined, 'past the last page');
    const all = files.flatMap((file) => locsOf(file?.xml ?? ''));
    assert.deepEqual(all, locsOf((await get('/sitemaps/articles-1.xml')).body));
  });

  it('should list only articles from the last 48 hours, newest first, with publication, date and title when /news-sitemap.xml is requested', async () => {
    const res = await get('/news-sitemap.xml');
    const fresh = views['probe-reaches-europa-sends-first-images'] as ArticleView;

    assert.equal(res.statusCode, 200);
    assert.equal(res.headers['content-type'], 'application/xml; charset=utf-8');
    assert.match(res.body, /xmlns:news="http:\/\/www\.google\.com\/schemas\/sitemap-news\/0\.9"/);
    assert.deepEqual(locsOf(res.body), [
      await permalink(fresh),
      await permalink(views['yesterday-briefing'] as ArticleView),
    ]);
    assert.deepEqual(textOf(res.body, 'news:name'), ['Masthead', 'Masthead']);
    assert.deepEqual(textOf(res.body, 'news:language'), ['fr', 'en']);
    assert.deepEqual(textOf(res.body, 'news:title'), [
      'Probe reaches Europa & sends <first> images',
      'Yesterday briefing',
    ]);
    assert.match(res.body, /<news:title>Probe reaches Europa &amp; sends &lt;first&gt; images<\/news:title>/);
    const [date] = textOf(res.body, 'news:publication_date');
    assert.match(date ?? '', w3c);
    assert.equal(
      new Date(date ?? '').getTime(),
      Math.floor((fresh.publishedAt?.getTime() ?? 0) / 1000) * 1000,
    );
  });

  it('should keep the newest articles within 48 hours of now when the news sitemap is built', async () => {
    const { services, urls } = t.masthead;
    const fresh = await permalink(views['probe-reaches-europa-sends-first-images'] as ArticleView);

    const limited = await buildNewsSitemap({ services, urls, now: new Date(), limit: 1 });
    const dayAndHalfLater = await buildNewsSitemap({ services, urls, now: new Date(Date.now() + 1.5 * DAY) });

    assert.deepEqual(locsOf(limited.xml), [fresh]);
    assert.deepEqual(locsOf(dayAndHalfLater.xml), [fresh], "yesterday's briefing has left the window");
  });

  it('should answer 404 when an article sitemap past the last or a malformed number is requested', async () => {
    for (const url of [
      '/sitemaps/articles-99.xml',
      '/sitemaps/articles-0.xml',
      '/sitemaps/articles-01.xml',
      '/sitemaps/articles-x.xml',
    ]) {
      assert.equal((await get(url)).statusCode, 404, url);
    }
  });

  it('should allow crawling and name both sitemaps with absolute URLs when /robots.txt is requested', async () => {
    const res = await get('/robots.txt');

    assert.equal(res.statusCode, 200);
    assert.equal(res.headers['content-type'], 'text/plain; charset=utf-8');
    const lines = res.body.split('\n');
    assert.ok(lines.includes('User-agent: *'));
    assert.ok(lines.includes('Disallow: /api/admin/'));
    assert.ok(!lines.includes('Disallow: /'), 'the site itself stays crawlable');
    assert.ok(lines.includes('Sitemap: https://news.example/sitemap.xml'));
    assert.ok(lines.includes('Sitemap: https://news.example/news-sitemap.xml'));
  });
});
