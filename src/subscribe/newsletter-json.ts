import type { Newsletter } from './newsletter.ts';

/** A newsletter with, where the caller counted them, its confirmed subscribers. */
export type CountedNewsletter = Newsletter & { subscriberCount?: number };

/**
 * A newsletter as the Admin API shows it (snake_case, categories by id). `subscriber_count` is
 * present only when counted (lists and single reads), not after a write.
 *
 * @example
 * reply.send({ newsletters: [newsletterJson({ ...newsletter, subscriberCount: 120 })] });
 */
export const newsletterJson = (newsletter: CountedNewsletter) => ({
  id: newsletter.id,
  slug: newsletter.slug,
  name: newsletter.name,
  description: newsletter.description,
  categories: newsletter.categoryIds,
  cadence: newsletter.cadence,
  send_hour: newsletter.sendHour,
  send_weekday: newsletter.sendWeekday,
  track_opens: newsletter.tracksOpens,
  track_clicks: newsletter.tracksClicks,
  position: newsletter.position,
  created_at: newsletter.createdAt.toISOString(),
  updated_at: newsletter.updatedAt.toISOString(),
  ...(newsletter.subscriberCount === undefined ? {} : { subscriber_count: newsletter.subscriberCount }),
});
