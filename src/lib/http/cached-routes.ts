import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { CachedPage, PageCache, PageInput, ReplayHeaders } from './page-cache.ts';

export type Encoding = 'br' | 'gzip' | 'identity';

/**
 * Picks the stored encoding the client accepts (RFC 9110 §12.5.3), brotli first. A `q=0` refuses.
 */
export function pickEncoding(header: string | undefined): Encoding {
  if (!header) return 'identity';
  const accepted = new Map<string, number>();
  for (const part of header.split(',')) {
    const [name, ...params] = part.trim().toLowerCase().split(';');
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    if (name) accepted.set(name, q ? Number(q.slice(2)) : 1);
  }
  if ((accepted.get('br') ?? 0) > 0) return 'br';
  if ((accepted.get('gzip') ?? 0) > 0) return 'gzip';
  return 'identity';
}

/** RFC 9110 §13.1.2: If-None-Match compares weakly, so `W/"x"` matches `"x"`. */
export const etagMatches = (header: string | undefined, etag: string): boolean =>
  header?.split(',').some((tag) => tag.trim().replace(/^W\//, '') === etag) ?? false;

export const bodyIn = (page: CachedPage, encoding: Encoding): Buffer =>
  encoding === 'br' ? page.br() : encoding === 'gzip' ? page.gzip() : page.body;

/**
 * The cache key of a request: its path plus only the query parameters the page reads, so that
 * `?utm_source=…` or random strings cannot fill the cache with copies of one page.
 */
export function cacheKeyOf(url: string, queryKeys: string[]): string {
  const mark = url.indexOf('?');
  const path = mark === -1 ? url : url.slice(0, mark);
  if (queryKeys.length === 0 || mark === -1) return path;
  const params = new URLSearchParams(url.slice(mark + 1));
  const kept = queryKeys.flatMap((key) => (params.has(key) ? [[key, params.get(key) ?? '']] : []));
  return kept.length === 0 ? path : `${path}?${new URLSearchParams(kept).toString()}`;
}

/** Sends a stored page: 304 when the client has it, else the smallest body it accepts. */
export function sendCachedPage(request: FastifyRequest, reply: FastifyReply, page: CachedPage, hit: boolean) {
  reply
    .header('ETag', page.etag)
    .header('Cache-Control', page.cacheControl)
    .header('Vary', 'Accept-Encoding')
    .header('Surrogate-Key', page.keys.join(' '))
    .header('Cache-Tag', page.keys.join(','))
    .header('X-Cache', hit ? 'HIT' : 'MISS');
  if (page.lastModified) reply.header('Last-Modified', page.lastModified);
  if (page.location) reply.header('Location', page.location);
  if (page.status === 200 && etagMatches(request.headers['if-none-match'], page.etag)) {
    return reply.code(304).send();
  }
  const encoding = pickEncoding(request.headers['accept-encoding']);
  if (encoding !== 'identity') reply.header('Content-Encoding', encoding);
  return reply.code(page.status).type(page.contentType).send(bodyIn(page, encoding));
}

/** Headers that describe one response, not the page: recomputed for every hit. */
const PER_RESPONSE = new Set([
  'content-length',
  'content-encoding',
  'x-cache',
  'date',
  'connection',
  'keep-alive',
  'transfer-encoding',
]);
/** Headers that belong to one reader or one request: a page that carries one is never replayed. */
const PER_REQUEST =
  /^(set-cookie|x-request-id|request-id|server-timing|x-response-time|age|retry-after|x-ratelimit-.*|ratelimit.*)$/;

/**
 * What Fastify sent with a stored page (security headers and all), as the lists a hit replays, or
 * null when a header in it belongs to one request or the response varies on more than encoding.
 */
export function replayHeadersOf(
  sent: Record<string, string | number | string[] | undefined>,
  page: CachedPage,
  /** Names as written (`Content-Security-Policy`), where they were set on the raw response. */
  rawNames: string[] = [],
): ReplayHeaders | null {
  const written = new Map(rawNames.map((name) => [name.toLowerCase(), name]));
  const common: string[] = [];
  for (const [key, value] of Object.entries(sent)) {
    const name = written.get(key) ?? key;
    if (value === undefined) continue;
    const lower = name.toLowerCase();
    if (PER_REQUEST.test(lower)) return null;
    if (lower === 'vary' && String(value).toLowerCase().replace(/\s+/g, '') !== 'accept-encoding')
      return null;
    if (PER_RESPONSE.has(lower)) continue;
    for (const one of Array.isArray(value) ? value : [value]) common.push(name, String(one));
  }
  const notModified: string[] = [];
  for (let i = 0; i < common.length; i += 2)
    if (common[i]?.toLowerCase() !== 'content-type')
      notModified.push(common[i] as string, common[i + 1] as string);
  notModified.push('x-cache', 'HIT');
  const bodies = new Map<Encoding, string[]>();
  return {
    body(encoding) {
      let headers = bodies.get(encoding);
      if (!headers) {
        headers = [...common];
        if (encoding !== 'identity') headers.push('content-encoding', encoding);
        headers.push('content-length', String(bodyIn(page, encoding).length), 'x-cache', 'HIT');
        bodies.set(encoding, headers);
      }
      return headers;
    },
    notModified,
  };
}

/** Header names as set on the raw response (Node has this on every OutgoingMessage; its types only on requests). */
const rawHeaderNames = (reply: FastifyReply): string[] =>
  (reply.raw as unknown as { getRawHeaderNames?: () => string[] }).getRawHeaderNames?.() ?? [];

/**
 * Registers a public GET route whose response is cached by URL until one of its keys changes.
 * A hit is answered before Fastify routes the request (cache-hit-server.ts) once the page's
 * headers are known, else in `onRequest`, before parsing or rendering run. The first response sent
 * for a stored page lends its headers to the hits that skip Fastify.
 *
 * @example
 * registerCachedGet(app, cache, '/feed/', async () => ({ body: xml, contentType: 'application/rss+xml', keys: ['feeds'] }));
 */
export function registerCachedGet<P = Record<string, string>, Q = Record<string, string>>(
  app: FastifyInstance,
  cache: PageCache,
  path: string,
  render: (request: FastifyRequest<{ Params: P; Querystring: Q }>) => Promise<PageInput>,
  options: { queryKeys?: string[] } = {},
): void {
  const queryKeys = options.queryKeys ?? [];
  const headersWanted = new WeakMap<FastifyRequest, CachedPage>();
  app.route<{ Params: P; Querystring: Q }>({
    method: 'GET',
    url: path,
    onRequest: async (request, reply) => {
      const page = cache.get(cacheKeyOf(request.url, queryKeys));
      if (!page) return;
      if (page.replay === undefined) headersWanted.set(request, page);
      return sendCachedPage(request, reply, page, true);
    },
    handler: async (request, reply) => {
      const input = await render(request);
      const status = input.status ?? 200;
      const isStored = cache.isEnabled && (status === 200 || status === 301);
      const page = cache.build(input, { queryKeys, isStored });
      if (isStored) {
        cache.set(cacheKeyOf(request.url, queryKeys), page);
        headersWanted.set(request, page);
      }
      return sendCachedPage(request, reply, page, false);
    },
    onSend: async (request, reply) => {
      const page = headersWanted.get(request);
      if (page && page.replay === undefined && reply.statusCode === page.status)
        page.replay = replayHeadersOf(reply.getHeaders(), page, rawHeaderNames(reply));
    },
  });
}
