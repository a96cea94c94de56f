import { sql } from 'kysely';
import { z } from 'zod';
import type { Database } from '../../db/connection.ts';
import { type Executor, withTransaction } from '../../db/transaction.ts';
import type { Clock } from '../../lib/clock.ts';
import type { I18n } from '../../lib/i18n.ts';
import { normaliseEmail, type Outbox } from '../../lib/mail/outbox.ts';
import { createNotificationLinks } from './notification-links.ts';
import { forgetMail } from './notification-mails.tsx';
import { createReplySubscriberRepository } from './reply-subscriber-repository.ts';

const HOUR_MS = 3_600_000;

const emailSchema = z.email().max(254);

export type ForgetOutcome =
  | { status: 'invalid' }
  | { status: 'expired' }
  | { status: 'ok'; email: string; deleted?: number };

export type ForgetRequests = {
  /**
   * Mails a deletion link when there is something to delete, at most once an hour per address.
   * Resolves `sent-if-known` whether or not a mail went out, so no page can reveal whether an
   * address has comments; only a malformed address is told apart.
   */
  request: (input: { email: string; language: string }) => Promise<{ status: 'sent-if-known' | 'bad-email' }>;
  /** Reads a deletion link without acting on it (a mail scanner may fetch any link with GET). */
  check: (token: unknown) => ForgetOutcome;
  /** Deletes every comment written with the link's address, and its reply notifications. */
  confirm: (token: unknown) => Promise<ForgetOutcome>;
};

export type ForgetRequestsOptions = {
  database: Database;
  outbox: Outbox;
  clock: Clock;
  secret: string;
  siteUrl: string;
  i18n: I18n;
  /** The comments service's deletion; returns how many comments it deleted. */
  deleteCommentsByEmail: (email: string) => Promise<number>;
  /** When given, mail goes only to addresses with comments (or a reply subscription) to delete. */
  hasCommentsByEmail?: (email: string) => Promise<boolean>;
};

/**
 * Holds two requests for one address in one transaction at a time, so two at once send one mail.
 * PostgreSQL: a transaction-scoped advisory lock on the address; SQLite: its single writer already.
 */
async function lockAddress(trx: Executor, database: Database, email: string): Promise<void> {
  if (database.dialect === 'postgres')
    await sql`select pg_advisory_xact_lock(hashtext(${`comments-forget:${email}`}))`.execute(trx);
}

/**
 * "Delete my comments" by email link: proof of the inbox is the only proof asked for, since
 * readers comment without an account.
 *
 * @example
 * const forget = createForgetRequests({ database, outbox, clock, secret, siteUrl, i18n,
 *   deleteCommentsByEmail: (email) => comments.deleteByEmail(email) });
 * await forget.request({ email: 'reader@example.com', language: 'en' });
 */
export function createForgetRequests(options: ForgetRequestsOptions): ForgetRequests {
  const { database, outbox, clock } = options;
  const subscribers = createReplySubscriberRepository(database.dialect);
  const links = createNotificationLinks(options);

  async function isKnown(email: string): Promise<boolean> {
    if (!options.hasCommentsByEmail) return true;
    if (await options.hasCommentsByEmail(email)) return true;
    return (await subscribers.find(database.db, email)) !== undefined;
  }

  const check = (token: unknown): ForgetOutcome => {
    const result = links.tokens.check(token, 'comments-forget');
    return result.status === 'valid' ? { status: 'ok', email: result.email } : { status: result.status };
  };

  return {
    async request({ email: raw, language }) {
      const parsed = emailSchema.safeParse(raw.trim());
      if (!parsed.success) return { status: 'bad-email' };
      const email = normaliseEmail(parsed.data);
      if (!(await isKnown(email))) return { status: 'sent-if-known' };
      await withTransaction(database.db, async (trx) => {
        await lockAddress(trx, database, email);
        const now = clock.now();
        const recent = await outbox.countSince(trx, {
          recipient: email,
          kind: 'forget-comments',
          since: new Date(now.getTime() - HOUR_MS),
        });
        if (recent > 0) return;
        const mail = forgetMail({
          tr: options.i18n.forLanguage(language),
          site: links.siteName,
          confirmUrl: links.linkFor('comments-forget', email),
        });
        await outbox.enqueue(trx, { kind: 'forget-comments', to: email, ...mail });
      });
      return { status: 'sent-if-known' };
    },

    check,

    async confirm(token) {
      const outcome = check(token);
      if (outcome.status !== 'ok') return outcome;
      const deleted = await options.deleteCommentsByEmail(outcome.email);
      await subscribers.remove(database.db, outcome.email);
      return { ...outcome, deleted };
    },
  };
}
