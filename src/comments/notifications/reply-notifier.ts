import type { Database } from '../../db/connection.ts';
import type { Executor } from '../../db/transaction.ts';
import type { Clock } from '../../lib/clock.ts';
import type { I18n } from '../../lib/i18n.ts';
import { normaliseEmail, type Outbox } from '../../lib/mail/outbox.ts';
import { createNotificationLinks } from './notification-links.ts';
import { optInMail, replyMail } from './notification-mails.tsx';
import { createReplySubscriberRepository, isReceiving } from './reply-subscriber-repository.ts';

const DAY_MS = 86_400_000;

export type ReplyNotifier = {
  /** Reader ticked "Notify me of follow-up comments by email" on a submitted comment. Sends a confirmation mail (double opt-in, expiring link) unless the address is already confirmed; at most one confirmation mail per address per 24 h (no mail-bombing a stranger's inbox). Never throws for an unsubscribed address: it just sends nothing (they can resubscribe from the manage page). */
  requestOptIn(
    trx: Executor,
    input: { email: string; name: string; language: string; article: { title: string; url: string } },
  ): Promise<void>;
  /** `reply` has just become approved (in `trx`). Enqueue one mail to the parent comment's author if: parent.notifyReplies, parent email confirmed and not unsubscribed, reply email differs from parent email, and the recipient's cap (setting, default 10 per day) is not reached. */
  notifyApprovedReply(
    trx: Executor,
    input: {
      parent: { id: string; email: string | null; name: string; notifyReplies: boolean };
      reply: { id: string; email: string | null; name: string; bodyText: string };
      article: { title: string; url: string };
      commentUrl: string;
      language: string;
    },
  ): Promise<void>;
  /** True when replies are mailed to this address: confirmed, and not unsubscribed since. */
  isConfirmed(executor: Executor, email: string): Promise<boolean>;
};

export type ReplyNotifierOptions = {
  database: Database;
  outbox: Outbox;
  clock: Clock;
  secret: string;
  /** Absolute site URL (SITE_URL), for the links in the mails. */
  siteUrl: string;
  i18n: I18n;
  /** Reply notifications one address may get in 24 hours; the rest of that day's replies are not mailed. */
  dailyCap?: number;
};

/**
 * Reply notifications by email, with double opt-in. Both methods write inside the caller's
 * transaction, so a mail exists exactly when the comment change that causes it is committed.
 *
 * @example
 * const notifier = createReplyNotifier({ database, outbox, clock, secret, siteUrl, i18n });
 * await withTransaction(database.db, async (trx) => {
 *   await approve(trx, reply.id);
 *   await notifier.notifyApprovedReply(trx, { parent, reply, article, commentUrl, language: 'en' });
 * });
 */
export function createReplyNotifier(options: ReplyNotifierOptions): ReplyNotifier {
  const { outbox, clock, i18n } = options;
  const subscribers = createReplySubscriberRepository(options.database.dialect);
  const links = createNotificationLinks(options);
  const dailyCap = options.dailyCap ?? 10;

  return {
    async requestOptIn(trx, input) {
      const email = normaliseEmail(input.email);
      const now = clock.now();
      await subscribers.ensure(trx, email, now);
      // Confirmed, unsubscribed or mailed within the day: the slot is not free and nothing is sent.
      const isFree = await subscribers.takeConfirmationSlot(
        trx,
        email,
        now,
        new Date(now.getTime() - DAY_MS),
      );
      if (!isFree) return;
      const mail = optInMail({
        tr: i18n.forLanguage(input.language),
        site: links.siteName,
        name: input.name,
        articleTitle: input.article.title,
        confirmUrl: links.linkFor('reply-confirm', email),
      });
      await outbox.enqueue(trx, { kind: 'reply-optin', to: email, ...mail });
    },

    async notifyApprovedReply(trx, { parent, reply, article, commentUrl, language }) {
      if (!parent.notifyReplies || !parent.email) return;
      const email = normaliseEmail(parent.email);
      if (reply.email && normaliseEmail(reply.email) === email) return;
      if (!isReceiving(await subscribers.find(trx, email))) return;
      const now = clock.now();
      const sentToday = await outbox.countSince(trx, {
        recipient: email,
        kind: 'reply-notification',
        since: new Date(now.getTime() - DAY_MS),
      });
      if (sentToday >= dailyCap) return;
      const mail = replyMail({
        tr: i18n.forLanguage(language),
        recipientName: parent.name,
        replierName: reply.name,
        replyText: reply.bodyText,
        articleTitle: article.title,
        commentUrl,
        unsubscribeUrl: links.linkFor('reply-unsubscribe', email),
        manageUrl: links.linkFor('reply-manage', email),
      });
      await outbox.enqueue(trx, { kind: 'reply-notification', to: email, ...mail });
    },

    async isConfirmed(executor, email) {
      return isReceiving(await subscribers.find(executor, normaliseEmail(email)));
    },
  };
}
