import { formatNumber, t } from '../i18n.ts';

/** `meta.pagination` of an Admin API list. */
export type PageMeta = {
  page: number;
  limit: number;
  pages: number;
  total: number;
  next: number | null;
  prev: number | null;
};

/**
 * Previous and next buttons around "Page 2 of 9", in a navigation landmark named by `label` (a
 * screen may hold more than one list). Nothing is shown when everything fits on one page.
 *
 * @example
 * <Pagination label={t('articles.pagination')} pagination={meta.pagination} onPage={(page) => go({ page })} />
 */
export function Pagination(props: { label: string; pagination: PageMeta; onPage: (page: number) => void }) {
  const { pagination, onPage } = props;
  if (pagination.pages <= 1) return null;
  const { prev, next } = pagination;
  return (
    <nav class="toolbar pagination" aria-label={props.label}>
      <button
        type="button"
        class="button button-quiet"
        disabled={prev === null}
        onClick={() => prev !== null && onPage(prev)}
      >
        {t('common.previousPage')}
      </button>
      <span class="pagination-where">
        {t('common.pageOf', {
          page: formatNumber(pagination.page),
          pages: formatNumber(pagination.pages),
        })}
      </span>
      <button
        type="button"
        class="button button-quiet"
        disabled={next === null}
        onClick={() => next !== null && onPage(next)}
      >
        {t('common.nextPage')}
      </button>
    </nav>
  );
}
