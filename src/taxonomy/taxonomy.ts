import { z } from 'zod';
import { slugSchema } from '../lib/slug.ts';

/** A flat label ("Harbour", "Elections"). */
export type Tag = {
  id: string;
  name: string;
  slug: string;
  description: string;
  createdAt: Date;
  updatedAt: Date;
};

/** A section of the paper; categories nest ("Sport" › "Football"). */
export type Category = Tag & { parentId: string | null };

export const tagCreateSchema = z.strictObject({
  name: z.string().trim().min(1).max(200),
  slug: slugSchema.optional(),
  description: z.string().max(5000).optional(),
});
export const tagUpdateSchema = tagCreateSchema.partial();

export const categoryCreateSchema = tagCreateSchema.extend({
  /** The parent category's slug or id; null makes it top-level. */
  parent: z.string().trim().min(1).max(200).nullable().optional(),
});
export const categoryUpdateSchema = categoryCreateSchema.partial();

export type TagCreateInput = z.output<typeof tagCreateSchema>;
export type TagUpdateInput = z.output<typeof tagUpdateSchema>;
export type CategoryCreateInput = z.output<typeof categoryCreateSchema>;
export type CategoryUpdateInput = z.output<typeof categoryUpdateSchema>;
