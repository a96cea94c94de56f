import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';
import {
  assertStatus,
  attr,
  byTag,
  get,
  headLinks,
  listTitles,
  onDay,
  one,
  publish,
  SITE,
  text,
  withClass,
} from './site-helpers.ts';

/** Lists count 10 pages past the one shown (list-routes.tsx); this section holds 13 pages. */
const ARTICLES = 13;

describe('Public site: pagination of long lists', () => {
  let t: TestApp;

  before(async () => {
    t = await createTestApp();
    await t.masthead.services.settings.update({ articles_per_page: 1 });
    await t.masthead.services.taxonomy.categories.create({ name: 'News' });
    for (let day = 1; day <= ARTICLES; day += 1)
      await publish(t, { title: `Story ${day}`, primary_category: 'news', published_at: onDay(day) });
  });

  after(() => t.close());

  const label = async (url: string) => {
    const page = await get(t, url);
    assertStatus(page, 200, url);
    return { page, label: text(one(withClass(page.doc, 'pagination'), 'pagination')) };
  };

  it('should link the next page but not name the last when the list runs past the pages counted', async () => {
    const { page, label: shown } = await label('/category/news/');

    assert.equal(attr(headLinks(page.doc, 'next')[0], 'href'), `${SITE}/category/news/page/2/`);
    assert.match(shown, /Page 1(?! of)/);
    assert.doesNotMatch(page.text, /Page 1 of/);
  });

  it('should name the last page and link no next page when the last page is shown', async () => {
    const { page, label: shown } = await label(`/category/news/page/${ARTICLES}/`);

    assert.match(shown, new RegExp(`Page ${ARTICLES} of ${ARTICLES}`));
    assert.equal(headLinks(page.doc, 'next').length, 0);
    assert.equal(attr(headLinks(page.doc, 'prev')[0], 'href'), `${SITE}/category/news/page/${ARTICLES - 1}/`);
    assert.match(text(one(byTag(page.doc, 'title'), '<title>')), new RegExp(`of ${ARTICLES}`));
  });

  it('should answer 404 past the last page however far past it is', async () => {
    for (const url of [`/category/news/page/${ARTICLES + 1}/`, '/category/news/page/500/', '/page/99/'])
      assertStatus(await get(t, url), 404, url);
  });

  it('should reach every article once, newest first, when the rel="next" links are followed', async () => {
    const titles = await listTitles(t, '/category/news/');

    assert.deepEqual(
      titles,
      Array.from({ length: ARTICLES }, (_, i) => `Story ${ARTICLES - i}`),
    );
  });
});
