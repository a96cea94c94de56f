import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTestApp, type TestApp } from '../../test/helpers/test-app.ts';
import type { ArticleCreateInput } from '../articles/article.ts';

describe('search service on the database', () => {
  let t: TestApp;
  // Each test uses its own made-up words, so that articles from other tests never match.
  const create = async (input: ArticleCreateInput, kind: 'article' | 'page' = 'article') => {
    const [article] = await t.masthead.services.articles.create(kind, [{ status: 'published', ...input }]);
    assert.ok(article);
    return article;
  };
  const titlesFor = async (query: string): Promise<string[]> => {
    const result = await t.masthead.services.search.search({ query, page: 1, limit: 20 });
    assert.equal(result.kind, 'results');
    return result.kind === 'results' ? result.hits.map((hit) => hit.title) : [];
  };

  before(async () => {
    t = await createTestApp();
  });
  after(() => t.close());

  it('should rank a title match above a standfirst match above a body-only match when each has the word once', async () => {
    await create({ title: 'Body only', body_html: '<p>The zorblax report came out today.</p>' });
    await create({ title: 'Standfirst only', standfirst: 'A zorblax update', body_html: '<p>Text.</p>' });
    await create({ title: 'The zorblax inquiry', body_html: '<p>Nothing else here.</p>' });

    assert.deepEqual(await titlesFor('zorblax'), ['The zorblax inquiry', 'Standfirst only', 'Body only']);
  });

  it('should find words whatever their diacritics when either the query or the article has them', async () => {
    await create({ title: 'Café quillon in Zürich', body_html: '<p>Crème brûlée.</p>' });
    await create({ title: 'Plain cafe quillon', body_html: '<p>Zurich notes.</p>' });

    assert.deepEqual((await titlesFor('cafe quillon')).sort(), [
      'Café quillon in Zürich',
      'Plain cafe quillon',
    ]);
    assert.deepEqual((await titlesFor('CAFÉ QUILLON')).sort(), [
      'Café quillon in Zürich',
      'Plain cafe quillon',
    ]);
    assert.deepEqual((await titlesFor('Zürich quillon')).sort(), [
      'Café quillon in Zürich',
      'Plain cafe quillon',
    ]);
    assert.deepEqual(await titlesFor('creme brulee'), ['Café quillon in Zürich']);
  });

  it('should never find drafts, scheduled or archived articles or pages when they hold the word', async () => {
    await create({ title: 'Draft wimbrel', status: 'draft' });
    await create({
      title: 'Scheduled wimbrel',
      status: 'scheduled',
      published_at: new Date(Date.now() + 86_400_000),
    });
    await create({ title: 'Archived wimbrel', status: 'archived' });
    await create({ title: 'Page wimbrel' }, 'page');
    await create({ title: 'Published wimbrel' });

    assert.deepEqual(await titlesFor('wimbrel'), ['Published wimbrel']);
  });

  it('should follow edits, unpublishing, republishing and deletion when the article changes', async () => {
    const article = await create({ title: 'Old quazzle title', body_html: '<p>first drumlin text</p>' });
    const { articles } = t.masthead.services;

    await articles.update('article', article.id, {
      title: 'New frobnic title',
      body_html: '<p>second text</p>',
    });
    assert.deepEqual(await titlesFor('quazzle'), []);
    assert.deepEqual(await titlesFor('drumlin'), []);
    assert.deepEqual(await titlesFor('frobnic'), ['New frobnic title']);

    await articles.unpublish('article', article.id);
    assert.deepEqual(await titlesFor('frobnic'), []);
    await articles.publish('article', article.id);
    assert.deepEqual(await titlesFor('frobnic'), ['New frobnic title']);

    await articles.remove('article', article.id);
    assert.deepEqual(await titlesFor('frobnic'), []);
  });

  it('should find Arabic words with or without vowel marks when the article is in Arabic', async () => {
    await create({
      title: 'افتتاح الميناء الجديد في المدينة',
      body_html: '<p>كتب المراسل تقريرا عن السفن.</p>',
      language: 'ar',
    });

    assert.deepEqual(await titlesFor('الميناء'), ['افتتاح الميناء الجديد في المدينة']);
    assert.deepEqual(await titlesFor('كَتَبَ المراسل'), ['افتتاح الميناء الجديد في المدينة']);
  });

  // Neither FTS5's unicode61 tokenizer nor PostgreSQL's parser segments Japanese: a run of text
  // without spaces is one word, so a query finds it when it equals a whole space-delimited run.
  it('should find Japanese text when the query is a whole space-delimited run and not when it is part of one', async () => {
    await create({ title: '東京湾 フェリー 再開', body_html: '<p>横浜港の新しい航路。</p>' });

    assert.deepEqual(await titlesFor('フェリー'), ['東京湾 フェリー 再開']);
    assert.deepEqual(await titlesFor('東京湾 再開'), ['東京湾 フェリー 再開']);
    assert.deepEqual(await titlesFor('東京'), []);
  });

  it('should mark matches in the snippet and escape the article text when it looks like HTML', async () => {
    await create({
      title: 'Snippet <b>gruntle</b> test',
      body_html: '<p>Before &lt;script&gt;gruntle(1)&lt;/script&gt; after.</p>',
    });

    const result = await t.masthead.services.search.search({ query: 'gruntle', page: 1, limit: 10 });
    assert.equal(result.kind, 'results');
    const [hit] = result.kind === 'results' ? result.hits : [];
    assert.equal(hit?.title, 'Snippet <b>gruntle</b> test');
    assert.match(hit?.snippetHtml ?? '', /<mark>gruntle<\/mark>/);
    assert.doesNotMatch(hit?.snippetHtml ?? '', /<script|<b>/);
  });

  it('should say how many match and page through them when there are more than one page', async () => {
    for (let i = 0; i < 5; i += 1) await create({ title: `Splendor ${i} vortigan` });
    const { search } = t.masthead.services;

    const first = await search.search({ query: 'vortigan', page: 1, limit: 2 });
    const last = await search.search({ query: 'vortigan', page: 3, limit: 2 });

    assert.equal(first.kind === 'results' && first.pagination.total, 5);
    assert.equal(first.kind === 'results' && first.pagination.pages, 3);
    assert.equal(last.kind === 'results' && last.hits.length, 1);
    await assert.rejects(search.search({ query: 'vortigan', page: 4, limit: 2 }), { status: 404 });
  });
});
