import type { Clock } from '../lib/clock.ts';
import { deriveKey } from '../lib/secret.ts';
import { createSignedTokens } from '../lib/signed-token.ts';

export const subscribePaths = {
  subscribe: '/subscribe',
  confirm: '/subscribe/confirm',
  unsubscribe: '/newsletters/unsubscribe',
  login: '/account/login',
  account: '/account',
} as const;

/** Every newsletter at once: the subject of an "unsubscribe from all" link. */
export const ALL_NEWSLETTERS = '*';

export type SubscribeLinks = ReturnType<typeof createSubscribeLinks>;

/**
 * Links in subscriber mail. Unsubscribe links are stateless signed tokens (they must work for as
 * long as mail is sent, across restarts and instances); confirmation and login links are single-use
 * tokens from reader-tokens.ts and only need a URL here.
 *
 * @example
 * const links = createSubscribeLinks({ secret, clock, siteUrl: 'https://news.example' });
 * links.unsubscribeUrl(newsletter.id, 'reader@example.com');
 */
export function createSubscribeLinks(options: { secret: string; clock: Clock; siteUrl: string }) {
  const base = options.siteUrl.replace(/\/+$/, '');
  const tokens = createSignedTokens<'newsletter-unsubscribe'>({
    key: deriveKey(options.secret, 'newsletter-unsubscribe'),
    clock: options.clock,
  });
  return {
    base,
    absolute: (path: string) => `${base}${path}`,
    confirmUrl: (token: string) => `${base}${subscribePaths.confirm}?token=${token}`,
    loginUrl: (token: string) => `${base}${subscribePaths.login}?token=${token}`,
    accountUrl: () => `${base}${subscribePaths.account}`,
    /** The List-Unsubscribe URL (RFC 8058): a POST to it unsubscribes with no further question. */
    unsubscribeUrl: (newsletterId: string, email: string) =>
      `${base}${subscribePaths.unsubscribe}?token=${tokens.sign('newsletter-unsubscribe', `${newsletterId}/${email}`)}`,
    /** The newsletter id (or ALL_NEWSLETTERS) and address an unsubscribe token was signed for. */
    readUnsubscribe(token: unknown): { newsletterId: string; email: string } | null {
      const check = tokens.check(token, 'newsletter-unsubscribe');
      if (check.status !== 'valid') return null;
      const slash = check.email.indexOf('/');
      if (slash <= 0) return null;
      return { newsletterId: check.email.slice(0, slash), email: check.email.slice(slash + 1) };
    },
  };
}
