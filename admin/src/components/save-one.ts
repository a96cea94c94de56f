import { api } from '../api.ts';

/**
 * Saves one item in the Admin API's `{ [collection]: [item] }` envelope: a PATCH of
 * `/collection/id` when `id` is given (an edit), a POST to `/collection` otherwise (a new one).
 *
 * @example
 * await saveOne('tags', editing?.id, { name: 'Harbour' });
 */
export function saveOne(collection: string, id: string | undefined, item: Record<string, unknown>) {
  const body = { [collection]: [item] };
  return id ? api('PATCH', `/${collection}/${id}`, body) : api('POST', `/${collection}`, body);
}
