import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTestApp, type TestApp } from '../../test/helpers/test-app.ts';
import { checkFeed } from './feed-checker.ts';
import { isRfc822Date } from './feed-values.ts';
import { checkJsonFeed } from './json-feed-checker.ts';
import { childElements, parseXml, textOf, type XmlElement } from './xml-tree.ts';

const TRICKY_TITLE = 'Fish & <chips> ]]> at the "harbour" 🐟';
const ARABIC_TITLE = 'عنوان عربي عن الميناء';

/** Titles of the items (RSS) or entries (Atom) of a feed, in order. */
function itemTitles(xml: string): string[] {
  const root = parseXml(xml).root as XmlElement;
  const parent = root.local === 'rss' ? (childElements(root)[0] as XmlElement) : root;
  return childElements(parent)
    .filter((child) => child.local === 'item' || child.local === 'entry')
    .map((item) => textOf(childElements(item).find((child) => child.local === 'title') as XmlElement));
}

function jsonTitles(body: string): string[] {
  return (JSON.parse(body) as { items: { title: string }[] }).items.map((item) => item.title);
}

describe('feed routes', () => {
  let t: TestApp;
  const get = (url: string, headers: Record<string, string> = {}) =>
    t.masthead.app.inject({ method: 'GET', url, headers });
  const scopes = ['', '/category/news', '/tag/harbour', '/author/jane-doe'];
  const formats = [
    { path: 'feed/', type: 'application/rss+xml; charset=utf-8' },
    { path: 'feed/atom/', type: 'application/atom+xml; charset=utf-8' },
    { path: 'feed/json/', type: 'application/feed+json; charset=utf-8' },
  ];

  before(async () => {
    t = await createTestApp();
    const { people, taxonomy, articles } = t.masthead.services;
    await people.create({ name: 'Jane Doe', bio: 'Harbour & port reporter' });
    await people.create({ name: 'Samira Haddad' });
    await taxonomy.categories.create({ name: 'News' });
    await taxonomy.categories.create({ name: 'Local', parent: 'news' });
    await taxonomy.categories.create({ name: 'Sport' });
    const dayAgo = (days: number) => new Date(Date.now() - days * 86_400_000);
    await articles.create(
      'article',
      Array.from({ length: 21 }, (_, index) => ({
        title: `Archive story ${index + 1}`,
        body_html: `<p>From the archive, number ${index + 1}.</p>`,
        status: 'published' as const,
        published_at: dayAgo(400 - index),
        primary_category: 'sport',
        tags: ['Archive'],
      })),
    );
    await articles.create('article', [
      {
        title: TRICKY_TITLE,
        standfirst: 'Prices < costs & "rising" ]]>',
        body_html:
          '<p>Body with ]]&gt; and &amp; and <a href="/2026/01/older/">a link</a>.</p><p><img src="/media/cod.jpg" alt="Cod"></p>',
        status: 'published',
        primary_category: 'local',
        tags: ['Harbour'],
        authors: ['jane-doe'],
        featured_image_url: '/media/lead.jpg',
        featured_image_alt: 'The harbour at dawn',
      },
      {
        title: ARABIC_TITLE,
        language: 'ar',
        body_html: '<p dir="rtl">نص المقال الكامل عن الميناء.</p>',
        status: 'published',
        primary_category: 'news',
        tags: ['Harbour'],
        authors: ['samira-haddad'],
      },
      {
        title: 'No standfirst here',
        body_html: `<p>${'Long opening words '.repeat(40)}</p>`,
        status: 'published',
        primary_category: 'sport',
      },
      {
        title: 'A draft story',
        status: 'draft',
        primary_category: 'local',
        tags: ['Harbour'],
        authors: ['jane-doe'],
      },
      {
        title: 'A scheduled story',
        status: 'scheduled',
        published_at: new Date(Date.now() + 86_400_000),
        primary_category: 'local',
        tags: ['Harbour'],
        authors: ['jane-doe'],
      },
    ]);
  });
  after(() => t.close());

  it('should answer 200 with each format’s content type when requesting site, category, tag and author feeds', async () => {
    for (const scope of scopes)
      for (const format of formats) {
        const res = await get(`${scope}/${format.path}`);

        assert.equal(res.statusCode, 200, `${scope}/${format.path}`);
        assert.equal(res.headers['content-type'], format.type, `${scope}/${format.path}`);
      }
  });

  it('should answer 404 when the category, tag or author slug is unknown', async () => {
    for (const kind of ['category', 'tag', 'author'])
      for (const format of formats) {
        const res = await get(`/${kind}/no-such-${kind}/${format.path}`);

        assert.equal(res.statusCode, 404, `/${kind}/no-such-${kind}/${format.path}`);
      }
  });

  it('should report no checker error when the feeds hold markup, "]]>", emoji, Arabic and no standfirst', async () => {
    for (const scope of scopes) {
      for (const path of ['feed/', 'feed/atom/']) {
        const res = await get(`${scope}/${path}`);

        assert.deepEqual(checkFeed(res.body, { isStrict: true }), [], `${scope}/${path}`);
      }
      const json = await get(`${scope}/feed/json/`);
      assert.deepEqual(checkJsonFeed(JSON.parse(json.body)), [], `${scope}/feed/json/`);
    }
  });

  it('should keep the exact text of titles when they hold XML syntax, emoji and Arabic', async () => {
    const rss = itemTitles((await get('/tag/harbour/feed/')).body);
    const atom = itemTitles((await get('/tag/harbour/feed/atom/')).body);
    const json = jsonTitles((await get('/tag/harbour/feed/json/')).body);

    for (const titles of [rss, atom, json])
      assert.deepEqual(titles.toSorted(), [TRICKY_TITLE, ARABIC_TITLE].toSorted());
  });

  it('should mark the Arabic item with its language when the site language is English', async () => {
    const atom = (await get('/feed/atom/')).body;
    const json = JSON.parse((await get('/feed/json/')).body);
    const rss = (await get('/feed/')).body;

    assert.match(atom, /<feed xmlns="http:\/\/www\.w3\.org\/2005\/Atom" xml:lang="en">/);
    assert.match(atom, /<entry xml:lang="ar">\n<id>[^<]+<\/id>\n<title type="text">عنوان عربي/);
    assert.equal(json.items.find((item: { title: string }) => item.title === ARABIC_TITLE).language, 'ar');
    assert.match(rss, /<language>en<\/language>/);
    assert.match(rss, /<dc:language>ar<\/dc:language>/);
  });

  it('should include sub-category articles and leave out other sections when reading a parent category feed', async () => {
    const news = jsonTitles((await get('/category/news/feed/json/')).body);
    const local = jsonTitles((await get('/category/local/feed/json/')).body);

    assert.deepEqual(news.toSorted(), [TRICKY_TITLE, ARABIC_TITLE].toSorted());
    assert.deepEqual(local, [TRICKY_TITLE]);
  });

  it('should never list drafts or scheduled articles when reading any feed', async () => {
    for (const scope of [...scopes, '/category/local'])
      for (const format of formats) {
        const body = (await get(`${scope}/${format.path}`)).body;

        assert.doesNotMatch(body, /A draft story|A scheduled story/, `${scope}/${format.path}`);
      }
  });

  it('should carry the latest 20 articles, newest first, when more are published', async () => {
    const titles = jsonTitles((await get('/tag/archive/feed/json/')).body);

    assert.equal(titles.length, 20);
    assert.equal(titles[0], 'Archive story 21');
    assert.equal(titles.at(-1), 'Archive story 2');
  });

  it('should give dates in RFC 822 in RSS and RFC 3339 in Atom when rendering items', async () => {
    const rss = (await get('/author/jane-doe/feed/')).body;
    const atom = (await get('/author/jane-doe/feed/atom/')).body;

    const pubDates = [...rss.matchAll(/<(?:pubDate|lastBuildDate)>([^<]+)</g)].map((m) => m[1] as string);
    const atomDates = [...atom.matchAll(/<(?:updated|published)>([^<]+)</g)].map((m) => m[1] as string);

    assert.equal(pubDates.length, 2);
    assert.ok(pubDates.every(isRfc822Date), pubDates.join());
    assert.equal(atomDates.length, 3);
    assert.ok(
      atomDates.every((date) => /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/.test(date)),
      atomDates.join(),
    );
  });

  it('should use the same stable id for an article in Atom and JSON Feed when both list it', async () => {
    const atom = (await get('/feed/atom/')).body;
    const json = JSON.parse((await get('/feed/json/')).body) as { items: { id: string }[] };

    const atomIds = [...atom.matchAll(/<entry[^>]*>\n<id>([^<]+)<\/id>/g)].map((m) => m[1]);

    assert.deepEqual(
      atomIds,
      json.items.map((item) => item.id),
    );
    assert.ok(atomIds.every((id) => /^urn:uuid:[0-9a-f-]{36}$/.test(id as string)));
  });

  it('should carry only the standfirst when the feed_content setting is excerpt', async () => {
    const { settings } = t.masthead.services;
    const full = (await get('/author/jane-doe/feed/')).body;
    await settings.update({ feed_content: 'excerpt' });
    try {
      const rss = (await get('/author/jane-doe/feed/')).body;
      const atom = (await get('/author/jane-doe/feed/atom/')).body;
      const json = JSON.parse((await get('/author/jane-doe/feed/json/')).body);

      assert.match(full, /<content:encoded>/);
      assert.doesNotMatch(rss, /<content:encoded>|Body with/);
      assert.match(
        rss,
        /<description>Prices &amp;lt; costs &amp;amp; &amp;quot;rising&amp;quot; ]]&amp;gt;<\/description>/,
      );
      assert.doesNotMatch(atom, /<content|Body with/);
      assert.match(atom, /<summary type="text">Prices &lt; costs &amp; &quot;rising&quot; ]]&gt;<\/summary>/);
      assert.equal(json.items[0].content_html, undefined);
      assert.equal(json.items[0].content_text, 'Prices < costs & "rising" ]]>');
      assert.deepEqual(checkJsonFeed(json), []);
    } finally {
      await settings.update({ feed_content: 'full' });
    }
  });

  it('should summarise the body when an article has no standfirst', async () => {
    const json = JSON.parse((await get('/feed/json/')).body) as {
      items: { title: string; summary: string }[];
    };

    const summary = json.items.find((item) => item.title === 'No standfirst here')?.summary ?? '';

    assert.ok(summary.startsWith('Long opening words'), summary);
    assert.ok(summary.endsWith('…') && summary.length <= 301, summary);
  });

  it('should answer 304 when If-None-Match carries the feed’s ETag', async () => {
    const first = await get('/tag/harbour/feed/atom/');
    const etag = first.headers.etag as string;

    const second = await get('/tag/harbour/feed/atom/', { 'if-none-match': etag });

    assert.ok(etag);
    assert.equal(second.statusCode, 304);
    assert.equal(second.body, '');
  });

  it('should show the new title when an article in the feed is edited', async () => {
    const [article] = await t.masthead.services.articles.create('article', [
      { title: 'Before the edit', status: 'published', primary_category: 'sport' },
    ]);
    await get('/category/sport/feed/');
    const cached = await get('/category/sport/feed/');

    await t.masthead.services.articles.update('article', (article as { id: string }).id, {
      title: 'After the edit',
    });
    const fresh = await get('/category/sport/feed/');

    assert.equal(cached.headers['x-cache'], 'HIT');
    assert.match(cached.body, /Before the edit/);
    assert.equal(fresh.headers['x-cache'], 'MISS');
    assert.match(fresh.body, /After the edit/);
    assert.doesNotMatch(fresh.body, /Before the edit/);
  });
});
