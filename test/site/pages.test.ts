import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';
import {
  articlePath,
  assertStatus,
  attr,
  byTag,
  get,
  type HarbourSite,
  headLinks,
  htmlElement,
  listTitles,
  onDay,
  one,
  openSite,
  pathOf,
  publish,
  SITE,
  seedHarbourSite,
  text,
  withAttr,
  withClass,
} from './site-helpers.ts';

describe('Public site: pages, status codes and article anatomy', () => {
  let t: TestApp;
  let a: HarbourSite;

  before(async () => {
    t = await createTestApp();
    a = await seedHarbourSite(t);
  });

  after(() => t.close());

  describe('lists', () => {
    it('should answer 200 with the newest articles and rel="next" when the home page is requested', async () => {
      const page = await get(t, '/');

      assertStatus(page, 200, '/');
      assert.match(String(page.headers['content-type']), /^text\/html/);
      assert.ok(page.text.includes('Rowing club wins') && page.text.includes('Council approves budget'));
      assert.equal(attr(headLinks(page.doc, 'next')[0], 'href'), `${SITE}/page/2/`);
      assert.equal(headLinks(page.doc, 'prev').length, 0);
    });

    it('should list every published article once, newest first, when the home pages are followed', async () => {
      assert.deepEqual(await listTitles(t, '/page/2/'), [
        'Storm closes the port',
        'Harbour wall repaired',
        'Ferry timetable changes',
      ]);
    });

    it('should link rel="prev" and rel="next" in the head and the pagination when page 2 is requested', async () => {
      const page = await get(t, '/page/2/');

      assertStatus(page, 200, '/page/2/');
      assert.equal(attr(headLinks(page.doc, 'prev')[0], 'href'), `${SITE}/`);
      assert.equal(attr(headLinks(page.doc, 'next')[0], 'href'), `${SITE}/page/3/`);
      const nav = one(withClass(page.doc, 'pagination'), 'pagination');
      assert.deepEqual(
        byTag(nav, 'a').map((link) => [attr(link, 'rel'), attr(link, 'href')]),
        [
          ['prev', `${SITE}/`],
          ['next', `${SITE}/page/3/`],
        ],
      );
    });

    it('should answer 404 when a list page is past the end, 0, 1 or not a number', async () => {
      for (const url of [
        '/page/4/',
        '/page/0/',
        '/page/1/',
        '/page/abc/',
        '/category/news/page/3/',
        '/tag/weather/page/2/',
      ]) {
        assertStatus(await get(t, url), 404, url);
      }
    });

    it("should include a sub-section's articles when the parent section's pages are followed", async () => {
      assert.deepEqual(await listTitles(t, '/category/news/'), [
        'Council approves budget',
        'Storm closes the port',
        'Harbour wall repaired',
        'Ferry timetable changes',
      ]);
      assert.deepEqual(await listTitles(t, '/category/harbour/'), ['Harbour wall repaired']);
    });

    it('should list the tagged and the authored articles when a tag and an author page are requested', async () => {
      assert.deepEqual(await listTitles(t, '/tag/weather/'), ['Storm closes the port']);
      assert.deepEqual(await listTitles(t, '/tag/port-life/'), ['Storm closes the port']);
      assert.deepEqual(await listTitles(t, '/author/ben-writer/'), ['Storm closes the port']);
    });

    it('should answer 404 when a section, tag or author does not exist', async () => {
      for (const url of ['/category/nowhere/', '/tag/nothing/', '/author/nobody/']) {
        assertStatus(await get(t, url), 404, url);
      }
    });
  });

  describe('not found, pages and unpublished articles', () => {
    it('should answer a themed 404 page with the site title and <html lang> when no article has the slug', async () => {
      for (const url of ['/2025/01/no-such-story/', '/no-such-page/', '/a/b/c/d/']) {
        const page = await get(t, url);

        assertStatus(page, 404, url);
        assert.match(String(page.headers['content-type']), /^text\/html/);
        assert.equal(attr(htmlElement(page.doc), 'lang'), 'en');
        assert.match(text(one(byTag(page.doc, 'title'), '<title>')), /Harbour Herald/);
        assert.equal(text(one(withClass(page.doc, 'masthead__title'), 'site title')), 'Harbour Herald');
        assert.equal(text(one(byTag(page.doc, 'h1'), '<h1>')), 'Page not found');
      }
    });

    it('should serve a page at /{slug}/ when a published page is requested', async () => {
      const page = await get(t, '/about-us/');

      assertStatus(page, 200, '/about-us/');
      assert.equal(text(one(byTag(page.doc, 'h1'), '<h1>')), 'About us');
      assert.ok(page.text.includes('Who we are.'));
    });

    it('should answer 404 when a draft or a scheduled article is requested at its permalink', async () => {
      assertStatus(await get(t, articlePath(a.draft)), 404);
      assertStatus(await get(t, articlePath(a.later)), 404);
    });
  });

  describe('article anatomy', () => {
    let page: Awaited<ReturnType<typeof get>>;
    before(async () => {
      page = await get(t, articlePath(a.storm));
      assertStatus(page, 200, articlePath(a.storm));
    });

    it('should have exactly one <h1>, the headline, and the standfirst when an article is shown', () => {
      assert.equal(text(one(byTag(page.doc, 'h1'), '<h1>')), 'Storm closes the port');
      assert.equal(
        text(one(withClass(page.doc, 'standfirst'), 'standfirst')),
        'Gales kept every boat in harbour overnight.',
      );
    });

    it('should link every author to their page and give the time as ISO datetime when an article is shown', () => {
      const byline = one(withClass(page.doc, 'byline'), 'byline');
      assert.deepEqual(
        withAttr(byline, 'rel', 'author').map((link) => [text(link), attr(link, 'href')]),
        [
          ['Ada Reporter', `${SITE}/author/ada-reporter/`],
          ['Ben Writer', `${SITE}/author/ben-writer/`],
        ],
      );
      const [published, ...others] = byTag(byline, 'time');
      assert.equal(attr(published, 'datetime'), '2025-01-03T14:00:00.000Z');
      assert.match(text(published), /January 3, 2025/);
      // An "updated" time may follow (the article was written after its publication date).
      for (const time of others)
        assert.equal(new Date(attr(time, 'datetime') ?? '').toISOString(), attr(time, 'datetime'));
    });

    it('should show a breadcrumb of the section and its parents when an article is in a sub-section', async () => {
      const storm = one(withClass(page.doc, 'breadcrumb'), 'breadcrumb');
      assert.deepEqual(
        byTag(storm, 'a').map((l) => attr(l, 'href')),
        [`${SITE}/`, `${SITE}/category/news/`],
      );

      const wall = await get(t, articlePath(a.wall));
      const trail = one(withClass(wall.doc, 'breadcrumb'), 'breadcrumb');
      assert.deepEqual(
        byTag(trail, 'a').map((l) => [text(l), attr(l, 'href')]),
        [
          ['Home', `${SITE}/`],
          ['News', `${SITE}/category/news/`],
          ['Harbour', `${SITE}/category/harbour/`],
        ],
      );
    });

    it('should show the featured image with alt, caption, credit, width and height when it has one', () => {
      const figure = one(byTag(one(withClass(page.doc, 'article'), 'article'), 'figure'), 'figure');
      const img = one(byTag(figure, 'img'), 'featured <img>');
      assert.equal(attr(img, 'src'), `${SITE}/media/storm.webp`);
      assert.equal(attr(img, 'alt'), 'Waves over the harbour wall');
      assert.match(attr(img, 'width') ?? '', /^[1-9]\d*$/);
      assert.match(attr(img, 'height') ?? '', /^[1-9]\d*$/);
      const caption = text(one(byTag(figure, 'figcaption'), 'figcaption'));
      assert.match(caption, /The sea wall at high tide\./);
      assert.match(caption, /Jo Lens/);
    });

    it('should link the tags and the previous and next article of the same section when an article is shown', () => {
      assert.deepEqual(
        withAttr(page.doc, 'rel', 'tag').map((l) => [text(l), attr(l, 'href')]),
        [
          ['Weather', `${SITE}/tag/weather/`],
          ['Port Life', `${SITE}/tag/port-life/`],
        ],
      );
      const around = one(withClass(page.doc, 'prev-next'), 'previous/next');
      // Harbour wall (2 January) is newer than Ferry but in the Harbour sub-section, not News.
      assert.equal(
        pathOf(attr(one(withAttr(around, 'rel', 'prev'), 'prev'), 'href') ?? ''),
        articlePath(a.ferry),
      );
      assert.equal(
        pathOf(attr(one(withAttr(around, 'rel', 'next'), 'next'), 'href') ?? ''),
        articlePath(a.budget),
      );
    });

    it('should give the canonical URL and the RSS feed in the head when an article or the home page is shown', async () => {
      assert.equal(
        attr(one(headLinks(page.doc, 'canonical'), 'canonical'), 'href'),
        `${SITE}${articlePath(a.storm)}`,
      );
      const home = await get(t, '/');
      for (const doc of [page.doc, home.doc]) {
        const rss = headLinks(doc, 'alternate').filter((l) => attr(l, 'type') === 'application/rss+xml');
        assert.ok(rss.length >= 1, 'expected <link rel="alternate" type="application/rss+xml">');
        assert.ok(rss.every((l) => (attr(l, 'href') ?? '').startsWith(SITE)));
      }
    });

    it('should never send a script or an event handler from the body when body_html held them', () => {
      // The only scripts are the site's own files (the comment form's enhancement and CAPTCHA).
      const scripts = byTag(page.doc, 'script').filter((s) => attr(s, 'type') !== 'application/ld+json');
      assert.deepEqual(
        scripts.filter((s) => !String(attr(s, 'src') ?? '').startsWith('/assets/') || text(s) !== ''),
        [],
      );
      assert.deepEqual(byTag(one(withClass(page.doc, 'body'), 'body'), 'script'), []);
      assert.ok(!page.text.includes('pwned'));
      assert.deepEqual(withAttr(page.doc, 'onerror'), []);
      assert.ok(text(one(withClass(page.doc, 'body'), 'body')).includes('Safe words.'));
    });
  });

  describe('redirects', () => {
    it('should answer 301 to the new URL when a published article is requested by its old slug', async () => {
      const story = await publish(t, { title: 'Old name for a story', published_at: onDay(6) });
      await t.masthead.services.articles.update('article', story.id, { slug: 'new-name-for-a-story' });

      const moved = await get(t, articlePath(story));

      assertStatus(moved, 301, articlePath(story));
      assert.equal(moved.headers.location, `${SITE}/2025/01/new-name-for-a-story/`);
      assertStatus(await get(t, '/2025/01/new-name-for-a-story/'), 200);
    });

    it('should answer 301 to the canonical URL when the date in the path is wrong', async () => {
      const moved = await get(t, `/1999/01/${a.ferry.slug}/`);

      assertStatus(moved, 301);
      assert.equal(moved.headers.location, `${SITE}${articlePath(a.ferry)}`);
    });
  });
});

describe('Public site: a changed permalink setting', () => {
  it('should serve the article at the new pattern and redirect the old one when the permalink changes', async (ctx) => {
    const t = await openSite(ctx);
    await t.masthead.services.taxonomy.categories.create({ name: 'News' });
    const story = await publish(t, {
      title: 'Tide tables',
      primary_category: 'news',
      published_at: onDay(7),
    });
    const oldPath = articlePath(story);
    assertStatus(await get(t, oldPath), 200, oldPath);

    await t.masthead.services.settings.update({ permalink: '/{category}/{slug}/' });

    const page = await get(t, '/news/tide-tables/');
    assertStatus(page, 200, '/news/tide-tables/');
    assert.equal(
      attr(one(headLinks(page.doc, 'canonical'), 'canonical'), 'href'),
      `${SITE}/news/tide-tables/`,
    );
    const moved = await get(t, oldPath);
    assertStatus(moved, 301, oldPath);
    assert.equal(moved.headers.location, `${SITE}/news/tide-tables/`);
  });
});
