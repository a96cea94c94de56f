/*
 * A Masthead worker process for the crash test: the configuration comes from the environment like
 * `masthead worker`, with a short claim on deliveries (CLAIM_MS) so that a restart does not wait ten
 * minutes for the rows the killed process held. It works until its parent kills it.
 */
import pino from 'pino';
import { loadConfig } from '../../src/config.ts';
import { createMasthead } from '../../src/masthead.ts';

const masthead = await createMasthead({
  config: loadConfig(),
  logger: pino({ level: process.env.MASTHEAD_TEST_LOG ?? 'silent' }),
  deliveryClaimMs: Number(process.env.CLAIM_MS ?? 2000),
});
await masthead.startWorker();
// The job queue's timers do not hold the process open on their own.
const keepAlive = setInterval(() => {}, 3_600_000);
process.send?.('working');
process.once('SIGTERM', () => {
  clearInterval(keepAlive);
  void masthead.close().then(() => process.exit(0));
});
