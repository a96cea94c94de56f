import type { SessionStore } from '../auth/session-store.ts';
import type { ReplySubscriptions, SubscriptionState } from '../comments/notifications/reply-subscriptions.ts';
import type { Database } from '../db/connection.ts';
import { withTransaction } from '../db/transaction.ts';
import type { Clock } from '../lib/clock.ts';
import type { I18n } from '../lib/i18n.ts';
import type { Outbox } from '../lib/mail/outbox.ts';
import { parseInput } from '../lib/validation.ts';
import type { SettingsService } from '../site/settings-service.ts';
import type { Newsletter } from './newsletter.ts';
import { loginMail } from './reader-mails.ts';
import type { ReaderTokens } from './reader-tokens.ts';
import { chooseNewsletters, loginSchema } from './subscribe-input.ts';
import type { SubscribeLinks } from './subscribe-links.ts';
import { createSubscriberRepository, type Subscriber } from './subscriber-repository.ts';

const HOUR_MS = 3_600_000;
/** A login link works for 15 minutes, once (the issue's rule). */
export const LOGIN_TTL_MS = 15 * 60_000;
const LOGINS_PER_HOUR = 5;

export type Account = {
  subscriber: Subscriber;
  newsletterIds: string[];
  replyNotifications: SubscriptionState;
};

export type LoginOutcome =
  | { status: 'ok'; subscriber: Subscriber; session: { token: string; expiresAt: Date } }
  | { status: 'invalid' | 'expired' | 'used' };

export type AccountServiceOptions = {
  database: Database;
  clock: Clock;
  outbox: Outbox;
  tokens: ReaderTokens;
  links: SubscribeLinks;
  sessions: SessionStore;
  settings: SettingsService;
  i18n: I18n;
  newsletters: { listAll: () => Promise<Newsletter[]> };
  replies: ReplySubscriptions;
  /** The reader's comments for their data download. */
  commentsByEmail: (email: string) => Promise<unknown[]>;
};

export type AccountService = ReturnType<typeof createAccountService>;

/**
 * Reader accounts without passwords: a magic link signs in, a server-side session keeps the reader
 * signed in, and the account page changes newsletters and reply notifications, downloads every
 * piece of data held about the reader, or deletes it all.
 *
 * @example
 * await accounts.requestLogin({ email: 'reader@example.com' });
 * const outcome = await accounts.login(request.query.token);
 */
