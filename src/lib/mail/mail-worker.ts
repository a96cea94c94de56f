import type { Mailer } from './mailer.ts';
import type { DeliveryReport, Outbox } from './outbox.ts';

export type MailWorker = {
  /** Delivers everything due now, once; a pass already running is joined, never doubled. */
  deliverNow: () => Promise<DeliveryReport>;
  /** Polls the outbox every `pollMs`; does nothing without an SMTP transport. */
  start: () => void;
  /** Stops polling and waits for the pass in flight, so no mail is cut off mid-send. */
  stop: () => Promise<void>;
};

/**
 * The loop that empties the outbox. Several workers (processes) may run it at once: each claim
 * takes one row, so they share the work without sending any mail twice.
 *
 * @example
 * const worker = createMailWorker({ outbox, mailer, pollMs: 1000, onError: (e) => log.error(e) });
 * worker.start();
 * await worker.stop();
 */
export function createMailWorker(options: {
  outbox: Outbox;
  mailer: Mailer;
  pollMs: number;
  onError: (error: unknown) => void;
}): MailWorker {
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<DeliveryReport> | undefined;

  const deliverNow = (): Promise<DeliveryReport> => {
    running ??= options.outbox.deliverDue({ transport: options.mailer.transport }).finally(() => {
      running = undefined;
    });
    return running;
  };

  return {
    deliverNow,
    start() {
      if (timer || !options.mailer.transport) return;
      timer = setInterval(() => {
        deliverNow().catch(options.onError);
      }, options.pollMs);
      timer.unref();
    },
    async stop() {
      if (timer) clearInterval(timer);
      timer = undefined;
      await running?.catch(() => undefined);
    },
  };
}
