import { isAtLeast, type Staff } from '../../session.tsx';
import type { ListedArticle } from './article-types.ts';

/**
 * Whether the signed-in staff member may delete `article`, as the API decides it
 * (src/auth/permissions.ts `articles.delete`): editors any article; authors their own; contributors
 * their own drafts. The API refuses anyway; this only hides a button that would fail.
 *
 * @example
 * canDelete(session.staff, article) // true for an editor
 */
export function canDelete(staff: Staff, article: Pick<ListedArticle, 'created_by' | 'status'>): boolean {
  if (isAtLeast(staff, 'editor')) return true;
  if (article.created_by?.id !== staff.id) return false;
  return isAtLeast(staff, 'author') || article.status === 'draft';
}
