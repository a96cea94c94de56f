import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { describe, it } from 'node:test';
import {
  articlePath,
  assertStatus,
  attr,
  byTag,
  get,
  headLinks,
  htmlElement,
  moreArticles,
  onDay,
  one,
  openSite,
  publish,
  SITE,
  text,
  withClass,
} from './site-helpers.ts';

const langAndDir = (doc: Parameters<typeof htmlElement>[0]) => {
  const html = htmlElement(doc);
  return [attr(html, 'lang'), attr(html, 'dir')];
};

describe('Public site: languages and directions', () => {
  it('should render an Arabic article right to left with Arabic site words when its language is ar', async (ctx) => {
    const t = await openSite(ctx);
    await t.masthead.services.taxonomy.categories.create({ name: 'News' });
    await t.masthead.services.people.create({ name: 'Layla Haddad' });
    const story = await publish(t, {
      title: 'عاصفة تغلق الميناء',
      language: 'ar',
      primary_category: 'news',
      authors: ['layla-haddad'],
      published_at: onDay(2),
    });
    await publish(t, { title: 'خبر آخر', language: 'ar', primary_category: 'news' });

    const page = await get(t, articlePath(story));

    assertStatus(page, 200, articlePath(story));
    assert.deepEqual(langAndDir(page.doc), ['ar', 'rtl']);
    const more = moreArticles(page.doc);
    assert.ok(more, 'expected a More Articles section');
    assert.equal(text(more.heading), 'مقالات أخرى');
    const crumbs = byTag(one(withClass(page.doc, 'breadcrumb'), 'breadcrumb'), 'a').map(text);
    assert.deepEqual(crumbs, ['الرئيسية', 'News']);
    assert.match(text(one(withClass(page.doc, 'byline'), 'byline')), /^بقلم Layla Haddad/);
    assert.match(text(byTag(page.doc, 'time')[0]), /[\u0600-\u06ff]/, 'the date is written in Arabic');
  });

  it('should set dir="rtl" and keep the language when an article is in Persian, Hebrew or Urdu', async (ctx) => {
    const t = await openSite(ctx);
    for (const language of ['fa', 'he', 'ur', 'ar-EG']) {
      const story = await publish(t, { title: `Story in ${language}`, language });

      const page = await get(t, articlePath(story));

      assertStatus(page, 200, articlePath(story));
      assert.deepEqual(langAndDir(page.doc), [language, 'rtl']);
    }
  });

  it('should use English words with lang="ja" and dir="ltr" when the article language has no catalog', async (ctx) => {
    const t = await openSite(ctx);
    const story = await publish(t, { title: '港が閉鎖', language: 'ja', published_at: onDay(2) });
    await publish(t, { title: 'Another story' });

    const page = await get(t, articlePath(story));

    assertStatus(page, 200, articlePath(story));
    assert.deepEqual(langAndDir(page.doc), ['ja', 'ltr']);
    assert.equal(text(moreArticles(page.doc)?.heading), 'More Articles');
  });

  it('should give the home page and the 404 page French words when the site locale is fr', async (ctx) => {
    const t = await openSite(ctx);
    await t.masthead.services.settings.update({ locale: 'fr' });
    await publish(t, { title: 'Le port rouvre' });
    await publish(t, { title: 'La marée monte', published_at: onDay(2) });

    const home = await get(t, '/');
    const missing = await get(t, '/nulle-part/');

    assertStatus(home, 200, '/');
    assert.deepEqual(langAndDir(home.doc), ['fr', 'ltr']);
    const headings = byTag(home.doc, 'h2').map(text);
    assert.ok(headings.includes('Dernières nouvelles'), `headings: ${headings.join(' | ')}`);
    const nav = one(withClass(home.doc, 'sections'), 'section navigation');
    assert.equal(attr(nav, 'aria-label'), 'Rubriques');
    assert.equal(text(byTag(nav, 'a')[0]), 'Accueil');
    assertStatus(missing, 404);
    assert.equal(text(one(byTag(missing.doc, 'h1'), '<h1>')), 'Page introuvable');
  });
});

