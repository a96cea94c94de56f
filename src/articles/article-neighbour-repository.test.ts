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
    const rows = await repo.latestWithTag(t.masthead.database.db, {
      tagId: tide,
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
