import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { CachedPage, PageCache, PageInput } from './page-cache.ts';

/**
 * Picks the stored encoding the client accepts (RFC 9110 §12.5.3), brotli first. A `q=0` refuses.
 */
function pickEncoding(header: string | undefined): 'br' | 'gzip' | 'identity' {
  const accepted = new Map<string, number>();
  for (const part of (header ?? '').split(',')) {
    const [name, ...params] = part.trim().toLowerCase().split(';');
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    if (name) accepted.set(name, q ? Number(q.slice(2)) : 1);
  }
  if ((accepted.get('br') ?? 0) > 0) return 'br';
  if ((accepted.get('gzip') ?? 0) > 0) return 'gzip';
  return 'identity';
}

const etagMatches = (header: string | undefined, etag: string): boolean =>
  header?.split(',').some((tag) => tag.trim().replace(/^W\//, '') === etag) ?? false;

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
  const body = encoding === 'br' ? page.br() : encoding === 'gzip' ? page.gzip() : page.body;
  if (encoding !== 'identity') reply.header('Content-Encoding', encoding);
  return reply.code(page.status).type(page.contentType).send(body);
}

/** The cache key of a request: its path and query string as sent. */
/**
 * The cache key of a request: its path plus only the query parameters the page reads, so that
 * `?utm_source=…` or random strings cannot fill the cache with copies of one page.
 */
function cacheKeyOf(request: FastifyRequest, queryKeys: string[]): string {
  const [path = '/', query = ''] = request.url.split('?', 2);
  if (queryKeys.length === 0 || query === '') return path;
  const params = new URLSearchParams(query);
  const kept = queryKeys.flatMap((key) => (params.has(key) ? [[key, params.get(key) ?? '']] : []));
  return kept.length === 0 ? path : `${path}?${new URLSearchParams(kept).toString()}`;
}

/**
 * Registers a public GET route whose response is cached by URL until one of its keys changes.
 * A hit is answered in `onRequest`, before routing's later hooks, parsing or rendering run.
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
  app.route<{ Params: P; Querystring: Q }>({
    method: 'GET',
    url: path,
    onRequest: async (request, reply) => {
      const page = cache.get(cacheKeyOf(request, queryKeys));
      if (page) return sendCachedPage(request, reply, page, true);
    },
    handler: async (request, reply) => {
      const page = cache.build(await render(request));
      if (page.status === 200 || page.status === 301) cache.set(cacheKeyOf(request, queryKeys), page);
      return sendCachedPage(request, reply, page, false);
    },
  });
}
