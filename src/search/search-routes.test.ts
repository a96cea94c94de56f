import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTestApp, type TestApp } from '../../test/helpers/test-app.ts';
import type { ArticleCreateInput } from '../articles/article.ts';
import { en } from '../locales/en.ts';

const searchUrl = (q: string, page = 1) =>
  page === 1 ? `/search?q=${encodeURIComponent(q)}` : `/search/page/${page}/?q=${encodeURIComponent(q)}`;

describe('search page', () => {
  let t: TestApp;
  const get = (url: string) =>
    t.masthead.app.inject({ method: 'GET', url, headers: { accept: 'text/html' } });
  const create = async (...inputs: ArticleCreateInput[]) =>
    t.masthead.services.articles.create(
      'article',
      inputs.map((input) => ({ status: 'published' as const, ...input })),
    );

  before(async () => {
    t = await createTestApp();
    await t.masthead.services.taxonomy.categories.createMany([
      { name: 'Harbour Desk', slug: 'harbour-desk' },
    ]);
  });
  after(() => t.close());

  it('should show the kept query, the count and each result with link, date, section and marked snippet when articles match', async () => {
    const [article] = await create({
      title: 'Ferry timetable changes',
      standfirst: 'New times from Monday.',
      body_html: '<p>The morning pellucid ferry leaves earlier.</p>',
      primary_category: 'harbour-desk',
    });

    const res = await get(searchUrl('pellucid'));

    assert.equal(res.statusCode, 200);
    assert.match(res.body, /<meta name="robots" content="noindex"/);
    assert.match(
      res.body,
      /<label for="search-query">[^<]+<\/label><input id="search-query" type="search" name="q" value="pellucid"/,
    );
    assert.match(res.body, /<h1>Results for “pellucid”<\/h1>/);
    assert.match(res.body, /1 article found/);
    assert.ok(article);
    const permalink = t.masthead.urls.permalinkOf(article, await t.masthead.services.settings.get());
    assert.ok(res.body.includes(`<a href="${permalink}">Ferry timetable changes</a>`));
    assert.match(res.body, /<time datetime="\d{4}-\d{2}-\d{2}T[^"]+Z">/);
    assert.ok(res.body.includes('<a href="https://news.example/category/harbour-desk/">Harbour Desk</a>'));
    assert.match(res.body, /The morning <mark>pellucid<\/mark> ferry leaves earlier/);
  });

  it('should show article text as text when the title and body look like HTML', async () => {
    await create({
      title: 'Caught <b>x</b> glimmerfen',
      body_html: '<p>&lt;script&gt;alert(1)&lt;/script&gt; glimmerfen &lt;img src=x onerror=alert(2)&gt;</p>',
    });

    const res = await get(searchUrl('glimmerfen'));

    assert.equal(res.statusCode, 200);
    const main = res.body.slice(res.body.indexOf('<main'));
    assert.ok(main.includes('Caught &lt;b>x&lt;/b> glimmerfen'));
    assert.match(main, /<mark>glimmerfen<\/mark>/);
    assert.doesNotMatch(main, /<script|<img|<b>/);
  });

  it('should answer 200 with a friendly page when the query is empty, absurd or hostile', async () => {
    await create({ title: 'Hostile query control article', body_html: '<p>articles tables drop</p>' });
    const hostile = [
      '',
      '   ',
      'x'.repeat(10_240),
      '!!! ??? ...',
      '"',
      '"unbalanced quote',
      '*',
      'harbour*',
      'NEAR(a b, 2)',
      'a AND OR NOT b',
      '-minus',
      'title:harbour',
      '^start',
      '((( )))',
      "'; DROP TABLE articles; --",
      "1' OR '1'='1",
      '%',
      'ميناء',
      '東京タワー',
      '🎉😀🚢',
      '\u0000\u0001',
      '\uE000marker\uE001',
    ];
    for (const q of hostile) {
      const res = await get(searchUrl(q));
      assert.equal(res.statusCode, 200, `status for ${JSON.stringify(q.slice(0, 40))}`);
      assert.match(res.body, /<h1>/);
      assert.match(res.body, /<form class="search-form" action="\/search"/);
    }
    const articles = await t.masthead.services.articles.list({
      kind: 'article',
      statuses: ['published'],
      page: { page: 1, limit: 1 },
    });
    assert.ok(articles.pagination.total > 0, 'the articles table is still there');
  });

  it('should say what to do when the query is empty, too long or finds nothing', async () => {
    assert.ok((await get('/search')).body.includes(en.search.empty));
    assert.ok((await get(searchUrl(' '))).body.includes(en.search.empty));
    assert.ok((await get(searchUrl('y'.repeat(10_240)))).body.includes(en.search.tooLong));
    assert.match((await get(searchUrl('!!!'))).body, /No articles match “!!!”/);
    assert.match((await get(searchUrl('nonexistentwordqq'))).body, /No articles match “nonexistentwordqq”/);
  });

  it('should answer a page when the query string is malformed or repeated', async () => {
    for (const url of [
      '/search?q=%E0%A4%A',
      '/search?q=%ZZ',
      '/search?q=%ED%A0%80',
      '/search?q=a&q=b',
      '/search?q[x]=1',
    ]) {
      const res = await get(url);
      assert.ok(res.statusCode < 500, `${url} answered ${res.statusCode}`);
    }
  });

  it('should link pages with rel prev and next and answer 404 past the last page when there are many results', async () => {
    const per = (await t.masthead.services.settings.get()).articlesPerPage;
    await create(...Array.from({ length: per + 2 }, (_, i) => ({ title: `Numbered ${i} quorvex` })));

    const first = await get(searchUrl('quorvex'));
    const second = await get(searchUrl('quorvex', 2));

    assert.equal(first.statusCode, 200);
    assert.match(first.body, new RegExp(`${per + 2} articles found`));
    assert.ok(first.body.includes('<link rel="next" href="https://news.example/search/page/2/?q=quorvex"/>'));
    assert.ok(first.body.includes('<a rel="next" href="https://news.example/search/page/2/?q=quorvex">'));
    assert.equal(second.statusCode, 200);
    assert.ok(second.body.includes('<link rel="prev" href="https://news.example/search?q=quorvex"/>'));
    assert.match(second.body, new RegExp(`<ol class="search-results" start="${per + 1}">`));
    const hitsOn = (body: string) => (body.match(/<li><article /g) ?? []).length;
    assert.equal(hitsOn(first.body), per);
    assert.equal(hitsOn(second.body), 2);
    assert.equal((await get(searchUrl('quorvex', 3))).statusCode, 404);
    assert.equal((await get(searchUrl('', 2))).statusCode, 404);
    assert.equal((await get(searchUrl('quorvex', 1).replace('/search', '/search/page/1/'))).statusCode, 404);
    assert.equal((await get('/search/page/two/?q=quorvex')).statusCode, 404);
  });

  it('should serve the page from the cache and drop it when a matching article is published', async () => {
    await create({ title: 'First wistmoor' });
    const url = searchUrl('wistmoor');

    const miss = await get(url);
    const hit = await get(url);
    await create({ title: 'Second wistmoor' });
    const after = await get(url);

    assert.equal(miss.headers['x-cache'], 'MISS');
    assert.equal(hit.headers['x-cache'], 'HIT');
    assert.match(String(hit.headers['surrogate-key']), /\bsearch\b/);
    assert.equal(after.headers['x-cache'], 'MISS');
    assert.match(after.body, /Second wistmoor/);
  });
});
