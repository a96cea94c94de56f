import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ArticleView } from '../../src/articles/article.ts';
import type { TestApp } from '../helpers/test-app.ts';
import {
  type ArticleInput,
  articlePath,
  assertStatus,
  get,
  type MoreArticles,
  moreArticles,
  onDay,
  openSite,
  publish,
  text,
  withAttr,
} from './site-helpers.ts';

type Ctx = Parameters<typeof openSite>[0];

/** A fresh site with three sections (politics, sport, arts): More Articles draws on every article. */
async function sections(ctx: Ctx): Promise<TestApp> {
  const t = await openSite(ctx);
  for (const name of ['Politics', 'Sport', 'Arts'])
    await t.masthead.services.taxonomy.categories.create({ name });
  return t;
}

/** Publishes articles on consecutive days from `firstDay`, all with the same extra fields. */
async function publishEach(
  t: TestApp,
  titles: string[],
  fields: Partial<ArticleInput>,
  firstDay: number,
): Promise<ArticleView[]> {
  const made: ArticleView[] = [];
  for (const [index, title] of titles.entries())
    made.push(await publish(t, { title, published_at: onDay(firstDay + index), ...fields }));
  return made;
}

/** The More Articles section of an article's page (the page must exist and show one). */
async function moreOn(t: TestApp, article: ArticleView): Promise<MoreArticles> {
  const page = await get(t, articlePath(article));
  assertStatus(page, 200, articlePath(article));
  const more = moreArticles(page.doc);
  assert.ok(more, `no More Articles section on ${articlePath(article)}`);
  return more;
}

