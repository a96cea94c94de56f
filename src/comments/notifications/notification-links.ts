import type { Clock } from '../../lib/clock.ts';
import { deriveKey } from '../../lib/secret.ts';
import { createSignedTokens, type SignedTokens } from '../../lib/signed-token.ts';

/** What a link in a notification mail may do. */
export type TokenPurpose = 'reply-confirm' | 'reply-unsubscribe' | 'reply-manage' | 'comments-forget';

const HOUR_MS = 3_600_000;

/** How long each kind of link works; unsubscribe and manage links work for as long as mail is sent. */
export const linkLifetimes: Record<TokenPurpose, number | undefined> = {
  'reply-confirm': 48 * HOUR_MS,
  'comments-forget': 24 * HOUR_MS,
  'reply-unsubscribe': undefined,
  'reply-manage': undefined,
};

export const notificationPaths = {
  confirm: '/comments/notifications/confirm',
  unsubscribe: '/comments/notifications/unsubscribe',
  manage: '/comments/notifications',
  resubscribe: '/comments/notifications/resubscribe',
  forget: '/comments/forget',
  forgetConfirm: '/comments/forget/confirm',
} as const;

const pathFor: Record<TokenPurpose, string> = {
  'reply-confirm': notificationPaths.confirm,
  'reply-unsubscribe': notificationPaths.unsubscribe,
  'reply-manage': notificationPaths.manage,
  'comments-forget': notificationPaths.forgetConfirm,
};

export type NotificationLinks = {
  tokens: SignedTokens<TokenPurpose>;
  /** An absolute link for `email` that does what `purpose` says, valid as long as `linkLifetimes` says. */
  linkFor: (purpose: TokenPurpose, email: string) => string;
  /**
   * The same link as a path, for forms: a form's action stays on the host the page came from.
   * `path` overrides where it leads (the manage page's resubscribe button carries a manage token).
   */
  pathFor: (purpose: TokenPurpose, email: string, path?: string) => string;
  /** The site as readers know it, for mail text: its host name. */
  siteName: string;
};

/**
 * Links in notification mails, signed with a key of their own so that no other feature's token can
 * pass for one of these.
 *
 * @example
 * const links = createNotificationLinks({ secret, clock, siteUrl: 'https://news.example' });
 * links.linkFor('reply-unsubscribe', 'reader@example.com');
 */
export function createNotificationLinks(options: { secret: string; clock: Clock; siteUrl: string }) {
  const base = options.siteUrl.replace(/\/+$/, '');
  const tokens = createSignedTokens<TokenPurpose>({
    key: deriveKey(options.secret, 'reply-notifications'),
    clock: options.clock,
  });
  const pathWithToken = (purpose: TokenPurpose, email: string, path = pathFor[purpose]): string =>
    `${path}?token=${tokens.sign(purpose, email, linkLifetimes[purpose])}`;
  return {
    tokens,
    linkFor: (purpose, email) => `${base}${pathWithToken(purpose, email)}`,
    pathFor: pathWithToken,
    siteName: new URL(base).host,
  } satisfies NotificationLinks;
}
