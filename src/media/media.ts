import { z } from 'zod';
import { pageQuerySchema } from '../lib/pagination.ts';

/** The widths (CSS pixels) of the responsive copies, each made only when narrower than the image. */
export const RESPONSIVE_WIDTHS = [400, 600, 800, 1200] as const;

/** The largest upload accepted (413 FILE_TOO_LARGE beyond it). */
export const MAX_UPLOAD_BYTES = 20 * 1024 * 1024;

export type VariantFormat = 'webp' | 'avif';

/** A narrower copy of an image, stored beside it as `NAME-<width>.<format>`. */
export type MediaVariant = { width: number; format: VariantFormat; path: string };

/**
 * An image in the media library. `mime`, `bytes` and `originalName` describe the upload (its type
 * as decided from its bytes); `path`, `width` and `height` the WebP that is served.
 */
export type Media = {
  id: string;
  kind: 'image';
  originalName: string;
  mime: string;
  width: number;
  height: number;
  bytes: number;
  path: string;
  variants: MediaVariant[];
  alt: string;
  caption: string;
  credit: string;
  createdAt: Date;
  uploadedBy: string | null;
};

/**
 * Alt text, caption and credit: the fields sent beside an upload's file, and all that
 * `PATCH /media/:id` may change. The limits are an article's featured image fields'; null clears.
 */
export const mediaTextSchema = z
  .strictObject({
    alt: z.string().trim().max(1000).nullable(),
    caption: z.string().trim().max(2000).nullable(),
    credit: z.string().trim().max(500).nullable(),
  })
  .partial();

export const mediaListQuerySchema = z.strictObject({
  ...pageQuerySchema,
  /** Part of the original file name, alt text, caption or credit. */
  q: z.string().trim().max(200).optional(),
});

export type MediaText = z.output<typeof mediaTextSchema>;
