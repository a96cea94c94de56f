import { isUniqueViolation } from '../db/constraint-errors.ts';
import { ConflictError } from './errors.ts';
import { slugify } from './slug.ts';

/**
 * A free slug for a new resource: the wanted one, or with "-2", "-3"… appended when the slug was
 * derived from a title rather than chosen by the client.
 *
 * @example
 * const slug = await availableSlug({ base: 'budget', isTaken: (s) => repo.slugExists(db, s) });
 */
export async function availableSlug(options: {
  base: string;
  fallback: string;
  isTaken: (slug: string) => Promise<boolean>;
}): Promise<string> {
  const base = slugify(options.base) || options.fallback;
  if (!(await options.isTaken(base))) return base;
  for (let n = 2; n < 1000; n += 1) {
    const candidate = `${base}-${n}`;
    if (!(await options.isTaken(candidate))) return candidate;
  }
  return `${base}-${Date.now().toString(36)}`;
}

/**
 * Runs a write whose only user-facing unique constraint is the slug, turning a violation into a
 * 409 that names the field. The constraint is known from the statement, not from message text.
 */
export async function withSlugConflict<T>(
  resource: string,
  slug: string,
  write: () => Promise<T>,
): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (isUniqueViolation(error)) {
      throw new ConflictError('SLUG_TAKEN', `Another ${resource} already uses the slug "${slug}".`, 'slug');
    }
    throw error;
  }
}
