import type { Logger } from 'pino';
import type { Captcha } from '../captcha/captcha.ts';
import type { Config } from '../config.ts';
import type { Database } from '../db/connection.ts';
import type { Clock } from '../lib/clock.ts';
import type { EventBus } from '../lib/events.ts';
import type { I18n } from '../lib/i18n.ts';
import type { JobQueue } from '../lib/jobs/job-queue.ts';
import type { Outbox } from '../lib/mail/outbox.ts';
import type { Services } from '../services.ts';
import type { Urls } from '../site/urls.ts';
import { createCommentDaily } from './comment-daily.ts';
import { createCommentModerationService } from './comment-moderation-service.ts';
import { createCommentService } from './comment-service.ts';
import { createCommentSettingsService } from './comment-settings-service.ts';
import { createNotifications } from './notifications/notifications.ts';
import { createAkismet } from './spam/akismet.ts';

export type CommentsOptions = {
  config: Config;
  database: Database;
  clock: Clock;
  events: EventBus;
  secret: string;
  urls: Urls;
  services: Services;
  captcha: Captcha;
  outbox: Outbox;
  i18n: I18n;
  logger: Logger;
  jobs: JobQueue;
};

/**
 * The comments feature wired once: its settings, the reader-facing service, moderation and the
 * reply notifications (whose "delete my comments" link needs moderation's deletion).
 *
 * @example
 * const comments = createComments({ config, database, clock, events, secret, urls, services, captcha, outbox, i18n, logger });
 * await comments.service.submit(form, { ip, userAgent, referrer }, form.altcha);
 */
export function createComments(options: CommentsOptions) {
  const { config, database, clock, events, secret, urls, services, captcha, outbox, i18n, logger, jobs } =
    options;
  const settings = createCommentSettingsService({ database, events, audit: services.audit });
  const akismet = config.akismet.key
    ? createAkismet({
        key: config.akismet.key,
        baseUrl: config.akismet.baseUrl,
        site: config.siteUrl,
        onUnavailable: (reason) => logger.warn({ reason }, 'Akismet unavailable: comment held'),
      })
    : undefined;
  const common = { database, clock, events, urls, articles: services.articles, settings: services.settings };
  const deps: { moderation?: ReturnType<typeof createCommentModerationService> } = {};
  const notifications = createNotifications({
    database,
    outbox,
    clock,
    secret,
    siteUrl: config.siteUrl,
    i18n,
    deleteCommentsByEmail: (email) => deps.moderation?.deleteByEmail(email) ?? Promise.resolve(0),
    hasCommentsByEmail: (email) => deps.moderation?.hasByEmail(email) ?? Promise.resolve(false),
  });
  const service = createCommentService({
    ...common,
    secret,
    commentSettings: settings,
    captcha,
    notifier: notifications.notifier,
    akismet,
  });
  const moderation = createCommentModerationService({
    ...common,
    commentSettings: settings,
    notifier: notifications.notifier,
    hashIp: service.hashIp,
    akismet,
    audit: services.audit,
  });
  deps.moderation = moderation;
  const daily = createCommentDaily({
    database,
    clock,
    jobs,
    outbox,
    i18n,
    urls,
    settings: services.settings,
    commentSettings: settings,
    moderation,
  });
  return { settings, service, moderation, notifications, daily };
}

export type Comments = ReturnType<typeof createComments>;
