import { z } from 'zod';
import { slugSchema } from '../lib/slug.ts';
import { urlOrPathSchema } from '../lib/url-schemas.ts';

/** An author as the newsroom and readers see them (a byline), not a login account. */
export type Person = {
  id: string;
  name: string;
  slug: string;
  bio: string;
  avatarUrl: string | null;
  createdAt: Date;
  updatedAt: Date;
};

export const personCreateSchema = z.strictObject({
  name: z.string().trim().min(1).max(200),
  slug: slugSchema.optional(),
  bio: z.string().max(5000).optional(),
  avatar_url: urlOrPathSchema.nullable().optional(),
});

export const personUpdateSchema = personCreateSchema.partial();

export type PersonCreateInput = z.output<typeof personCreateSchema>;
export type PersonUpdateInput = z.output<typeof personUpdateSchema>;