describe('Public site: dates in the site timezone', () => {
  it("should date the article and its permalink in the site's timezone when it is not UTC", async (ctx) => {
    const t = await openSite(ctx);
    // 20:30 on 31 March in UTC is 05:30 on 1 April in Tokyo.
    const story = await publish(t, {
      title: 'Late night vote',
      published_at: new Date('2024-03-31T20:30:00Z'),
    });
    // Older, so the home page lists it as a card (with its date) under the lead story.
    await publish(t, { title: 'Evening count', published_at: new Date('2024-03-31T19:00:00Z') });
    const utc = await get(t, '/2024/03/late-night-vote/');
    assertStatus(utc, 200, '/2024/03/late-night-vote/');
    assert.match(text(byTag(utc.doc, 'time')[0]), /March 31, 2024/);

    await t.masthead.services.settings.update({ timezone: 'Asia/Tokyo' });
    const page = await get(t, '/2024/04/late-night-vote/');
    const home = await get(t, '/');

    assertStatus(page, 200, '/2024/04/late-night-vote/');
    const time = byTag(page.doc, 'time')[0];
    assert.equal(attr(time, 'datetime'), '2024-03-31T20:30:00.000Z');
    assert.match(text(time), /April 1, 2024/);
    assert.match(text(time), /5:30/);
    assert.match(text(byTag(home.doc, 'time')[0]), /April 1, 2024 at 4:00/);
    const moved = await get(t, articlePath(story));
    assertStatus(moved, 301, articlePath(story));
    assert.equal(moved.headers.location, `${SITE}/2024/04/late-night-vote/`);
  });
});

describe('Public site: the stylesheet', () => {
  /** The declarations of the stylesheet inside the home page, comments removed. */
  async function stylesheet(ctx: Parameters<typeof openSite>[0]): Promise<string> {
    const t = await openSite(ctx);
    const home = await get(t, '/');
    assertStatus(home, 200, '/');
    assert.equal(headLinks(home.doc, 'stylesheet').length, 0);
    return text(one(byTag(home.doc, 'style'), '<style>')).replace(/\/\*[\s\S]*?\*\//g, '');
  }

  it('should send the stylesheet inside the page and allow it in the CSP by its hash when a page is requested', async (ctx) => {
    const t = await openSite(ctx);
    const home = await get(t, '/');

    const style = one(byTag(home.doc, 'style'), '<style>');
    const css = style.children.map((node) => ('data' in node ? node.data : '')).join('');
    const hash = createHash('sha256').update(css).digest('base64');
    const csp = String(home.headers['content-security-policy']);
    assert.ok(css.length > 1000);
    assert.match(csp, new RegExp(`style-src-elem [^;]*'sha256-${hash.replace(/[+/]/g, '\\$&')}'`));
    assert.doesNotMatch(csp.match(/style-src-elem[^;]*/)?.[0] ?? '', /unsafe-inline/);
  });

  it('should lay out with logical properties and no physical left/right ones when the site stylesheet is read', async (ctx) => {
    const css = await stylesheet(ctx);

    for (const logical of ['margin-inline', 'padding-inline', 'inset-inline'])
      assert.ok(css.includes(logical), `expected ${logical}`);
    const physical = css.match(/(?<![\w-])(?:(?:margin|padding|border)-(?:left|right)|left|right)\s*:/g);
    assert.deepEqual(physical, null);
  });

  it('should have a dark colour scheme and a print stylesheet when the site stylesheet is read', async (ctx) => {
    const css = await stylesheet(ctx);

    assert.match(css, /@media\s*\(\s*prefers-color-scheme:\s*dark\s*\)/);
    assert.match(css, /@media\s+print/);
  });
});
