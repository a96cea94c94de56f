import { ValidationError } from '../lib/errors.ts';
import type { ArticleStatus } from './article.ts';

/** A clock difference this small is the client's clock, not an intent to schedule. */
const FUTURE_TOLERANCE_MS = 60_000;

export type Publication = { status: ArticleStatus; publishedAt: Date | null };

/**
 * The status and publication time an article ends up with, given what it was and what the client
 * asked for. The rules a newsroom expects:
 * - published: at the time given (back-dating is allowed), else the time it first went out, else now;
 *   a time in the future is a schedule, not a publication;
 * - scheduled: needs a time in the future;
 * - draft and archived keep the time they had unless another is given.
 *
 * @example
 * resolvePublication({ current: null, status: 'published', publishedAt: undefined, now })
 * // { status: 'published', publishedAt: now }
 */
export function resolvePublication(options: {
  current: Publication | null;
  status: ArticleStatus | undefined;
  publishedAt: Date | null | undefined;
  now: Date;
}): Publication {
  const { current, now } = options;
  const status = options.status ?? current?.status ?? 'draft';
  const requested = options.publishedAt;
  const previous = current?.publishedAt ?? null;

  if (status === 'published') {
    if (requested) {
      if (requested.getTime() > now.getTime() + FUTURE_TOLERANCE_MS) {
        throw ValidationError.field(
          'published_at',
          'PUBLISHED_AT_IN_FUTURE',
          '"published_at" is in the future: use status "scheduled" to publish later.',
        );
      }
      return { status, publishedAt: requested };
    }
    const isPastDate = previous !== null && previous.getTime() <= now.getTime();
    return { status, publishedAt: isPastDate && current?.status !== 'scheduled' ? previous : now };
  }

  if (status === 'scheduled') {
    const at = requested === undefined ? previous : requested;
    if (!at) {
      throw ValidationError.field(
        'published_at',
        'FIELD_REQUIRED',
        '"published_at" is required to schedule an article.',
      );
    }
    if (at.getTime() <= now.getTime()) {
      throw ValidationError.field(
        'published_at',
        'SCHEDULE_IN_PAST',
        '"published_at" must be in the future to schedule an article; use status "published" to publish now.',
      );
    }
    return { status, publishedAt: at };
  }

  return { status, publishedAt: requested === undefined ? previous : requested };
}
