import type { PageMeta } from '../../components/pagination.tsx';

/** A media item as the Admin API sends it (src/media/media-json.ts). */
export type MediaItem = {
  id: string;
  url: string;
  width: number;
  height: number;
  mime: string;
  bytes: number;
  original_name: string;
  alt: string;
  caption: string;
  credit: string;
  variants: { width: number; format: 'webp' | 'avif'; url: string }[];
  srcset: string;
  created_at: string;
};

export type MediaList = { media: MediaItem[]; meta: { pagination: PageMeta } };

/**
 * The URL of the smallest WebP copy of an item (what a thumbnail needs), else the image itself.
 *
 * @example
 * thumbnailOf(item) // 'https://news.example/media/2025/01/abc-400.webp'
 */
export function thumbnailOf(item: Pick<MediaItem, 'url' | 'variants'>): string {
  const webp = item.variants.filter((variant) => variant.format === 'webp');
  const smallest = webp.sort((a, b) => a.width - b.width)[0];
  return smallest?.url ?? item.url;
}
