import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError, type ErrorDetail } from '../errors.ts';

/** Fastify's own client errors, given stable Masthead codes and plain messages. */
const frameworkErrors: Record<string, { code: string; message: string }> = {
  FST_ERR_CTP_BODY_TOO_LARGE: {
    code: 'BODY_TOO_LARGE',
    message: 'The request body is larger than this server accepts.',
  },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: {
    code: 'UNSUPPORTED_MEDIA_TYPE',
    message: 'Send the request body as JSON with "Content-Type: application/json".',
  },
  FST_ERR_CTP_EMPTY_JSON_BODY: {
    code: 'EMPTY_BODY',
    message: 'The request body is empty: send a JSON object.',
  },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: {
    code: 'INVALID_CONTENT_LENGTH',
    message: 'Content-Length does not match the body.',
  },
  FST_ERR_BAD_URL: { code: 'BAD_URL', message: 'The URL is not valid (check its percent-encoding).' },
  FST_ERR_MAX_PARAM_LENGTH: {
    code: 'URL_TOO_LONG',
    message: 'A part of the URL is longer than this server accepts.',
  },
  FST_ERR_ASYNC_CONSTRAINT: { code: 'BAD_REQUEST', message: 'The request could not be routed.' },
};

type Rendered = { status: number; errors: ErrorDetail[] };

function describe(error: FastifyError | AppError | Error): Rendered | undefined {
  if (error instanceof AppError) return { status: error.status, errors: error.details };
  const fastifyError = error as FastifyError;
  const known = fastifyError.code ? frameworkErrors[fastifyError.code] : undefined;
  const status = fastifyError.statusCode ?? 500;
  if (known)
    return { status, errors: [{ ...known, ...(status === 413 || status === 415 ? { field: 'body' } : {}) }] };
  if (status === 429)
    return {
      status,
      errors: [{ code: 'RATE_LIMITED', message: 'Too many requests: wait a moment and try again.' }],
    };
  if (status >= 400 && status < 500) {
    return { status, errors: [{ code: fastifyError.code ?? 'BAD_REQUEST', message: fastifyError.message }] };
  }
  return undefined;
}

/** The API answers JSON; public pages answer HTML unless the client asked for JSON alone. */
const wantsJson = (request: FastifyRequest): boolean => {
  if (request.url.startsWith('/api/')) return true;
  const accept = request.headers.accept ?? '';
  return accept.includes('application/json') && !accept.includes('text/html');
};

export type ErrorDetails = { status: number; errors: ErrorDetail[] };

/** Renders an error as a whole HTML page in the site's design (the public site supplies it). */
export type HtmlErrorRenderer = (error: ErrorDetails, request: FastifyRequest) => Promise<string | Buffer>;

const escapeHtml = (text: string): string =>
  text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string,
  );

const plainHtml = (rendered: ErrorDetails): string => {
  const items = rendered.errors.map((e) => `<li>${escapeHtml(e.message)}</li>`).join('');
  return `<!doctype html><html lang="en"><meta charset="utf-8"><title>Error ${rendered.status}</title><main><h1>Error ${rendered.status}</h1><ul>${items}</ul></main></html>`;
};

const internalError = (request: FastifyRequest): ErrorDetails => ({
  status: 500,
  errors: [{ code: 'INTERNAL_ERROR', message: `Something went wrong on our side (request ${request.id}).` }],
});

/**
 * One place turns every error into a response: AppErrors and Fastify's client errors keep their
 * status and get `{ errors: [{ code, message, field }] }` (or the site's error page for a reader);
 * anything else is logged with the request id and becomes a plain 500 without a stack trace.
 *
 * @example
 * const errors = createErrorHandling({ renderHtml });
 * const app = Fastify({ frameworkErrors: errors.handleFrameworkError });
 * errors.register(app);
 */
export function createErrorHandling(options: { renderHtml?: HtmlErrorRenderer } = {}) {
  async function send(request: FastifyRequest, reply: FastifyReply, rendered: ErrorDetails) {
    reply.code(rendered.status);
    if (wantsJson(request))
      return reply.type('application/json; charset=utf-8').send({ errors: rendered.errors });
    let html: string | Buffer = plainHtml(rendered);
    if (options.renderHtml) {
      try {
        html = await options.renderHtml(rendered, request);
      } catch (error) {
        request.log.error({ err: error }, 'error page failed to render');
      }
    }
    return reply.type('text/html; charset=utf-8').header('Cache-Control', 'no-store').send(html);
  }

  return {
    /** For Fastify's `frameworkErrors` option: errors raised before routing (bad percent-encoding, overlong parameters). */
    handleFrameworkError(error: FastifyError, request: FastifyRequest, reply: FastifyReply) {
      const rendered = describe(error) ?? {
        status: 400,
        errors: [{ code: 'BAD_REQUEST', message: 'The request is not valid.' }],
      };
      return send(request, reply, rendered);
    },

    register(app: FastifyInstance): void {
      app.setErrorHandler((error: FastifyError, request, reply) => {
        const rendered = describe(error);
        if (rendered) return send(request, reply, rendered);
        request.log.error({ err: error }, 'unhandled error');
        return send(request, reply, internalError(request));
      });
      app.setNotFoundHandler((request, reply) =>
        send(request, reply, {
          status: 404,
          errors: [
            {
              code: 'NOT_FOUND',
              message: `Nothing lives at ${request.method} ${request.url.split('?')[0]}.`,
            },
          ],
        }),
      );
    },
  };
}
