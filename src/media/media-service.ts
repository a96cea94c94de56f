import { actingStaffId, requirePermission } from '../auth/permissions.ts';
import type { Database } from '../db/connection.ts';
import type { Clock } from '../lib/clock.ts';
import { NotFoundError } from '../lib/errors.ts';
import { isUuid, newId } from '../lib/ids.ts';
import { type PageRequest, type Pagination, paginationMeta } from '../lib/pagination.ts';
import type { Media, MediaText, MediaVariant } from './media.ts';
import { processImage } from './media-image.ts';
import { createMediaRepository } from './media-repository.ts';
import { type MediaStorage, uploadKey } from './media-storage.ts';

export type MediaService = ReturnType<typeof createMediaService>;

export type MediaUpload = {
  bytes: Buffer;
  /** The client's file name: kept for the library's search, never used for storage. */
  originalName: string;
  text: MediaText;
};

const CONTENT_TYPES = { webp: 'image/webp', avif: 'image/avif' } as const;

/** A client's file name as a label: no path, no control characters, at most 255 characters. */
const cleanName = (name: string): string =>
  (name.split(/[\\/]/).pop() ?? '')
    // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is removed.
    .replace(/[\u0000-\u001f\u007f]/g, '')
    .trim()
    .slice(0, 255);

/** Applies alt, caption and credit: a field left out stays, null clears it. */
const withText = (media: Media, text: MediaText): Media => ({
  ...media,
  alt: text.alt === undefined ? media.alt : (text.alt ?? ''),
  caption: text.caption === undefined ? media.caption : (text.caption ?? ''),
  credit: text.credit === undefined ? media.credit : (text.credit ?? ''),
});

/**
 * The media library: uploads become re-encoded WebP images with responsive variants in
 * `storage` and a row in `media`; the row and its files come and go together.
 *
 * @example
 * const media = createMediaService({ database, clock, storage: createLocalMediaStorage({ root }) });
 * const image = await media.upload({ bytes, originalName: 'harbour.jpg', text: { alt: 'The harbour at dawn' } });
 */
export function createMediaService({
  database,
  clock,
  storage,
}: {
  database: Database;
  clock: Clock;
  storage: MediaStorage;
}) {
  const { db } = database;
  const repo = createMediaRepository({ dialect: database.dialect });

  async function get(id: string): Promise<Media> {
    const media = isUuid(id) ? await repo.findById(db, id.toLowerCase()) : undefined;
    if (!media) throw new NotFoundError('media');
    return media;
  }

  /** Writes every file or none: a failure removes what was written. */
  async function putAll(files: { key: string; bytes: Buffer; contentType: string }[]): Promise<void> {
    const results = await Promise.allSettled(files.map((f) => storage.put(f.key, f.bytes, f.contentType)));
    const failed = results.find((result) => result.status === 'rejected');
    if (failed) {
      await removeFiles(files.map((f) => f.key));
      throw failed.reason;
    }
  }

  const removeFiles = async (keys: string[]) => {
    await Promise.all(keys.map((key) => storage.remove(key)));
  };

  const keysOf = (media: Media) => [media.path, ...media.variants.map((variant) => variant.path)];

  return {
    get,

    /** The URL a stored file is served at. */
    urlOf: (key: string): string => storage.urlOf(key),

    async upload({ bytes, originalName, text }: MediaUpload): Promise<Media> {
      requirePermission('media.upload');
      const image = await processImage(bytes);
      const id = newId();
      const at = clock.now();
      const variants: (MediaVariant & { bytes: Buffer })[] = image.variants.map((variant) => ({
        width: variant.width,
        format: variant.format,
        path: uploadKey({ id, at, format: variant.format, width: variant.width }),
        bytes: variant.bytes,
      }));
      const media = withText(
        {
          id,
          kind: 'image',
          originalName: cleanName(originalName),
          mime: image.mime,
          width: image.main.width,
          height: image.main.height,
          bytes: bytes.length,
          path: uploadKey({ id, at, format: 'webp' }),
          variants: variants.map(({ width, format, path }) => ({ width, format, path })),
          alt: '',
          caption: '',
          credit: '',
          createdAt: at,
          uploadedBy: actingStaffId(),
        },
        text,
      );
      await putAll([
        { key: media.path, bytes: image.main.bytes, contentType: CONTENT_TYPES.webp },
        ...variants.map((v) => ({ key: v.path, bytes: v.bytes, contentType: CONTENT_TYPES[v.format] })),
      ]);
      try {
        await repo.insert(db, media);
      } catch (error) {
        await removeFiles(keysOf(media));
        throw error;
      }
      return media;
    },

    /** Newest first; `q` matches part of the file name, alt text, caption or credit. */
    async list(query: {
      q?: string;
      page: PageRequest;
    }): Promise<{ media: Media[]; pagination: Pagination }> {
      const { items, total } = await repo.list(db, query);
      return { media: items, pagination: paginationMeta(query.page, total) };
    },

    async update(id: string, text: MediaText): Promise<Media> {
      requirePermission('media.write');
      const media = withText(await get(id), text);
      await repo.updateText(db, media);
      return media;
    },

    /** Deletes the row, then its files (a file without a row is harmless; a row without files is not). */
    async remove(id: string): Promise<void> {
      requirePermission('media.write');
      const media = await get(id);
      if (!(await repo.remove(db, media.id))) throw new NotFoundError('media');
      await removeFiles(keysOf(media));
    },
  };
}
