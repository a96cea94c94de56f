import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';
import {
  type ApiClient,
  assertApiError,
  assertStatus,
  createApiClient,
  createFactories,
  daysFromNow,
  type Json,
  uuidPattern,
} from './api-client.ts';

const slugsOf = (items: Json[]): string[] => items.map((item) => item.slug);

/** The published articles of the fixture, newest first (the Content API's order). */
const PUBLISHED = [
  'marathon-route-announced',
  'sport-funding-rises',
  'council-budget-passes',
  'cup-final-tonight',
];

describe('Content API', () => {
  let t: TestApp;
  let content: ApiClient;
  const ids: Record<string, string> = {};

  // One read-only newsroom for the whole file: no test below writes, so every count is known.
  before(async () => {
    t = await createTestApp();
    content = createApiClient(t.masthead.app);
    const make = createFactories(createApiClient(t.masthead.app, t.adminAuth));
    await make.person({ name: 'Ada Writer', bio: 'Sport desk.' });
    await make.person({ name: 'Ben Writer' });
    await make.category({ name: 'Sport' });
    await make.category({ name: 'Football', parent: 'sport' });
    await make.category({ name: 'Politics' });
    const articles = [
      {
        title: 'Cup final tonight',
        primary_category: 'football',
        tags: ['Harbour'],
        authors: ['ada-writer'],
        day: 1,
      },
      {
        title: 'Council budget passes',
        primary_category: 'politics',
        tags: ['Budget', 'Harbour'],
        authors: ['ben-writer'],
        day: 2,
      },
      {
        title: 'Sport funding rises',
        standfirst: 'More money for clubs.',
        primary_category: 'sport',
        tags: ['Budget'],
        authors: ['ada-writer', 'ben-writer'],
        day: 3,
      },
      { title: 'Marathon route announced', primary_category: 'sport', authors: ['ben-writer'], day: 4 },
    ];
    for (const { day, ...fields } of articles) {
      const article = await make.article({
        ...fields,
        status: 'published',
        published_at: `2024-05-0${day}T09:00:00Z`,
      });
      ids[article.slug] = article.id;
    }
    for (const fields of [
      { title: 'Draft only story', tags: ['Harbour'], authors: ['ada-writer'] },
      {
        title: 'Scheduled later story',
        status: 'scheduled',
        published_at: daysFromNow(30),
        authors: ['ada-writer'],
      },
      {
        title: 'Archived story',
        status: 'archived',
        published_at: '2023-01-01T09:00:00Z',
        authors: ['ada-writer'],
      },
    ]) {
      const article = await make.article(fields);
      ids[article.slug] = article.id;
    }
    ids['about-the-paper'] = (await make.page({ title: 'About the paper', status: 'published' })).id;
    ids['hidden-page'] = (await make.page({ title: 'Hidden page' })).id;
  });

  after(() => t.close());

  describe('articles', () => {
    it('should list only published articles, newest first, when no filter is given', async () => {
      const res = await content.get('/api/content/articles');

      assertStatus(res, 200);
      assert.deepEqual(slugsOf(res.body.articles), PUBLISHED);
      assert.deepEqual(res.body.meta.pagination, {
        page: 1,
        limit: 10,
        pages: 1,
        total: 4,
        next: null,
        prev: null,
      });
    });

    it('should answer 404 for draft, scheduled and archived articles when read by id or by slug', async () => {
      for (const slug of ['draft-only-story', 'scheduled-later-story', 'archived-story']) {
        assert.match(ids[slug] ?? '', uuidPattern, `fixture ${slug}`);
        assertApiError(await content.get(`/api/content/articles/${ids[slug]}`), {
          status: 404,
          code: 'ARTICLE_NOT_FOUND',
        });
        assertApiError(await content.get(`/api/content/articles/slug/${slug}`), {
          status: 404,
          code: 'ARTICLE_NOT_FOUND',
        });
        assertApiError(await content.get(`/api/content/articles/${slug}`), {
          status: 404,
          code: 'ARTICLE_NOT_FOUND',
        });
      }
    });

    it('should return a published article when it is read by id and by slug', async () => {
      const byId = await content.get(`/api/content/articles/${ids['cup-final-tonight']}`);
      const bySlug = await content.get('/api/content/articles/slug/cup-final-tonight');

      for (const res of [byId, bySlug]) {
        assertStatus(res, 200);
        assert.equal(res.body.articles.length, 1);
        assert.equal(res.body.articles[0].id, ids['cup-final-tonight']);
      }
    });

    it('should carry the public fields and no newsroom-only ones when an article is shown', async () => {
      const res = await content.get('/api/content/articles/slug/sport-funding-rises');

      assertStatus(res, 200);
      const [article] = res.body.articles;
      assert.match(article.id, uuidPattern);
      assert.equal(article.slug, 'sport-funding-rises');
      assert.equal(article.url, 'https://news.example/2024/05/sport-funding-rises/');
      assert.equal(article.title, 'Sport funding rises');
      assert.equal(article.standfirst, 'More money for clubs.');
      assert.equal(article.language, 'en');
      assert.equal(article.published_at, '2024-05-03T09:00:00.000Z');
      assert.ok(!Number.isNaN(Date.parse(article.updated_at)), 'updated_at is a date');
      assert.deepEqual(slugsOf(article.authors), ['ada-writer', 'ben-writer']);
      assert.equal(article.authors[0].name, 'Ada Writer');
      assert.equal(article.authors[0].url, 'https://news.example/author/ada-writer/');
      assert.equal(article.primary_category.slug, 'sport');
      assert.deepEqual(slugsOf(article.tags), ['budget']);
      assert.equal('status' in article, false, 'status is newsroom-only');
      assert.equal('revision' in article, false, 'revision is newsroom-only');
    });

    it("should include a sub-category's articles when filtering by the parent category", async () => {
      const parent = await content.get('/api/content/articles?category=sport');
      const child = await content.get('/api/content/articles?filter=category:football');
      const other = await content.get('/api/content/articles?filter=category:politics');

      assertStatus(parent, 200);
      assert.deepEqual(slugsOf(parent.body.articles), [
        'marathon-route-announced',
        'sport-funding-rises',
        'cup-final-tonight',
      ]);
      assert.equal(parent.body.meta.pagination.total, 3);
      assert.deepEqual(slugsOf(child.body.articles), ['cup-final-tonight']);
      assert.deepEqual(slugsOf(other.body.articles), ['council-budget-passes']);
    });

    it('should list only published articles with the tag when filtering by tag', async () => {
      const res = await content.get('/api/content/articles?tag=harbour');
      const ghost = await content.get('/api/content/articles?filter=tag:harbour');

      assertStatus(res, 200);
      assert.deepEqual(slugsOf(res.body.articles), ['council-budget-passes', 'cup-final-tonight']);
      assert.deepEqual(slugsOf(ghost.body.articles), ['council-budget-passes', 'cup-final-tonight']);
    });

    it('should list only published articles by the author when filtering by author', async () => {
      const res = await content.get('/api/content/articles?author=ada-writer');

      assertStatus(res, 200);
      assert.deepEqual(slugsOf(res.body.articles), ['sport-funding-rises', 'cup-final-tonight']);
      assert.equal(res.body.meta.pagination.total, 2);
    });

    it('should apply every clause when a Ghost-style filter combines tag and author with +', async () => {
      const budgetByAda = await content.get(
        `/api/content/articles?filter=${encodeURIComponent('tag:budget+author:ada-writer')}`,
      );
      const harbourByBen = await content.get(
        `/api/content/articles?filter=${encodeURIComponent('tag:harbour+author:ben-writer')}`,
      );
      const sportByBen = await content.get(
        `/api/content/articles?filter=${encodeURIComponent('category:sport+author:ben-writer')}`,
      );

      assertStatus(budgetByAda, 200);
      assert.deepEqual(slugsOf(budgetByAda.body.articles), ['sport-funding-rises']);
      assert.deepEqual(slugsOf(harbourByBen.body.articles), ['council-budget-passes']);
      assert.deepEqual(slugsOf(sportByBen.body.articles), [
        'marathon-route-announced',
        'sport-funding-rises',
      ]);
    });

    it('should accept a filter written with a literal + in the URL, as the README writes it', async () => {
      // In a query string a literal `+` reads as a space (WHATWG URL, application/x-www-form-urlencoded),
      // so the server sees "tag:budget author:ada-writer"; README.md documents `filter=category:news+tag:harbour`.
      const res = await content.get('/api/content/articles?filter=tag:budget+author:ada-writer');

      assertStatus(res, 200);
      assert.deepEqual(slugsOf(res.body.articles), ['sport-funding-rises']);
    });

    it('should not silently drop a clause when a filter names two tags', async () => {
      const res = await content.get(
        `/api/content/articles?filter=${encodeURIComponent('tag:budget+tag:harbour')}`,
      );

      // Ghost reads `+` as AND: only the article with both tags matches. Refusing the filter is honest too.
      if (res.status === 200) assert.deepEqual(slugsOf(res.body.articles), ['council-budget-passes']);
      else assertApiError(res, { status: 422, code: 'INVALID_FILTER', field: 'filter' });
    });

    it('should return an empty list when filtering by a tag that does not exist', async () => {
      const res = await content.get('/api/content/articles?tag=no-such-tag');

      assertStatus(res, 200);
      assert.deepEqual(res.body.articles, []);
      assert.equal(res.body.meta.pagination.total, 0);
    });

    it('should refuse with 422 INVALID_FILTER when the filter is not category, tag or author', async () => {
      for (const filter of ['status:draft', 'tag:', 'tag:Bad Slug!', 'nonsense']) {
        const res = await content.get(`/api/content/articles?filter=${encodeURIComponent(filter)}`);
        assertApiError(res, { status: 422, code: 'INVALID_FILTER', field: 'filter' });
      }
    });

    it('should refuse with 422 UNKNOWN_FIELD when a client asks for a status', async () => {
      const res = await content.get('/api/content/articles?status=draft');

      assertApiError(res, { status: 422, code: 'UNKNOWN_FIELD', field: 'status' });
    });

    it('should accept the Ghost key, include and formats parameters when a Ghost client sends them', async () => {
      const res = await content.get(
        '/api/content/articles?key=22444f78447824223cefc48062&include=tags,authors&formats=html',
      );

      assertStatus(res, 200);
      assert.deepEqual(slugsOf(res.body.articles), PUBLISHED);
    });
  });

  describe('pagination', () => {
    it('should split the list into pages with next and prev when a limit is given', async () => {
      const first = await content.get('/api/content/articles?limit=3');
      const second = await content.get('/api/content/articles?limit=3&page=2');

      assertStatus(first, 200);
      assert.deepEqual(slugsOf(first.body.articles), PUBLISHED.slice(0, 3));
      assert.deepEqual(first.body.meta.pagination, {
        page: 1,
        limit: 3,
        pages: 2,
        total: 4,
        next: 2,
        prev: null,
      });
      assertStatus(second, 200);
      assert.deepEqual(slugsOf(second.body.articles), PUBLISHED.slice(3));
      assert.deepEqual(second.body.meta.pagination, {
        page: 2,
        limit: 3,
        pages: 2,
        total: 4,
        next: null,
        prev: 1,
      });
    });

    it('should answer 200 with an empty list when the page is past the end', async () => {
      const res = await content.get('/api/content/articles?limit=3&page=5');

      assertStatus(res, 200);
      assert.deepEqual(res.body.articles, []);
      assert.equal(res.body.meta.pagination.total, 4);
      assert.equal(res.body.meta.pagination.next, null);
    });

    it('should refuse with 422 naming limit when the limit is over 100 or not a whole number', async () => {
      for (const limit of ['101', '0', 'abc', '-1', 'all']) {
        assertApiError(await content.get(`/api/content/articles?limit=${limit}`), {
          status: 422,
          field: 'limit',
        });
      }
      assertStatus(await content.get('/api/content/articles?limit=100'), 200);
    });

    it('should refuse with 422 naming page when the page is zero, not a number or absurdly large', async () => {
      for (const page of ['0', 'abc', '99999999999', '-1', '1.5']) {
        assertApiError(await content.get(`/api/content/articles?page=${page}`), {
          status: 422,
          field: 'page',
        });
      }
      assertApiError(await content.get('/api/content/tags?page=0'), { status: 422, field: 'page' });
    });
  });

  describe('pages', () => {
    it('should list and read only published pages, apart from articles', async () => {
      const list = await content.get('/api/content/pages');
      const page = await content.get('/api/content/pages/slug/about-the-paper');

      assertStatus(list, 200);
      assert.deepEqual(slugsOf(list.body.pages), ['about-the-paper']);
      assertStatus(page, 200);
      assert.equal(page.body.pages[0].url, 'https://news.example/about-the-paper/');
      assert.equal('status' in page.body.pages[0], false);
      assertApiError(await content.get('/api/content/pages/slug/hidden-page'), {
        status: 404,
        code: 'PAGE_NOT_FOUND',
      });
      assertApiError(await content.get(`/api/content/pages/${ids['hidden-page']}`), {
        status: 404,
        code: 'PAGE_NOT_FOUND',
      });
      assertApiError(await content.get('/api/content/pages/slug/cup-final-tonight'), {
        status: 404,
        code: 'PAGE_NOT_FOUND',
      });
      assertApiError(await content.get('/api/content/articles/slug/about-the-paper'), {
        status: 404,
        code: 'ARTICLE_NOT_FOUND',
      });
    });
  });

  describe('categories, tags, authors and settings', () => {
    it('should list categories with their tree and read one by id and by slug', async () => {
      const list = await content.get('/api/content/categories');
      const bySlug = await content.get('/api/content/categories/slug/football');

      assertStatus(list, 200);
      const bySlugInList = new Map(list.body.categories.map((c: Json) => [c.slug, c]));
      assert.deepEqual([...bySlugInList.keys()].sort(), ['football', 'politics', 'sport']);
      const sport = bySlugInList.get('sport') as Json;
      assert.equal((bySlugInList.get('football') as Json).parent_id, sport.id);
      assert.equal(list.body.meta.pagination.total, 3);
      assertStatus(bySlug, 200);
      assert.equal(bySlug.body.categories[0].url, 'https://news.example/category/football/');
      assert.equal(
        (await content.get(`/api/content/categories/${sport.id}`)).body.categories[0].slug,
        'sport',
      );
    });

    it('should list tags and read one by slug', async () => {
      const list = await content.get('/api/content/tags');
      const bySlug = await content.get('/api/content/tags/slug/budget');

      assertStatus(list, 200);
      assert.deepEqual(slugsOf(list.body.tags), ['budget', 'harbour']);
      assertStatus(bySlug, 200);
      assert.equal(bySlug.body.tags[0].name, 'Budget');
      assert.equal(bySlug.body.tags[0].url, 'https://news.example/tag/budget/');
      assertApiError(await content.get('/api/content/tags/slug/no-such-tag'), {
        status: 404,
        code: 'TAG_NOT_FOUND',
      });
    });

    it('should list authors and read one by slug', async () => {
      const list = await content.get('/api/content/authors');
      const bySlug = await content.get('/api/content/authors/slug/ada-writer');

      assertStatus(list, 200);
      assert.deepEqual(slugsOf(list.body.authors), ['ada-writer', 'ben-writer']);
      assertStatus(bySlug, 200);
      assert.equal(bySlug.body.authors[0].name, 'Ada Writer');
      assert.equal(bySlug.body.authors[0].bio, 'Sport desk.');
      assertApiError(await content.get('/api/content/people'), { status: 404, code: 'NOT_FOUND' });
    });

    it('should offer no way to write when the Content API is sent a POST, PATCH or DELETE', async () => {
      const attempts = [
        content.post('/api/content/tags', { tags: [{ name: 'Sneaky' }] }),
        content.post('/api/content/articles', { articles: [{ title: 'Sneaky' }] }),
        content.patch('/api/content/settings', { settings: { title: 'Sneaky' } }),
        content.delete('/api/content/authors/ada-writer'),
      ];

      for (const res of await Promise.all(attempts)) assertApiError(res, { status: 404, code: 'NOT_FOUND' });
      assertStatus(await content.get('/api/content/authors/slug/ada-writer'), 200);
      assertApiError(await content.get('/api/content/tags/slug/sneaky'), {
        status: 404,
        code: 'TAG_NOT_FOUND',
      });
    });

    it('should show the public settings', async () => {
      const res = await content.get('/api/content/settings');

      assertStatus(res, 200);
      assert.equal(res.body.settings.title, 'Masthead');
      assert.equal(res.body.settings.url, 'https://news.example/');
      assert.equal(res.body.settings.articles_per_page, 10);
    });
  });

  describe('errors and headers', () => {
    it('should refuse with 422 naming slug when a slug in /slug/:slug is malformed', async () => {
      for (const key of ['articles', 'pages', 'tags', 'categories', 'authors']) {
        const res = await content.get(`/api/content/${key}/slug/Bad%20Slug!`);
        assertApiError(res, { status: 422, code: 'INVALID_REFERENCE', field: 'slug' });
      }
    });

    it('should answer 404 in JSON when the route does not exist', async () => {
      const res = await content.get('/api/content/nothing-here');

      assertApiError(res, { status: 404, code: 'NOT_FOUND' });
      assert.match(res.body.errors[0].message, /\/api\/content\/nothing-here/);
    });

    it('should allow any origin and need no token when a browser reads the Content API', async () => {
      const res = await content.get('/api/content/articles?limit=1');

      assertStatus(res, 200);
      assert.equal(res.headers['access-control-allow-origin'], '*');
      assert.match(String(res.headers['cache-control']), /public/);
    });
  });
});
