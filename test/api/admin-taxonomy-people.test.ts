import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';
import {
  type ApiClient,
  assertApiError,
  assertStatus,
  createApiClient,
  createFactories,
  type Json,
  uuidPattern,
} from './api-client.ts';

describe('Admin API: categories, tags, people and settings', () => {
  let t: TestApp;
  let admin: ApiClient;
  let content: ApiClient;
  let make: ReturnType<typeof createFactories>;

  before(async () => {
    t = await createTestApp();
    admin = createApiClient(t.masthead.app, t.adminAuth);
    content = createApiClient(t.masthead.app);
    make = createFactories(admin);
  });

  after(() => t.close());

  describe('categories', () => {
    it('should nest a category under its parent when created with the parent slug or id', async () => {
      const sport = await make.category({ name: 'Sport', description: 'Games and races' });

      const football = await make.category({ name: 'Football', parent: 'sport' });
      const rugby = await make.category({ name: 'Rugby', parent: sport.id });

      assert.match(sport.id, uuidPattern);
      assert.equal(sport.slug, 'sport');
      assert.equal(sport.parent_id, null);
      assert.equal(sport.url, 'https://news.example/category/sport/');
      assert.equal(football.parent_id, sport.id);
      assert.equal(rugby.parent_id, sport.id);
      const bySlug = await admin.get('/api/admin/categories/slug/football');
      assertStatus(bySlug, 200);
      assert.equal(bySlug.body.categories[0].id, football.id);
      assert.equal(bySlug.body.categories[0].parent_id, sport.id);
      const byId = await admin.get(`/api/admin/categories/${sport.id}`);
      assert.equal(byId.body.categories[0].description, 'Games and races');
    });

    it('should refuse with 422 CATEGORY_CYCLE when a category is moved under itself or its own descendant', async () => {
      const world = await make.category({ name: 'World' });
      await make.category({ name: 'Europe', parent: 'world' });
      await make.category({ name: 'Nordics', parent: 'europe' });

      const underGrandchild = await admin.patch('/api/admin/categories/world', {
        categories: [{ parent: 'nordics' }],
      });
      const underItself = await admin.put('/api/admin/categories/world', {
        categories: [{ parent: 'world' }],
      });

      assertApiError(underGrandchild, { status: 422, code: 'CATEGORY_CYCLE', field: 'parent' });
      assertApiError(underItself, { status: 422, code: 'CATEGORY_CYCLE', field: 'parent' });
      assert.equal((await admin.get(`/api/admin/categories/${world.id}`)).body.categories[0].parent_id, null);
    });

    it('should move a category to the top level when its parent is set to null', async () => {
      await make.category({ name: 'Arts' });
      const film = await make.category({ name: 'Film', parent: 'arts' });

      const res = await admin.patch(`/api/admin/categories/${film.id}`, {
        categories: [{ parent: null, name: 'Cinema' }],
      });

      assertStatus(res, 200);
      assert.equal(res.body.categories[0].parent_id, null);
      assert.equal(res.body.categories[0].name, 'Cinema');
      assert.equal(res.body.categories[0].slug, 'film');
    });

    it('should refuse with 422 UNKNOWN_CATEGORY when the parent does not exist', async () => {
      const res = await admin.post('/api/admin/categories', {
        categories: [{ name: 'Lost child', parent: 'no-such-parent' }],
      });

      assertApiError(res, { status: 422, code: 'UNKNOWN_CATEGORY', field: 'parent' });
      assertApiError(await admin.get('/api/admin/categories/slug/lost-child'), {
        status: 404,
        code: 'CATEGORY_NOT_FOUND',
      });
    });

    it('should refuse with 409 CATEGORY_HAS_CHILDREN when a category with sub-categories is deleted', async () => {
      await make.category({ name: 'Business' });
      await make.category({ name: 'Markets', parent: 'business' });

      const res = await admin.delete('/api/admin/categories/business');

      assertApiError(res, { status: 409, code: 'CATEGORY_HAS_CHILDREN' });
      assertStatus(await admin.get('/api/admin/categories/slug/business'), 200);
    });

    it('should answer 204 and then 404 when a leaf category is deleted', async () => {
      const leaf = await make.category({ name: 'Crosswords' });

      const res = await admin.delete(`/api/admin/categories/${leaf.id}`);

      assert.equal(res.status, 204);
      assertApiError(await admin.get(`/api/admin/categories/${leaf.id}`), {
        status: 404,
        code: 'CATEGORY_NOT_FOUND',
      });
      assertApiError(await admin.get('/api/admin/categories/slug/crosswords'), {
        status: 404,
        code: 'CATEGORY_NOT_FOUND',
      });
    });

    it('should refuse with 409 SLUG_TAKEN when a category slug is already used', async () => {
      await make.category({ name: 'Weather', slug: 'weather' });

      const res = await admin.post('/api/admin/categories', {
        categories: [{ name: 'Forecasts', slug: 'weather' }],
      });

      assertApiError(res, { status: 409, code: 'SLUG_TAKEN', field: 'slug' });
    });

    it('should leave no category behind when a later item of a batch fails', async () => {
      const res = await admin.post('/api/admin/categories', {
        categories: [
          { name: 'Batch category survivor' },
          { name: 'Batch category orphan', parent: 'no-such-parent' },
        ],
      });

      assertApiError(res, { status: 422, code: 'UNKNOWN_CATEGORY' });
      assertApiError(await admin.get('/api/admin/categories/slug/batch-category-survivor'), {
        status: 404,
        code: 'CATEGORY_NOT_FOUND',
      });
    });
  });

  describe('tags', () => {
    it('should create, read by id and slug, update and delete a tag', async () => {
      const created = await make.tag({ name: 'Harbour Life', description: 'Boats' });
      assert.equal(created.slug, 'harbour-life');
      assert.equal(created.url, 'https://news.example/tag/harbour-life/');

      const byId = await admin.get(`/api/admin/tags/${created.id}`);
      const bySlug = await admin.get('/api/admin/tags/slug/harbour-life');
      assertStatus(byId, 200);
      assert.equal(bySlug.body.tags[0].id, created.id);

      const updated = await admin.patch(`/api/admin/tags/${created.id}`, {
        tags: [{ name: 'Harbour Living', slug: 'harbour-living' }],
      });
      assertStatus(updated, 200);
      assert.equal(updated.body.tags[0].name, 'Harbour Living');
      assert.equal(updated.body.tags[0].slug, 'harbour-living');
      assert.equal(updated.body.tags[0].description, 'Boats');
      assertApiError(await admin.get('/api/admin/tags/slug/harbour-life'), {
        status: 404,
        code: 'TAG_NOT_FOUND',
      });

      assert.equal((await admin.delete('/api/admin/tags/harbour-living')).status, 204);
      assertApiError(await admin.get(`/api/admin/tags/${created.id}`), {
        status: 404,
        code: 'TAG_NOT_FOUND',
      });
    });

    it('should refuse with 409 SLUG_TAKEN when a tag is created or renamed onto a used slug', async () => {
      await make.tag({ name: 'Elections' });
      const other = await make.tag({ name: 'Polls' });

      const onCreate = await admin.post('/api/admin/tags', { tags: [{ name: 'Voting', slug: 'elections' }] });
      const onUpdate = await admin.put(`/api/admin/tags/${other.id}`, { tags: [{ slug: 'elections' }] });

      assertApiError(onCreate, { status: 409, code: 'SLUG_TAKEN', field: 'slug' });
      assertApiError(onUpdate, { status: 409, code: 'SLUG_TAKEN', field: 'slug' });
      assert.equal((await admin.get(`/api/admin/tags/${other.id}`)).body.tags[0].slug, 'polls');
    });

    it('should leave no tag behind when a later item of a batch fails', async () => {
      const res = await admin.post('/api/admin/tags', {
        tags: [
          { name: 'Batch tag survivor', slug: 'batch-tag-clash' },
          { name: 'Batch tag clash', slug: 'batch-tag-clash' },
        ],
      });

      assertApiError(res, { status: 409, code: 'SLUG_TAKEN', field: 'slug' });
      assertApiError(await admin.get('/api/admin/tags/slug/batch-tag-clash'), {
        status: 404,
        code: 'TAG_NOT_FOUND',
      });
    });

    it('should page through tags with pagination meta when a limit is given', async () => {
      const total = (await admin.get('/api/admin/tags')).body.meta.pagination.total;

      const res = await admin.get('/api/admin/tags?limit=1&page=1');

      assertStatus(res, 200);
      assert.equal(res.body.tags.length, Math.min(1, total));
      assert.deepEqual(res.body.meta.pagination, {
        page: 1,
        limit: 1,
        pages: Math.max(1, total),
        total,
        next: total > 1 ? 2 : null,
        prev: null,
      });
    });
  });

  describe('people', () => {
    it('should create, read, update and delete a person at /people', async () => {
      const created = await make.person({
        name: 'Grace Reporter',
        bio: 'Covers the courts.',
        avatar_url: '/media/grace.jpg',
      });
      assert.match(created.id, uuidPattern);
      assert.equal(created.slug, 'grace-reporter');
      assert.equal(created.url, 'https://news.example/author/grace-reporter/');
      assert.equal(created.avatar_url, 'https://news.example/media/grace.jpg');

      const bySlug = await admin.get('/api/admin/people/slug/grace-reporter');
      assertStatus(bySlug, 200);
      assert.equal(bySlug.body.people[0].id, created.id);

      const updated = await admin.put(`/api/admin/people/${created.id}`, {
        people: [{ bio: 'Covers the city hall.' }],
      });
      assertStatus(updated, 200);
      assert.equal(updated.body.people[0].bio, 'Covers the city hall.');
      assert.equal(updated.body.people[0].name, 'Grace Reporter');

      assert.equal((await admin.delete('/api/admin/people/grace-reporter')).status, 204);
      assertApiError(await admin.get(`/api/admin/people/${created.id}`), {
        status: 404,
        code: 'AUTHOR_NOT_FOUND',
      });
    });

    it('should serve the same people at /authors as at /people when the alias is used for every operation', async () => {
      const created = await admin.post('/api/admin/authors', { authors: [{ name: 'Zoë Ångström' }] });
      assertStatus(created, 201);
      const [person] = created.body.authors;
      assert.equal(person.slug, 'zoe-angstrom');

      assert.equal((await admin.get(`/api/admin/people/${person.id}`)).body.people[0].name, 'Zoë Ångström');
      assert.equal((await admin.get('/api/admin/authors/slug/zoe-angstrom')).body.authors[0].id, person.id);
      const listed = await admin.get('/api/admin/authors?limit=100');
      assert.ok(listed.body.authors.some((p: Json) => p.id === person.id));

      const patched = await admin.patch(`/api/admin/authors/${person.id}`, { authors: [{ name: 'Zoë Å.' }] });
      assertStatus(patched, 200);
      assert.equal((await admin.get(`/api/admin/people/${person.id}`)).body.people[0].name, 'Zoë Å.');

      assert.equal((await admin.delete(`/api/admin/authors/${person.id}`)).status, 204);
      assertApiError(await admin.get(`/api/admin/people/${person.id}`), {
        status: 404,
        code: 'AUTHOR_NOT_FOUND',
      });
    });

    it('should refuse a person without a name and a slug already used', async () => {
      await make.person({ name: 'Henry Editor' });

      const noName = await admin.post('/api/admin/people', { people: [{ name: '  ' }] });
      const takenSlug = await admin.post('/api/admin/people', {
        people: [{ name: 'Another Henry', slug: 'henry-editor' }],
      });

      assertApiError(noName, { status: 422, code: 'FIELD_REQUIRED', field: 'name' });
      assertApiError(takenSlug, { status: 409, code: 'SLUG_TAKEN', field: 'slug' });
    });

    it('should refuse a protocol-relative avatar_url as article images are refused one', async () => {
      // `//host/x.png` makes a page load the picture from another site; featured_image_url refuses it.
      const res = await admin.post('/api/admin/people', {
        people: [{ name: 'Off Site', avatar_url: '//evil.example/x.png' }],
      });

      assertApiError(res, { status: 422, field: 'avatar_url' });
    });
  });

  describe('settings', () => {
    const restore = async (settings: Record<string, unknown>) => {
      assertStatus(await admin.patch('/api/admin/settings', { settings }), 200);
    };

    it('should read the site settings with their defaults', async () => {
      const res = await admin.get('/api/admin/settings');

      assertStatus(res, 200);
      assert.deepEqual(res.body.settings, {
        title: 'Masthead',
        description: 'News, published with Masthead.',
        locale: 'en',
        timezone: 'UTC',
        permalink: '/{yyyy}/{mm}/{slug}/',
        articles_per_page: 10,
        logo_url: null,
        feed_content: 'full',
        url: 'https://news.example/',
      });
    });

    it('should show a changed title in both APIs when the settings are updated', async () => {
      try {
        const res = await admin.put('/api/admin/settings', {
          settings: { title: 'The Harbour Herald', locale: 'EN-gb' },
        });

        assertStatus(res, 200);
        assert.equal(res.body.settings.title, 'The Harbour Herald');
        assert.equal(res.body.settings.locale, 'en-GB');
        assert.equal(res.body.settings.timezone, 'UTC');
        assert.equal((await admin.get('/api/admin/settings')).body.settings.title, 'The Harbour Herald');
        assert.equal((await content.get('/api/content/settings')).body.settings.title, 'The Harbour Herald');
      } finally {
        await restore({ title: 'Masthead', locale: 'en' });
      }
    });

    it('should keep changed settings when the site restarts', async () => {
      try {
        assertStatus(
          await admin.patch('/api/admin/settings', {
            settings: { title: 'Restart Gazette', articles_per_page: 12 },
          }),
          200,
        );

        const restarted = createApiClient((await t.reopen()).app);
        const res = await restarted.get('/api/content/settings');

        assertStatus(res, 200);
        assert.equal(res.body.settings.title, 'Restart Gazette');
        assert.equal(res.body.settings.articles_per_page, 12);
      } finally {
        await restore({ title: 'Masthead', articles_per_page: 10 });
      }
    });

    it('should refuse with 422 naming the timezone when the timezone is not an IANA zone', async () => {
      const res = await admin.patch('/api/admin/settings', { settings: { timezone: 'Mars/Olympus_Mons' } });

      assertApiError(res, { status: 422, code: 'FIELD_INVALID', field: /timezone/ });
      assert.equal((await admin.get('/api/admin/settings')).body.settings.timezone, 'UTC');
    });

    it('should refuse with 422 naming the permalink when it has no {slug}', async () => {
      const res = await admin.patch('/api/admin/settings', { settings: { permalink: '/{yyyy}/{mm}/' } });

      assertApiError(res, { status: 422, code: 'FIELD_INVALID', field: /permalink/ });
      assert.equal((await admin.get('/api/admin/settings')).body.settings.permalink, '/{yyyy}/{mm}/{slug}/');
    });

    it('should refuse with 422 UNKNOWN_FIELD when a setting does not exist', async () => {
      const res = await admin.patch('/api/admin/settings', { settings: { colour: 'red' } });

      assertApiError(res, { status: 422, code: 'UNKNOWN_FIELD', field: 'settings.colour' });
    });

    it('should build article urls from the new permalink when it changes to /{category}/{slug}/', async () => {
      await make.category({ name: 'Local' });
      const article = await make.article({
        title: 'Permalink follows settings',
        primary_category: 'local',
        status: 'published',
      });
      assert.match(article.url, /^https:\/\/news\.example\/\d{4}\/\d{2}\/permalink-follows-settings\/$/);

      try {
        assertStatus(
          await admin.patch('/api/admin/settings', { settings: { permalink: '/{category}/{slug}/' } }),
          200,
        );

        const admin2 = await admin.get(`/api/admin/articles/${article.id}`);
        const public2 = await content.get('/api/content/articles/slug/permalink-follows-settings');
        assert.equal(admin2.body.articles[0].url, 'https://news.example/local/permalink-follows-settings/');
        assert.equal(public2.body.articles[0].url, 'https://news.example/local/permalink-follows-settings/');
      } finally {
        await restore({ permalink: '/{yyyy}/{mm}/{slug}/' });
      }
    });

    it('should date the permalink in the site timezone when the timezone changes', async () => {
      // 12:30 UTC on 31 March is already 1 April in Auckland (UTC+13).
      const article = await make.article({
        title: 'Dated in Auckland',
        status: 'published',
        published_at: '2024-03-31T12:30:00Z',
      });
      assert.equal(article.url, 'https://news.example/2024/03/dated-in-auckland/');

      try {
        assertStatus(
          await admin.patch('/api/admin/settings', { settings: { timezone: 'Pacific/Auckland' } }),
          200,
        );

        const res = await admin.get(`/api/admin/articles/${article.id}`);
        assert.equal(res.body.articles[0].url, 'https://news.example/2024/04/dated-in-auckland/');
      } finally {
        await restore({ timezone: 'UTC' });
      }
    });
  });
});
