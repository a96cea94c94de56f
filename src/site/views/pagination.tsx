import type { Translator } from '../../lib/i18n.ts';

export type PaginationLinks = {
  prev: string | null;
  next: string | null;
  page: number;
  /** Null when the list runs on further than was counted (a long section's first pages). */
  pages: number | null;
};

/** "Page 2 of 7", or "Page 2" when the number of pages was not counted to the end. */
export const pageLabel = (tr: Translator, page: number, pages: number | null): string =>
  pages === null ? tr.t('archive.page', { page }) : tr.t('archive.pageOf', { page, pages });

/** Newer/older links under a list; the same URLs go into <link rel="prev|next">. */
export function Pagination({ links, tr }: { links: PaginationLinks; tr: Translator }) {
  if (!links.prev && !links.next) return null;
  return (
    <nav class="pagination" aria-label={tr.t('pagination.label')}>
      {links.prev ? (
        <a rel="prev" href={links.prev}>
          {tr.t('pagination.previous')}
        </a>
      ) : (
        <span />
      )}
      <span>{pageLabel(tr, links.page, links.pages)}</span>
      {links.next ? (
        <a rel="next" href={links.next}>
          {tr.t('pagination.next')}
        </a>
      ) : (
        <span />
      )}
    </nav>
  );
}

/** `/category/news/` → `/category/news/page/3/`; page 1 is the list's own URL. */
export const pageUrl = (base: string, page: number): string => (page <= 1 ? base : `${base}page/${page}/`);
