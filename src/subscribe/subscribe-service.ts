import type { Database } from '../db/connection.ts';
import { withTransaction } from '../db/transaction.ts';
import { toDbTime } from '../db/values.ts';
import type { Clock } from '../lib/clock.ts';
import type { I18n } from '../lib/i18n.ts';
import type { Outbox } from '../lib/mail/outbox.ts';
import type { SettingsService } from '../site/settings-service.ts';
import type { Newsletter } from './newsletter.ts';
import { confirmationMail } from './reader-mails.ts';
import type { ReaderTokens } from './reader-tokens.ts';
import { chooseNewsletters, parseSignup, type SignupSource } from './subscribe-input.ts';
import { ALL_NEWSLETTERS, type SubscribeLinks } from './subscribe-links.ts';
import { createSubscriberRepository } from './subscriber-repository.ts';

const HOUR_MS = 3_600_000;
/** How long a confirmation link works. */
export const CONFIRM_TTL_MS = 48 * HOUR_MS;
/** Confirmation mails one address receives per hour at most, whoever asks: a form cannot be used to flood an inbox. */
const CONFIRMATIONS_PER_HOUR = 3;

export type ConfirmOutcome =
  | { status: 'confirmed'; email: string; newsletters: Newsletter[] }
  | { status: 'invalid' | 'expired' | 'used' };

export type UnsubscribeOutcome =
  | { status: 'ok'; email: string; newsletters: Newsletter[] }
  | { status: 'invalid' };

export type SubscribeService = ReturnType<typeof createSubscribeService>;

export type SubscribeServiceOptions = {
  database: Database;
  clock: Clock;
  outbox: Outbox;
  tokens: ReaderTokens;
  links: SubscribeLinks;
  settings: SettingsService;
  i18n: I18n;
  newsletters: { listAll: () => Promise<Newsletter[]> };
};

/**
 * Signing up (double opt-in), confirming and one-click unsubscribing: one operation for the form,
 * the JSON API and the links in mails.
 *
 * @example
 * await subscribe.signup({ email: 'reader@example.com', newsletters: ['morning'] }, { source: 'api' });
 * const outcome = await subscribe.confirm(request.query.token);
 */
