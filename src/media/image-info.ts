import { existsSync } from 'node:fs';
import path from 'node:path';
import { loadSharp } from './load-sharp.ts';
import { RESPONSIVE_WIDTHS } from './media.ts';

export type ImageInfo = { width: number; height: number; srcset: string | null };

/** The widths uploads get variants at (media library); the demo's images have 400 and 800. */
const VARIANT_WIDTHS: readonly number[] = RESPONSIVE_WIDTHS;

/**
 * Dimensions and responsive variants of an image in MEDIA_DIR (served at /media/), read once and
 * remembered: width and height let the browser reserve the space (no layout shift), and variants
 * named `NAME-600.webp` beside `NAME.webp` become a srcset. Remote images give null.
 */
export function createImageInfo({ mediaDir }: { mediaDir: string }) {
  const known = new Map<string, Promise<ImageInfo | null>>();

  async function probe(url: string): Promise<ImageInfo | null> {
    if (!url.startsWith('/media/')) return null;
    const relative = decodeURIComponent(url.slice('/media/'.length).split('?')[0] ?? '');
    const file = path.resolve(mediaDir, relative);
    if (!file.startsWith(path.resolve(mediaDir) + path.sep) || !existsSync(file)) return null;
    const sharp = await loadSharp();
    const meta = await sharp(file).metadata();
    if (!meta.width || !meta.height) return null;
    const { dir, name, ext } = path.parse(relative);
    const variants = VARIANT_WIDTHS.filter(
      (w) => w < (meta.width ?? 0) && existsSync(path.join(mediaDir, dir, `${name}-${w}${ext}`)),
    ).map((w) => `/media/${dir ? `${dir}/` : ''}${name}-${w}${ext} ${w}w`);
    const srcset = variants.length > 0 ? [...variants, `${url} ${meta.width}w`].join(', ') : null;
    return { width: meta.width, height: meta.height, srcset };
  }

  return {
    /** Infos of many images at once, by URL (for a list of cards). */
    async many(urls: (string | null | undefined)[]): Promise<Map<string, ImageInfo | null>> {
      const unique = [...new Set(urls.filter((url): url is string => Boolean(url)))];
      const infos = await Promise.all(unique.map((url) => this.get(url)));
      return new Map(unique.map((url, index) => [url, infos[index] ?? null]));
    },
    get(url: string): Promise<ImageInfo | null> {
      let info = known.get(url);
      if (!info) {
        info = probe(url).catch(() => null);
        known.set(url, info);
      }
      return info;
    },
  };
}

export type ImageInfoService = ReturnType<typeof createImageInfo>;
