import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ArticleView } from '../articles/article.ts';
import { defaultSettings, type Settings } from '../site/settings.ts';
import { createUrls } from '../site/urls.ts';
import { scriptSafeJson } from '../site/views/html.ts';
import {
  articleSharingMeta,
  breadcrumbJsonLd,
  newsArticleJsonLd,
  organizationJsonLd,
  siteSharingMeta,
  webSiteJsonLd,
} from './structured-data.ts';

const urls = createUrls({ siteUrl: 'https://news.example' });
const site: Settings = { ...defaultSettings, title: 'The Harbour Times', logoUrl: '/media/logo.png' };
const at = (iso: string) => new Date(iso);
const term = (name: string, slug: string) => ({
  id: `id-${slug}`,
  name,
  slug,
  description: '',
  createdAt: at('2026-01-01T00:00:00Z'),
  updatedAt: at('2026-01-01T00:00:00Z'),
});

function makeArticle(overrides: Partial<ArticleView> = {}): ArticleView {
  return {
    id: '0190a0b0-0000-7000-8000-000000000001',
    kind: 'article',
    title: 'Harbour bridge vote delayed',
    slug: 'harbour-bridge-vote-delayed',
    standfirst: 'The council postponed the vote.',
    bodyHtml: '<p>The council met on Tuesday.</p>',
    bodyText: 'The council met on Tuesday.',
    status: 'published',
    publishedAt: at('2026-11-25T09:00:00Z'),
    createdAt: at('2026-11-24T18:00:00Z'),
    updatedAt: at('2026-11-25T10:30:00Z'),
    language: 'en-GB',
    featuredImage: { url: '/media/bridge.jpg', alt: 'The bridge at dusk', caption: null, credit: null },
    seoTitle: null,
    seoDescription: null,
    canonicalUrl: null,
    isFeatured: false,
    hasCommentsOpen: true,
    sendsEmail: true,
    primaryCategoryId: 'id-local',
    revision: 1,
    authors: [
      { ...term('Ada Reporter', 'ada-reporter'), bio: '', avatarUrl: null },
      { ...term('Ben Editor', 'ben-editor'), bio: '', avatarUrl: null },
    ],
    primaryCategory: { ...term('Local', 'local'), parentId: null },
    categories: [{ ...term('Local', 'local'), parentId: null }],
    tags: [term('Bridge', 'bridge'), term('Council', 'council')],
    ...overrides,
  };
}

const permalink = 'https://news.example/2026/11/harbour-bridge-vote-delayed/';
const contentOf = (meta: { property?: string; name?: string; content: string }[], key: string): string[] =>
  meta.filter((m) => m.property === key || m.name === key).map((m) => m.content);

describe('structured data', () => {
  it('should describe the article as a NewsArticle with absolute URLs when every field is present', () => {
    const ld = newsArticleJsonLd({ article: makeArticle(), site, urls });

    assert.equal(ld['@context'], 'https://schema.org');
    assert.equal(ld['@type'], 'NewsArticle');
    assert.equal(ld.headline, 'Harbour bridge vote delayed');
    assert.equal(ld.description, 'The council postponed the vote.');
    assert.equal(ld.datePublished, '2026-11-25T09:00:00.000Z');
    assert.equal(ld.dateModified, '2026-11-25T10:30:00.000Z');
    assert.deepEqual(ld.author, [
      { '@type': 'Person', name: 'Ada Reporter', url: 'https://news.example/author/ada-reporter/' },
      { '@type': 'Person', name: 'Ben Editor', url: 'https://news.example/author/ben-editor/' },
    ]);
    assert.deepEqual(ld.image, ['https://news.example/media/bridge.jpg']);
    assert.deepEqual(ld.publisher, {
      '@type': 'NewsMediaOrganization',
      name: 'The Harbour Times',
      url: 'https://news.example/',
      logo: { '@type': 'ImageObject', url: 'https://news.example/media/logo.png' },
    });
    assert.deepEqual(ld.mainEntityOfPage, { '@type': 'WebPage', '@id': permalink });
    assert.equal(ld.inLanguage, 'en-GB');
    assert.equal(ld.articleSection, 'Local');
    assert.deepEqual(ld.keywords, ['Bridge', 'Council']);
  });

  it('should leave out image, section and keywords and credit the publication when the article has none of them', () => {
    const article = makeArticle({
      featuredImage: null,
      standfirst: '',
      bodyText: '',
      authors: [],
      tags: [],
      primaryCategory: null,
    });

    const ld = newsArticleJsonLd({ article, site: { ...site, logoUrl: null }, urls });

    for (const key of ['image', 'description', 'articleSection', 'keywords']) assert.ok(!(key in ld), key);
    assert.deepEqual(ld.publisher, {
      '@type': 'NewsMediaOrganization',
      name: 'The Harbour Times',
      url: 'https://news.example/',
    });
    assert.deepEqual(ld.author, [ld.publisher]);
    assert.equal(ld.headline, 'Harbour bridge vote delayed');
    assert.ok(JSON.parse(JSON.stringify(ld)), 'serialisable');
  });

  it('should describe the article from its text when it has no standfirst', () => {
    const ld = newsArticleJsonLd({ article: makeArticle({ standfirst: '' }), site, urls });

    assert.equal(ld.description, 'The council met on Tuesday.');
  });

  it('should cut the headline to 110 characters at a word when the title is longer', () => {
    const title = `${'Harbour '.repeat(20)}vote 🌊🌊`;

    const headline = String(newsArticleJsonLd({ article: makeArticle({ title }), site, urls }).headline);

    assert.ok(headline.length <= 110, `${headline.length}`);
    assert.match(headline, /^Harbour( Harbour)*…$/);
  });

  it('should keep </script> in a title from closing the element when embedded with scriptSafeJson', () => {
    const title = 'Breaking</script><script>alert(1)</script><!--';

    const embedded = scriptSafeJson(newsArticleJsonLd({ article: makeArticle({ title }), site, urls }));

    assert.doesNotMatch(embedded, /<\/script|<!--|</i);
    assert.equal(JSON.parse(embedded).headline, title);
  });

  it('should number breadcrumb items from 1 in order when a trail is given', () => {
    const ld = breadcrumbJsonLd({
      items: [
        { name: 'Home', url: urls.home() },
        { name: 'Local', url: urls.category('local') },
        { name: 'Harbour bridge vote delayed', url: permalink },
      ],
    });

    assert.equal(ld['@context'], 'https://schema.org');
    assert.equal(ld['@type'], 'BreadcrumbList');
    assert.deepEqual(ld.itemListElement, [
      { '@type': 'ListItem', position: 1, name: 'Home', item: 'https://news.example/' },
      { '@type': 'ListItem', position: 2, name: 'Local', item: 'https://news.example/category/local/' },
      { '@type': 'ListItem', position: 3, name: 'Harbour bridge vote delayed', item: permalink },
    ]);
  });

  it('should describe the publication with its logo and the site with a search action when the home page asks', () => {
    const organization = organizationJsonLd({ site, urls });
    const website = webSiteJsonLd({ site, urls });

    assert.equal(organization['@type'], 'NewsMediaOrganization');
    assert.equal(organization.url, 'https://news.example/');
    assert.deepEqual(organization.logo, {
      '@type': 'ImageObject',
      url: 'https://news.example/media/logo.png',
    });
    assert.equal(website['@type'], 'WebSite');
    assert.equal(website.url, 'https://news.example/');
    assert.deepEqual(website.potentialAction, {
      '@type': 'SearchAction',
      target: { '@type': 'EntryPoint', urlTemplate: 'https://news.example/search?q={search_term_string}' },
      'query-input': 'required name=search_term_string',
    });
    assert.ok(!('logo' in organizationJsonLd({ site: { ...site, logoUrl: null }, urls })));
  });
});

