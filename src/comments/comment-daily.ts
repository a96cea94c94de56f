import type { Database } from '../db/connection.ts';
import { withTransaction } from '../db/transaction.ts';
import type { Clock } from '../lib/clock.ts';
import type { I18n } from '../lib/i18n.ts';
import type { JobQueue } from '../lib/jobs/job-queue.ts';
import type { Outbox } from '../lib/mail/outbox.ts';
import type { SettingsService } from '../site/settings-service.ts';
import type { Urls } from '../site/urls.ts';
import type { CommentModerationService } from './comment-moderation-service.ts';
import type { CommentSettingsService } from './comment-settings-service.ts';

export const COMMENTS_DAILY_JOB = 'comments.daily';
const DAY_MS = 86_400_000;

export type CommentDailyOptions = {
  database: Database;
  clock: Clock;
  jobs: JobQueue;
  outbox: Outbox;
  i18n: I18n;
  urls: Urls;
  settings: SettingsService;
  commentSettings: CommentSettingsService;
  moderation: CommentModerationService;
};

/** The next 06:00 UTC after `now`: when the day's digest goes out. */
const nextRun = (now: Date): Date => {
  const next = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate(), 6));
  return next.getTime() <= now.getTime() ? new Date(next.getTime() + DAY_MS) : next;
};

/**
 * Once a day: forget IP hashes past the retention time (privacy) and mail moderators a digest of
 * what waits in the queue. Keyed by date, so several instances schedule it once.
 *
 * @example
 * const daily = createCommentDaily({ database, clock, jobs, outbox, i18n, urls, settings, commentSettings, moderation });
 * await daily.schedule();
 */
export function createCommentDaily(options: CommentDailyOptions) {
  const { clock, jobs } = options;

  async function schedule(): Promise<void> {
    const runAt = nextRun(clock.now());
    await jobs.enqueue(
      COMMENTS_DAILY_JOB,
      {},
      { runAt, key: `${COMMENTS_DAILY_JOB}:${runAt.toISOString()}` },
    );
  }

  /** Mails each moderator the comments held in the last day; none when the queue is empty. */
  async function sendDigest(): Promise<number> {
    const settings = await options.commentSettings.get();
    if (settings.moderator_emails.length === 0) return 0;
    const now = clock.now();
    const pending = await options.moderation.pendingSince(new Date(now.getTime() - DAY_MS));
    if (pending.length === 0) return 0;
    const site = await options.settings.get();
    const { t } = options.i18n.forLanguage(site.locale);
    const lines = pending.map((comment) =>
      t('comments.digestLine', {
        name: comment.authorName,
        reason: comment.holdReason ?? '-',
        detail: comment.holdDetail ?? '',
        text: comment.body.replace(/\s+/g, ' ').slice(0, 200),
      }),
    );
    const text = [
      t('comments.digestIntro', { count: pending.length, site: site.title }),
      '',
      ...lines,
      '',
      t('comments.digestApi', { url: `${options.urls.home()}api/admin/comments?status=pending` }),
    ].join('\n');
    const subject = t('comments.digestSubject', { count: pending.length, site: site.title });
    await withTransaction(options.database.db, async (trx) => {
      for (const to of settings.moderator_emails)
        await options.outbox.enqueue(trx, { kind: 'moderation-digest', to, subject, text });
    });
    return settings.moderator_emails.length;
  }

  async function run(): Promise<{ purged: number; digests: number }> {
    const purged = await options.moderation.purgeIpHashes();
    const digests = await sendDigest();
    await schedule();
    return { purged, digests };
  }

  jobs.work(COMMENTS_DAILY_JOB, async () => {
    await run();
  });

  return { schedule, run, sendDigest };
}
