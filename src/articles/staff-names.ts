import type { Executor } from '../db/transaction.ts';
import { isUuid } from '../lib/ids.ts';

/** A staff member as the editor shows them beside their work: who created, saved or is editing. */
export type StaffRef = { id: string; name: string };

/**
 * The names of staff members by id, for "created by" and "is editing" labels. It reads
 * `staff_users` directly, names only: the staff service is built after the article service, and
 * its reads are for administrators (`staff.manage`), while every role sees who wrote what.
 * Ids of accounts that do not exist are left out of the map.
 *
 * @example
 * const names = await staffNames(db, [article.createdBy]);
 * names.get(article.createdBy); // 'Ada Lovelace'
 */
export async function staffNames(
  executor: Executor,
  ids: (string | null | undefined)[],
): Promise<Map<string, string>> {
  const wanted = [...new Set(ids.filter((id): id is string => typeof id === 'string' && isUuid(id)))];
  if (wanted.length === 0) return new Map();
  const rows = await executor
    .selectFrom('staff_users')
    .select(['id', 'name'])
    .where('id', 'in', wanted)
    .execute();
  return new Map(rows.map((row) => [row.id, row.name]));
}

/** `{ id, name }` of a staff id, or null when there is none (a token, the system, an unknown account). */
export const staffRefOf = (names: Map<string, string>, id: string | null | undefined): StaffRef | null => {
  const name = id ? names.get(id) : undefined;
  return id && name !== undefined ? { id, name } : null;
};
