import type { Logger } from 'pino';
import { requirePermission } from '../auth/permissions.ts';
import { createSessionCsrf } from '../auth/session-csrf.ts';
import { createSessionStore } from '../auth/session-store.ts';
import type { Notifications } from '../comments/notifications/notifications.ts';
import type { Config } from '../config.ts';
import type { Database } from '../db/connection.ts';
import type { Clock } from '../lib/clock.ts';
import type { EventBus } from '../lib/events.ts';
import type { I18n } from '../lib/i18n.ts';
import type { JobQueue } from '../lib/jobs/job-queue.ts';
import type { Mailer } from '../lib/mail/mailer.ts';
import type { Outbox } from '../lib/mail/outbox.ts';
import type { Services } from '../services.ts';
import type { Urls } from '../site/urls.ts';
import { createAccountService } from './account-service.ts';
import type { Newsletter } from './newsletter.ts';
import { createNewsletterService } from './newsletter-service.ts';
import { createReaderTokens } from './reader-tokens.ts';
import { createSendStatus } from './send-status.ts';
import { createDeliveryRepository } from './sending/delivery-repository.ts';
import { newsletterAddressing } from './sending/newsletter-addressing.ts';
import { createNewsletterSender } from './sending/newsletter-sender.ts';
import { createNewsletterTracking } from './sending/newsletter-tracking.ts';
import { ARTICLE_JOB, createSendPlanner, DELIVER_JOB, DIGEST_JOB } from './sending/send-planner.ts';
import { createSubscribeLinks } from './subscribe-links.ts';
import { createSubscribeService } from './subscribe-service.ts';
import { createSubscriberCsv } from './subscriber-csv.ts';
import { createSubscriberDirectory } from './subscriber-directory.ts';
import { createSuppressionService } from './suppression-service.ts';

/** A reader stays signed in for 30 days of inactivity. */
const READER_SESSION_MS = 30 * 86_400_000;
/** Messages one deliver job sends before handing the queue back, so that other jobs are not held up. */
const MESSAGES_PER_JOB = 5000;

export type SubscribeOptions = {
  config: Config;
  database: Database;
  clock: Clock;
  events: EventBus;
  jobs: JobQueue;
  secret: string;
  urls: Urls;
  services: Services;
  outbox: Outbox;
  mailer: Mailer;
  i18n: I18n;
  logger: Logger;
  notifications: Notifications;
  commentsByEmail: (email: string) => Promise<unknown[]>;
  /** How long a claimed delivery is a worker's before another may take it (tests shorten it). */
  claimMs?: number;
};

export type Subscribe = ReturnType<typeof createSubscribe>;

/**
 * The Subscribe feature wired once: newsletters, signup and accounts, the sender and its jobs.
 *
 * @example
 * const subscribe = createSubscribe({ config, database, clock, events, jobs, secret, urls, services, … });
 * await subscribe.start();
 */