describe('sharing meta', () => {
  it('should give OpenGraph article and large-image Twitter card tags when the article has an image', () => {
    const meta = articleSharingMeta({ article: makeArticle(), site, urls });

    const expected: Record<string, string[]> = {
      'og:type': ['article'],
      'og:title': ['Harbour bridge vote delayed'],
      'og:description': ['The council postponed the vote.'],
      'og:url': [permalink],
      'og:image': ['https://news.example/media/bridge.jpg'],
      'og:image:alt': ['The bridge at dusk'],
      'og:site_name': ['The Harbour Times'],
      'og:locale': ['en_GB'],
      'article:published_time': ['2026-11-25T09:00:00.000Z'],
      'article:modified_time': ['2026-11-25T10:30:00.000Z'],
      'article:section': ['Local'],
      'article:tag': ['Bridge', 'Council'],
      'twitter:card': ['summary_large_image'],
      'twitter:title': ['Harbour bridge vote delayed'],
      'twitter:description': ['The council postponed the vote.'],
      'twitter:image': ['https://news.example/media/bridge.jpg'],
      'twitter:image:alt': ['The bridge at dusk'],
    };
    for (const [key, values] of Object.entries(expected)) assert.deepEqual(contentOf(meta, key), values, key);
    for (const tag of meta) {
      assert.ok(
        tag.property?.match(/^(og|article):/) || tag.name?.startsWith('twitter:'),
        JSON.stringify(tag),
      );
      assert.notEqual(tag.content, '');
    }
  });

  it('should fall back to a summary card without image tags when the article has no image or standfirst', () => {
    const meta = articleSharingMeta({
      article: makeArticle({ featuredImage: null, standfirst: '', bodyText: '', tags: [], language: 'ar' }),
      site,
      urls,
    });

    assert.deepEqual(contentOf(meta, 'twitter:card'), ['summary']);
    for (const key of ['og:image', 'og:image:alt', 'twitter:image', 'og:description', 'article:tag'])
      assert.deepEqual(contentOf(meta, key), [], key);
    assert.deepEqual(contentOf(meta, 'og:locale'), ['ar_EG']);
  });

  it('should describe the site as a website when the home page or a list page asks', () => {
    const home = siteSharingMeta({ site, urls });
    const section = siteSharingMeta({ site, urls, page: { title: 'Local', url: urls.category('local') } });

    assert.deepEqual(contentOf(home, 'og:type'), ['website']);
    assert.deepEqual(contentOf(home, 'og:url'), ['https://news.example/']);
    assert.deepEqual(contentOf(home, 'og:title'), ['The Harbour Times']);
    assert.deepEqual(contentOf(home, 'og:image'), ['https://news.example/media/logo.png']);
    assert.deepEqual(contentOf(section, 'og:url'), ['https://news.example/category/local/']);
    assert.deepEqual(contentOf(section, 'og:title'), ['Local']);
  });
});
