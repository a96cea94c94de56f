import type { Database } from '../db/connection.ts';
import type { DeliveryState, NewsletterSendState } from '../db/schema.ts';
import { fromDbTime, fromDbTimeOrNull } from '../db/values.ts';
import { NotFoundError, ValidationError } from '../lib/errors.ts';
import { isUuid } from '../lib/ids.ts';
import { normaliseSlug } from '../lib/slug.ts';

export type DeliveryCounts = Record<DeliveryState, number> & { total: number };

/** One send of a newsletter and how far its deliveries have got. */
export type SendProgress = {
  id: string;
  newsletter: { id: string; slug: string; name: string };
  subject: string;
  state: NewsletterSendState;
  createdAt: Date;
  finishedAt: Date | null;
  counts: DeliveryCounts;
};

const deliveryStates: DeliveryState[] = ['queued', 'sending', 'sent', 'failed', 'bounced', 'skipped'];
export const SEND_LIST_MAX = 100;

export type SendStatus = ReturnType<typeof createSendStatus>;

/**
 * Progress of newsletter sends for the Admin API and `masthead newsletter status`: each send with
 * the number of its deliveries in each state, newest first.
 *
 * @example
 * const status = createSendStatus({ database });
 * const [latest] = await status.list({ newsletter: 'morning-briefing', limit: 1 });
 */
export function createSendStatus({ database }: { database: Database }) {
  const { db } = database;

  const sends = () =>
    db
      .selectFrom('newsletter_sends')
      .innerJoin('newsletters', 'newsletters.id', 'newsletter_sends.newsletter_id')
      .select([
        'newsletter_sends.id',
        'newsletter_sends.subject',
        'newsletter_sends.state',
        'newsletter_sends.created_at',
        'newsletter_sends.finished_at',
        'newsletters.id as newsletter_id',
        'newsletters.slug as newsletter_slug',
        'newsletters.name as newsletter_name',
      ]);

  async function withCounts(
    rows: Awaited<ReturnType<ReturnType<typeof sends>['execute']>>,
  ): Promise<SendProgress[]> {
    if (rows.length === 0) return [];
    const counted = await db
      .selectFrom('newsletter_deliveries')
      .select(['send_id', 'state', (eb) => eb.fn.countAll<number>().as('n')])
      .where(
        'send_id',
        'in',
        rows.map((row) => row.id),
      )
      .groupBy(['send_id', 'state'])
      .execute();
    return rows.map((row) => {
      const counts = Object.fromEntries(
        [...deliveryStates, 'total'].map((state) => [state, 0]),
      ) as DeliveryCounts;
      for (const entry of counted) {
        if (entry.send_id !== row.id) continue;
        counts[entry.state] += Number(entry.n);
        counts.total += Number(entry.n);
      }
      return {
        id: row.id,
        newsletter: { id: row.newsletter_id, slug: row.newsletter_slug, name: row.newsletter_name },
        subject: row.subject,
        state: row.state,
        createdAt: fromDbTime(row.created_at),
        finishedAt: fromDbTimeOrNull(row.finished_at),
        counts,
      };
    });
  }

  return {
    /** The latest sends (of one newsletter, by slug, when given); an unknown slug is a 422 on `newsletter`. */
    async list(query: { newsletter?: string | undefined; limit: number }): Promise<SendProgress[]> {
      let selected = sends()
        .orderBy('newsletter_sends.created_at', 'desc')
        .orderBy('newsletter_sends.id', 'desc')
        .limit(Math.min(Math.max(1, query.limit), SEND_LIST_MAX));
      if (query.newsletter !== undefined) {
        const slug = normaliseSlug(query.newsletter);
        const newsletter = await db
          .selectFrom('newsletters')
          .select('id')
          .where('slug', '=', slug)
          .executeTakeFirst();
        if (!newsletter)
          throw ValidationError.field(
            'newsletter',
            'UNKNOWN_NEWSLETTER',
            `There is no newsletter "${slug}".`,
          );
        selected = selected.where('newsletter_sends.newsletter_id', '=', newsletter.id);
      }
      return withCounts(await selected.execute());
    },

    async get(id: string): Promise<SendProgress> {
      const rows = isUuid(id)
        ? await sends().where('newsletter_sends.id', '=', id.toLowerCase()).execute()
        : [];
      const [send] = await withCounts(rows);
      if (!send) throw new NotFoundError('newsletter_send');
      return send;
    },
  };
}

/** A send as the Admin API shows it. */
export const sendProgressJson = (send: SendProgress) => ({
  id: send.id,
  newsletter: send.newsletter,
  subject: send.subject,
  state: send.state,
  created_at: send.createdAt.toISOString(),
  finished_at: send.finishedAt?.toISOString() ?? null,
  counts: send.counts,
});

/**
 * Sends as a plain-text table for `masthead newsletter status`; `queued` counts the messages in flight too.
 *
 * @example
 * console.log(sendStatusTable(await sendStatus.list({ limit: 20 })));
 */
export function sendStatusTable(sends: SendProgress[]): string {
  const header = ['newsletter', 'subject', 'state', 'queued', 'sent', 'failed', 'total'];
  const clip = (text: string, max: number) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);
  const rows = sends.map((send) => [
    send.newsletter.slug,
    clip(send.subject, 48),
    send.state,
    ...[
      send.counts.queued + send.counts.sending,
      send.counts.sent,
      send.counts.failed,
      send.counts.total,
    ].map((n) => n.toLocaleString('en-US')),
  ]);
  const widths = header.map((_, column) =>
    Math.max(...[header, ...rows].map((row) => (row[column] ?? '').length)),
  );
  // Text columns are aligned left, counts right.
  const format = (row: string[]) =>
    row
      .map((cell, column) =>
        column < 3 ? cell.padEnd(widths[column] ?? 0) : cell.padStart(widths[column] ?? 0),
      )
      .join('  ')
      .trimEnd();
  return [header, ...rows].map(format).join('\n');
}
