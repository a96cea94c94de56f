import { createHash } from 'node:crypto';
import { setTimeout as delay } from 'node:timers/promises';
import type { Clock } from '../../lib/clock.ts';
import { MailSendError, type MailTransport } from '../../lib/mail/mailer.ts';
import { buildRawMessage } from '../../lib/mail/raw-message.ts';
import type { ClaimedDelivery, DeliveryRepository, NewsletterSend } from './delivery-repository.ts';
import { compilePersonalisation, type NewsletterRecipient } from './newsletter-personalisation.ts';

export type SendReport = {
  sent: number;
  retried: number;
  failed: number;
  bounced: number;
  skipped: number;
  /** True when the send has nothing left to do. */
  isDone: boolean;
  /** When rows waiting for a retry fall due (null when none wait). */
  nextAttemptAt: Date | null;
};

/** What the sender needs to know about the newsletter and the reader to address one mail. */
export type Addressing = {
  /** Extra headers for this reader: List-Unsubscribe (RFC 2369, RFC 8058), List-Id (RFC 2919). */
  headersFor: (send: NewsletterSend, email: string, unsubscribeUrl?: string) => Record<string, string>;
  recipientFor: (
    send: NewsletterSend,
    delivery: Pick<ClaimedDelivery, 'email' | 'name'>,
  ) => NewsletterRecipient;
};

export type NewsletterSenderOptions = {
  deliveries: DeliveryRepository;
  clock: Clock;
  transport: () => MailTransport | null;
  /** The From of every newsletter, and the domain of their Message-IDs. */
  from: string;
  messageDomain: string;
  /** How this send's mails are addressed (looked up once per pass). */
  addressingFor: (send: NewsletterSend) => Promise<Addressing>;
  /** Addresses among these that must not receive mail (bounced, complained, unsubscribed). */
  suppressedAmong: (emails: string[]) => Promise<Set<string>>;
  /** A permanent refusal (5xx) puts the address on the suppression list. */
  suppressBounce: (email: string, detail: string) => Promise<void>;
  /** Mails in flight at once; match the SMTP pool size (SMTP_POOL). */
  concurrency: number;
  /** Messages per second at most (MAIL_RATE); 0 for as fast as the server takes them. */
  ratePerSecond: number;
  /** Rows claimed per round trip to the database. */
  batchSize?: number;
  /** How long a claimed row is this process's; after that it is taken to have died mid-send. */
  claimMs?: number;
  maxAttempts?: number;
  firstRetryMs?: number;
  onError?: (error: unknown, context: { sendId: string; email: string }) => void;
};

const messageIdOf = (sendId: string, email: string): string =>
  `${sendId}.${createHash('sha256').update(email).digest('hex').slice(0, 16)}`;

/**
 * Delivers one newsletter send: claims due rows in batches, sends them over pooled SMTP
 * connections, and records each recipient's outcome the moment the server answers. A process
 * killed mid-send leaves its claimed rows to be taken again when their claim runs out, and every row
 * already answered for stays answered for, so a restart resumes where it stopped and nobody
 * receives the same issue twice (only a mail whose answer was on the wire at the crash is uncertain).
 *
 * @example
 * const sender = createNewsletterSender({ deliveries, clock, transport: () => mailer.transport, … });
 * const report = await sender.deliver(send, { maxMessages: 5000 });
 */
