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
  defaultPermalink,
  type Json,
  uuidPattern,
} from './api-client.ts';

const slugsOf = (items: Json[]): string[] => items.map((item) => item.slug);

describe('Admin API: articles and pages', () => {
  let t: TestApp;
  let admin: ApiClient;
  let content: ApiClient;
  let make: ReturnType<typeof createFactories>;

  before(async () => {
    t = await createTestApp();
    admin = createApiClient(t.masthead.app, t.adminAuth);
    content = createApiClient(t.masthead.app);
    make = createFactories(admin);
    // Bylines and a section that the articles below point at; no test changes or removes them.
    await make.person({ name: 'Ada Byline' });
    await make.person({ name: 'Ben Byline' });
    await make.category({ name: 'Harbour News' });
  });

  after(() => t.close());

  describe('creating', () => {
    it('should return the id, slug, permalink, byline in order, primary category and new tags when one article is posted', async () => {
      const res = await admin.post('/api/admin/articles', {
        articles: [
          {
            title: 'Harbour bridge vote delayed',
            standfirst: 'The council postponed the vote.',
            authors: ['ben-byline', 'ada-byline'],
            primary_category: 'harbour-news',
            tags: ['Bridge Works', 'Council Meetings'],
          },
        ],
      });

      assertStatus(res, 201);
      assert.equal(res.body.articles.length, 1);
      const [article] = res.body.articles;
      assert.match(article.id, uuidPattern);
      assert.equal(article.slug, 'harbour-bridge-vote-delayed');
      assert.match(article.url, /^https:\/\/news\.example\/\d{4}\/\d{2}\/harbour-bridge-vote-delayed\/$/);
      assert.equal(article.url, defaultPermalink(article));
      assert.equal(article.status, 'draft');
      assert.equal(article.standfirst, 'The council postponed the vote.');
      assert.deepEqual(slugsOf(article.authors), ['ben-byline', 'ada-byline']);
      assert.equal(article.primary_category.slug, 'harbour-news');
      assert.deepEqual(slugsOf(article.categories), ['harbour-news']);
      assert.deepEqual(
        article.tags.map((tag: Json) => [tag.name, tag.slug]),
        [
          ['Bridge Works', 'bridge-works'],
          ['Council Meetings', 'council-meetings'],
        ],
      );

      const stored = await admin.get(`/api/admin/articles/${article.id}`);
      assertStatus(stored, 200);
      assert.deepEqual(slugsOf(stored.body.articles[0].authors), ['ben-byline', 'ada-byline']);
      const tag = await admin.get('/api/admin/tags/slug/bridge-works');
      assertStatus(tag, 200);
      assert.equal(tag.body.tags[0].name, 'Bridge Works');
    });

    it('should create every article of a batch in the order given when two are posted at once', async () => {
      const res = await admin.post('/api/admin/articles', {
        articles: [{ title: 'Batch first story' }, { title: 'Batch second story', status: 'published' }],
      });

      assertStatus(res, 201);
      assert.deepEqual(slugsOf(res.body.articles), ['batch-first-story', 'batch-second-story']);
      assert.deepEqual(
        res.body.articles.map((a: Json) => a.status),
        ['draft', 'published'],
      );
      for (const slug of ['batch-first-story', 'batch-second-story']) {
        assertStatus(await admin.get(`/api/admin/articles/${slug}`), 200);
      }
    });

    it('should accept Ghost-style objects for authors, tags and the primary category when they are posted', async () => {
      const article = await make.article({
        title: 'Objects in the byline',
        authors: [{ slug: 'ada-byline' }],
        tags: [{ name: 'Object Tag' }],
        primary_category: { slug: 'harbour-news' },
      });

      assert.deepEqual(slugsOf(article.authors), ['ada-byline']);
      assert.deepEqual(slugsOf(article.tags), ['object-tag']);
      assert.equal(article.primary_category.slug, 'harbour-news');
    });

    it('should derive the slug from the title and append "-2" when the same title is posted again', async () => {
      const first = await make.article({ title: 'Tides & Times: Record High!' });
      const second = await make.article({ title: 'Tides & Times: Record High!' });

      assert.equal(first.slug, 'tides-times-record-high');
      assert.equal(second.slug, 'tides-times-record-high-2');
      assert.notEqual(first.id, second.id);
    });

    it('should refuse with 409 SLUG_TAKEN when an explicit slug is already used', async () => {
      await make.article({ title: 'Original owner', slug: 'taken-slug' });
      const other = await make.article({ title: 'Would-be owner' });

      const onCreate = await admin.post('/api/admin/articles', {
        articles: [{ title: 'Copycat', slug: 'taken-slug' }],
      });
      const onUpdate = await admin.patch(`/api/admin/articles/${other.id}`, {
        articles: [{ slug: 'taken-slug' }],
      });

      assertApiError(onCreate, { status: 409, code: 'SLUG_TAKEN', field: 'slug' });
      assertApiError(onUpdate, { status: 409, code: 'SLUG_TAKEN', field: 'slug' });
      assertStatus(await admin.get('/api/admin/articles/copycat'), 404);
      assert.equal(
        (await admin.get(`/api/admin/articles/${other.id}`)).body.articles[0].slug,
        'would-be-owner',
      );
    });

    it('should refuse with 422 UNKNOWN_CATEGORY when the primary category does not exist', async () => {
      const res = await admin.post('/api/admin/articles', {
        articles: [{ title: 'Nowhere to file', primary_category: 'no-such-section' }],
      });

      assertApiError(res, { status: 422, code: 'UNKNOWN_CATEGORY', field: 'primary_category' });
    });

    it('should write nothing, not even new tags, when one article of a batch names an unknown author', async () => {
      const res = await admin.post('/api/admin/articles', {
        articles: [
          { title: 'Batch survivor probe', tags: ['Orphan Tag Probe'] },
          { title: 'Batch failure probe', authors: ['no-such-author'] },
        ],
      });

      assertApiError(res, { status: 422, code: 'UNKNOWN_AUTHOR', field: /(^|\.)authors\[0\]$/ });
      assertApiError(await admin.get('/api/admin/articles/batch-survivor-probe'), {
        status: 404,
        code: 'ARTICLE_NOT_FOUND',
      });
      assertApiError(await admin.get('/api/admin/articles/batch-failure-probe'), {
        status: 404,
        code: 'ARTICLE_NOT_FOUND',
      });
      assertApiError(await admin.get('/api/admin/tags/slug/orphan-tag-probe'), {
        status: 404,
        code: 'TAG_NOT_FOUND',
      });
    });

    it('should sanitise body_html when an article is saved with a script, a javascript: link and event handlers', async () => {
      const dirty =
        '<p onclick="steal()">Hello <script>alert(1)</script><a href="javascript:alert(2)">link</a>' +
        '<img src="https://news.example/a.png" onerror="bad()" alt="a"></p><h2 onmouseover="x()">Heading</h2>';

      const created = await make.article({ title: 'Sanitised on the way in', body_html: dirty });
      const stored = (await admin.get(`/api/admin/articles/${created.id}`)).body.articles[0];

      for (const html of [created.body_html, stored.body_html]) {
        assert.doesNotMatch(html, /<script/i);
        assert.doesNotMatch(html, /alert\(1\)/);
        assert.doesNotMatch(html, /javascript:/i);
        assert.doesNotMatch(html, /\son[a-z]+\s*=/i);
        assert.match(
          html,
          /<p>Hello <a>link<\/a><img src="https:\/\/news\.example\/a\.png" alt="a" \/><\/p>/,
        );
        assert.match(html, /<h2>Heading<\/h2>/);
      }
    });
  });

  describe('reading and listing', () => {
    it('should return the same article when it is read by id and by slug', async () => {
      const created = await make.article({ title: 'Read me both ways' });

      const byId = await admin.get(`/api/admin/articles/${created.id}`);
      const bySlug = await admin.get('/api/admin/articles/read-me-both-ways');
      const byUpperCaseSlug = await admin.get('/api/admin/articles/Read-Me-Both-Ways');

      for (const res of [byId, bySlug, byUpperCaseSlug]) {
        assertStatus(res, 200);
        assert.equal(res.body.articles.length, 1);
        assert.equal(res.body.articles[0].id, created.id);
        assert.equal(res.body.articles[0].title, 'Read me both ways');
      }
    });

    it('should list only the requested statuses with pagination meta when status, tag and limit are given', async () => {
      await make.article({ title: 'Status probe draft', tags: ['Status Probe'] });
      await make.article({ title: 'Status probe live one', tags: ['Status Probe'], status: 'published' });
      await make.article({ title: 'Status probe live two', tags: ['Status Probe'], status: 'published' });

      const published = await admin.get('/api/admin/articles?status=published&tag=status-probe');
      const both = await admin.get('/api/admin/articles?status=draft,published&tag=status-probe&limit=2');
      const secondPage = await admin.get(
        '/api/admin/articles?status=draft,published&tag=status-probe&limit=2&page=2',
      );

      assertStatus(published, 200);
      assert.deepEqual(published.body.articles.map((a: Json) => a.status).sort(), ['published', 'published']);
      assert.equal(published.body.meta.pagination.total, 2);
      assertStatus(both, 200);
      assert.equal(both.body.articles.length, 2);
      assert.deepEqual(both.body.meta.pagination, {
        page: 1,
        limit: 2,
        pages: 2,
        total: 3,
        next: 2,
        prev: null,
      });
      assertStatus(secondPage, 200);
      assert.equal(secondPage.body.articles.length, 1);
      assert.deepEqual(secondPage.body.meta.pagination, {
        page: 2,
        limit: 2,
        pages: 2,
        total: 3,
        next: null,
        prev: 1,
      });
      const seen = new Set([...slugsOf(both.body.articles), ...slugsOf(secondPage.body.articles)]);
      assert.deepEqual([...seen].sort(), [
        'status-probe-draft',
        'status-probe-live-one',
        'status-probe-live-two',
      ]);
    });

    it('should refuse an unknown status with 422 naming the status field', async () => {
      const res = await admin.get('/api/admin/articles?status=draft,live');

      assertApiError(res, { status: 422, code: 'FIELD_INVALID', field: 'status' });
    });
  });

  describe('updating', () => {
    it('should change the given fields and replace the tags when an article is updated with PUT', async () => {
      const created = await make.article({
        title: 'Put me right',
        standfirst: 'Old standfirst',
        tags: ['Put Tag A'],
      });

      const res = await admin.put(`/api/admin/articles/${created.id}`, {
        articles: [{ title: 'Put right at last', standfirst: 'New standfirst', tags: ['Put Tag B'] }],
      });

      assertStatus(res, 200);
      const [updated] = res.body.articles;
      assert.equal(updated.title, 'Put right at last');
      assert.equal(updated.standfirst, 'New standfirst');
      assert.deepEqual(slugsOf(updated.tags), ['put-tag-b']);
      assert.equal(updated.slug, 'put-me-right');
      assert.equal(updated.revision, created.revision + 1);
      const stored = (await admin.get(`/api/admin/articles/${created.id}`)).body.articles[0];
      assert.equal(stored.title, 'Put right at last');
      assert.deepEqual(slugsOf(stored.tags), ['put-tag-b']);
    });

    it('should leave every other field alone when an article is patched with only a standfirst', async () => {
      const created = await make.article({
        title: 'Patch only one field',
        standfirst: 'Before',
        body_html: '<p>Body stays.</p>',
        authors: ['ada-byline', 'ben-byline'],
        primary_category: 'harbour-news',
        tags: ['Patch Tag'],
        featured: true,
      });

      const res = await admin.patch(`/api/admin/articles/${created.id}`, {
        articles: [{ standfirst: 'After' }],
      });

      assertStatus(res, 200);
      const [patched] = res.body.articles;
      assert.equal(patched.standfirst, 'After');
      assert.equal(patched.title, 'Patch only one field');
      assert.equal(patched.body_html, '<p>Body stays.</p>');
      assert.deepEqual(slugsOf(patched.authors), ['ada-byline', 'ben-byline']);
      assert.equal(patched.primary_category.slug, 'harbour-news');
      assert.deepEqual(slugsOf(patched.tags), ['patch-tag']);
      assert.equal(patched.featured, true);
      assert.equal(patched.status, 'draft');
    });

    it('should remember the old slug when the slug of a published article changes', async () => {
      const created = await make.article({ title: 'Renamed after publication', status: 'published' });

      const res = await admin.patch(`/api/admin/articles/${created.id}`, {
        articles: [{ slug: 'renamed-story' }],
      });

      assertStatus(res, 200);
      assert.equal(res.body.articles[0].slug, 'renamed-story');
      assert.equal(res.body.articles[0].url, defaultPermalink(res.body.articles[0]));
      const redirected = await t.masthead.services.articles.findByOldSlug(
        'article',
        'renamed-after-publication',
      );
      assert.equal(redirected?.id, created.id);
      assert.equal(redirected?.slug, 'renamed-story');
      assertApiError(await admin.get('/api/admin/articles/renamed-after-publication'), {
        status: 404,
        code: 'ARTICLE_NOT_FOUND',
      });
      assertStatus(await content.get('/api/content/articles/slug/renamed-story'), 200);
    });

    it('should record no old slug when the slug of a draft changes', async () => {
      const created = await make.article({ title: 'Draft renamed quietly' });

      assertStatus(
        await admin.patch(`/api/admin/articles/${created.id}`, { articles: [{ slug: 'quiet-draft' }] }),
        200,
      );

      assert.equal(
        await t.masthead.services.articles.findByOldSlug('article', 'draft-renamed-quietly'),
        undefined,
      );
    });

    it('should forget an old slug when a new article takes it', async () => {
      const created = await make.article({ title: 'Slug given up', status: 'published' });
      assertStatus(
        await admin.patch(`/api/admin/articles/${created.id}`, { articles: [{ slug: 'slug-moved-on' }] }),
        200,
      );
      assert.equal(
        (await t.masthead.services.articles.findByOldSlug('article', 'slug-given-up'))?.id,
        created.id,
      );

      const newcomer = await make.article({ title: 'A newcomer', slug: 'slug-given-up' });

      assert.equal(newcomer.slug, 'slug-given-up');
      assert.equal(await t.masthead.services.articles.findByOldSlug('article', 'slug-given-up'), undefined);
    });

    it('should refuse with 409 UPDATE_COLLISION when the updated_at sent is older than the saved one', async () => {
      const created = await make.article({ title: 'Two editors at once' });
      const firstSave = await admin.patch(`/api/admin/articles/${created.id}`, {
        articles: [{ title: 'First editor wins', updated_at: created.updated_at }],
      });
      assertStatus(firstSave, 200);
      assert.ok(Date.parse(firstSave.body.articles[0].updated_at) > Date.parse(created.updated_at));

      const staleSave = await admin.patch(`/api/admin/articles/${created.id}`, {
        articles: [{ title: 'Second editor overwrites', updated_at: created.updated_at }],
      });

      assertApiError(staleSave, { status: 409, code: 'UPDATE_COLLISION', field: 'updated_at' });
      assert.equal(
        (await admin.get(`/api/admin/articles/${created.id}`)).body.articles[0].title,
        'First editor wins',
      );
    });

    it('should answer 204 and then 404 when an article is deleted', async () => {
      const created = await make.article({ title: 'Delete me', status: 'published' });

      const res = await admin.delete(`/api/admin/articles/${created.id}`);

      assert.equal(res.status, 204);
      assert.equal(res.text, '');
      assertApiError(await admin.get(`/api/admin/articles/${created.id}`), {
        status: 404,
        code: 'ARTICLE_NOT_FOUND',
      });
      assertApiError(await admin.delete(`/api/admin/articles/${created.id}`), {
        status: 404,
        code: 'ARTICLE_NOT_FOUND',
      });
      assertApiError(await content.get('/api/content/articles/slug/delete-me'), {
        status: 404,
        code: 'ARTICLE_NOT_FOUND',
      });
    });
  });

  describe('publication', () => {
    it('should move a draft through publish, unpublish and schedule when the transition endpoints are called', async () => {
      const created = await make.article({ title: 'Moves through every state' });
      const base = `/api/admin/articles/${created.id}`;
      const publicUrl = '/api/content/articles/slug/moves-through-every-state';

      const beforePublish = Date.now();
      const published = await admin.post(`${base}/publish`);
      assertStatus(published, 200);
      assert.equal(published.body.articles[0].status, 'published');
      const publishedAt = Date.parse(published.body.articles[0].published_at);
      assert.ok(publishedAt >= beforePublish - 1000 && publishedAt <= Date.now() + 1000, 'published now');
      assertStatus(await content.get(publicUrl), 200);

      const unpublished = await admin.post(`${base}/unpublish`);
      assertStatus(unpublished, 200);
      assert.equal(unpublished.body.articles[0].status, 'draft');
      assertApiError(await content.get(publicUrl), { status: 404, code: 'ARTICLE_NOT_FOUND' });

      const at = daysFromNow(7);
      const scheduled = await admin.post(`${base}/schedule`, { published_at: at });
      assertStatus(scheduled, 200);
      assert.equal(scheduled.body.articles[0].status, 'scheduled');
      assert.equal(scheduled.body.articles[0].published_at, at);
      assertApiError(await content.get(publicUrl), { status: 404, code: 'ARTICLE_NOT_FOUND' });

      const early = await admin.post(`${base}/publish`);
      assertStatus(early, 200);
      assert.equal(early.body.articles[0].status, 'published');
      assert.ok(
        Date.parse(early.body.articles[0].published_at) <= Date.now() + 1000,
        'published now, not at the scheduled time',
      );
    });

    it('should refuse with 422 SCHEDULE_IN_PAST when the schedule time has passed', async () => {
      const created = await make.article({ title: 'Too late to schedule' });

      const res = await admin.post(`/api/admin/articles/${created.id}/schedule`, {
        published_at: daysFromNow(-1),
      });

      assertApiError(res, { status: 422, code: 'SCHEDULE_IN_PAST', field: 'published_at' });
      assert.equal((await admin.get(`/api/admin/articles/${created.id}`)).body.articles[0].status, 'draft');
    });

    it('should refuse with 422 FIELD_REQUIRED when a schedule has no published_at', async () => {
      const created = await make.article({ title: 'Schedule without a time' });

      const res = await admin.post(`/api/admin/articles/${created.id}/schedule`, {});

      assertApiError(res, { status: 422, code: 'FIELD_REQUIRED', field: 'published_at' });
    });

    it('should refuse with 422 PUBLISHED_AT_IN_FUTURE when status published comes with a future published_at', async () => {
      const onCreate = await admin.post('/api/admin/articles', {
        articles: [{ title: 'Published from the future', status: 'published', published_at: daysFromNow(2) }],
      });
      const draft = await make.article({ title: 'Publish later by mistake' });
      const onPublish = await admin.post(`/api/admin/articles/${draft.id}/publish`, {
        published_at: daysFromNow(2),
      });

      assertApiError(onCreate, { status: 422, code: 'PUBLISHED_AT_IN_FUTURE', field: 'published_at' });
      assertApiError(onPublish, { status: 422, code: 'PUBLISHED_AT_IN_FUTURE', field: 'published_at' });
      assertStatus(await admin.get('/api/admin/articles/published-from-the-future'), 404);
      assert.equal((await admin.get(`/api/admin/articles/${draft.id}`)).body.articles[0].status, 'draft');
    });

    it('should date the permalink by published_at when an article is published back-dated', async () => {
      const created = await make.article({ title: 'From the archive' });

      const res = await admin.post(`/api/admin/articles/${created.id}/publish`, {
        published_at: '2020-03-15T10:00:00Z',
      });

      assertStatus(res, 200);
      assert.equal(res.body.articles[0].published_at, '2020-03-15T10:00:00.000Z');
      assert.equal(res.body.articles[0].url, 'https://news.example/2020/03/from-the-archive/');
    });
  });

  describe('pages', () => {
    it('should keep pages apart from articles when a page and an article share a slug', async () => {
      const article = await make.article({ title: 'About us story', slug: 'about-us' });
      const page = await make.page({ title: 'About us', slug: 'about-us', status: 'published' });

      assert.notEqual(page.id, article.id);
      assert.equal(page.url, 'https://news.example/about-us/');
      assert.equal((await admin.get('/api/admin/pages/about-us')).body.pages[0].id, page.id);
      assert.equal((await admin.get('/api/admin/articles/about-us')).body.articles[0].id, article.id);
      assertApiError(await admin.get(`/api/admin/articles/${page.id}`), {
        status: 404,
        code: 'ARTICLE_NOT_FOUND',
      });
      assertApiError(await admin.get(`/api/admin/pages/${article.id}`), {
        status: 404,
        code: 'PAGE_NOT_FOUND',
      });
      const pages = await admin.get('/api/admin/pages?limit=100');
      assert.ok(pages.body.pages.some((p: Json) => p.id === page.id));
      assert.ok(!pages.body.pages.some((p: Json) => p.id === article.id));

      assert.equal((await admin.delete(`/api/admin/pages/${page.id}`)).status, 204);
      assertStatus(await admin.get(`/api/admin/articles/${article.id}`), 200);
    });
  });

  describe('bylines and tags that need care', () => {
    it('should accept an author slug in any letter case when naming the byline', async () => {
      // Category refs, tag names and `/:ref` paths are normalised to lower case; a byline should be too.
      const res = await admin.post('/api/admin/articles', {
        articles: [{ title: 'Shouted byline', authors: ['Ada-Byline'] }],
      });

      assertStatus(res, 201);
      assert.deepEqual(slugsOf(res.body.articles[0].authors), ['ada-byline']);
    });

    it('should list an author once when the byline names them twice, by slug, by id or in another case', async () => {
      const ada = (await admin.get('/api/admin/people/slug/ada-byline')).body.people[0];
      const bylines = [
        ['ada-byline', 'ada-byline'],
        ['ada-byline', ada.id],
        [ada.id.toUpperCase(), 'ADA-BYLINE', 'ben-byline'],
      ];

      for (const [i, authors] of bylines.entries()) {
        const res = await admin.post('/api/admin/articles', {
          articles: [{ title: `Doubled byline ${i}`, authors }],
        });

        // Tags and categories named twice are kept once, where first named; bylines do the same.
        assertStatus(res, 201);
        assert.deepEqual(
          slugsOf(res.body.articles[0].authors),
          i === 2 ? ['ada-byline', 'ben-byline'] : ['ada-byline'],
        );
      }
    });

    it('should give every article its own slug when the same title is posted several times at once', async () => {
      const posts = Array.from({ length: 6 }, () =>
        admin.post('/api/admin/articles', { articles: [{ title: 'Simultaneous headline' }] }),
      );

      const results = await Promise.all(posts);

      for (const res of results) assertStatus(res, 201);
      const slugs = results.map((res) => res.body.articles[0].slug);
      assert.equal(new Set(slugs).size, 6, `slugs: ${slugs.join(', ')}`);
    });

    it('should create a new tag once when several articles name it at the same moment', async () => {
      await Promise.all(Array.from({ length: 6 }, () => admin.get('/api/admin/tags')));
      const posts = Array.from({ length: 6 }, (_, i) =>
        admin.post('/api/admin/articles', {
          articles: [{ title: `Shared new tag ${i}`, tags: ['Brand New Shared Tag'] }],
        }),
      );

      const results = await Promise.all(posts);

      for (const res of results) assertStatus(res, 201);
      const tagIds = new Set(results.map((res) => res.body.articles[0].tags[0].id));
      assert.equal(tagIds.size, 1);
    });
  });
});
