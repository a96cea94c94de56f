import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ArticleView } from '../articles/article.ts';
import { defaultSettings } from '../site/settings.ts';
import { createUrls } from '../site/urls.ts';
import { absolutizeHtml } from './absolute-html.ts';
import { renderAtom } from './atom-feed.ts';
import { checkFeed } from './feed-checker.ts';
import { buildFeed, excerptOf, type FeedSubject } from './feed-model.ts';
import { renderJsonFeed } from './json-feed.ts';
import { checkJsonFeed } from './json-feed-checker.ts';
import { renderRss } from './rss-feed.ts';
import { escapeXml } from './xml-writer.ts';

const urls = createUrls({ siteUrl: 'https://news.example' });
const site: FeedSubject = { name: null, description: '', homeUrl: urls.home(), updatedAt: null };
const at = (iso: string) => new Date(iso);

function article(overrides: Partial<ArticleView>): ArticleView {
  return {
    id: '0190a4b2-1c3d-7e4f-8a9b-0c1d2e3f4a5b',
    kind: 'article',
    title: 'Harbour vote',
    slug: 'harbour-vote',
    standfirst: '',
    bodyHtml: '<p>Body.</p>',
    bodyText: 'Body.',
    status: 'published',
    publishedAt: at('2026-11-25T09:00:00Z'),
    createdAt: at('2026-11-25T08:00:00Z'),
    updatedAt: at('2026-11-25T09:00:00Z'),
    language: 'en',
    featuredImage: null,
    seoTitle: null,
    seoDescription: null,
    canonicalUrl: null,
    isFeatured: false,
    hasCommentsOpen: true,
    sendsEmail: true,
    primaryCategoryId: null,
    revision: 1,
    authors: [],
    primaryCategory: null,
    categories: [],
    tags: [],
    ...overrides,
  };
}

const feedOf = (articles: ArticleView[], subject = site) =>
  buildFeed({ articles, settings: defaultSettings, urls, subject, now: at('2026-12-01T00:00:00Z') });

const allProblems = (feed: ReturnType<typeof feedOf>) => [
  ...checkFeed(renderRss(feed), { isStrict: true }),
  ...checkFeed(renderAtom(feed), { isStrict: true }),
  ...checkJsonFeed(JSON.parse(renderJsonFeed(feed))),
];

describe('feed rendering', () => {
  it('should make root-relative, relative and srcset URLs absolute when the body links within the site', () => {
    const html =
      '<p><a href="/2026/01/older/">a</a> <a href="../x/?a=1&amp;b=2">b</a> <a href="mailto:desk@news.example">c</a>' +
      ' <img src="media/cod.jpg" srcset="/m/cod-400.jpg 400w, https://cdn.example/cod.jpg 800w" alt="a &quot;/x&quot;"></p>';

    const result = absolutizeHtml(html, 'https://news.example/2026/11/harbour-vote/');

    assert.equal(
      result,
      '<p><a href="https://news.example/2026/01/older/">a</a> <a href="https://news.example/2026/11/x/?a=1&amp;b=2">b</a>' +
        ' <a href="mailto:desk@news.example">c</a> <img src="https://news.example/2026/11/harbour-vote/media/cod.jpg"' +
        ' srcset="https://news.example/m/cod-400.jpg 400w, https://cdn.example/cod.jpg 800w" alt="a &quot;/x&quot;"></p>',
    );
  });

  it('should escape markup and drop characters XML cannot carry when escaping text', () => {
    assert.equal(escapeXml('a]]>b & <c> "d" \u0001\uD800e'), 'a]]&gt;b &amp; &lt;c&gt; &quot;d&quot; e');
  });

  it('should cut at a word and add an ellipsis when an excerpt is too long', () => {
    assert.equal(excerptOf('one two three four', 12), 'one two…');
    assert.equal(excerptOf('  short\n text '), 'short text');
  });

  it('should produce valid feeds dated by the subject when there are no articles yet', () => {
    const feed = feedOf([], { ...site, updatedAt: at('2026-10-01T00:00:00Z') });

    assert.deepEqual(allProblems(feed), []);
    assert.equal(feed.updatedAt.toISOString(), '2026-10-01T00:00:00.000Z');
  });

  it('should date the feed by its latest edit and no item before its publication when an old article was edited', () => {
    const feed = feedOf([
      article({ id: '0190a4b2-1c3d-7e4f-8a9b-000000000001', updatedAt: at('2026-11-20T00:00:00Z') }),
      article({
        id: '0190a4b2-1c3d-7e4f-8a9b-000000000002',
        slug: 'older',
        publishedAt: at('2026-11-01T00:00:00Z'),
        updatedAt: at('2026-11-28T00:00:00Z'),
      }),
    ]);

    assert.equal(feed.updatedAt.toISOString(), '2026-11-28T00:00:00.000Z');
    assert.equal(feed.items[0]?.updatedAt.toISOString(), '2026-11-25T09:00:00.000Z');
    assert.deepEqual(allProblems(feed), []);
  });

  it('should stay valid when a body holds control characters, a lone surrogate and "]]>"', () => {
    const feed = feedOf([article({ title: 'Tab\u0007 bell \uDC00', bodyHtml: '<p>]]> \u0000 ok</p>' })]);

    assert.deepEqual(allProblems(feed), []);
    assert.match(renderRss(feed), /<title>Tab bell <\/title>/);
  });

  it('should leave out the RSS enclosure but keep the image when its media type is unknown', () => {
    const image = { url: '/media/photo', alt: 'Photo', caption: null, credit: null };
    const feed = feedOf([article({ featuredImage: image })]);

    assert.doesNotMatch(renderRss(feed), /<enclosure/);
    assert.match(
      renderAtom(feed),
      /<link rel="enclosure" href="https:\/\/news\.example\/media\/photo" title="Photo"\/>/,
    );
    assert.equal(JSON.parse(renderJsonFeed(feed)).items[0].image, 'https://news.example/media/photo');
  });

  it('should find what is wrong when checking a JSON Feed that breaks the 1.1 rules', () => {
    const problems = checkJsonFeed({
      version: 'https://jsonfeed.org/version/1',
      title: 'T',
      feed_url: '/feed/json/',
      items: [
        { id: 'a', url: 'https://news.example/a/', date_published: '2026-11-25 09:00' },
        { id: 'a', content_text: 'x', tags: ['ok', 3] },
      ],
    });

    assert.deepEqual(
      problems.map((p) => p.path),
      [
        '$.version',
        '$.feed_url',
        '$.items[0].date_published',
        '$.items[0]',
        '$.items[1].tags',
        '$.items[1].id',
      ],
    );
  });
});
