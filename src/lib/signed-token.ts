import { createHmac, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import type { Clock } from './clock.ts';

export type TokenCheck =
  | { status: 'valid'; email: string }
  | { status: 'invalid' }
  | { status: 'expired'; email: string };

const payloadSchema = z.object({
  p: z.string(),
  e: z.string().min(3).max(320),
  x: z.number().int().optional(),
});

/** Longer than any token we sign: a huge query value is refused before any work is done on it. */
const MAX_TOKEN_LENGTH = 1000;

/** `Purpose`: what a link may do; a token signed for one purpose is refused for every other. */
export type SignedTokens<Purpose extends string = string> = {
  /** A token for `email` and `purpose`; with `ttlMs` it stops working after that long. */
  sign: (purpose: Purpose, email: string, ttlMs?: number) => string;
  check: (token: unknown, purpose: Purpose) => TokenCheck;
};

/**
 * Stateless tokens for links in emails: `base64url(JSON payload).base64url(HMAC-SHA256)`. Nothing is
 * stored, so a link keeps working across restarts and instances, and nothing in the database can be
 * stolen to forge one; the key comes from the site secret (DESIGN.md, Secrets).
 *
 * @example
 * const tokens = createSignedTokens({ key: deriveKey(secret, 'reply-notifications'), clock });
 * const token = tokens.sign('reply-confirm', 'reader@example.com', 48 * 3_600_000);
 * tokens.check(token, 'reply-confirm'); // { status: 'valid', email: 'reader@example.com' }
 */
export function createSignedTokens<Purpose extends string = string>(options: {
  key: Buffer;
  clock: Clock;
}): SignedTokens<Purpose> {
  const mac = (payload: string): Buffer => createHmac('sha256', options.key).update(payload).digest();

  return {
    sign(purpose, email, ttlMs) {
      const expires = ttlMs === undefined ? {} : { x: options.clock.now().getTime() + ttlMs };
      const payload = Buffer.from(JSON.stringify({ p: purpose, e: email, ...expires })).toString('base64url');
      return `${payload}.${mac(payload).toString('base64url')}`;
    },

    check(token, purpose) {
      if (typeof token !== 'string' || token.length > MAX_TOKEN_LENGTH) return { status: 'invalid' };
      const [payload, signature, extra] = token.split('.');
      if (!payload || !signature || extra !== undefined) return { status: 'invalid' };
      // Compared as text, so that only the one canonical spelling of the MAC is accepted (base64
      // decoders ignore the spare bits of the last character). timingSafeEqual throws on unequal
      // lengths; the length of a MAC is no secret.
      const given = Buffer.from(signature);
      const expected = Buffer.from(mac(payload).toString('base64url'));
      if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { status: 'invalid' };
      let parsed: z.infer<typeof payloadSchema>;
      try {
        parsed = payloadSchema.parse(JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')));
      } catch {
        // Signed by us, so this means a key shared with a different token format: not a valid link.
        return { status: 'invalid' };
      }
      if (parsed.p !== purpose) return { status: 'invalid' };
      if (parsed.x !== undefined && options.clock.now().getTime() >= parsed.x)
        return { status: 'expired', email: parsed.e };
      return { status: 'valid', email: parsed.e };
    },
  };
}