export function createAccountService(options: AccountServiceOptions) {
  const { database, clock, tokens, sessions } = options;
  const { db } = database;
  const subscribers = createSubscriberRepository(database);

  async function account(subscriber: Subscriber): Promise<Account> {
    return {
      subscriber,
      newsletterIds: await subscribers.newsletterIdsOf(db, subscriber.id),
      replyNotifications: await options.replies.stateOf(subscriber.email),
    };
  }

  return {
    /** Mails a login link; the answer is the same for every address (no enumeration). */
    async requestLogin(body: unknown, meta: { language?: string } = {}): Promise<void> {
      const { email } = parseInput(loginSchema, body ?? {});
      const site = await options.settings.get();
      const tr = options.i18n.forLanguage(meta.language ?? site.locale);
      const now = clock.now();
      await withTransaction(db, async (trx) => {
        const recent = await tokens.countSince(trx, {
          email,
          purpose: 'login',
          since: new Date(now.getTime() - HOUR_MS),
        });
        if (recent >= LOGINS_PER_HOUR) return;
        const token = await tokens.issue(trx, { purpose: 'login', email, payload: {}, ttlMs: LOGIN_TTL_MS });
        const mail = loginMail({ tr, site: site.title, loginUrl: options.links.loginUrl(token) });
        await options.outbox.enqueue(trx, { kind: 'account-login', to: email, ...mail });
      });
    },

    /**
     * Uses a login link. The link proves the reader reads that inbox, so an address with no
     * account yet gets one (with no newsletters): replies and data requests need no signup first.
     */
    async login(token: unknown): Promise<LoginOutcome> {
      const now = clock.now();
      const result = await withTransaction(db, async (trx) => {
        const use = await tokens.consume(trx, token, 'login');
        if (use.status !== 'valid') return { status: use.status } as const;
        const subscriber = await subscribers.ensureConfirmed(trx, { email: use.email, name: '', now });
        await subscribers.touchLogin(trx, subscriber.id, now);
        return { status: 'ok', subscriber } as const;
      });
      if (result.status !== 'ok') return result;
      return { ...result, session: await sessions.create(result.subscriber.id) };
    },

    /** The signed-in reader behind a session cookie, or null. */
    async current(sessionToken: unknown): Promise<Account | null> {
      const session = await sessions.find(sessionToken);
      if (!session) return null;
      const subscriber = await subscribers.findById(db, session.principalId);
      return subscriber ? account(subscriber) : null;
    },

    logout: (sessionToken: unknown) => sessions.destroy(sessionToken),

    /** Sets exactly these newsletters; newly chosen ones are recorded as consent from the account page. */
    async setNewsletters(subscriber: Subscriber, slugs: string[]): Promise<void> {
      const all = await options.newsletters.listAll();
      const chosen = slugs.length === 0 ? [] : chooseNewsletters(all, slugs);
      const now = clock.now();
      await withTransaction(db, async (trx) => {
        const had = new Set(await subscribers.newsletterIdsOf(trx, subscriber.id));
        const wanted = new Set(chosen.map((newsletter) => newsletter.id));
        const added = [...wanted].filter((id) => !had.has(id));
        await subscribers.unsubscribe(
          trx,
          subscriber.id,
          [...had].filter((id) => !wanted.has(id)),
        );
        await subscribers.subscribe(trx, subscriber.id, added, now);
        if (added.length > 0) {
          await subscribers.addConsent(trx, subscriber.id, {
            source: 'account',
            newsletterIds: added,
            requestedAt: now,
            confirmedAt: now,
          });
          await trx
            .deleteFrom('suppressions')
            .where('email', '=', subscriber.email)
            .where('reason', '=', 'unsubscribed')
            .execute();
        }
      });
    },

    setName: (subscriber: Subscriber, name: string) => subscribers.setName(db, subscriber.id, name),

    setReplyNotifications: (subscriber: Subscriber, isOn: boolean) =>
      options.replies.setReceiving(subscriber.email, isOn),

    /** Everything held about the reader, as the JSON they download. */
    async exportData(subscriber: Subscriber): Promise<Record<string, unknown>> {
      const all = await options.newsletters.listAll();
      const current = await account(subscriber);
      const slugOf = (id: string) => all.find((newsletter) => newsletter.id === id)?.slug ?? id;
      const deliveries = await db
        .selectFrom('newsletter_deliveries')
        .innerJoin('newsletter_sends', 'newsletter_sends.id', 'newsletter_deliveries.send_id')
        .select([
          'newsletter_sends.subject',
          'newsletter_deliveries.state',
          'newsletter_deliveries.sent_at',
          'newsletter_deliveries.opened_at',
          'newsletter_deliveries.clicked_at',
        ])
        .where('newsletter_deliveries.email', '=', subscriber.email)
        .execute();
      const suppression = await db
        .selectFrom('suppressions')
        .select(['reason', 'created_at'])
        .where('email', '=', subscriber.email)
        .executeTakeFirst();
      const iso = (value: Date | string | null | undefined) => (value ? new Date(value).toISOString() : null);
      return {
        exported_at: clock.now().toISOString(),
        subscriber: {
          email: subscriber.email,
          name: subscriber.name,
          created_at: subscriber.createdAt.toISOString(),
          confirmed_at: iso(subscriber.confirmedAt),
          last_login_at: iso(subscriber.lastLoginAt),
        },
        newsletters: current.newsletterIds.map(slugOf),
        consents: (await subscribers.consentsOf(db, subscriber.id)).map((consent) => ({
          source: consent.source,
          newsletters: consent.newsletterIds.map(slugOf),
          requested_at: consent.requestedAt.toISOString(),
          confirmed_at: consent.confirmedAt.toISOString(),
        })),
        deliveries: deliveries.map((row) => ({
          subject: row.subject,
          state: row.state,
          sent_at: iso(row.sent_at),
          opened_at: iso(row.opened_at),
          clicked_at: iso(row.clicked_at),
        })),
        reply_notifications: current.replyNotifications,
        suppression: suppression ? { reason: suppression.reason, since: iso(suppression.created_at) } : null,
        comments: await options.commentsByEmail(subscriber.email),
      };
    },

    /** Deletes the account and everything tied to it, and signs the reader out everywhere. */
    async deleteAccount(subscriber: Subscriber): Promise<void> {
      await withTransaction(db, (trx) => subscribers.remove(trx, subscriber));
      await sessions.destroyAll(subscriber.id);
      await options.replies.forget(subscriber.email);
    },
  };
}
