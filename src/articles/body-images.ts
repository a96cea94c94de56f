import { existsSync } from 'node:fs';
import path from 'node:path';
import { Parser } from 'htmlparser2';
import type { ImageInfo } from '../media/image-info.ts';

/** The width a body image takes: the article column on a wide screen, the screen on a phone. */
export const BODY_IMAGE_SIZES = '(min-width: 72rem) 68ch, 100vw';

type FoundImage = { start: number; end: number; attribs: Record<string, string>; isInPicture: boolean };

export type BodyImageOptions = {
  /** Dimensions and WebP srcset of an image under /media/ (`media/image-info.ts`). */
  imageInfo: (url: string) => Promise<ImageInfo | null>;
  /** MEDIA_DIR, where the AVIF copies beside each WebP variant are looked for. */
  mediaDir: string;
  /** SITE_URL: `SITE_URL/media/…` is the site's own media too. */
  siteUrl: string;
};

const escapeAttribute = (value: string): string =>
  value.replace(/[&"<>]/g, (c) => ({ '&': '&amp;', '"': '&quot;', '<': '&lt;', '>': '&gt;' })[c] as string);

const tag = (name: string, attribs: Record<string, string>): string =>
  `<${name}${Object.entries(attribs)
    .map(([key, value]) => ` ${key}="${escapeAttribute(value)}"`)
    .join('')}>`;

/** The `<img>` elements of some HTML with where each tag starts and ends (its `<` and `>`). */
function findImages(html: string): FoundImage[] {
  const found: FoundImage[] = [];
  let pictureDepth = 0;
  const parser = new Parser({
    onopentag(name, attribs) {
      if (name === 'picture') pictureDepth += 1;
      if (name === 'img')
        found.push({
          start: parser.startIndex,
          end: parser.endIndex,
          attribs,
          isInPicture: pictureDepth > 0,
        });
    },
    onclosetag(name) {
      if (name === 'picture') pictureDepth = Math.max(0, pictureDepth - 1);
    },
  });
  parser.write(html);
  parser.end();
  return found;
}

/**
 * The AVIF twin of each WebP variant in a srcset (`NAME-600.webp 600w` → `NAME-600.avif 600w`),
 * where the media library wrote one: it writes both formats at every width (media-image.ts).
 */
function avifSrcset(webpSrcset: string, mediaDir: string): string | null {
  const root = path.resolve(mediaDir);
  const candidates = webpSrcset
    .split(',')
    .map((candidate) => candidate.trim().split(/\s+/))
    .flatMap(([url, width]) => {
      if (!url || !width || !/-\d+\.webp$/.test(url) || !url.startsWith('/media/')) return [];
      const avif = url.replace(/\.webp$/, '.avif');
      const file = path.resolve(root, decodeURIComponent(avif.slice('/media/'.length)));
      return file.startsWith(root + path.sep) && existsSync(file) ? [`${avif} ${width}`] : [];
    });
  return candidates.length > 0 ? candidates.join(', ') : null;
}

/**
 * Gives the body's images from the media library their responsive copies, at render time (the
 * stored HTML stays what the editor wrote): an `<img src="/media/…">` becomes a `<picture>` with an
 * AVIF `<source>` and the `<img>` with the WebP srcset, both with `sizes`, and its width and height
 * when the editor left them out (no layout shift). Every image but the first loads lazily. Images
 * from elsewhere, and those already in a `<picture>` or with a srcset, keep their markup. The body
 * is sanitised HTML (article-input.ts); only attributes it already has, or ones made here from the
 * media library's own file names, are written back, escaped.
 *
 * @example
 * await responsiveBodyImages('<p><img src="/media/2026/11/x.webp" alt="Harbour"></p>', { imageInfo, mediaDir, siteUrl });
 * // '<p><picture><source type="image/avif" srcset="/media/2026/11/x-400.avif 400w, …" sizes="…"><img src=… srcset=… sizes=… width=… height=…></picture></p>'
 */
export async function responsiveBodyImages(html: string, options: BodyImageOptions): Promise<string> {
  if (!html.includes('<img')) return html;
  const images = findImages(html);
  if (images.length === 0) return html;
  const ownPrefix = `${options.siteUrl.replace(/\/+$/, '')}/media/`;
  const localPath = (src: string | undefined): string | null => {
    if (!src) return null;
    if (src.startsWith('/media/')) return src;
    return src.startsWith(ownPrefix) ? `/media/${src.slice(ownPrefix.length)}` : null;
  };
  const infos = await Promise.all(
    images.map(({ attribs, isInPicture }) => {
      const local = localPath(attribs.src);
      return local && !isInPicture && !attribs.srcset ? options.imageInfo(local) : null;
    }),
  );

  let out = '';
  let cursor = 0;
  images.forEach((image, index) => {
    const info = infos[index] ?? null;
    const attribs: Record<string, string> = { ...image.attribs };
    if (index > 0 && !attribs.loading) attribs.loading = 'lazy';
    if (info) {
      attribs.width ??= String(info.width);
      attribs.height ??= String(info.height);
    }
    let replacement = tag('img', attribs);
    if (info?.srcset) {
      const img = tag('img', { ...attribs, srcset: info.srcset, sizes: BODY_IMAGE_SIZES });
      const avif = avifSrcset(info.srcset, options.mediaDir);
      replacement = avif
        ? `<picture>${tag('source', { type: 'image/avif', srcset: avif, sizes: BODY_IMAGE_SIZES })}${img}</picture>`
        : img;
    }
    out += html.slice(cursor, image.start) + replacement;
    cursor = image.end + 1;
  });
  return out + html.slice(cursor);
}
