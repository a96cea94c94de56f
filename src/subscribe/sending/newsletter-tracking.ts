import { createHmac, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { Database } from '../../db/connection.ts';
import { toDbTime } from '../../db/values.ts';
import type { Clock } from '../../lib/clock.ts';
import { BadRequestError } from '../../lib/errors.ts';
import { deriveKey } from '../../lib/secret.ts';
import { createSignedTokens } from '../../lib/signed-token.ts';
import { placeholders } from './newsletter-personalisation.ts';

export type NewsletterTracking = {
  /** The open pixel's URL for a send, with the reader's tracking token as a placeholder. */
  openUrl: (sendId: string) => string;
  /** A tracked link to `url` (placeholder token), signed so that it can lead nowhere else. */
  clickUrl: (sendId: string, url: string) => string;
  /** The token that stands for one reader in one send (the placeholder's value). */
  tokenFor: (sendId: string, email: string) => string;
  /** The reader a token was made for in this send, or null when it was not made by us for it. */
  recipientOf: (sendId: string, token: unknown) => string | null;
  /** Is `signature` ours for a click in this send to exactly this URL? */
  isSignedClick: (sendId: string, url: string, signature: unknown) => boolean;
};

const TOKEN_PURPOSE = 'newsletter-tracking';

/**
 * Open and click tracking for newsletters (off unless a newsletter turns it on). A reader is named
 * by a signed token (`${sendId}/${email}`), so nothing per reader is stored to make the links; click
 * links carry an HMAC of the send and the target, so that changing the target is refused instead of
 * turning the site into an open redirect.
 *
 * @example
 * const tracking = createNewsletterTracking({ secret, siteUrl: 'https://news.example', clock });
 * tracking.clickUrl(sendId, 'https://news.example/2026/03/harbour/');
 */
export function createNewsletterTracking(options: {
  secret: string;
  siteUrl: string;
  clock: Clock;
}): NewsletterTracking {
  const tokens = createSignedTokens({
    key: deriveKey(options.secret, 'newsletter-tracking'),
    clock: options.clock,
  });
  const clickKey = deriveKey(options.secret, 'newsletter-clicks');
  const sign = (sendId: string, url: string): string =>
    createHmac('sha256', clickKey).update(`${sendId}\n${url}`).digest('base64url');
  const base = `${options.siteUrl}/newsletters`;
  const id = encodeURIComponent;

  return {
    openUrl: (sendId) => `${base}/open/${id(sendId)}/${placeholders.trackingToken}.gif`,
    clickUrl: (sendId, url) =>
      `${base}/click/${id(sendId)}/${placeholders.trackingToken}?u=${id(url)}&s=${sign(sendId, url)}`,
    tokenFor: (sendId, email) => tokens.sign(TOKEN_PURPOSE, `${sendId}/${email}`),
    recipientOf(sendId, token) {
      const check = tokens.check(token, TOKEN_PURPOSE);
      if (check.status !== 'valid') return null;
      const prefix = `${sendId}/`;
      return check.email.startsWith(prefix) ? check.email.slice(prefix.length) : null;
    },
    isSignedClick(sendId, url, signature) {
      if (typeof signature !== 'string') return false;
      // Compared as text so only the canonical base64url spelling passes; a MAC's length is no secret.
      const given = Buffer.from(signature);
      const expected = Buffer.from(sign(sendId, url));
      return given.length === expected.length && timingSafeEqual(given, expected);
    },
  };
}

/** The smallest transparent GIF (1×1, 43 bytes). */
const PIXEL = Buffer.from('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7', 'base64');

const isWebUrl = (value: string): boolean => {
  try {
    const { protocol } = new URL(value);
    return protocol === 'https:' || protocol === 'http:';
  } catch {
    return false;
  }
};

type Params = { sendId: string; file?: string; token?: string };

/**
 * The pixel and the link redirector behind tracked newsletters. The pixel always answers the same
 * GIF, so it says nothing about whether a token is good; it records the first open. A click is
 * redirected only when its signature matches the send and the target; it records the first click
 * (and an open, since a reader who clicks has opened the mail, images shown or not).
 *
 * @example
 * await registerNewsletterTrackingRoutes(app, { tracking, database, clock });
 */
export async function registerNewsletterTrackingRoutes(
  site: FastifyInstance,
  deps: { tracking: NewsletterTracking; database: Database; clock: Clock },
): Promise<void> {
  const { tracking, database, clock } = deps;
  const { db, dialect } = database;

  async function record(sendId: string, email: string, isClick: boolean): Promise<void> {
    const now = toDbTime(dialect, clock.now());
    const where = db
      .updateTable('newsletter_deliveries')
      .where('send_id', '=', sendId)
      .where('email', '=', email);
    if (!isClick) {
      await where.set({ opened_at: now }).where('opened_at', 'is', null).execute();
      return;
    }
    await where
      .set((eb) => ({
        clicked_at: eb.fn.coalesce('clicked_at', eb.val(now)),
        opened_at: eb.fn.coalesce('opened_at', eb.val(now)),
      }))
      .execute();
  }

  const noStore = (reply: FastifyReply) => reply.header('Cache-Control', 'no-store');

  site.get<{ Params: Params }>('/newsletters/open/:sendId/:file', async (request, reply) => {
    const { sendId, file = '' } = request.params;
    const email = file.endsWith('.gif') ? tracking.recipientOf(sendId, file.slice(0, -'.gif'.length)) : null;
    if (email !== null) await record(sendId, email, false);
    return noStore(reply).type('image/gif').send(PIXEL);
  });

  site.get<{ Params: Params; Querystring: Record<string, unknown> }>(
    '/newsletters/click/:sendId/:token',
    async (request, reply) => {
      const { sendId, token } = request.params;
      const { u: url, s: signature } = request.query;
      if (typeof url !== 'string' || !isWebUrl(url) || !tracking.isSignedClick(sendId, url, signature))
        throw new BadRequestError(
          'TRACKED_LINK_INVALID',
          'This link is incomplete or has been changed. Copy the whole link from the email and try again.',
          'u',
        );
      const email = tracking.recipientOf(sendId, token);
      if (email !== null) await record(sendId, email, true);
      // The token is in this URL's path: the page it leads to need not see it in Referer.
      return noStore(reply).header('Referrer-Policy', 'no-referrer').redirect(url, 302);
    },
  );
}