export function createNewsletterSender(options: NewsletterSenderOptions) {
  const { deliveries, clock } = options;
  const batchSize = options.batchSize ?? 200;
  const claimMs = options.claimMs ?? 10 * 60_000;
  const maxAttempts = options.maxAttempts ?? 6;
  const firstRetryMs = options.firstRetryMs ?? 60_000;
  const compiled = new Map<string, ReturnType<typeof compilePersonalisation>>();

  const personaliserFor = (send: NewsletterSend) => {
    let personalise = compiled.get(send.id);
    if (!personalise) {
      personalise = compilePersonalisation({ html: send.html, text: send.text });
      if (compiled.size > 20) compiled.clear();
      compiled.set(send.id, personalise);
    }
    return personalise;
  };

  /** Spaces starts so that at most `ratePerSecond` begin in any second. */
  function createPacer() {
    const started = Date.now();
    let count = 0;
    return async () => {
      if (options.ratePerSecond <= 0) return;
      count += 1;
      const due = started + (count / options.ratePerSecond) * 1000;
      const wait = due - Date.now();
      if (wait > 0) await delay(wait);
    };
  }

  async function deliver(send: NewsletterSend, limits: { maxMessages?: number } = {}): Promise<SendReport> {
    const report: SendReport = {
      sent: 0,
      retried: 0,
      failed: 0,
      bounced: 0,
      skipped: 0,
      isDone: false,
      nextAttemptAt: null,
    };
    const transport = options.transport();
    if (!transport) return { ...report, nextAttemptAt: await deliveries.nextAttemptAt(send.id) };
    const personalise = personaliserFor(send);
    const addressing = await options.addressingFor(send);
    const pace = createPacer();
    const maxMessages = limits.maxMessages ?? Number.POSITIVE_INFINITY;
    let isServerDown = false;
    let handled = 0;

    async function sendOne(delivery: ClaimedDelivery): Promise<void> {
      await pace();
      const recipient = addressing.recipientFor(send, delivery);
      const { html, text } = personalise(recipient);
      const headers = addressing.headersFor(send, delivery.email, recipient.unsubscribeUrl);
      try {
        if (transport?.sendRaw)
          await transport.sendRaw({
            to: delivery.email,
            raw: buildRawMessage({
              from: options.from,
              to: delivery.email,
              subject: send.subject,
              text,
              html,
              headers,
              messageId: `${messageIdOf(send.id, delivery.email)}@${options.messageDomain}`,
              date: clock.now(),
              boundary: `----=_masthead_${send.id}`,
            }),
          });
        else
          await transport?.send({
            id: messageIdOf(send.id, delivery.email),
            to: delivery.email,
            subject: send.subject,
            text,
            html,
            headers,
          });
      } catch (error) {
        options.onError?.(error, { sendId: send.id, email: delivery.email });
        await recordFailure(delivery, error);
        return;
      }
      await deliveries.markSent(send.id, delivery.email, clock.now());
      report.sent += 1;
    }

    async function recordFailure(delivery: ClaimedDelivery, error: unknown): Promise<void> {
      const message = error instanceof Error ? error.message : String(error);
      if (error instanceof MailSendError && error.isServerDown) {
        isServerDown = true;
        await deliveries.release(
          send.id,
          [delivery.email],
          new Date(clock.now().getTime() + firstRetryMs),
          message,
        );
        report.retried += 1;
      } else if (error instanceof MailSendError && error.isPermanent) {
        // Suppressed first: whoever sees the bounce (a send being planned) already sees the suppression.
        await options.suppressBounce(delivery.email, message);
        await deliveries.markFinal(send.id, [delivery.email], 'bounced', message);
        report.bounced += 1;
      } else if (delivery.attempts >= maxAttempts) {
        await deliveries.markFinal(send.id, [delivery.email], 'failed', message);
        report.failed += 1;
      } else {
        const wait = firstRetryMs * 2 ** (delivery.attempts - 1);
        await deliveries.release(send.id, [delivery.email], new Date(clock.now().getTime() + wait), message);
        report.retried += 1;
      }
    }

    while (!isServerDown && handled < maxMessages) {
      const now = clock.now();
      const limit = Math.min(batchSize, maxMessages - handled);
      const batch = await deliveries.claim(send.id, { now, until: new Date(now.getTime() + claimMs), limit });
      if (batch.length === 0) break;
      handled += batch.length;
      const suppressed = await options.suppressedAmong(batch.map((delivery) => delivery.email));
      if (suppressed.size > 0) {
        await deliveries.markFinal(send.id, [...suppressed], 'skipped', 'suppressed');
        report.skipped += suppressed.size;
      }
      const queue = batch.filter((delivery) => !suppressed.has(delivery.email));
      const lanes = Array.from({ length: Math.max(1, options.concurrency) }, async () => {
        for (let next = queue.shift(); next; next = queue.shift()) {
          if (isServerDown) {
            queue.unshift(next);
            return;
          }
          await sendOne(next);
        }
      });
      await Promise.all(lanes);
      // Whatever the server-down stop left unsent goes back to the queue at once, not after its claim.
      await deliveries.release(
        send.id,
        queue.map((delivery) => delivery.email),
        new Date(clock.now().getTime() + firstRetryMs),
        'the SMTP server could not be reached',
      );
    }
    report.isDone = await deliveries.finishIfDone(send.id, clock.now());
    report.nextAttemptAt = report.isDone ? null : await deliveries.nextAttemptAt(send.id);
    return report;
  }

  return { deliver };
}

export type NewsletterSender = ReturnType<typeof createNewsletterSender>;
