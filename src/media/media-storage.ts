import { randomUUID } from 'node:crypto';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { FastifyReply } from 'fastify';

/**
 * Where uploaded files live. Keys are relative, `/`-separated and made by Masthead (`uploadKey`),
 * never from a client's file name; local disk today, an object store later.
 */
export type MediaStorage = {
  /** Stores the bytes under the key, replacing nothing half-written: readers see all or nothing. */
  put(key: string, bytes: Uint8Array, contentType: string): Promise<void>;
  /** Removes the file; a key that is already gone is not an error. */
  remove(key: string): Promise<void>;
  /** The URL the file is served at (root-relative for local disk). */
  urlOf(key: string): string;
};

const SEGMENT = '[a-z0-9]+(?:[._-][a-z0-9]+)*';
const KEY_PATTERN = new RegExp(`^${SEGMENT}(?:/${SEGMENT})*$`);
const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
const UPLOAD_KEY_PATTERN = new RegExp(`^\\d{4}/\\d{2}/${UUID}(?:-\\d{1,5})?\\.(?:webp|avif)$`);

/**
 * The key of an uploaded file: `YYYY/MM/<id>.webp` for the image and `YYYY/MM/<id>-400.avif` for a
 * variant, the names `media/image-info.ts` looks for when it builds a srcset.
 *
 * @example
 * uploadKey({ id, at: new Date('2026-11-03T10:00:00Z'), format: 'webp', width: 400 }) // '2026/11/<id>-400.webp'
 */
export function uploadKey(options: { id: string; at: Date; format: string; width?: number }): string {
  const { id, at, format, width } = options;
  const month = String(at.getUTCMonth() + 1).padStart(2, '0');
  return `${at.getUTCFullYear()}/${month}/${id}${width === undefined ? '' : `-${width}`}.${format}`;
}

/**
 * Whether a media path (relative to MEDIA_DIR, `/`-separated) is an uploaded file: their names hold
 * a fresh id, so a name never gets different content and may be cached for ever.
 *
 * @example
 * isUploadKey('2026/11/0190f0a2-…-400.webp') // true
 * isUploadKey('demo/harbour.webp') // false
 */
export const isUploadKey = (key: string): boolean => UPLOAD_KEY_PATTERN.test(key);

/** A year, the longest max-age RFC 9111 §5.2.2.1 suggests, and no revalidation (RFC 8246). */
export const UPLOAD_CACHE_CONTROL = 'public, max-age=31536000, immutable';

/**
 * A `setHeaders` for @fastify/static serving MEDIA_DIR: uploaded files are cached for a year and
 * marked immutable; every other file keeps the route's own Cache-Control.
 *
 * @example
 * await app.register(fastifyStatic, { root: mediaDir, prefix: '/media/', setHeaders: cacheUploadsForever(mediaDir) });
 */
export function cacheUploadsForever(mediaDir: string) {
  const root = path.resolve(mediaDir);
  return (reply: FastifyReply, filePath: string): void => {
    const key = path.relative(root, filePath).split(path.sep).join('/');
    if (isUploadKey(key)) reply.header('Cache-Control', UPLOAD_CACHE_CONTROL);
  };
}

/**
 * Files under `root` (MEDIA_DIR), served by the app at `/media/`. A key that is not a plain
 * relative path (`..`, absolute, backslashes, empty segments) is refused before touching the disk.
 *
 * @example
 * const storage = createLocalMediaStorage({ root: config.mediaDir });
 * await storage.put('2026/11/<id>.webp', bytes, 'image/webp');
 */
export function createLocalMediaStorage({ root }: { root: string }): MediaStorage {
  const base = path.resolve(root);

  function fileOf(key: string): string {
    const file = path.resolve(base, ...key.split('/'));
    if (!KEY_PATTERN.test(key) || !file.startsWith(base + path.sep)) {
      throw new Error(`Refusing media key ${JSON.stringify(key)}: not a plain relative path`);
    }
    return file;
  }

  return {
    async put(key, bytes) {
      const file = fileOf(key);
      await mkdir(path.dirname(file), { recursive: true });
      // Written aside then renamed: a file served as immutable must never be seen half-written.
      const partial = `${file}.${randomUUID()}.part`;
      try {
        await writeFile(partial, bytes, { flag: 'wx' });
        await rename(partial, file);
      } finally {
        await rm(partial, { force: true });
      }
    },
    async remove(key) {
      await rm(fileOf(key), { force: true });
    },
    urlOf(key) {
      fileOf(key);
      return `/media/${key}`;
    },
  };
}