export function createSubscribe(options: SubscribeOptions) {
  const { config, database, clock, events, jobs, logger } = options;
  const links = createSubscribeLinks({ secret: options.secret, clock, siteUrl: config.siteUrl });
  const tokens = createReaderTokens({ database, clock });
  const { audit } = options.services;
  const service = createNewsletterService({ database, clock, taxonomy: options.services.taxonomy, audit });

  // Every page's footer lists the newsletters: kept in memory, dropped with the page cache on a change.
  let known: Promise<Newsletter[]> | null = null;
  const listAll = () => {
    known ??= service.listAll().catch((error) => {
      known = null;
      throw error;
    });
    return known;
  };
  const changed = <T>(result: T): T => {
    known = null;
    events.emit('newsletters.changed', {});
    return result;
  };
  const newsletters = {
    ...service,
    listAll,
    createMany: async (...args: Parameters<typeof service.createMany>) => {
      const created = changed(await service.createMany(...args));
      await planner.scheduleDigests();
      return created;
    },
    update: async (...args: Parameters<typeof service.update>) => {
      const updated = changed(await service.update(...args));
      await planner.scheduleDigests();
      return updated;
    },
    remove: async (ref: string) => changed(await service.remove(ref)),
  };

  const suppressions = createSuppressionService({ database, clock });
  const deliveries = createDeliveryRepository(database);
  const tracking = createNewsletterTracking({ secret: options.secret, siteUrl: config.siteUrl, clock });
  const planner = createSendPlanner({
    database,
    clock,
    jobs,
    services: options.services,
    newsletters: { listAll },
    deliveries,
    outbox: options.outbox,
    i18n: options.i18n,
    urls: options.urls,
    links,
    tracking,
    from: options.mailer.from,
  });
  const sender = createNewsletterSender({
    deliveries,
    clock,
    transport: () => options.mailer.transport,
    from: options.mailer.from,
    messageDomain: options.mailer.messageDomain,
    async addressingFor(send) {
      const newsletter = (await service.listAll()).find((n) => n.id === send.newsletterId);
      if (!newsletter) throw new Error(`newsletter ${send.newsletterId} of send ${send.id} is gone`);
      return newsletterAddressing({ newsletter, links, tracking, from: options.mailer.from });
    },
    suppressedAmong: (emails) => suppressions.suppressedAmong(database.db, emails),
    suppressBounce: async (email, detail) => {
      await suppressions.add({ email, reason: 'bounced', detail: detail.slice(0, 500) });
    },
    concurrency: config.smtpPool,
    ratePerSecond: config.mailRate,
    ...(options.claimMs ? { claimMs: options.claimMs } : {}),
    onError: (error, context) => logger.warn({ err: error, ...context }, 'newsletter mail not sent'),
  });

  async function deliverSend(sendId: string): Promise<void> {
    const send = await deliveries.findSend(database.db, sendId);
    if (!send || send.state === 'done') return;
    const report = await sender.deliver(send, { maxMessages: MESSAGES_PER_JOB });
    if (report.isDone) {
      logger.info({ sendId, ...report }, 'newsletter send finished');
      return;
    }
    const at = report.nextAttemptAt ?? new Date(clock.now().getTime() + 60_000);
    const runAt = new Date(Math.max(at.getTime(), clock.now().getTime()));
    await jobs.enqueue(
      DELIVER_JOB,
      { sendId },
      { runAt, key: `deliver:${sendId}@${runAt.toISOString()}:${report.sent}` },
    );
  }

  jobs.work(DELIVER_JOB, async ({ sendId }) => {
    if (typeof sendId === 'string') await deliverSend(sendId);
  });
  jobs.work(ARTICLE_JOB, async ({ articleId }) => {
    if (typeof articleId === 'string') await planner.planArticle(articleId);
  });
  jobs.work(DIGEST_JOB, async ({ newsletterId, at }) => {
    if (typeof newsletterId === 'string' && typeof at === 'string')
      await planner.planDigest(newsletterId, new Date(at));
  });
  // Digest times are wall-clock times in the site's timezone: a new timezone moves them.
  events.on('settings.changed', async ({ keys }) => {
    if (keys.includes('timezone')) await planner.scheduleDigests();
  });
  // After commit; the job key makes a second publish of the same article (unpublish, publish) send nothing more.
  events.on('article.published', async ({ id, kind }) => {
    if (kind === 'article') await jobs.enqueue(ARTICLE_JOB, { articleId: id }, { key: `article:${id}` });
  });

  const sessions = createSessionStore({ database, clock, kind: 'reader', ttlMs: READER_SESSION_MS });
  const common = {
    database,
    clock,
    outbox: options.outbox,
    tokens,
    links,
    settings: options.services.settings,
    i18n: options.i18n,
    newsletters: { listAll },
  };

  return {
    clock,
    links,
    tracking,
    csrf: createSessionCsrf(options.secret, 'reader-csrf'),
    newsletters,
    suppressions,
    planner,
    sender,
    signup: createSubscribeService(common),
    accounts: createAccountService({
      ...common,
      sessions,
      replies: options.notifications.subscriptions,
      commentsByEmail: options.commentsByEmail,
    }),
    directory: createSubscriberDirectory({ database, newsletters: service }),
    csv: createSubscriberCsv({ database, clock, audit }),
    sendStatus: createSendStatus({ database }),
    /** What the Admin API's newsletter routes need (newsletter-api.ts). */
    get adminDeps() {
      return {
        newsletters,
        suppressions,
        directory: this.directory,
        sendStatus: this.sendStatus,
        csv: this.csv,
        sending: {
          preview: planner.preview,
          testSend: (...args: Parameters<typeof planner.testSend>) => {
            requirePermission('newsletters.manage');
            return planner.testSend(...args);
          },
        },
      };
    },
    deliverSend,
    /** For the worker's start: digests scheduled, and sends a stopped process left unfinished resumed. */
    async start(): Promise<void> {
      await tokens.purge(new Date(clock.now().getTime() - 86_400_000));
      await planner.scheduleDigests();
      const bootKey = clock.now().toISOString();
      for (const sendId of await deliveries.unfinishedSendIds())
        await jobs.enqueue(DELIVER_JOB, { sendId }, { key: `resume:${sendId}@${bootKey}` });
    },
    /** Forgets used and expired link tokens (daily). */
    purgeTokens: () => tokens.purge(new Date(clock.now().getTime() - 86_400_000)),
  };
}
