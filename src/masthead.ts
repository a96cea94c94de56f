import { mkdirSync } from 'node:fs';
import type { FastifyInstance } from 'fastify';
import pino, { type Logger } from 'pino';
import { buildApp } from './app.ts';
import { PUBLISH_JOB } from './articles/article-service.ts';
import { type Captcha, createCaptchaVerifier } from './captcha/captcha.ts';
import { type Comments, createComments } from './comments/comments.ts';
import type { Notifications } from './comments/notifications/notifications.ts';
import type { Config } from './config.ts';
import { type Database, openDatabase } from './db/connection.ts';
import { migrateToLatest } from './db/migrate.ts';
import { type Clock, systemClock } from './lib/clock.ts';
import { createEventBus, type EventBus } from './lib/events.ts';
import { createPageCache, type PageCache } from './lib/http/page-cache.ts';
import { createI18n, type I18n } from './lib/i18n.ts';
import type { JobQueue } from './lib/jobs/job-queue.ts';
import { createPgBossJobQueue } from './lib/jobs/pg-boss-job-queue.ts';
import { createSqliteJobQueue } from './lib/jobs/sqlite-job-queue.ts';
import { createMailWorker } from './lib/mail/mail-worker.ts';
import { createMailer, type Mailer } from './lib/mail/mailer.ts';
import { createOutbox, type DeliveryReport, type Outbox } from './lib/mail/outbox.ts';
import { resolveSiteSecret } from './lib/secret.ts';
import { createServices, type Services } from './services.ts';
import { registerCacheInvalidation } from './site/cache-invalidation.ts';
import { createUrls, type Urls } from './site/urls.ts';
import { createStaff } from './staff/staff.ts';
import type { StaffService } from './staff/staff-service.ts';
import { createSubscribe, type Subscribe } from './subscribe/subscribe.ts';

export type Masthead = {
  app: FastifyInstance;
  services: Services;
  database: Database;
  jobs: JobQueue;
  events: EventBus;
  urls: Urls;
  cache: PageCache;
  i18n: I18n;
  captcha: Captcha;
  secret: string;
  logger: Logger;
  /** Every email is written here first, in the transaction of the change that causes it. */
  outbox: Outbox;
  /** SMTP (SMTP_URL); without it `mailer.transport` is null and mail waits in the outbox. */
  mailer: Mailer;
  notifications: Notifications;
  comments: Comments;
  /** Newsletters, reader accounts and the newsletter sender. */
  subscribe: Subscribe;
  /** Staff accounts: sign-in, sessions, invitations, password resets, TOTP. */
  staff: StaffService;
  /** Publishes what fell due while the process was down, then processes jobs as they come due. */
  startWorker: () => Promise<void>;
  /** Delivers every mail that is due, once (the worker also does this every JOBS_POLL_MS). */
  deliverMail: () => Promise<DeliveryReport>;
  close: () => Promise<void>;
};

export type CreateMastheadOptions = {
  config: Config;
  clock?: Clock;
  logger?: Logger;
  /** How long a claimed newsletter delivery is this process's (tests of crashes shorten it). */
  deliveryClaimMs?: number;
};

/**
 * Opens the database, applies migrations and wires the whole application. One call for
 * `masthead serve`, `masthead worker`, the CLI and every test.
 *
 * @example
 * const masthead = await createMasthead({ config: loadConfig() });
 * await masthead.startWorker();
 * await masthead.app.listen({ host: config.host, port: config.port });
 */
export async function createMasthead(options: CreateMastheadOptions): Promise<Masthead> {
  const { config } = options;
  const clock = options.clock ?? systemClock;
  const logger = options.logger ?? pino({ level: config.logLevel });
  mkdirSync(config.mediaDir, { recursive: true });
  const database = openDatabase(config.databaseUrl);
  try {
    await migrateToLatest(database);
  } catch (error) {
    await database.close();
    throw error;
  }
  const secret = await resolveSiteSecret({ database, configured: config.secret, now: clock.now() });
  const events = createEventBus({
    onError: (error, name) => logger.error({ err: error, event: name }, 'event listener failed'),
  });
  const onJobError = (error: unknown, job: { id: string; name: string }) =>
    logger.error({ err: error, job }, 'job failed');
  const jobs =
    database.dialect === 'sqlite'
      ? createSqliteJobQueue({ database, clock, pollMs: config.jobsPollMs, onError: onJobError })
      : createPgBossJobQueue({ database, pollMs: config.jobsPollMs, onError: onJobError });
  const services = createServices({ database, clock, events, jobs, mediaDir: config.mediaDir });
  jobs.work(PUBLISH_JOB, async (payload) => {
    if (typeof payload.id === 'string') await services.articles.publishDue(payload.id);
  });
  const urls = createUrls({ siteUrl: config.siteUrl });
  const cache = createPageCache({ isEnabled: config.isPageCacheEnabled, maxEntries: 5000 });
  const i18n = createI18n();
  const outbox = createOutbox({
    database,
    clock,
    onError: (error, mail) => logger.warn({ err: error, mail }, 'mail not sent'),
  });
  const mailer = createMailer({ smtpUrl: config.smtpUrl, from: config.mailFrom, poolSize: config.smtpPool });
  const mailWorker = createMailWorker({
    outbox,
    mailer,
    pollMs: config.jobsPollMs,
    onError: (error) => logger.error({ err: error }, 'mail delivery failed'),
  });
  registerCacheInvalidation({ events, cache });
  const captcha = createCaptchaVerifier({ config: config.captcha, database, secret, clock });
  const comments = createComments({
    config,
    database,
    clock,
    events,
    secret,
    urls,
    services,
    captcha,
    outbox,
    i18n,
    logger,
    jobs,
  });
  const { notifications } = comments;
  const subscribe = createSubscribe({
    config,
    database,
    clock,
    events,
    jobs,
    secret,
    urls,
    services,
    outbox,
    mailer,
    i18n,
    logger,
    notifications,
    commentsByEmail: comments.moderation.exportByEmail,
    ...(options.deliveryClaimMs ? { claimMs: options.deliveryClaimMs } : {}),
  });
  const staff = createStaff({
    database,
    clock,
    outbox,
    i18n,
    settings: services.settings,
    secret,
    siteUrl: config.siteUrl,
  });
  const app = await buildApp({
    config,
    database,
    services,
    staff,
    urls,
    logger,
    cache,
    i18n,
    captcha,
    notifications,
    comments,
    subscribe,
  });

  let isClosed = false;
  return {
    app,
    services,
    database,
    jobs,
    events,
    urls,
    cache,
    i18n,
    captcha,
    secret,
    logger,
    outbox,
    mailer,
    notifications,
    comments,
    subscribe,
    staff,
    deliverMail: mailWorker.deliverNow,
    async startWorker() {
      const published = await services.articles.publishDue();
      if (published.length > 0)
        logger.info({ count: published.length }, 'published articles that fell due while stopped');
      await services.articles.ensureScheduledJobs();
      await comments.daily.schedule();
      await subscribe.start();
      await staff.purge();
      await jobs.start();
      if (!mailer.transport) logger.warn('SMTP_URL is not set: mail waits in the outbox until it is');
      mailWorker.start();
    },
    async close() {
      if (isClosed) return;
      isClosed = true;
      await app.close();
      await jobs.stop();
      await mailWorker.stop();
      mailer.close();
      await database.close();
    },
  };
}
