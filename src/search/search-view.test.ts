import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { h } from 'preact';
import { renderToString } from 'preact-render-to-string';
import { createI18n } from '../lib/i18n.ts';
import { paginationMeta } from '../lib/pagination.ts';
import { defaultSettings } from '../site/settings.ts';
import { createUrls } from '../site/urls.ts';
import { MAX_RESULTS, parseSearchQuery, type SearchHit } from './search.ts';
import type { SearchResult } from './search-service.ts';
import { SearchPage } from './views/search-page.tsx';

const urls = createUrls({ siteUrl: 'https://news.example' });
const hit: SearchHit = {
  id: '0190b3c4-0000-7000-8000-000000000001',
  kind: 'article',
  title: 'Harbour reopens',
  slug: 'harbour-reopens',
  language: 'en',
  publishedAt: new Date('2026-11-25T09:30:00Z'),
  createdAt: new Date('2026-11-25T09:00:00Z'),
  primaryCategory: null,
  snippetHtml: 'The <mark>harbour</mark> reopens.',
};

const render = (result: SearchResult, language = 'en') =>
  renderToString(
    h(SearchPage, {
      result,
      links: { prev: null, next: 'https://news.example/search/page/2/?q=harbour' },
      site: defaultSettings,
      urls,
      tr: createI18n().forLanguage(language),
    }),
  );

describe('search page view', () => {
  const capped: SearchResult = {
    kind: 'results',
    query: parseSearchQuery('harbour'),
    hits: [hit],
    pagination: paginationMeta({ page: 1, limit: 10 }, MAX_RESULTS),
    isTotalCapped: true,
  };

  it('should say there are more than it shows when the count is capped', () => {
    assert.match(render(capped), new RegExp(`More than ${MAX_RESULTS} articles found`));
    assert.match(render(capped, 'ar'), new RegExp(`وُجد أكثر من ${MAX_RESULTS} مقال`));
  });

  it('should number results from the page offset and link the next page when there is one', () => {
    const html = render({ ...capped, pagination: paginationMeta({ page: 3, limit: 10 }, 45) });

    assert.match(html, /<ol class="search-results" start="21">/);
    assert.match(
      html,
      /<a rel="next" href="https:\/\/news\.example\/search\/page\/2\/\?q=harbour">More results<\/a>/,
    );
    assert.match(html, /Page 3 of 5/);
  });

  it('should keep no more of the query than the box accepts when the query was too long', () => {
    const html = render({ kind: 'tooLong', query: parseSearchQuery('z'.repeat(10_000)) });

    assert.match(html, /That search is too long/);
    assert.match(html, /value="z{200}"/);
  });
});
