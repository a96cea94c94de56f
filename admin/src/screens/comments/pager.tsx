import { t } from '../../i18n.ts';

/**
 * Previous and next page buttons around "Page 2 of 5"; nothing when everything fits on one page.
 *
 * @example
 * <Pager page={2} pages={5} label={t('comments.pagination')} onPage={(page) => go({ page })} />
 */
export function Pager(props: { page: number; pages: number; label: string; onPage: (page: number) => void }) {
  const { page, pages } = props;
  if (pages <= 1 && page <= 1) return null;
  return (
    <nav class="page-nav" aria-label={props.label}>
      <button
        type="button"
        class="button button-quiet"
        disabled={page <= 1}
        onClick={() => props.onPage(page - 1)}
      >
        {t('common.previousPage')}
      </button>
      <span>{t('common.pageOf', { page, pages: Math.max(pages, page) })}</span>
      <button
        type="button"
        class="button button-quiet"
        disabled={page >= pages}
        onClick={() => props.onPage(page + 1)}
      >
        {t('common.nextPage')}
      </button>
    </nav>
  );
}
