import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTestApp, type TestApp } from '../../test/helpers/test-app.ts';
import { type AppError, ConflictError, NotFoundError, ValidationError } from '../lib/errors.ts';

async function rejectsWith(
  promise: Promise<unknown>,
  type: new (...args: never[]) => AppError,
  expected: { code: string; field?: string },
): Promise<void> {
  await assert.rejects(promise, (error: unknown) => {
    assert.ok(error instanceof type, `expected ${type.name}, got ${String(error)}`);
    assert.equal(error.code, expected.code);
    if (expected.field !== undefined) assert.equal(error.field, expected.field);
    return true;
  });
}

describe('taxonomy service', () => {
  let t: TestApp;
  const taxonomy = () => t.masthead.services.taxonomy;

  before(async () => {
    t = await createTestApp();
  });
  after(() => t.close());

  describe('categories', () => {
    it('should nest a category under its parent when the parent is named by slug', async () => {
      const world = await taxonomy().categories.create({ name: 'World' });

      const europe = await taxonomy().categories.create({ name: 'Europe', parent: 'world' });

      assert.equal(europe.parentId, world.id);
      assert.equal((await taxonomy().categories.get('europe')).parentId, world.id);
    });

    it('should refuse with UNKNOWN_CATEGORY on parent when the parent does not exist', async () => {
      await rejectsWith(
        taxonomy().categories.create({ name: 'Orphan', parent: 'no-such-parent' }),
        ValidationError,
        {
          code: 'UNKNOWN_CATEGORY',
          field: 'parent',
        },
      );
    });

    it('should number the slug when another category has the same name', async () => {
      const first = await taxonomy().categories.create({ name: 'Local' });

      const second = await taxonomy().categories.create({ name: 'Local' });

      assert.equal(first.slug, 'local');
      assert.equal(second.slug, 'local-2');
    });

    it('should refuse with SLUG_TAKEN on slug when a chosen slug is taken', async () => {
      await taxonomy().categories.create({ name: 'Science', slug: 'science' });

      await rejectsWith(taxonomy().categories.create({ name: 'Sciences', slug: 'science' }), ConflictError, {
        code: 'SLUG_TAKEN',
        field: 'slug',
      });
    });

    it('should refuse with SLUG_TAKEN on slug when an update takes another category slug', async () => {
      await taxonomy().categories.create({ name: 'Health' });
      const wellbeing = await taxonomy().categories.create({ name: 'Wellbeing' });

      await rejectsWith(taxonomy().categories.update(wellbeing.id, { slug: 'health' }), ConflictError, {
        code: 'SLUG_TAKEN',
        field: 'slug',
      });
      assert.equal((await taxonomy().categories.get(wellbeing.id)).slug, 'wellbeing');
    });

    it('should refuse with CATEGORY_CYCLE when a category is nested under itself', async () => {
      const loop = await taxonomy().categories.create({ name: 'Loop' });

      await rejectsWith(taxonomy().categories.update(loop.slug, { parent: loop.slug }), ValidationError, {
        code: 'CATEGORY_CYCLE',
        field: 'parent',
      });
    });

    it('should refuse with CATEGORY_CYCLE and change nothing when a category is nested under its grandchild', async () => {
      const top = await taxonomy().categories.create({ name: 'Cycle Top' });
      const middle = await taxonomy().categories.create({ name: 'Cycle Middle', parent: top.slug });
      const bottom = await taxonomy().categories.create({ name: 'Cycle Bottom', parent: middle.slug });

      await rejectsWith(taxonomy().categories.update(top.id, { parent: bottom.slug }), ValidationError, {
        code: 'CATEGORY_CYCLE',
      });
      assert.equal((await taxonomy().categories.get(top.id)).parentId, null);
    });

    it('should move a category to the top level when its parent is set to null', async () => {
      const parent = await taxonomy().categories.create({ name: 'Move Parent' });
      const child = await taxonomy().categories.create({ name: 'Move Child', parent: parent.slug });

      const moved = await taxonomy().categories.update(child.id, { parent: null });

      assert.equal(moved.parentId, null);
      assert.equal((await taxonomy().categories.get(child.id)).parentId, null);
    });

    it('should move a category under a sibling when that makes no cycle', async () => {
      const a = await taxonomy().categories.create({ name: 'Sibling A' });
      const b = await taxonomy().categories.create({ name: 'Sibling B' });

      const moved = await taxonomy().categories.update(b.id, { parent: a.slug });

      assert.equal(moved.parentId, a.id);
    });

    it('should refuse with CATEGORY_HAS_CHILDREN and keep it when a category with sub-categories is removed', async () => {
      const parent = await taxonomy().categories.create({ name: 'Has Children' });
      await taxonomy().categories.create({ name: 'A Child', parent: parent.slug });

      await rejectsWith(taxonomy().categories.remove(parent.slug), ConflictError, {
        code: 'CATEGORY_HAS_CHILDREN',
      });
      assert.equal((await taxonomy().categories.get(parent.id)).id, parent.id);
    });

    it('should remove a category and take it off its articles when it has no sub-categories', async () => {
      const doomed = await taxonomy().categories.create({ name: 'Doomed' });
      const kept = await taxonomy().categories.create({ name: 'Kept' });
      const [article] = await t.masthead.services.articles.create('article', [
        { title: 'Filed under doomed', categories: [doomed.slug, kept.slug] },
      ]);
      assert.ok(article);

      await taxonomy().categories.remove(doomed.slug);

      await rejectsWith(taxonomy().categories.get(doomed.id), NotFoundError, { code: 'CATEGORY_NOT_FOUND' });
      const reread = await t.masthead.services.articles.get({ kind: 'article', ref: article.id });
      assert.equal(reread.primaryCategory, null);
      assert.deepEqual(
        reread.categories.map((c) => c.id),
        [kept.id],
      );
    });

    it('should include every level below but not siblings when descendants are asked for', async () => {
      const root = await taxonomy().categories.create({ name: 'Tree Root' });
      const child = await taxonomy().categories.create({ name: 'Tree Child', parent: root.slug });
      const grandchild = await taxonomy().categories.create({ name: 'Tree Grandchild', parent: child.slug });
      await taxonomy().categories.create({ name: 'Tree Sibling' });

      const ids = await taxonomy().categories.descendantIds(root.id);

      assert.deepEqual(new Set(ids), new Set([root.id, child.id, grandchild.id]));
    });

    it('should find a category by slug whatever its case when the slug is typed in capitals', async () => {
      const created = await taxonomy().categories.create({ name: 'Capitals' });

      assert.equal((await taxonomy().categories.get('CAPITALS')).id, created.id);
    });

    it('should name the position of the unknown one when resolving several categories', async () => {
      await taxonomy().categories.create({ name: 'Resolvable' });

      const resolving = taxonomy().categories.resolve(['resolvable', 'unresolvable'], {
        executor: t.masthead.database.db,
        field: 'categories',
      });

      await rejectsWith(resolving, ValidationError, { code: 'UNKNOWN_CATEGORY', field: 'categories[1]' });
    });

    it('should emit category.changed when a category is created, updated and removed', async (context) => {
      const seen: string[] = [];
      context.after(t.masthead.events.on('category.changed', ({ id }) => void seen.push(id)));

      const created = await taxonomy().categories.create({ name: 'Evented' });
      await taxonomy().categories.update(created.id, { description: 'Now described' });
      await taxonomy().categories.remove(created.id);

      assert.deepEqual(seen, [created.id, created.id, created.id]);
    });

    it('should count categories as a number when a page of them is listed', async () => {
      const { categories, pagination } = await taxonomy().categories.list({ page: 1, limit: 2 });

      assert.equal(categories.length, 2);
      assert.equal(typeof pagination.total, 'number');
      assert.ok(pagination.total >= 2);
    });
  });

  describe('tags', () => {
    it('should take the slug from the name when a tag is created without one', async () => {
      const tag = await taxonomy().tags.create({ name: 'Élection Night' });

      assert.equal(tag.slug, 'election-night');
      assert.equal(tag.name, 'Élection Night');
    });

    it('should refuse with SLUG_TAKEN on slug when a chosen tag slug is taken', async () => {
      await taxonomy().tags.create({ name: 'Floods', slug: 'floods' });

      await rejectsWith(taxonomy().tags.create({ name: 'Flooding', slug: 'floods' }), ConflictError, {
        code: 'SLUG_TAKEN',
        field: 'slug',
      });
    });

    it('should refuse with SLUG_TAKEN on slug when a tag is renamed onto another tag slug', async () => {
      await taxonomy().tags.create({ name: 'Rail' });
      const trains = await taxonomy().tags.create({ name: 'Trains' });

      await rejectsWith(taxonomy().tags.update(trains.id, { slug: 'rail' }), ConflictError, {
        code: 'SLUG_TAKEN',
        field: 'slug',
      });
    });

    it('should keep the slug when only the name of a tag changes', async () => {
      const tag = await taxonomy().tags.create({ name: 'Weather' });

      const renamed = await taxonomy().tags.update(tag.slug, { name: 'The Weather' });

      assert.equal(renamed.slug, 'weather');
      assert.equal((await taxonomy().tags.get('weather')).name, 'The Weather');
    });

    it('should refuse with INVALID_TAG naming its position when a tag name has no letters or digits', async () => {
      await rejectsWith(
        taxonomy().tags.resolveOrCreate(['Good', '!!!'], t.masthead.database.db),
        ValidationError,
        {
          code: 'INVALID_TAG',
          field: 'tags[1]',
        },
      );
    });

    it('should take a removed tag off its articles when a tag is deleted', async () => {
      const [article] = await t.masthead.services.articles.create('article', [
        { title: 'Tag gone', tags: ['Ephemeral', 'Lasting'] },
      ]);
      assert.ok(article);

      await taxonomy().tags.remove('ephemeral');

      await rejectsWith(taxonomy().tags.get('ephemeral'), NotFoundError, { code: 'TAG_NOT_FOUND' });
      const reread = await t.masthead.services.articles.get({ kind: 'article', ref: article.id });
      assert.deepEqual(
        reread.tags.map((tag) => tag.slug),
        ['lasting'],
      );
    });
  });
});