describe('Article page: More Articles', () => {
  it('should head the section with a "More Articles" heading that labels it when other articles exist', async (ctx) => {
    const t = await sections(ctx);
    const target = await publish(t, { title: 'Target story', primary_category: 'politics' });
    await publish(t, { title: 'Another story', primary_category: 'politics', published_at: onDay(2) });

    const page = await get(t, articlePath(target));

    const more = moreArticles(page.doc);
    assert.ok(more, 'expected a <section aria-labelledby> listing articles');
    assert.equal(more.section.name, 'section');
    assert.match(more.heading.name, /^h[2-6]$/);
    assert.equal(text(more.heading), 'More Articles');
    assert.equal(withAttr(page.doc, 'id', more.heading.attribs.id).length, 1, 'the heading id is unique');
    assert.deepEqual(more.titles, ['Another story']);
  });

  it('should list at least 4 other articles, never the article itself, when 5 published articles exist', async (ctx) => {
    const t = await sections(ctx);
    const target = await publish(t, {
      title: 'Target story',
      primary_category: 'politics',
      published_at: onDay(3),
    });
    await publishEach(t, ['Sport one', 'Sport two'], { primary_category: 'sport' }, 1);
    await publishEach(t, ['Arts one', 'Arts two'], { primary_category: 'arts' }, 4);

    const more = await moreOn(t, target);

    assert.deepEqual([...more.titles].sort(), ['Arts one', 'Arts two', 'Sport one', 'Sport two']);
    assert.ok(!more.paths.includes(articlePath(target)));
  });

  it('should list between 4 and 6 distinct articles when many published articles exist', async (ctx) => {
    const t = await sections(ctx);
    const target = await publish(t, { title: 'Target story', primary_category: 'politics', tags: ['Votes'] });
    await publishEach(
      t,
      ['P1', 'P2', 'P3', 'P4', 'P5'],
      { primary_category: 'politics', tags: ['Votes'] },
      2,
    );
    await publishEach(t, ['S1', 'S2', 'S3', 'S4'], { primary_category: 'sport' }, 10);

    const more = await moreOn(t, target);

    assert.ok(more.titles.length >= 4 && more.titles.length <= 6, `listed ${more.titles.length}`);
    assert.equal(new Set(more.paths).size, more.paths.length, 'no article twice');
    assert.ok(!more.titles.includes('Target story'));
  });

  it('should never list a draft, a scheduled or an unpublished article when they share the section and tags', async (ctx) => {
    const t = await sections(ctx);
    const { articles } = t.masthead.services;
    const related = { primary_category: 'politics', tags: ['Elections'] };
    const target = await publish(t, { title: 'Target story', ...related });
    await publish(t, { title: 'Draft story', ...related, status: 'draft', published_at: onDay(2) });
    await publish(t, {
      title: 'Scheduled story',
      ...related,
      status: 'scheduled',
      published_at: new Date('2099-05-01T09:00:00Z'),
    });
    const withdrawn = await publish(t, { title: 'Withdrawn story', ...related, published_at: onDay(3) });
    await publishEach(
      t,
      ['Arts one', 'Arts two', 'Arts three', 'Arts four'],
      { primary_category: 'arts' },
      4,
    );
    assert.ok((await moreOn(t, target)).titles.includes('Withdrawn story'));

    await articles.unpublish('article', withdrawn.id);
    const more = await moreOn(t, target);

    assert.deepEqual([...more.titles].sort(), ['Arts four', 'Arts one', 'Arts three', 'Arts two']);
  });

  it('should rank same-section and shared-tag articles above newer unrelated ones when both exist', async (ctx) => {
    const t = await sections(ctx);
    const target = await publish(t, {
      title: 'Target',
      primary_category: 'politics',
      tags: ['Elections', 'Budget'],
    });
    await publish(t, {
      title: 'Both tags',
      primary_category: 'sport',
      tags: ['Elections', 'Budget'],
      published_at: onDay(2),
    });
    await publish(t, { title: 'Same section', primary_category: 'politics', published_at: onDay(3) });
    await publish(t, {
      title: 'Section and tag',
      primary_category: 'politics',
      tags: ['Elections'],
      published_at: onDay(4),
    });
    await publish(t, {
      title: 'One tag',
      primary_category: 'arts',
      tags: ['Budget'],
      published_at: onDay(5),
    });
    await publishEach(t, ['Unrelated 10', 'Unrelated 11', 'Unrelated 12'], { primary_category: 'arts' }, 10);

    const { titles } = await moreOn(t, target);

    assert.equal(titles[0], 'Section and tag', 'the most related comes first');
    assert.deepEqual(titles.slice(0, 4).sort(), ['Both tags', 'One tag', 'Same section', 'Section and tag']);
    assert.deepEqual(titles.slice(4), ['Unrelated 12', 'Unrelated 11'], 'then the latest, newest first');
  });

  it('should order equally related articles newest first when they share only the section', async (ctx) => {
    const t = await sections(ctx);
    const target = await publish(t, {
      title: 'Target',
      primary_category: 'politics',
      published_at: onDay(3),
    });
    await publishEach(t, ['Day 1', 'Day 2'], { primary_category: 'politics' }, 1);
    await publishEach(t, ['Day 4', 'Day 5'], { primary_category: 'politics' }, 4);

    const { titles } = await moreOn(t, target);

    assert.deepEqual(titles, ['Day 5', 'Day 4', 'Day 2', 'Day 1']);
  });

  it('should not list unrelated articles when enough related ones exist', async (ctx) => {
    const t = await sections(ctx);
    const target = await publish(t, {
      title: 'Target',
      primary_category: 'politics',
      published_at: onDay(9),
    });
    await publishEach(t, ['P1', 'P2', 'P3', 'P4', 'P5', 'P6', 'P7'], { primary_category: 'politics' }, 1);
    await publishEach(t, ['Newer unrelated 1', 'Newer unrelated 2'], { primary_category: 'sport' }, 20);

    const { titles } = await moreOn(t, target);

    assert.deepEqual(titles, ['P7', 'P6', 'P5', 'P4', 'P3', 'P2']);
  });
});
