import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTestApp, type TestApp } from '../../test/helpers/test-app.ts';
import { createFixedClock } from '../lib/clock.ts';
import { ConflictError, NotFoundError, ValidationError } from '../lib/errors.ts';
import type { EventName } from '../lib/events.ts';
import { type ArticleCreateInput, articleCreateSchema } from './article.ts';

const start = new Date('2026-03-02T09:00:00.000Z');
const daysAgo = (n: number): Date => new Date(start.getTime() - n * 86_400_000);
const page = { page: 1, limit: 20 };

/** Asserts that `promise` rejects with an error of `type` carrying `code` (and `field`, when given). */
async function rejectsWith(
  promise: Promise<unknown>,
  type: new (...args: never[]) => Error,
  expected: { code: string; field?: string },
): Promise<void> {
  await assert.rejects(promise, (error: unknown) => {
    assert.ok(error instanceof type, `expected ${type.name}, got ${String(error)}`);
    assert.equal((error as ConflictError).code, expected.code);
    if (expected.field !== undefined) assert.equal((error as ConflictError).field, expected.field);
    return true;
  });
}

describe('article service', () => {
  let t: TestApp;
  const clock = createFixedClock(start);
  const services = () => t.masthead.services;
  const createOne = async (input: ArticleCreateInput) => {
    const [view] = await services().articles.create('article', [input]);
    assert.ok(view);
    return view;
  };
  /** Counts the events of the given names from now until the test ends. */
  const recordEvents = (context: { after: (fn: () => void) => void }, names: EventName[]) => {
    const seen: { name: EventName; id: string }[] = [];
    for (const name of names) {
      const off = t.masthead.events.on(name, (payload) => {
        if ('id' in payload) seen.push({ name, id: payload.id });
      });
      context.after(off);
    }
    return seen;
  };

  before(async () => {
    t = await createTestApp({ clock });
  });
  after(() => t.close());

  describe('relations', () => {
    it('should keep the byline in the order given when an article names several authors', async () => {
      const ann = await services().people.create({ name: 'Ann Archer' });
      const bea = await services().people.create({ name: 'Bea Brook' });
      const cal = await services().people.create({ name: 'Cal Crane' });

      const created = await createOne({ title: 'Byline order', authors: [cal.slug, ann.id, bea.slug] });
      const reread = await services().articles.get({ kind: 'article', ref: created.id });

      assert.deepEqual(
        created.authors.map((p) => p.slug),
        [cal.slug, ann.slug, bea.slug],
      );
      assert.deepEqual(
        reread.authors.map((p) => p.slug),
        [cal.slug, ann.slug, bea.slug],
      );
    });

    it('should list an author once when the byline names the same person twice', async () => {
      const dee = await services().people.create({ name: 'Dee Dunmore' });

      const created = await createOne({ title: 'Repeated byline', authors: [dee.slug, dee.id] });

      assert.deepEqual(
        created.authors.map((p) => p.id),
        [dee.id],
      );
    });

    it('should add the primary category to the categories when it is not listed among them', async () => {
      const politics = await services().taxonomy.categories.create({ name: 'Relations Politics' });
      const economy = await services().taxonomy.categories.create({ name: 'Relations Economy' });

      const created = await createOne({
        title: 'Primary added',
        categories: [economy.slug],
        primary_category: politics.slug,
      });

      assert.equal(created.primaryCategory?.id, politics.id);
      assert.deepEqual(
        created.categories.map((c) => c.id),
        [politics.id, economy.id],
      );
    });

    it('should make the first category primary when no primary category is given', async () => {
      const first = await services().taxonomy.categories.create({ name: 'Relations First' });
      const second = await services().taxonomy.categories.create({ name: 'Relations Second' });

      const created = await createOne({ title: 'First is primary', categories: [first.slug, second.slug] });

      assert.equal(created.primaryCategory?.id, first.id);
      assert.deepEqual(
        created.categories.map((c) => c.id),
        [first.id, second.id],
      );
    });

    it('should refuse with UNKNOWN_CATEGORY on the field when a category does not exist', async () => {
      await rejectsWith(createOne({ title: 'Nowhere', categories: ['no-such-section'] }), ValidationError, {
        code: 'UNKNOWN_CATEGORY',
        field: 'categories[0]',
      });
    });

    it('should create a tag from its name and reuse it by slug when another article names it differently', async () => {
      const first = await createOne({ title: 'Bridge one', tags: ['Harbour Bridge'] });

      const second = await createOne({ title: 'Bridge two', tags: ['harbour bridge', 'HARBOUR-BRIDGE'] });

      const tag = await services().taxonomy.tags.get('harbour-bridge');
      assert.equal(tag.name, 'Harbour Bridge');
      assert.deepEqual(
        first.tags.map((x) => x.id),
        [tag.id],
      );
      assert.deepEqual(
        second.tags.map((x) => x.id),
        [tag.id],
      );
    });
  });

  describe('slugs', () => {
    it('should number the slug when another article already has the title', async () => {
      const first = await createOne({ title: 'Budget Day' });

      const second = await createOne({ title: 'Budget Day' });

      assert.equal(first.slug, 'budget-day');
      assert.equal(second.slug, 'budget-day-2');
    });

    it('should let a page share an article slug when the kinds differ', async () => {
      await createOne({ title: 'About the Courier' });

      const [pageView] = await services().articles.create('page', [{ title: 'About the Courier' }]);

      assert.equal(pageView?.slug, 'about-the-courier');
      assert.equal(pageView?.kind, 'page');
    });

    it('should refuse with SLUG_TAKEN on the slug field when a chosen slug is taken in the same kind', async () => {
      await createOne({ title: 'Chosen', slug: 'chosen-slug' });

      await rejectsWith(createOne({ title: 'Also chosen', slug: 'chosen-slug' }), ConflictError, {
        code: 'SLUG_TAKEN',
        field: 'slug',
      });
    });

    it('should refuse with SLUG_TAKEN when an update takes another article slug', async () => {
      await createOne({ title: 'Taken by update' });
      const other = await createOne({ title: 'Wants the slug' });

      await rejectsWith(
        services().articles.update('article', other.id, { slug: 'taken-by-update' }),
        ConflictError,
        {
          code: 'SLUG_TAKEN',
          field: 'slug',
        },
      );
    });

    it('should give an Arabic title an Arabic slug and find the article by it', async () => {
      const created = await createOne({ title: 'ميزانية المدينة الجديدة' });

      const found = await services().articles.get({ kind: 'article', ref: 'ميزانية-المدينة-الجديدة' });

      assert.equal(created.slug, 'ميزانية-المدينة-الجديدة');
      assert.equal(found.id, created.id);
    });

    it('should store the NFC form and find it by the NFD form when a title arrives decomposed', async () => {
      const created = await createOne({ title: '서울 시장 선거'.normalize('NFD') });

      const found = await services().articles.get({
        kind: 'article',
        ref: '서울-시장-선거'.normalize('NFD'),
      });

      assert.equal(created.slug, '서울-시장-선거'.normalize('NFC'));
      assert.equal(found.id, created.id);
    });

    it('should store a chosen slug in NFC when the client sends it decomposed', async () => {
      const input = articleCreateSchema.parse({ title: 'Café culture', slug: 'CAFE\u0301-culture' });

      const created = await createOne(input);

      assert.equal(created.slug, 'caf\u00e9-culture');
    });
  });

  describe('slug history', () => {
    it('should send the old slug to the article when a published article is renamed', async () => {
      const created = await createOne({ title: 'Old name', status: 'published' });

      await services().articles.update('article', created.id, { slug: 'new-name' });

      const moved = await services().articles.findByOldSlug('article', 'old-name');
      assert.equal(moved?.id, created.id);
      assert.equal(moved?.slug, 'new-name');
      await rejectsWith(services().articles.get({ kind: 'article', ref: 'old-name' }), NotFoundError, {
        code: 'ARTICLE_NOT_FOUND',
      });
    });

    it('should follow every earlier slug when a published article is renamed twice', async () => {
      const created = await createOne({ title: 'Twice first', status: 'published' });
      await services().articles.update('article', created.id, { slug: 'twice-second' });

      await services().articles.update('article', created.id, { slug: 'twice-third' });

      assert.equal((await services().articles.findByOldSlug('article', 'twice-first'))?.slug, 'twice-third');
      assert.equal((await services().articles.findByOldSlug('article', 'twice-second'))?.slug, 'twice-third');
    });

    it('should keep no old slug when a draft that was never public is renamed', async () => {
      const created = await createOne({ title: 'Draft name' });

      await services().articles.update('article', created.id, { slug: 'draft-renamed' });

      assert.equal(await services().articles.findByOldSlug('article', 'draft-name'), undefined);
    });

    it('should drop the redirect when a new article takes a slug that was only a redirect', async () => {
      const created = await createOne({ title: 'Reused slug', status: 'published' });
      await services().articles.update('article', created.id, { slug: 'reused-slug-moved' });

      const newcomer = await createOne({ title: 'Reused slug' });

      assert.equal(newcomer.slug, 'reused-slug');
      assert.equal(await services().articles.findByOldSlug('article', 'reused-slug'), undefined);
    });
  });

  describe('saving', () => {
    it('should refuse with UPDATE_COLLISION and keep the other save when updated_at is stale', async () => {
      const created = await createOne({ title: 'Collision' });
      await services().articles.update('article', created.id, { title: 'Saved by someone else' });

      const stale = services().articles.update('article', created.id, {
        title: 'Mine',
        updated_at: created.updatedAt,
      });

      await rejectsWith(stale, ConflictError, { code: 'UPDATE_COLLISION', field: 'updated_at' });
      assert.equal(
        (await services().articles.get({ kind: 'article', ref: created.id })).title,
        'Saved by someone else',
      );
    });

    it('should accept the save and move updated_at on when updated_at is the stored one', async () => {
      const created = await createOne({ title: 'No collision' });

      const saved = await services().articles.update('article', created.id, {
        title: 'Fresh',
        updated_at: created.updatedAt,
      });

      assert.equal(saved.title, 'Fresh');
      assert.equal(saved.revision, created.revision + 1);
      assert.ok(saved.updatedAt.getTime() > created.updatedAt.getTime());
    });

    it('should write no article and no tag when the second article of a batch names an unknown author', async (context) => {
      const events = recordEvents(context, ['article.created']);

      const batch = services().articles.create('article', [
        { title: 'Atomic one', tags: ['Atomic Tag'] },
        { title: 'Atomic two', authors: ['nobody-at-all'] },
      ]);

      await rejectsWith(batch, ValidationError, { code: 'UNKNOWN_AUTHOR', field: 'authors[0]' });
      await rejectsWith(services().articles.get({ kind: 'article', ref: 'atomic-one' }), NotFoundError, {
        code: 'ARTICLE_NOT_FOUND',
      });
      await rejectsWith(services().taxonomy.tags.get('atomic-tag'), NotFoundError, { code: 'TAG_NOT_FOUND' });
      assert.deepEqual(events, []);
    });

    it('should write no article and no tag when the second article of a batch hits a unique slug', async () => {
      const batch = services().articles.create('article', [
        { title: 'Batch one', slug: 'batch-duplicate', tags: ['Batch Tag'] },
        { title: 'Batch two', slug: 'batch-duplicate' },
      ]);

      await rejectsWith(batch, ConflictError, { code: 'SLUG_TAKEN', field: 'slug' });
      await rejectsWith(services().articles.get({ kind: 'article', ref: 'batch-duplicate' }), NotFoundError, {
        code: 'ARTICLE_NOT_FOUND',
      });
      await rejectsWith(services().taxonomy.tags.get('batch-tag'), NotFoundError, { code: 'TAG_NOT_FOUND' });
    });

    it('should keep a back-dated publication time when an article is created as published in the past', async () => {
      const created = await createOne({
        title: 'Back-dated',
        status: 'published',
        published_at: daysAgo(400),
      });

      assert.equal(created.status, 'published');
      assert.deepEqual(created.publishedAt, daysAgo(400));
    });

    it('should publish at the clock time and unpublish back to draft when asked', async () => {
      const created = await createOne({ title: 'Publish and pull' });

      const published = await services().articles.publish('article', created.id);
      const pulled = await services().articles.unpublish('article', created.id);

      assert.equal(published.status, 'published');
      assert.deepEqual(published.publishedAt, clock.now());
      assert.equal(pulled.status, 'draft');
    });

    it('should not find an article under the other kind when asked for a page', async () => {
      const created = await createOne({ title: 'Only an article' });

      await rejectsWith(services().articles.get({ kind: 'page', ref: created.id }), NotFoundError, {
        code: 'PAGE_NOT_FOUND',
      });
    });
  });

  describe('listing', () => {
    const listIds = async (filter: { category?: string; tag?: string; author?: string }) =>
      (
        await services().articles.list({ kind: 'article', statuses: ['published'], filter, page })
      ).articles.map((a) => a.title);

    it('should include articles of sub-categories when listing a category', async () => {
      const sport = await services().taxonomy.categories.create({ name: 'List Sport' });
      const football = await services().taxonomy.categories.create({
        name: 'List Football',
        parent: sport.slug,
      });
      const arts = await services().taxonomy.categories.create({ name: 'List Arts' });
      await services().articles.create('article', [
        { title: 'Cup final', status: 'published', published_at: daysAgo(1), categories: [football.slug] },
        { title: 'Marathon', status: 'published', published_at: daysAgo(2), categories: [sport.slug] },
        { title: 'Opera', status: 'published', published_at: daysAgo(3), categories: [arts.slug] },
      ]);

      assert.deepEqual(await listIds({ category: sport.slug }), ['Cup final', 'Marathon']);
      assert.deepEqual(await listIds({ category: football.slug }), ['Cup final']);
    });

    it('should list only the articles with a tag when filtered by tag', async () => {
      await services().articles.create('article', [
        { title: 'Tagged tide', status: 'published', tags: ['List Tides'] },
        { title: 'Untagged tide', status: 'published' },
      ]);

      assert.deepEqual(await listIds({ tag: 'list-tides' }), ['Tagged tide']);
    });

    it('should list only the articles in a byline when filtered by author', async () => {
      const eve = await services().people.create({ name: 'Eve Listed' });
      await services().articles.create('article', [
        { title: 'By Eve', status: 'published', authors: [eve.slug] },
        { title: 'Not by Eve', status: 'published' },
      ]);

      assert.deepEqual(await listIds({ author: eve.slug }), ['By Eve']);
    });

    it('should list nothing rather than everything when the filter names an unknown category', async () => {
      const result = await services().articles.list({
        kind: 'article',
        statuses: ['published'],
        filter: { category: 'no-such' },
        page,
      });

      assert.deepEqual(result.articles, []);
      assert.equal(result.pagination.total, 0);
    });

    it('should order published articles newest first and leave drafts out when listing published ones', async () => {
      await services().articles.create('article', [
        { title: 'Middle', status: 'published', published_at: daysAgo(20), tags: ['List Order'] },
        { title: 'Newest', status: 'published', published_at: daysAgo(10), tags: ['List Order'] },
        { title: 'Draft', status: 'draft', tags: ['List Order'] },
        { title: 'Oldest', status: 'published', published_at: daysAgo(30), tags: ['List Order'] },
      ]);

      const result = await services().articles.list({
        kind: 'article',
        statuses: ['published'],
        filter: { tag: 'list-order' },
        page,
      });

      assert.deepEqual(
        result.articles.map((a) => a.title),
        ['Newest', 'Middle', 'Oldest'],
      );
      assert.equal(result.pagination.total, 3);
    });

    it('should split the list into pages when the limit is smaller than the total', async () => {
      await services().articles.create(
        'article',
        [1, 2, 3, 4, 5].map((n) => ({
          title: `Paged ${n}`,
          status: 'published' as const,
          published_at: daysAgo(n),
          tags: ['List Paged'],
        })),
      );

      const second = await services().articles.list({
        kind: 'article',
        statuses: ['published'],
        filter: { tag: 'list-paged' },
        page: { page: 2, limit: 2 },
      });

      assert.deepEqual(
        second.articles.map((a) => a.title),
        ['Paged 3', 'Paged 4'],
      );
      assert.deepEqual(second.pagination, { page: 2, limit: 2, pages: 3, total: 5, next: 3, prev: 1 });
    });
  });

  describe('events and removal', () => {
    it('should emit article.published once, after the change is committed, when a draft is published', async (context) => {
      const created = await createOne({ title: 'Committed first' });
      const statusesSeen: Promise<string>[] = [];
      const off = t.masthead.events.on('article.published', ({ id }) => {
        if (id === created.id) {
          statusesSeen.push(
            services()
              .articles.get({ kind: 'article', ref: id })
              .then((a) => a.status),
          );
        }
      });
      context.after(off);

      await services().articles.publish('article', created.id);
      await services().articles.update('article', created.id, { title: 'Committed first, edited' });

      assert.equal(statusesSeen.length, 1);
      assert.equal(await statusesSeen[0], 'published');
    });

    it('should emit article.unpublished when a published article goes back to draft', async (context) => {
      const created = await createOne({ title: 'Pulled', status: 'published' });
      const events = recordEvents(context, ['article.unpublished']);

      await services().articles.unpublish('article', created.id);

      assert.deepEqual(events, [{ name: 'article.unpublished', id: created.id }]);
    });

    it('should remove the article and its links but keep the tag when a published article is deleted', async (context) => {
      const created = await createOne({ title: 'Removed', status: 'published', tags: ['Removal Tag'] });
      const events = recordEvents(context, ['article.unpublished', 'article.deleted']);

      await services().articles.remove('article', created.id);

      await rejectsWith(services().articles.get({ kind: 'article', ref: created.id }), NotFoundError, {
        code: 'ARTICLE_NOT_FOUND',
      });
      const links = await t.masthead.database.db
        .selectFrom('article_tags')
        .selectAll()
        .where('article_id', '=', created.id)
        .execute();
      assert.deepEqual(links, []);
      assert.equal((await services().taxonomy.tags.get('removal-tag')).name, 'Removal Tag');
      assert.deepEqual(events, [
        { name: 'article.unpublished', id: created.id },
        { name: 'article.deleted', id: created.id },
      ]);
    });

    it('should report ARTICLE_NOT_FOUND when removing an article that does not exist', async () => {
      await rejectsWith(services().articles.remove('article', 'never-written'), NotFoundError, {
        code: 'ARTICLE_NOT_FOUND',
      });
    });
  });
});
