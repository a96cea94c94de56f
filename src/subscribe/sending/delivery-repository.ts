import { sql } from 'kysely';
import type { Database } from '../../db/connection.ts';
import type { DeliveryState } from '../../db/schema.ts';
import type { Executor } from '../../db/transaction.ts';
import { fromDbJson, fromDbTime, toDbJson, toDbTime } from '../../db/values.ts';

export type NewsletterSend = {
  id: string;
  newsletterId: string;
  dedupeKey: string;
  articleIds: string[];
  subject: string;
  html: string;
  text: string;
  state: 'sending' | 'done';
  createdAt: Date;
};

export type ClaimedDelivery = { email: string; name: string; attempts: number };

export type DeliveryRepository = ReturnType<typeof createDeliveryRepository>;

/**
 * SQL for sends and their per-recipient delivery rows. Every state change is one statement on one
 * row, so whatever happens to the process, the table says which addresses have had the mail.
 */
export function createDeliveryRepository({ db, dialect }: Database) {
  const time = (date: Date) => toDbTime(dialect, date);

  return {
    /** False when this newsletter already has a send with this key: a send happens once. */
    async insertSend(trx: Executor, send: Omit<NewsletterSend, 'state'>): Promise<boolean> {
      const result = await trx
        .insertInto('newsletter_sends')
        .values({
          id: send.id,
          newsletter_id: send.newsletterId,
          dedupe_key: send.dedupeKey,
          article_ids: toDbJson(send.articleIds),
          subject: send.subject,
          html_body: send.html,
          text_body: send.text,
          state: 'sending',
          created_at: time(send.createdAt),
        })
        .onConflict((oc) => oc.columns(['newsletter_id', 'dedupe_key']).doNothing())
        .executeTakeFirst();
      return Number(result.numInsertedOrUpdatedRows ?? 0) === 1;
    },

    /** One queued row per confirmed subscriber of the newsletter, minus the suppression list, in one statement. */
    async fillDeliveries(trx: Executor, sendId: string, newsletterId: string, now: Date): Promise<number> {
      const result = await trx
        .insertInto('newsletter_deliveries')
        .columns(['send_id', 'email', 'subscriber_id', 'name', 'state', 'attempts', 'next_attempt_at'])
        .expression((eb) =>
          eb
            .selectFrom('subscriptions')
            .innerJoin('subscribers', 'subscribers.id', 'subscriptions.subscriber_id')
            .select([
              sql.lit(sendId).as('send_id'),
              'subscribers.email',
              'subscribers.id',
              'subscribers.name',
              sql.lit('queued').as('state'),
              sql.lit(0).as('attempts'),
              sql.val(time(now)).as('next_attempt_at'),
            ])
            .where('subscriptions.newsletter_id', '=', newsletterId)
            .where('subscribers.confirmed_at', 'is not', null)
            .where(({ not, exists, selectFrom }) =>
              not(
                exists(
                  selectFrom('suppressions')
                    .select('suppressions.email')
                    .whereRef('suppressions.email', '=', 'subscribers.email'),
                ),
              ),
            ),
        )
        .executeTakeFirst();
      return Number(result.numInsertedOrUpdatedRows ?? 0);
    },

    async findSend(executor: Executor, id: string): Promise<NewsletterSend | null> {
      const row = await executor
        .selectFrom('newsletter_sends')
        .selectAll()
        .where('id', '=', id)
        .executeTakeFirst();
      if (!row) return null;
      return {
        id: row.id,
        newsletterId: row.newsletter_id,
        dedupeKey: row.dedupe_key,
        articleIds: fromDbJson(dialect, row.article_ids) as string[],
        subject: row.subject,
        html: row.html_body,
        text: row.text_body,
        state: row.state,
        createdAt: fromDbTime(row.created_at),
      };
    },

    async unfinishedSendIds(): Promise<string[]> {
      const rows = await db
        .selectFrom('newsletter_sends')
        .select('id')
        .where('state', '=', 'sending')
        .execute();
      return rows.map((row) => row.id);
    },

    /**
     * Takes up to `limit` rows that are due (or whose claim ran out: the process holding them died)
     * until `until`. On PostgreSQL SKIP LOCKED lets several workers claim side by side.
     */
    async claim(
      sendId: string,
      options: { now: Date; until: Date; limit: number },
    ): Promise<ClaimedDelivery[]> {
      const now = time(options.now);
      let due = db
        .selectFrom('newsletter_deliveries')
        .select('email')
        .where('send_id', '=', sendId)
        .where((eb) =>
          eb.or([
            eb.and([eb('state', '=', 'queued'), eb('next_attempt_at', '<=', now)]),
            eb.and([eb('state', '=', 'sending'), eb('claimed_until', '<', now)]),
          ]),
        )
        .limit(options.limit);
      if (dialect === 'postgres') due = due.forUpdate().skipLocked();
      const rows = await db
        .updateTable('newsletter_deliveries')
        .set({ state: 'sending', claimed_until: time(options.until), attempts: sql`attempts + 1` })
        .where('send_id', '=', sendId)
        .where('email', 'in', due)
        .returning(['email', 'name', 'attempts'])
        .execute();
      return rows.map((row) => ({ email: row.email, name: row.name, attempts: Number(row.attempts) }));
    },

    async markSent(sendId: string, email: string, now: Date): Promise<void> {
      await db
        .updateTable('newsletter_deliveries')
        .set({ state: 'sent', sent_at: time(now), claimed_until: null, last_error: null })
        .where('send_id', '=', sendId)
        .where('email', '=', email)
        .execute();
    },

    /** Back in the queue: to be tried again at `at`. */
    async release(sendId: string, emails: string[], at: Date, error: string | null): Promise<void> {
      if (emails.length === 0) return;
      await db
        .updateTable('newsletter_deliveries')
        .set({ state: 'queued', next_attempt_at: time(at), claimed_until: null, last_error: error })
        .where('send_id', '=', sendId)
        .where('email', 'in', emails)
        .execute();
    },

    async markFinal(
      sendId: string,
      emails: string[],
      state: Extract<DeliveryState, 'failed' | 'bounced' | 'skipped'>,
      error: string,
    ): Promise<void> {
      if (emails.length === 0) return;
      await db
        .updateTable('newsletter_deliveries')
        .set({ state, claimed_until: null, last_error: error.slice(0, 1000) })
        .where('send_id', '=', sendId)
        .where('email', 'in', emails)
        .execute();
    },

    /** When the next waiting row of the send falls due (a claimed one: when its claim runs out), or null. */
    async nextAttemptAt(sendId: string): Promise<Date | null> {
      const [queued, claimed] = await Promise.all([
        db
          .selectFrom('newsletter_deliveries')
          .select((eb) => eb.fn.min('next_attempt_at').as('at'))
          .where('send_id', '=', sendId)
          .where('state', '=', 'queued')
          .executeTakeFirst(),
        db
          .selectFrom('newsletter_deliveries')
          .select((eb) => eb.fn.min('claimed_until').as('at'))
          .where('send_id', '=', sendId)
          .where('state', '=', 'sending')
          .executeTakeFirst(),
      ]);
      const times = [queued?.at, claimed?.at]
        .filter((value): value is Date | string => Boolean(value))
        .map((value) => fromDbTime(value));
      return times.length === 0 ? null : new Date(Math.min(...times.map((time) => time.getTime())));
    },

    /** Marks the send done when no row is left to send; true when it is (now or already). */
    async finishIfDone(sendId: string, now: Date): Promise<boolean> {
      const left = db
        .selectFrom('newsletter_deliveries')
        .select('email')
        .where('send_id', '=', sendId)
        .where('state', 'in', ['queued', 'sending']);
      await db
        .updateTable('newsletter_sends')
        .set({ state: 'done', finished_at: time(now) })
        .where('id', '=', sendId)
        .where('state', '=', 'sending')
        .where(({ not, exists }) => not(exists(left)))
        .execute();
      const send = await db
        .selectFrom('newsletter_sends')
        .select('state')
        .where('id', '=', sendId)
        .executeTakeFirst();
      return send?.state !== 'sending';
    },
  };
}
