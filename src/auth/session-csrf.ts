import { createHmac, timingSafeEqual } from 'node:crypto';
import { deriveKey } from '../lib/secret.ts';

export type SessionCsrf = {
  tokenFor: (sessionToken: string) => string;
  isValid: (sessionToken: string, given: unknown) => boolean;
};

/**
 * CSRF tokens bound to a session: an HMAC of the session token under a key of its own purpose, so
 * nothing is stored and a token is worthless with any other session (OWASP CSRF Prevention Cheat
 * Sheet, HMAC token pattern). Readers' account forms carry it in a hidden field; the admin app sends
 * it as `X-CSRF-Token`, which a page on another site can neither read nor set without a CORS
 * preflight that is never granted.
 *
 * @example
 * const csrf = createSessionCsrf(secret, 'staff-csrf');
 * csrf.isValid(sessionToken, request.headers['x-csrf-token']);
 */
export function createSessionCsrf(secret: string, purpose: 'staff-csrf' | 'reader-csrf'): SessionCsrf {
  const key = deriveKey(secret, purpose);
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
