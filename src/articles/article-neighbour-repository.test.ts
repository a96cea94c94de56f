import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTestApp, type TestApp } from '../../test/helpers/test-app.ts';
import type { ArticleView } from './article.ts';
import { createArticleNeighbourRepository } from './article-neighbour-repository.ts';

describe('article neighbour repository: a tag’s newest published articles', () => {
  let t: TestApp;
  let subject: ArticleView;
  let tide: string;
  const titles = new Map<string, string>();

  /** Titles of the newest published articles tagged Tide, as the repository reads them. */
  const withTide = async (limit = 10) => {
    const repo = createArticleNeighbourRepository({ dialect: t.masthead.database.dialect });
    const rows = await repo.latestWithTags(t.masthead.database.db, {
      tagIds: [tide],
      excludeId: subject.id,
      limit,
    });
    return rows.map((row) => titles.get(row.id));
  };

  const publish = async (
    title: string,
    day: number,
    tags: string[],
    status: 'published' | 'draft' = 'published',
  ): Promise<ArticleView> => {
    const [view] = (await t.masthead.services.articles.create('article', [
      { title, tags, status, published_at: new Date(Date.UTC(2025, 0, day, 9)) },
    ])) as [ArticleView];
    titles.set(view.id, title);
    return view;
  };

  before(async () => {
    t = await createTestApp();
    subject = await publish('The subject', 10, ['Tide', 'Ferry']);
    tide = subject.tags.find((tag) => tag.name === 'Tide')?.id as string;
    await publish('Both tags, older', 1, ['Tide', 'Ferry']);
    await publish('Tide only, newest', 9, ['Tide']);
    await publish('Ferry only', 5, ['Ferry']);
    await publish('Unrelated', 8, ['Weather']);
    await publish('A draft with both', 7, ['Tide', 'Ferry'], 'draft');
  });
  after(() => t.close());

  it('should list published articles with the tag newest first, never the article itself or a draft', async () => {
    assert.deepEqual(await withTide(), ['Tide only, newest', 'Both tags, older']);
    assert.deepEqual(await withTide(1), ['Tide only, newest']);
  });

  it('should follow an article that is published, unpublished, re-dated or retagged', async () => {
    const { articles } = t.masthead.services;
    const later = await publish('Published later', 2, ['Tide'], 'draft');
    assert.deepEqual(await withTide(), ['Tide only, newest', 'Both tags, older']);

    await articles.publish('article', later.id, new Date(Date.UTC(2025, 0, 3, 9)));
    assert.deepEqual(await withTide(), ['Tide only, newest', 'Published later', 'Both tags, older']);

    await articles.update('article', later.id, { published_at: new Date(Date.UTC(2025, 0, 9, 12)) });
    assert.deepEqual(await withTide(), ['Published later', 'Tide only, newest', 'Both tags, older']);

    await articles.update('article', later.id, { tags: ['Weather'] });
    assert.deepEqual(await withTide(), ['Tide only, newest', 'Both tags, older']);

    await articles.update('article', later.id, { tags: ['Tide', 'Weather'] });
    assert.deepEqual(await withTide(), ['Published later', 'Tide only, newest', 'Both tags, older']);

    await articles.unpublish('article', later.id);
    assert.deepEqual(await withTide(), ['Tide only, newest', 'Both tags, older']);

    await articles.remove('article', later.id);
    assert.deepEqual(await withTide(), ['Tide only, newest', 'Both tags, older']);
  });

  it('should never list a page, even a published one with the tag', async () => {
    const [page] = (await t.masthead.services.articles.create('page', [
      { title: 'About the tides', tags: ['Tide'], status: 'published' },
    ])) as [ArticleView];
    titles.set(page.id, 'About the tides');

    assert.deepEqual(await withTide(), ['Tide only, newest', 'Both tags, older']);
  });
});

describe('article neighbour repository: a section around an article, and several tags at once', () => {
  let t: TestApp;
  const titles = new Map<string, string>();
  const byTitle = new Map<string, ArticleView>();
  const named = (rows: { id: string }[]) => rows.map((row) => titles.get(row.id));
  const repo = () => createArticleNeighbourRepository({ dialect: t.masthead.database.dialect });

  before(async () => {
    t = await createTestApp();
    await t.masthead.services.taxonomy.categories.create({ name: 'Harbour' });
    await t.masthead.services.taxonomy.categories.create({ name: 'Weather' });
    const publish = async (title: string, day: number, section: string, tags: string[]) => {
      const [view] = (await t.masthead.services.articles.create('article', [
        {
          title,
          tags,
          status: 'published',
          primary_category: section,
          published_at: new Date(Date.UTC(2025, 1, day, 9)),
        },
      ])) as [ArticleView];
      titles.set(view.id, title);
      byTitle.set(title, view);
    };
    await publish('Harbour 1', 1, 'harbour', ['Tide']);
    await publish('Harbour 2', 2, 'harbour', ['Tide', 'Ferry']);
    await publish('Harbour 3', 3, 'harbour', []);
    await publish('Harbour 4', 4, 'harbour', ['Ferry']);
    await publish('Weather 5', 5, 'weather', ['Tide', 'Ferry']);
  });
  after(() => t.close());

  it('should give the section’s newest other articles and the article’s previous and next', async () => {
    const middle = byTitle.get('Harbour 2') as ArticleView;

    const around = await repo().sectionAround(t.masthead.database.db, {
      categoryId: middle.primaryCategoryId as string,
      id: middle.id,
      at: middle.publishedAt as Date,
      limit: 2,
    });

    assert.deepEqual(named(around.latest), ['Harbour 4', 'Harbour 3']);
    assert.equal(titles.get(around.previous?.id ?? ''), 'Harbour 1');
    assert.equal(titles.get(around.next?.id ?? ''), 'Harbour 3');
  });

  it('should give no previous for the oldest article and no next for the newest', async () => {
    const oldest = byTitle.get('Harbour 1') as ArticleView;
    const newest = byTitle.get('Harbour 4') as ArticleView;
    const aroundOf = (article: ArticleView) =>
      repo().sectionAround(t.masthead.database.db, {
        categoryId: article.primaryCategoryId as string,
        id: article.id,
        at: article.publishedAt as Date,
        limit: 10,
      });

    const first = await aroundOf(oldest);
    const last = await aroundOf(newest);

    assert.equal(first.previous, undefined);
    assert.equal(titles.get(first.next?.id ?? ''), 'Harbour 2');
    assert.equal(last.next, undefined);
    assert.deepEqual(named(last.latest), ['Harbour 3', 'Harbour 2', 'Harbour 1']);
  });

  it('should list an article once for each tag among whose newest it is', async () => {
    const subject = byTitle.get('Harbour 2') as ArticleView;

    const found = await repo().latestWithTags(t.masthead.database.db, {
      tagIds: subject.tags.map((tag) => tag.id),
      excludeId: subject.id,
      limit: 5,
    });

    assert.deepEqual(
      named(found).sort(),
      ['Harbour 1', 'Harbour 4', 'Weather 5', 'Weather 5'].sort(),
      'Weather 5 has both tags',
    );
  });
});
