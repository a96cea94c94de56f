import { createHmac, timingSafeEqual } from 'node:crypto';
import { deriveKey } from '../lib/secret.ts';

export type StaffCsrf = {
  tokenFor: (sessionToken: string) => string;
  isValid: (sessionToken: string, given: unknown) => boolean;
};

/**
 * CSRF tokens for session-authenticated Admin API calls: an HMAC of the session token, so nothing
 * is stored and a token is worthless with any other session (OWASP CSRF Prevention Cheat Sheet,
 * "Signed Double-Submit Cookie"/HMAC token pattern). The admin app reads it from
 * `GET /api/admin/session` and sends it as `X-CSRF-Token`; a page on another site can neither read
 * it nor set that header without a CORS preflight, which the Admin API never grants.
 *
 * @example
 * const csrf = createStaffCsrf(secret);
 * csrf.isValid(sessionToken, request.headers['x-csrf-token']);
 */
export function createStaffCsrf(secret: string): StaffCsrf {
  const key = deriveKey(secret, 'staff-csrf');
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
