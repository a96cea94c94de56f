import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTestApp, type TestApp } from '../../test/helpers/test-app.ts';
import type { ArticleCreateInput } from '../articles/article.ts';
import { MATCH_START } from './search.ts';
import { createSearchRepository } from './search-repository.ts';

describe('search repository with words too common for bm25', () => {
  let t: TestApp;
  // A word in more than two articles counts as common here, so a handful of articles reach the
  // tiered ranking that a word in thousands of articles reaches on a real site.
  const search = (query: string[]) =>
    createSearchRepository({ dialect: t.masthead.database.dialect, commonWordArticles: 2 }).search(
      t.masthead.database.db,
      { query, limit: 10, offset: 0 },
    );
  const create = async (input: ArticleCreateInput) => {
    await t.masthead.services.articles.create('article', [{ status: 'published', ...input }]);
  };

  before(async () => {
    t = await createTestApp();
  });
  after(() => t.close());

  it('should rank title over standfirst over body, newest first in each, when the word is common', async () => {
    await create({ title: 'Older glimmet inquiry', published_at: new Date('2025-01-01T09:00:00Z') });
    await create({
      title: 'Standfirst only',
      standfirst: 'A glimmet update',
      published_at: new Date('2025-01-02T09:00:00Z'),
    });
    await create({
      title: 'Body only',
      body_html: '<p>The glimmet report.</p>',
      published_at: new Date('2025-01-04T09:00:00Z'),
    });
    await create({ title: 'Newer glimmet inquiry', published_at: new Date('2025-01-03T09:00:00Z') });

    const found = await search(['glimmet']);

    assert.deepEqual(
      found.rows.map((row) => row.title),
      ['Newer glimmet inquiry', 'Older glimmet inquiry', 'Standfirst only', 'Body only'],
    );
    assert.equal(found.total, 4);
    assert.ok(found.rows[3]?.markedBody.includes(`${MATCH_START}glimmet`));
  });

  it('should order a tier by date on SQLite and by how often the word occurs on PostgreSQL when the word is common', async () => {
    await create({ title: 'Another plinth story', published_at: new Date('2025-02-28T09:00:00Z') });
    await create({
      title: 'Older plinth story',
      body_html: '<p>Plinth, plinth and plinth again.</p>',
      published_at: new Date('2025-03-01T09:00:00Z'),
    });
    await create({ title: 'Newer plinth story', published_at: new Date('2025-03-02T09:00:00Z') });

    const titles = (await search(['plinth'])).rows.map((row) => row.title);

    // SQLite skips bm25 for a common word (its IDF walks every article holding it) and ranks the
    // most recently published first within the title tier; PostgreSQL's ts_rank has no such cost.
    assert.equal(
      titles[0],
      t.masthead.database.dialect === 'sqlite' ? 'Newer plinth story' : 'Older plinth story',
    );
  });

  it('should find only articles with every word when a common word comes with a rare one', async () => {
    for (const day of [1, 2, 3])
      await create({
        title: `Plain trobble note ${day}`,
        published_at: new Date(`2025-02-0${day}T09:00:00Z`),
      });
    await create({ title: 'Trobble and quazz together', published_at: new Date('2025-02-04T09:00:00Z') });

    const found = await search(['trobble', 'quazz']);

    assert.deepEqual(
      found.rows.map((row) => row.title),
      ['Trobble and quazz together'],
    );
  });
});
