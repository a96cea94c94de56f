import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { escapeXml, newsLanguage, renderSitemapIndex, renderUrlset, w3cDateTime } from './sitemap-xml.ts';

describe('sitemap XML', () => {
  it('should escape the five XML special characters when text is written', () => {
    assert.equal(escapeXml(`Q&A <live> "now" it's`), 'Q&amp;A &lt;live&gt; &quot;now&quot; it&apos;s');
  });

  it('should drop characters XML 1.0 cannot carry when a title holds them', () => {
    assert.equal(
      escapeXml('Bell\u0007 form\u000Cfeed \uD800lone \uFFFE ok\u{1F30A}\tend'),
      'Bell formfeed lone  ok\u{1F30A}\tend',
    );
  });

  it('should write a W3C datetime in UTC to the second when given a date', () => {
    assert.equal(w3cDateTime(new Date('2026-11-25T09:00:00.987Z')), '2026-11-25T09:00:00+00:00');
  });

  it('should give an ISO 639 code, or zh-cn/zh-tw for Chinese, when a BCP 47 tag is given', () => {
    assert.equal(newsLanguage('en-GB'), 'en');
    assert.equal(newsLanguage('ar'), 'ar');
    assert.equal(newsLanguage('fil-PH'), 'fil');
    assert.equal(newsLanguage('zh'), 'zh-cn');
    assert.equal(newsLanguage('zh-Hans-SG'), 'zh-cn');
    assert.equal(newsLanguage('zh-TW'), 'zh-tw');
    assert.equal(newsLanguage('zh-Hant'), 'zh-tw');
    assert.equal(newsLanguage('not a tag', 'fr'), 'fr');
    assert.equal(newsLanguage('not a tag'), 'und');
  });

  it('should escape a URL and leave out the news namespace when no entry is news', () => {
    const xml = renderUrlset([{ loc: 'https://news.example/?a=1&b=<2>', lastModified: new Date(0) }]);

    assert.match(xml, /<loc>https:\/\/news\.example\/\?a=1&amp;b=&lt;2&gt;<\/loc>/);
    assert.match(xml, /<lastmod>1970-01-01T00:00:00\+00:00<\/lastmod>/);
    assert.doesNotMatch(xml, /xmlns:news/);
  });

  it('should write each news element in schema order when an entry is news', () => {
    const xml = renderUrlset([
      {
        loc: 'https://news.example/a/',
        news: { publicationName: 'The <Daily>', language: 'en', publishedAt: new Date(0), title: 'A & B' },
      },
    ]);

    assert.match(
      xml,
      /<news:news><news:publication><news:name>The &lt;Daily&gt;<\/news:name><news:language>en<\/news:language><\/news:publication><news:publication_date>1970-01-01T00:00:00\+00:00<\/news:publication_date><news:title>A &amp; B<\/news:title><\/news:news>/,
    );
  });

  it('should omit lastmod when a child sitemap has no date', () => {
    const xml = renderSitemapIndex([{ loc: 'https://news.example/sitemaps/pages.xml' }]);

    assert.match(xml, /<sitemap><loc>https:\/\/news\.example\/sitemaps\/pages\.xml<\/loc><\/sitemap>/);
  });
});
