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

/** A slug derived from a title was taken by a concurrent writer between the check and the insert. */
export class DerivedSlugTaken extends Error {
  constructor() {
    super('A derived slug was taken by a concurrent write.');
    this.name = 'DerivedSlugTaken';
  }
}

/**
 * Runs a write whose only user-facing unique constraint is the slug, turning a violation into a
 * 409 that names the field — or, when the slug was derived rather than chosen, into
 * `DerivedSlugTaken` so that `retryDerivedSlug` can pick the next free one. The constraint is
 * known from the statement, not from message text.
 */
export async function withSlugConflict<T>(
  resource: string,
  slug: string,
  write: () => Promise<T>,
  options: { isDerived?: boolean } = {},
): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    if (options.isDerived) throw new DerivedSlugTaken();
    throw new ConflictError('SLUG_TAKEN', `Another ${resource} already uses the slug "${slug}".`, 'slug');
  }
}

/**
 * Re-runs a whole write (its transaction included) when a derived slug was taken concurrently:
 * the next attempt sees the committed slug and takes "-2". Two reporters filing "Storm warning"
 * in the same second both get their article.
 *
 * @example
 * return retryDerivedSlug(() => withTransaction(db, (trx) => insert(trx, input)));
 */
export async function retryDerivedSlug<T>(work: () => Promise<T>, attempts = 12): Promise<T> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await work();
    } catch (error) {
      if (!(error instanceof DerivedSlugTaken)) throw error;
      if (attempt >= attempts) {
        throw new ConflictError('SLUG_TAKEN', 'Could not find a free slug; choose one explicitly.', 'slug');
      }
      // Each round one of the writers racing for a slug wins; a little jitter keeps the rest
      // from colliding on the next suffix in lockstep.
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 10 * attempt));
    }
  }
}