export function createSubscribeService(options: SubscribeServiceOptions) {
  const { database, clock, outbox, tokens, links } = options;
  const { db } = database;
  const subscribers = createSubscriberRepository(database);

  return {
    /**
     * Sends a confirmation mail and answers the same whether or not the address is known, already
     * subscribed or over its hourly cap: nobody can learn from it who reads this site.
     */
    async signup(body: unknown, meta: { source: SignupSource; language?: string }): Promise<void> {
      const input = parseSignup(body);
      const chosen = chooseNewsletters(await options.newsletters.listAll(), input.newsletters);
      const site = await options.settings.get();
      const tr = options.i18n.forLanguage(meta.language ?? site.locale);
      const now = clock.now();
      await withTransaction(db, async (trx) => {
        const recent = await tokens.countSince(trx, {
          email: input.email,
          purpose: 'subscribe-confirm',
          since: new Date(now.getTime() - HOUR_MS),
        });
        if (recent >= CONFIRMATIONS_PER_HOUR) return;
        const token = await tokens.issue(trx, {
          purpose: 'subscribe-confirm',
          email: input.email,
          payload: {
            name: input.name,
            newsletterIds: chosen.map((newsletter) => newsletter.id),
            source: meta.source,
            requestedAt: now.toISOString(),
          },
          ttlMs: CONFIRM_TTL_MS,
        });
        const mail = confirmationMail({
          tr,
          site: site.title,
          newsletterNames: chosen.map((newsletter) => newsletter.name),
          confirmUrl: links.confirmUrl(token),
        });
        await outbox.enqueue(trx, { kind: 'subscribe-confirm', to: input.email, ...mail });
      });
    },

    /** Opens the confirmation link: once, before it expires. Records the consent it carries. */
    async confirm(token: unknown): Promise<ConfirmOutcome> {
      const all = await options.newsletters.listAll();
      const now = clock.now();
      return withTransaction(db, async (trx): Promise<ConfirmOutcome> => {
        const use = await tokens.consume(trx, token, 'subscribe-confirm');
        if (use.status !== 'valid') return { status: use.status };
        const { payload } = use;
        const wanted = Array.isArray(payload.newsletterIds) ? payload.newsletterIds : [];
        // A newsletter deleted since the form was sent is simply left out.
        const newsletters = all.filter((newsletter) => wanted.includes(newsletter.id));
        const subscriber = await subscribers.ensureConfirmed(trx, {
          email: use.email,
          name: typeof payload.name === 'string' ? payload.name : '',
          now,
        });
        const newsletterIds = newsletters.map((newsletter) => newsletter.id);
        await subscribers.subscribe(trx, subscriber.id, newsletterIds, now);
        const requestedAt = typeof payload.requestedAt === 'string' ? new Date(payload.requestedAt) : now;
        await subscribers.addConsent(trx, subscriber.id, {
          source: typeof payload.source === 'string' ? payload.source : 'page',
          newsletterIds,
          requestedAt: Number.isNaN(requestedAt.getTime()) ? now : requestedAt,
          confirmedAt: now,
        });
        // Asking again, and proving the address, lifts an earlier "unsubscribe from everything".
        await trx
          .deleteFrom('suppressions')
          .where('email', '=', use.email)
          .where('reason', '=', 'unsubscribed')
          .execute();
        return { status: 'confirmed', email: use.email, newsletters };
      });
    },

    /** Where an unsubscribe link's address stands, without acting (a mail scanner may GET any link). */
    async checkUnsubscribe(token: unknown): Promise<UnsubscribeOutcome> {
      const target = links.readUnsubscribe(token);
      if (!target) return { status: 'invalid' };
      const all = await options.newsletters.listAll();
      const newsletters =
        target.newsletterId === ALL_NEWSLETTERS ? all : all.filter((n) => n.id === target.newsletterId);
      return { status: 'ok', email: target.email, newsletters };
    },

    /**
     * One-click unsubscribe (RFC 8058, https://www.rfc-editor.org/rfc/rfc8058): stops that
     * newsletter for that address at once; the next send leaves the address out.
     */
    async unsubscribe(token: unknown): Promise<UnsubscribeOutcome> {
      const outcome = await this.checkUnsubscribe(token);
      if (outcome.status !== 'ok') return outcome;
      const { email } = outcome;
      await withTransaction(db, async (trx) => {
        const subscriber = await subscribers.findByEmail(trx, email);
        if (subscriber)
          await subscribers.unsubscribe(
            trx,
            subscriber.id,
            outcome.newsletters.map((newsletter) => newsletter.id),
          );
        const sendIds = trx
          .selectFrom('newsletter_sends')
          .select('id')
          .where('state', '=', 'sending')
          .where(
            'newsletter_id',
            'in',
            outcome.newsletters.map((newsletter) => newsletter.id),
          );
        // A send already under way skips the address too, where its mail has not gone yet.
        if (outcome.newsletters.length > 0)
          await trx
            .updateTable('newsletter_deliveries')
            .set({ state: 'skipped', last_error: 'unsubscribed' })
            .where('email', '=', email)
            .where('state', '=', 'queued')
            .where('send_id', 'in', sendIds)
            .execute();
        if (outcome.newsletters.length > 1 || (await this.isUnsubscribedFromAll(trx, email)))
          await trx
            .insertInto('suppressions')
            .values({
              email,
              reason: 'unsubscribed',
              detail: 'one-click',
              created_at: toDbTime(database.dialect, clock.now()),
            })
            .onConflict((oc) => oc.column('email').doNothing())
            .execute();
      });
      return outcome;
    },

    /** True when the address has no subscription left. */
    async isUnsubscribedFromAll(executor: typeof db, email: string): Promise<boolean> {
      const subscriber = await subscribers.findByEmail(executor, email);
      if (!subscriber) return true;
      return (await subscribers.newsletterIdsOf(executor, subscriber.id)).length === 0;
    },
  };
}
