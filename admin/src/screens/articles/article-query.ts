/** The statuses the list filters by (archived articles show under "all"). */
export const FILTER_STATUSES = ['draft', 'scheduled', 'published'] as const;

/** How many articles a page of the list shows. */
export const ARTICLES_PER_PAGE = 20;

/** The list's filters, as they live in the address bar (so a reload or a shared link keeps them). */
export type ArticleFilters = {
  status: string;
  /** A category slug. */
  category: string;
  /** A byline's (person's) slug. */
  author: string;
  q: string;
  /** Only the signed-in staff member's own articles. */
  isMine: boolean;
  page: number;
};

const isFilterStatus = (value: string): boolean => (FILTER_STATUSES as readonly string[]).includes(value);

/**
 * The filters in `?status=draft&category=…&author=…&q=…&mine=1&page=2`; anything unknown is ignored.
 *
 * @example
 * filtersFrom(new URLSearchParams('status=draft&q=ferry')) // { status: 'draft', q: 'ferry', page: 1, … }
 */
export function filtersFrom(query: URLSearchParams): ArticleFilters {
  const status = query.get('status') ?? '';
  const page = Number(query.get('page'));
  return {
    status: isFilterStatus(status) ? status : '',
    category: query.get('category') ?? '',
    author: query.get('author') ?? '',
    q: (query.get('q') ?? '').trim(),
    isMine: query.get('mine') === '1',
    page: Number.isInteger(page) && page > 1 ? page : 1,
  };
}

function paramsOf(filters: ArticleFilters): URLSearchParams {
  const params = new URLSearchParams();
  if (filters.status) params.set('status', filters.status);
  if (filters.category) params.set('category', filters.category);
  if (filters.author) params.set('author', filters.author);
  if (filters.q) params.set('q', filters.q);
  return params;
}

/**
 * The screen's own address for `filters` (`/articles?status=draft&q=ferry`).
 *
 * @example
 * navigate(screenPath({ ...filters, status: 'draft', page: 1 }), { replace: true });
 */
export function screenPath(filters: ArticleFilters): string {
  const params = paramsOf(filters);
  if (filters.isMine) params.set('mine', '1');
  if (filters.page > 1) params.set('page', String(filters.page));
  const search = params.toString();
  return search ? `/articles?${search}` : '/articles';
}

/**
 * The Admin API call for `filters` (`/articles?status=draft&created_by=me&page=1&limit=20`).
 *
 * @example
 * api('GET', apiPath(filters));
 */
export function apiPath(filters: ArticleFilters): string {
  const params = paramsOf(filters);
  if (filters.isMine) params.set('created_by', 'me');
  params.set('page', String(filters.page));
  params.set('limit', String(ARTICLES_PER_PAGE));
  return `/articles?${params.toString()}`;
}

/** Whether any filter narrows the list (the empty state then says "nothing matches"). */
export const isFiltered = (filters: ArticleFilters): boolean =>
  Boolean(filters.status || filters.category || filters.author || filters.q || filters.isMine);
