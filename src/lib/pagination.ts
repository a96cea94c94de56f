import { z } from 'zod';

export const MAX_PAGE_SIZE = 100;
/** Deep pages cost a scan; nobody reads page 100,001 of a news archive. */
export const MAX_PAGE = 100_000;

export type PageRequest = { page: number; limit: number };

export type Pagination = {
  page: number;
  limit: number;
  pages: number;
  total: number;
  next: number | null;
  prev: number | null;
};

const wholeNumber = (name: string, max: number) =>
  z
    .string()
    .regex(/^\d{1,9}$/, { message: `must be a whole number from 1 to ${max}` })
    .transform(Number)
    .refine((n) => n >= 1 && n <= max, { message: `must be a whole number from 1 to ${max}` })
    .describe(name);

/** `page` and `limit` query parameters: strings in, bounded integers out. */
export const pageQuerySchema = {
  page: wholeNumber('page', MAX_PAGE).optional(),
  limit: wholeNumber('limit', MAX_PAGE_SIZE).optional(),
};

/**
 * The `meta.pagination` object of a list response.
 *
 * @example
 * paginationMeta({ page: 2, limit: 10 }, 35) // { page: 2, limit: 10, pages: 4, total: 35, next: 3, prev: 1 }
 */
export function paginationMeta(request: PageRequest, total: number): Pagination {
  const pages = Math.max(1, Math.ceil(total / request.limit));
  return {
    page: request.page,
    limit: request.limit,
    pages,
    total,
    next: request.page < pages ? request.page + 1 : null,
    prev: request.page > 1 ? Math.min(request.page - 1, pages) : null,
  };
}

export const pageOffset = (request: PageRequest): number => (request.page - 1) * request.limit;
