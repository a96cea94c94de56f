import { api } from '../../api.ts';

/** Pages read at most (100 items each): past that a list needs a search on the server. */
const MAX_PAGES = 50;

type Page<K extends string, T> = Record<K, T[]> & { meta?: { pagination?: { next: number | null } } };

/**
 * Every item of an Admin API list, page by page (100 a page): the category tree and the tag
 * search need the whole list at once.
 *
 * @example
 * const categories = await fetchAll<Category>('/categories', 'categories');
 */
export async function fetchAll<T>(path: string, key: string, signal?: AbortSignal): Promise<T[]> {
  const items: T[] = [];
  for (let page = 1; page <= MAX_PAGES; page += 1) {
    const answer = await api<Page<string, T>>('GET', `${path}?limit=100&page=${page}`, undefined, {
      ...(signal ? { signal } : {}),
    });
    items.push(...(answer[key] ?? []));
    if (!answer.meta?.pagination?.next) break;
  }
  return items;
}
