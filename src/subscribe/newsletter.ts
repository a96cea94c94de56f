import { z } from 'zod';
import type { NewsletterCadence } from '../db/schema.ts';
import { slugSchema } from '../lib/slug.ts';

export type { NewsletterCadence } from '../db/schema.ts';
export const newsletterCadences = ['publish', 'daily', 'weekly'] as const satisfies NewsletterCadence[];

/**
 * A newsletter readers can subscribe to. `categoryIds` empty: every article feeds it. Digests
 * (`daily`, `weekly`) go out at `sendHour` in the site's timezone; weekly ones on `sendWeekday`
 * (ISO: 1 Monday … 7 Sunday).
 */
export type Newsletter = {
  id: string;
  slug: string;
  name: string;
  description: string;
  categoryIds: string[];
  cadence: NewsletterCadence;
  sendHour: number;
  sendWeekday: number;
  tracksOpens: boolean;
  tracksClicks: boolean;
  position: number;
  createdAt: Date;
  updatedAt: Date;
};

/** A category by slug or id, as the article API takes them. */
const categoryRef = z.string().trim().min(1).max(200);

const writableFields = {
  name: z.string().trim().min(1).max(120),
  slug: slugSchema,
  description: z.string().trim().max(1000),
  categories: z.array(categoryRef).max(50),
  cadence: z.enum(newsletterCadences),
  send_hour: z.number().int().min(0).max(23),
  send_weekday: z.number().int().min(1).max(7),
  track_opens: z.boolean(),
  track_clicks: z.boolean(),
  position: z.number().int().min(0).max(10_000),
};

const writableSchema = z.strictObject(writableFields);

export const newsletterCreateSchema = writableSchema.partial().required({ name: true });
export const newsletterUpdateSchema = writableSchema.partial();

export type NewsletterCreateInput = z.output<typeof newsletterCreateSchema>;
export type NewsletterUpdateInput = z.output<typeof newsletterUpdateSchema>;

/** Does an article in these categories feed this newsletter? */
export const isFedBy = (newsletter: Newsletter, articleCategoryIds: string[]): boolean =>
  newsletter.categoryIds.length === 0 || newsletter.categoryIds.some((id) => articleCategoryIds.includes(id));
