import type { Database } from '../../db/connection.ts';
import type { OutboxState } from '../../db/schema.ts';
import type { Executor } from '../../db/transaction.ts';
import type { Clock } from '../clock.ts';
import { newId } from '../ids.ts';
import { MailSendError, type MailTransport } from './mailer.ts';
import { createOutboxRepository, type OutboxEntry } from './outbox-repository.ts';

export type { OutboxEntry } from './outbox-repository.ts';

/** What each mail is for; the caps count by it. */
export type OutboxKind =
  | 'reply-notification'
  | 'reply-optin'
  | 'forget-comments'
  | 'moderation-digest'
  | 'subscribe-confirm'
  | 'account-login'
  | 'newsletter-test'
  | 'staff-invitation'
  | 'staff-password-reset'
  | 'mail-test';

export type OutboxMessage = {
  kind: OutboxKind;
  to: string;
  subject: string;
  text: string;
  /** Optional HTML alternative; anything a reader wrote must be escaped in it by the caller. */
  html?: string | null;
  /** Extra headers such as List-Unsubscribe (RFC 2369) and List-Unsubscribe-Post (RFC 8058). */
  headers?: Record<string, string>;
};

export type DeliveryReport = { sent: number; retried: number; failed: number };

export type Outbox = {
  /** Writes the mail inside the caller's transaction: it exists exactly when the change that causes it does. */
  enqueue: (trx: Executor, message: OutboxMessage) => Promise<string>;
  /** Mails of `kind` to `recipient` created after `since`: a window of a day ends exactly a day later. */
  countSince: (
    executor: Executor,
    query: { recipient: string; kind: OutboxKind; since: Date },
  ) => Promise<number>;
  list: (options?: { state?: OutboxState; limit?: number; beforeId?: string }) => Promise<OutboxEntry[]>;
  /** Sends what is due through `transport`; with no transport nothing leaves and rows stay pending. */
  deliverDue: (options: { transport: MailTransport | null; limit?: number }) => Promise<DeliveryReport>;
};

export type OutboxOptions = {
  database: Database;
  clock: Clock;
  /** Attempts before a mail is marked failed (default 8: about four hours of retries). */
  maxAttempts?: number;
  /** Wait after the first failure; each further failure doubles it, up to `maxRetryMs`. */
  firstRetryMs?: number;
  maxRetryMs?: number;
  /** How long a claimed mail is this worker's; after that it is taken to have crashed mid-send. */
  claimMs?: number;
  onError?: (error: unknown, mail: { id: string; kind: string; attempts: number }) => void;
};

/** Addresses are stored normalised (DESIGN.md, Emails), so caps and look-ups match however typed. */
export const normaliseEmail = (email: string): string => email.trim().toLowerCase();

/** One address, no spaces or line breaks: nothing that could add a recipient or a header. */
const singleAddress = /^[^\s@<>,;"]+@[^\s@<>,;"]+$/;
/** Header values come from titles and names; a line break in one would start a new header. */
const oneLine = (value: string): string => value.replace(/[\r\n]+\s*/g, ' ').trim();

/**
 * The transactional outbox (DESIGN.md, Mail). A crash between claiming and marking sent leaves the
 * row `sending` until its claim runs out, then it is sent again: at most the one message in flight
 * is ever sent twice, and none is lost. The Message-ID is the row id, so even that duplicate is
 * recognisable.
 *
 * @example
 * const outbox = createOutbox({ database, clock });
 * await withTransaction(database.db, async (trx) => {
 *   await confirmSubscription(trx, email);
 *   await outbox.enqueue(trx, { kind: 'reply-optin', to: email, subject, text });
 * });
 * await outbox.deliverDue({ transport: mailer.transport });
 */
export function createOutbox(options: OutboxOptions): Outbox {
  const { clock } = options;
  const repository = createOutboxRepository(options.database);
  const maxAttempts = options.maxAttempts ?? 8;
  const firstRetryMs = options.firstRetryMs ?? 60_000;
  const maxRetryMs = options.maxRetryMs ?? 6 * 3_600_000;
  const claimMs = options.claimMs ?? 10 * 60_000;

  const retryDelay = (attempts: number): number =>
    Math.min(maxRetryMs, firstRetryMs * 2 ** Math.max(0, attempts - 1));

  async function deliverOne(transport: MailTransport, mail: OutboxEntry, report: DeliveryReport) {
    try {
      await transport.send({
        id: mail.id,
        to: mail.recipient,
        subject: mail.subject,
        text: mail.text,
        html: mail.html,
        headers: mail.headers,
      });
    } catch (error) {
      options.onError?.(error, mail);
      const isFinal = mail.attempts >= maxAttempts || (error instanceof MailSendError && error.isPermanent);
      const now = clock.now();
      await repository.markFailedAttempt(mail.id, {
        isFinal,
        retryAt: new Date(now.getTime() + retryDelay(mail.attempts)),
        error: (error instanceof Error ? error.message : String(error)).slice(0, 1000),
      });
      report[isFinal ? 'failed' : 'retried'] += 1;
      return { isServerDown: error instanceof MailSendError && error.isServerDown };
    }
    await repository.markSent(mail.id, clock.now());
    report.sent += 1;
    return { isServerDown: false };
  }

  return {
    async enqueue(trx, message) {
      if (!trx.isTransaction)
        throw new Error('outbox.enqueue needs the transaction of the change that causes the mail');
      const recipient = normaliseEmail(message.to);
      if (!singleAddress.test(recipient)) throw new Error('outbox.enqueue needs one plain email address');
      const id = newId();
      await repository.insert(trx, {
        id,
        kind: message.kind,
        recipient,
        subject: oneLine(message.subject),
        text: message.text,
        html: message.html ?? null,
        headers: Object.fromEntries(
          Object.entries(message.headers ?? {}).map(([name, value]) => [name, oneLine(value)]),
        ),
        now: clock.now(),
      });
      return id;
    },

    countSince: (executor, query) =>
      repository.countSince(executor, { ...query, recipient: normaliseEmail(query.recipient) }),

    list: (listOptions = {}) =>
      repository.list({
        limit: Math.min(Math.max(listOptions.limit ?? 50, 1), 500),
        ...(listOptions.state ? { state: listOptions.state } : {}),
        ...(listOptions.beforeId ? { beforeId: listOptions.beforeId } : {}),
      }),

    async deliverDue({ transport, limit = 100 }) {
      const report: DeliveryReport = { sent: 0, retried: 0, failed: 0 };
      if (!transport) return report;
      // One row per claim: a batch claimed ahead would sit idle while its claim runs down.
      for (let count = 0; count < limit; count += 1) {
        const now = clock.now();
        const mail = await repository.claimNext(now, new Date(now.getTime() + claimMs));
        if (!mail) break;
        const { isServerDown } = await deliverOne(transport, mail, report);
        if (isServerDown) break;
      }
      return report;
    },
  };
}
