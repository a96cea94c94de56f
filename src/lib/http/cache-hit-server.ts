import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { FastifyServerFactory } from 'fastify';
import type { Logger } from 'pino';
import { newId } from '../ids.ts';
import { bodyIn, cacheKeyOf, etagMatches, pickEncoding } from './cached-routes.ts';
import type { CachedPage, PageCache } from './page-cache.ts';

/**
 * The stored page for a GET or HEAD, found the way its route would find it: by path alone, or, when
 * the route reads query parameters (its stored page for the bare path says which), by path and
 * those. Undefined when only Fastify can answer.
 */
function storedPageOf(cache: PageCache, request: IncomingMessage): CachedPage | undefined {
  if (request.method !== 'GET' && request.method !== 'HEAD') return undefined;
  const url = request.url ?? '/';
  const mark = url.indexOf('?');
  const byPath = cache.get(mark === -1 ? url : url.slice(0, mark));
  if (!byPath || mark === -1 || byPath.queryKeys.length === 0) return byPath;
  return cache.get(cacheKeyOf(url, byPath.queryKeys));
}

/**
 * Answers a page-cache hit from node:http with the headers Fastify sent when the page was stored,
 * and returns false for anything else. Same rules as `sendCachedPage`: 304 when If-None-Match
 * holds the ETag of a 200, else the body in the best encoding the client accepts.
 */
function answerHit(cache: PageCache, request: IncomingMessage, response: ServerResponse): boolean {
  const page = storedPageOf(cache, request);
  const replay = page?.replay;
  if (!page || !replay) return false;
  if (page.status === 200 && etagMatches(request.headers['if-none-match'], page.etag)) {
    response.writeHead(304, replay.notModified);
    response.end();
    return true;
  }
  const encoding = pickEncoding(request.headers['accept-encoding']);
  response.writeHead(page.status, replay.body(encoding));
  response.end(request.method === 'HEAD' ? undefined : bodyIn(page, encoding));
  return true;
}

/** Fastify's own request line, for a hit that never reaches Fastify's logger. */
function logHit(logger: Logger, request: IncomingMessage, response: ServerResponse, started: number) {
  logger.info(
    {
      reqId: newId(),
      req: {
        method: request.method,
        url: request.url,
        host: request.headers.host,
        remoteAddress: request.socket.remoteAddress,
        remotePort: request.socket.remotePort,
      },
      res: { statusCode: response.statusCode },
      responseTime: performance.now() - started,
      cache: 'HIT',
    },
    'request completed',
  );
}

type ServerOptions = {
  http?: http.ServerOptions;
  keepAliveTimeout?: number;
  requestTimeout?: number;
  connectionTimeout?: number;
  maxRequestsPerSocket?: number;
};

/**
 * Fastify's `serverFactory`: a node:http server that answers page-cache hits itself, before
 * Fastify parses, routes or runs a hook, and hands every other request to Fastify. A hit costs a
 * map lookup and one write, as the issue asks ("serve the stored buffer from the earliest hook").
 * The headers are those Fastify sent for the page (helmet's included), captured by
 * `registerCachedGet`; until a page has them, its hits go through Fastify's `onRequest` as before.
 * `app.inject()` does not use the server, so tests through inject exercise that path instead.
 *
 * @example
 * const app = Fastify({ serverFactory: cacheHitServerFactory({ cache, logger }) });
 */
export function cacheHitServerFactory(options: { cache: PageCache; logger: Logger }): FastifyServerFactory {
  const { cache, logger } = options;
  return (handler, raw) => {
    const settings = raw as ServerOptions;
    const server = http.createServer(settings.http ?? {}, (request, response) => {
      const started = performance.now();
      if (!answerHit(cache, request, response)) return handler(request, response);
      if (logger.isLevelEnabled('info')) logHit(logger, request, response, started);
    });
    // What Fastify sets on the server it would have made itself (fastify/lib/server.js).
    if (settings.keepAliveTimeout !== undefined) server.keepAliveTimeout = settings.keepAliveTimeout;
    if (settings.requestTimeout !== undefined) server.requestTimeout = settings.requestTimeout;
    if (settings.connectionTimeout !== undefined) server.setTimeout(settings.connectionTimeout);
    if (settings.maxRequestsPerSocket) server.maxRequestsPerSocket = settings.maxRequestsPerSocket;
    return server;
  };
}
