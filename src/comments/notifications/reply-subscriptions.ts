import type { Database } from '../../db/connection.ts';
import type { Clock } from '../../lib/clock.ts';
import { createNotificationLinks, notificationPaths, type TokenPurpose } from './notification-links.ts';
import { createReplySubscriberRepository, isReceiving } from './reply-subscriber-repository.ts';

export type SubscriptionState = 'receiving' | 'unsubscribed' | 'unconfirmed';

/** What a link did: a refused token says why, so the page can tell "changed" from "too old". */
export type LinkOutcome =
  | { status: 'invalid' }
  | { status: 'expired' }
  | {
      status: 'ok';
      email: string;
      state: SubscriptionState;
      /** Form actions (paths with fresh tokens) for the page that reports the outcome. */
      actions: { unsubscribe: string; resubscribe: string; manage: string };
    };

export type ReplySubscriptions = {
  /** Opens the confirmation link: the address starts receiving reply notifications. */
  confirm: (token: unknown) => Promise<LinkOutcome>;
  /** Reads an unsubscribe link without acting on it (a mail scanner may fetch any link with GET). */
  checkUnsubscribe: (token: unknown) => Promise<LinkOutcome>;
  unsubscribe: (token: unknown) => Promise<LinkOutcome>;
  /** Reads a manage link: where the address stands. */
  status: (token: unknown) => Promise<LinkOutcome>;
  resubscribe: (token: unknown) => Promise<LinkOutcome>;
  /** For a signed-in reader, whose session already proves the address: no link needed. */
  stateOf: (email: string) => Promise<SubscriptionState>;
  setReceiving: (email: string, isReceiving: boolean) => Promise<void>;
  /** Forgets the address entirely (the reader deleted their account). */
  forget: (email: string) => Promise<void>;
};

/**
 * What the links in notification mails do, each checked against its own purpose. Used by the
 * routes; the comments service talks to the ReplyNotifier instead.
 *
 * @example
 * const subscriptions = createReplySubscriptions({ database, clock, secret, siteUrl });
 * const outcome = await subscriptions.unsubscribe(request.query.token);
 */
export function createReplySubscriptions(options: {
  database: Database;
  clock: Clock;
  secret: string;
  siteUrl: string;
}): ReplySubscriptions {
  const { db, dialect } = options.database;
  const subscribers = createReplySubscriberRepository(dialect);
  const links = createNotificationLinks(options);

  /** Checks the token, runs `act` for its address, then reports where the address stands. */
  async function withToken(
    token: unknown,
    purpose: TokenPurpose,
    act: (email: string) => Promise<void>,
  ): Promise<LinkOutcome> {
    const check = links.tokens.check(token, purpose);
    if (check.status !== 'valid') return { status: check.status };
    await act(check.email);
    const subscriber = await subscribers.find(db, check.email);
    const state: SubscriptionState = isReceiving(subscriber)
      ? 'receiving'
      : subscriber?.unsubscribedAt
        ? 'unsubscribed'
        : 'unconfirmed';
    return {
      status: 'ok',
      email: check.email,
      state,
      actions: {
        unsubscribe: links.pathFor('reply-unsubscribe', check.email),
        resubscribe: links.pathFor('reply-manage', check.email, notificationPaths.resubscribe),
        manage: links.pathFor('reply-manage', check.email),
      },
    };
  }

  const nothing = async () => {};

  return {
    confirm: (token) =>
      withToken(token, 'reply-confirm', (email) => subscribers.confirm(db, email, options.clock.now())),
    checkUnsubscribe: (token) => withToken(token, 'reply-unsubscribe', nothing),
    unsubscribe: (token) =>
      withToken(token, 'reply-unsubscribe', (email) =>
        subscribers.unsubscribe(db, email, options.clock.now()),
      ),
    status: (token) => withToken(token, 'reply-manage', nothing),
    resubscribe: (token) => withToken(token, 'reply-manage', (email) => subscribers.resubscribe(db, email)),
    async stateOf(email) {
      const subscriber = await subscribers.find(db, email);
      if (isReceiving(subscriber)) return 'receiving';
      return subscriber?.unsubscribedAt ? 'unsubscribed' : 'unconfirmed';
    },
    setReceiving: (email, isOn) =>
      isOn
        ? subscribers.confirm(db, email, options.clock.now())
        : subscribers.unsubscribe(db, email, options.clock.now()),
    forget: (email) => subscribers.remove(db, email),
  };
}
