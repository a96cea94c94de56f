import { createHmac, timingSafeEqual } from 'node:crypto';
import { deriveKey } from '../lib/secret.ts';

export type ReaderCsrf = {
  tokenFor: (sessionToken: string) => string;
  isValid: (sessionToken: string, given: unknown) => boolean;
};

/**
 * CSRF tokens for the account page's forms, bound to the session: an HMAC of the session token, so
 * nothing is stored and a token is worthless with any other session. The session cookie is also
 * SameSite=Lax; this covers browsers and proxies that do not honour it.
 *
 * @example
 * const csrf = createReaderCsrf(secret);
 * csrf.isValid(sessionToken, request.body.csrf);
 */
export function createReaderCsrf(secret: string): ReaderCsrf {
  const key = deriveKey(secret, 'reader-csrf');
  const tokenFor = (sessionToken: string) =>
    createHmac('sha256', key).update(sessionToken).digest('base64url');
  return {
    tokenFor,
    isValid(sessionToken, given) {
      if (typeof given !== 'string') return false;
      const expected = Buffer.from(tokenFor(sessionToken));
      const actual = Buffer.from(given);
      return actual.length === expected.length && timingSafeEqual(actual, expected);
    },
  };
}
