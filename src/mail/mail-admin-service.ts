import { requirePermission } from '../auth/permissions.ts';
import type { Database } from '../db/connection.ts';
import { withTransaction } from '../db/transaction.ts';
import type { Clock } from '../lib/clock.ts';
import { AppError } from '../lib/errors.ts';
import { createOutbox, type OutboxEntry } from '../lib/mail/outbox.ts';
import { parseInput } from '../lib/validation.ts';
import type { SettingsService } from '../site/settings-service.ts';
import {
  type MailStatus,
  OUTBOX_PAGE_SIZE,
  type OutboxSummary,
  outboxQuerySchema,
  testMailSchema,
} from './mail-admin.ts';

const HOUR_MS = 3_600_000;
/** Test mails one address receives per hour at most: the button must not become a way to flood an inbox. */
const TEST_MAILS_PER_HOUR = 10;
/** Rows fetched per query while walking to a deep page (the outbox's own upper bound). */
const WALK_CHUNK = 500;

export type MailAdminService = ReturnType<typeof createMailAdminService>;

/** The row without its text and HTML: reset and sign-in links live in those bodies. */
const summaryOf = (mail: OutboxEntry): OutboxSummary => ({
  id: mail.id,
  kind: mail.kind,
  to: mail.recipient,
  subject: mail.subject,
  status: mail.state,
  attempts: mail.attempts,
  createdAt: mail.createdAt,
  sentAt: mail.sentAt,
  lastError: mail.lastError,
});

/**
 * Mail as the settings screen sees it (administrators, `settings.write`): whether SMTP is set, a test
 * mail queued in the outbox like every other mail (the worker delivers it), and the outbox itself,
 * newest first, without any body.
 *
 * @example
 * const mail = createMailAdminService({ database, clock, settings, status: mailStatus({ smtpUrl, from }) });
 * await mail.sendTest({ to: 'desk@news.example' });
 * const { messages } = await mail.outbox({ status: 'pending' });
 */
export function createMailAdminService(deps: {
  database: Database;
  clock: Clock;
  settings: SettingsService;
  status: MailStatus;
}) {
  const { database, clock } = deps;
  const outbox = createOutbox({ database, clock });

  /** The id just before page `page` starts (keyset paging), or null when the outbox ends sooner. */
  async function startOfPage(state: OutboxSummary['status'] | undefined, page: number) {
    let toSkip = (page - 1) * OUTBOX_PAGE_SIZE;
    let beforeId: string | undefined;
    while (toSkip > 0) {
      const limit = Math.min(toSkip, WALK_CHUNK);
      const chunk = await outbox.list({
        limit,
        ...(state ? { state } : {}),
        ...(beforeId ? { beforeId } : {}),
      });
      if (chunk.length < limit) return null;
      toSkip -= chunk.length;
      beforeId = chunk.at(-1)?.id;
    }
    return { beforeId };
  }

  return {
    status(): MailStatus {
      requirePermission('settings.write');
      return deps.status;
    },

    /** Queues a short mail to `to`; it leaves with the next worker pass, or waits without SMTP. */
    async sendTest(body: unknown): Promise<{ id: string; to: string }> {
      requirePermission('settings.write');
      const { to } = parseInput(testMailSchema, body ?? {});
      const site = await deps.settings.get();
      const now = clock.now();
      return withTransaction(database.db, async (trx) => {
        const recent = await outbox.countSince(trx, {
          recipient: to,
          kind: 'mail-test',
          since: new Date(now.getTime() - HOUR_MS),
        });
        if (recent >= TEST_MAILS_PER_HOUR)
          throw new AppError({
            code: 'MAIL_TEST_LIMIT',
            status: 429,
            field: 'to',
            message: `At most ${TEST_MAILS_PER_HOUR} test emails an hour go to one address; try again later.`,
          });
        const id = await outbox.enqueue(trx, {
          kind: 'mail-test',
          to,
          subject: `Test email from ${site.title}`,
          text:
            `This is a test email from the newsroom of ${site.title}, queued at ${now.toISOString()}.\n\n` +
            'If you can read it, mail leaves the site: invitations, password resets and newsletters will too.\n',
        });
        return { id, to };
      });
    },

    /** A page of the outbox (50 mails), newest first, optionally of one status. */
    async outbox(query: unknown): Promise<{ messages: OutboxSummary[]; page: number; hasMore: boolean }> {
      requirePermission('settings.write');
      const { status, page = 1 } = parseInput(outboxQuerySchema, query ?? {});
      const start = await startOfPage(status, page);
      if (!start) return { messages: [], page, hasMore: false };
      const rows = await outbox.list({
        limit: OUTBOX_PAGE_SIZE + 1,
        ...(status ? { state: status } : {}),
        ...(start.beforeId ? { beforeId: start.beforeId } : {}),
      });
      return {
        messages: rows.slice(0, OUTBOX_PAGE_SIZE).map(summaryOf),
        page,
        hasMore: rows.length > OUTBOX_PAGE_SIZE,
      };
    },
  };
}
