import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTestApp, type TestApp } from '../../test/helpers/test-app.ts';
import type { ArticleView } from './article.ts';
import { createArticleNeighbourRepository } from './article-neighbour-repository.ts';

describe('article neighbour repository: articles sharing tags', () => {
  let t: TestApp;
  let subject: ArticleView;

  /** The same read from the tags' side (rare tags) and from the newest articles (common tags). */
  const bothWays = async (tagIds: string[]) => {
    const read = (rareTagLinks: number) =>
      createArticleNeighbourRepository({ dialect: t.masthead.database.dialect, rareTagLinks })
        .latestSharingTags(t.masthead.database.db, { tagIds, excludeId: subject.id, limit: 3 })
        .then((rows) => rows.map((row) => `${row.title} (${row.sharedTags})`));
    return { fromTags: await read(1_000), fromNewest: await read(0) };
  };

  before(async () => {
    t = await createTestApp();
    const publish = (
      title: string,
      day: number,
      tags: string[],
      status: 'published' | 'draft' = 'published',
    ) =>
      t.masthead.services.articles.create('article', [
        { title, tags, status, published_at: new Date(Date.UTC(2025, 0, day, 9)) },
      ]);
    [subject] = (await publish('The subject', 10, ['Tide', 'Ferry'])) as [ArticleView];
    await publish('Both tags, older', 1, ['Tide', 'Ferry']);
    await publish('Tide only, newest', 9, ['Tide']);
    await publish('Ferry only', 5, ['Ferry']);
    await publish('Ferry only, oldest', 2, ['Ferry']);
    await publish('Unrelated', 8, ['Weather']);
    await publish('A draft with both', 7, ['Tide', 'Ferry'], 'draft');
  });
  after(() => t.close());

  it('should give the newest published articles sharing a tag, with how many they share, either way it reads them', async () => {
    const { fromTags, fromNewest } = await bothWays(subject.tags.map((tag) => tag.id));

    assert.deepEqual(fromTags, ['Tide only, newest (1)', 'Ferry only (1)', 'Ferry only, oldest (1)']);
    assert.deepEqual(fromNewest, fromTags);
  });

  it('should count both shared tags when an article shares both', async () => {
    const ferryAndTide = subject.tags.map((tag) => tag.id);
    const repo = createArticleNeighbourRepository({ dialect: t.masthead.database.dialect });

    const rows = await repo.latestSharingTags(t.masthead.database.db, {
      tagIds: ferryAndTide,
      excludeId: subject.id,
      limit: 10,
    });

    assert.deepEqual(
      rows.map((row) => [row.title, row.sharedTags]),
      [
        ['Tide only, newest', 1],
        ['Ferry only', 1],
        ['Ferry only, oldest', 1],
        ['Both tags, older', 2],
      ],
    );
  });

  it('should find nothing either way when no other article has the tag', async () => {
    const [lonely] = await t.masthead.services.taxonomy.tags.resolveOrCreate(
      ['Lonely'],
      t.masthead.database.db,
    );
    assert.ok(lonely);

    const { fromTags, fromNewest } = await bothWays([lonely.id]);

    assert.deepEqual(fromTags, []);
    assert.deepEqual(fromNewest, []);
  });
});
