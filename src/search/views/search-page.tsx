import type { Translator } from '../../lib/i18n.ts';
import type { Settings } from '../../site/settings.ts';
import type { Urls } from '../../site/urls.ts';
import { formatDateTime } from '../../site/views/format.ts';
import { MAX_QUERY_LENGTH, type SearchHit } from '../search.ts';
import type { SearchResult } from '../search-service.ts';

export type SearchLinks = { prev: string | null; next: string | null };

type ViewProps = { site: Settings; urls: Urls; tr: Translator };

/** The words the page shows back, never more than the box accepts. */
const shownQuery = (result: SearchResult): string =>
  [...result.query.text].slice(0, MAX_QUERY_LENGTH).join('');

/** The page's heading: "Results for …" once there is something to look for. */
export const searchHeading = (result: SearchResult, tr: Translator): string =>
  result.kind === 'results' ? tr.t('search.resultsFor', { query: shownQuery(result) }) : tr.t('search.title');

/** The search page: the form (keeping what was typed), then a message or the results. */
export function SearchPage(props: ViewProps & { result: SearchResult; links: SearchLinks }) {
  const { result, links, tr } = props;
  return (
    <>
      <h1>{searchHeading(result, tr)}</h1>
      <form class="search-form" action="/search" method="get">
        <label for="search-query">{tr.t('site.searchLabel')}</label>
        <input
          id="search-query"
          type="search"
          name="q"
          value={shownQuery(result)}
          maxLength={MAX_QUERY_LENGTH}
        />
        <button type="submit">{tr.t('search.submit')}</button>
      </form>
      {result.kind === 'results' ? (
        <Results {...props} result={result} links={links} />
      ) : (
        <p>{tr.t(result.kind === 'empty' ? 'search.empty' : 'search.tooLong')}</p>
      )}
    </>
  );
}

function Results(
  props: ViewProps & { result: Extract<SearchResult, { kind: 'results' }>; links: SearchLinks },
) {
  const { result, links, tr } = props;
  const { hits, pagination } = result;
  if (pagination.total === 0) return <p>{tr.t('search.none', { query: shownQuery(result) })}</p>;
  return (
    <>
      <p class="meta">
        {result.isTotalCapped
          ? tr.t('search.resultsMore', { max: pagination.total })
          : tr.t('search.results', { count: pagination.total })}
      </p>
      <ol class="search-results" start={(pagination.page - 1) * pagination.limit + 1}>
        {hits.map((hit) => (
          <li key={hit.id}>
            <Hit {...props} hit={hit} />
          </li>
        ))}
      </ol>
      {links.prev || links.next ? (
        <nav class="pagination" aria-label={tr.t('pagination.label')}>
          {links.prev ? (
            <a rel="prev" href={links.prev}>
              {tr.t('search.previous')}
            </a>
          ) : (
            <span />
          )}
          <span>{tr.t('search.pageOf', { page: pagination.page, pages: pagination.pages })}</span>
          {links.next ? (
            <a rel="next" href={links.next}>
              {tr.t('search.next')}
            </a>
          ) : (
            <span />
          )}
        </nav>
      ) : null}
    </>
  );
}

function Hit({ hit, site, urls, tr }: ViewProps & { hit: SearchHit }) {
  const section = hit.primaryCategory;
  return (
    <article lang={hit.language} dir={hit.language === tr.locale ? undefined : 'auto'}>
      <h2>
        <a href={urls.permalinkOf(hit, site)}>{hit.title}</a>
      </h2>
      <p class="meta">
        {hit.publishedAt ? (
          <time dateTime={hit.publishedAt.toISOString()}>
            {formatDateTime(hit.publishedAt, { locale: tr.locale, timeZone: site.timezone })}
          </time>
        ) : null}
        {hit.publishedAt && section ? ' · ' : null}
        {section ? <a href={urls.category(section.slug)}>{section.name}</a> : null}
      </p>
      {/* Escaped text with <mark> around matches only: see snippetToHtml. */}
      <p dangerouslySetInnerHTML={{ __html: hit.snippetHtml }} />
    </article>
  );
}
