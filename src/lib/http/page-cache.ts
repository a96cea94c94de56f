import { createHash } from 'node:crypto';
import { brotliCompressSync, gzipSync, constants as zlib } from 'node:zlib';

/** A rendered response, stored with its compressed forms so a hit does no work but a write. */
export type CachedPage = {
  status: number;
  contentType: string;
  body: Buffer;
  /** Compressed on first use and kept: a cached page is compressed at most once per encoding. */
  gzip: () => Buffer;
  br: () => Buffer;
  etag: string;
  lastModified: string | undefined;
  keys: string[];
  cacheControl: string;
  location: string | undefined;
  /** The query parameters the page's route reads: with the path, they make its cache key. */
  queryKeys: string[];
  /**
   * The response headers to send on a hit before any of Fastify runs (cache-hit-server.ts), taken
   * from the first response Fastify sent for this page: undefined until then, null when the page
   * must always go through Fastify (a header that belongs to one request, a Vary beyond encoding).
   */
  replay: ReplayHeaders | null | undefined;
};

/** Headers of a stored page as flat name/value lists, ready for `writeHead`. */
export type ReplayHeaders = {
  /** For a 200 or 301 in each encoding: everything Fastify sent, with the length of that body. */
  body: (encoding: 'br' | 'gzip' | 'identity') => string[];
  /** For a 304: the same but the body's type. */
  notModified: string[];
};

export type PageInput = {
  /** Text, or bytes already encoded as UTF-8. */
  body: string | Buffer;
  contentType: string;
  /** What the page shows (`article:ID`, `category:ID`, `home`, `feeds`, `settings`…): a change to any drops it. */
  keys: string[];
  status?: number;
  lastModified?: Date | null;
  cacheControl?: string;
  /** For a redirect (301 from an old slug, say). */
  location?: string;
};

const once = <T>(make: () => T): (() => T) => {
  let value: T | undefined;
  return () => {
    value ??= make();
    return value;
  };
};

export const DEFAULT_CACHE_CONTROL = 'public, max-age=60, s-maxage=300, stale-while-revalidate=86400';

export type PageCache = ReturnType<typeof createPageCache>;

/**
 * A stored page is compressed once and sent many times, so it is worth brotli's better levels; a
 * page rendered for one response (cache off, or a status never stored) is compressed for that
 * response alone, where a fast level costs least in all.
 */
const STORED = { brotli: 5, gzip: 6 };
const ONCE = { brotli: 1, gzip: 1 };

/**
 * Rendered public pages in memory, dropped precisely by key (DESIGN.md, Cache invalidation by keys).
 * Bounded by entry count (least recently used goes first).
 *
 * @example
 * const cache = createPageCache({ isEnabled: true, maxEntries: 5000 });
 * cache.set('/2026/11/storm/', cache.build({ body, contentType: 'text/html; charset=utf-8', keys: ['article:1'] }));
 * cache.invalidate(['article:1']);
 */
export function createPageCache(options: { isEnabled: boolean; maxEntries: number }) {
  const pages = new Map<string, CachedPage>();
  const byKey = new Map<string, Set<string>>();

  function forget(url: string): void {
    const page = pages.get(url);
    if (!page) return;
    pages.delete(url);
    for (const key of page.keys) byKey.get(key)?.delete(url);
  }

  return {
    isEnabled: options.isEnabled,

    /**
     * A response ready to send and to store. Brotli and gzip bodies are made when first asked for,
     * at moderate levels for a page that will be stored, at the fastest for one that will not.
     */
    build(input: PageInput, options: { queryKeys?: string[]; isStored?: boolean } = {}): CachedPage {
      const body = typeof input.body === 'string' ? Buffer.from(input.body) : input.body;
      const levels = options.isStored === false ? ONCE : STORED;
      return {
        status: input.status ?? 200,
        contentType: input.contentType,
        body,
        gzip: once(() => gzipSync(body, { level: levels.gzip })),
        br: once(() =>
          brotliCompressSync(body, {
            params: {
              [zlib.BROTLI_PARAM_QUALITY]: levels.brotli,
              [zlib.BROTLI_PARAM_SIZE_HINT]: body.length,
            },
          }),
        ),
        etag: `"${createHash('sha1').update(body).digest('base64url')}"`,
        lastModified: input.lastModified ? input.lastModified.toUTCString() : undefined,
        keys: [...new Set(input.keys)],
        cacheControl: input.cacheControl ?? DEFAULT_CACHE_CONTROL,
        location: input.location,
        queryKeys: options.queryKeys ?? [],
        replay: undefined,
      };
    },

    get(url: string): CachedPage | undefined {
      if (!options.isEnabled) return undefined;
      const page = pages.get(url);
      if (page) {
        pages.delete(url);
        pages.set(url, page);
      }
      return page;
    },

    set(url: string, page: CachedPage): void {
      if (!options.isEnabled) return;
      forget(url);
      if (pages.size >= options.maxEntries) forget(pages.keys().next().value as string);
      pages.set(url, page);
      for (const key of page.keys) {
        const urls = byKey.get(key) ?? new Set();
        urls.add(url);
        byKey.set(key, urls);
      }
    },

    /** Drops every page that depends on any of `keys`; returns how many. */
    invalidate(keys: string[]): number {
      let dropped = 0;
      for (const key of keys) {
        for (const url of [...(byKey.get(key) ?? [])]) {
          forget(url);
          dropped += 1;
        }
        byKey.delete(key);
      }
      return dropped;
    },

    clear(): void {
      pages.clear();
      byKey.clear();
    },

    get size(): number {
      return pages.size;
    },
  };
}
