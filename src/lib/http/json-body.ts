import type { FastifyInstance } from 'fastify';
import { BadRequestError } from '../errors.ts';

const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Replaces Fastify's JSON parser with one that refuses invalid UTF-8 instead of silently turning
 * it into U+FFFD (which would store damaged text), and names what is wrong with the body.
 * `__proto__` keys become ordinary own properties under JSON.parse and are then refused by the
 * strict schemas as unknown fields.
 */
export function registerJsonBodyParser(app: FastifyInstance): void {
  // Only JSON is accepted as a body for now: anything else is a 415, not an empty object.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser(
    /^application\/([\w.+-]+\+)?json\s*(;.*)?$/i,
    { parseAs: 'buffer' },
    (_request, body, done) => {
      const buffer = body as Buffer;
      if (buffer.length === 0) {
        done(
          new BadRequestError('EMPTY_BODY', 'The request body is empty: send a JSON object.', 'body'),
          undefined,
        );
        return;
      }
      let text: string;
      try {
        text = utf8.decode(buffer);
      } catch {
        done(new BadRequestError('INVALID_UTF8', 'The request body is not valid UTF-8.', 'body'), undefined);
        return;
      }
      try {
        done(null, JSON.parse(text));
      } catch (error) {
        done(
          new BadRequestError(
            'INVALID_JSON',
            `The request body is not valid JSON: ${(error as Error).message}`,
            'body',
          ),
          undefined,
        );
      }
    },
  );
}
