import { z } from 'zod';
import { requirePermission } from '../auth/permissions.ts';
import type { Database } from '../db/connection.ts';
import type { SuppressionReason } from '../db/schema.ts';
import type { Executor } from '../db/transaction.ts';
import { fromDbTime, toDbTime } from '../db/values.ts';
import type { Clock } from '../lib/clock.ts';
import { emailAddressSchema } from '../lib/email-address.ts';
import { NotFoundError } from '../lib/errors.ts';
import { normaliseEmail } from '../lib/mail/outbox.ts';
import { type PageRequest, type Pagination, pageOffset, paginationMeta } from '../lib/pagination.ts';

export type { SuppressionReason } from '../db/schema.ts';
export const suppressionReasons = [
  'bounced',
  'complained',
  'unsubscribed',
] as const satisfies SuppressionReason[];

/** An address no newsletter is sent to, and why. */
export type Suppression = { email: string; reason: SuppressionReason; detail: string; createdAt: Date };

/** One address on one line: a CR or LF anywhere is refused, not trimmed away (header injection). */
export const oneAddressSchema = z
  .string()
  .regex(/^[^\r\n]*$/, { message: 'must be one email address on one line' })
  .pipe(emailAddressSchema);

/** The body a mail provider's bounce or complaint webhook sends (`POST /api/admin/suppressions`). */
export const suppressionInputSchema = z.strictObject({
  email: oneAddressSchema,
  reason: z.enum(suppressionReasons),
  detail: z.string().max(1000).optional(),
});
export type SuppressionInput = z.output<typeof suppressionInputSchema>;

/** Suppression lists are looked up per batch of addresses; this keeps each IN (…) well under every limit. */
const LOOKUP_CHUNK = 1000;

export type SuppressionService = ReturnType<typeof createSuppressionService>;

/**
 * The suppression list every send respects: addresses that bounced, complained or unsubscribed.
 * Adding is idempotent; a bounce or complaint replaces an unsubscribe (it is the stronger reason
 * to keep away) but an unsubscribe never hides an earlier bounce or complaint.
 *
 * @example
 * const suppressions = createSuppressionService({ database, clock });
 * await suppressions.add({ email: 'gone@example.org', reason: 'bounced', detail: '550 5.1.1' });
 * const skip = await suppressions.suppressedAmong(trx, recipients);
 */
export function createSuppressionService({ database, clock }: { database: Database; clock: Clock }) {
  const { db, dialect } = database;
  const toSuppression = (row: {
    email: string;
    reason: SuppressionReason;
    detail: string;
    created_at: Date | string;
  }): Suppression => ({
    email: row.email,
    reason: row.reason,
    detail: row.detail,
    createdAt: fromDbTime(row.created_at),
  });

  async function find(executor: Executor, email: string): Promise<Suppression | undefined> {
    const row = await executor
      .selectFrom('suppressions')
      .selectAll()
      .where('email', '=', email)
      .executeTakeFirst();
    return row ? toSuppression(row) : undefined;
  }

  return {
    /** Records (or strengthens) a suppression and answers the row as it now stands. */
    async add(
      input: { email: string; reason: SuppressionReason; detail?: string | undefined },
      executor: Executor = db,
    ): Promise<Suppression> {
      requirePermission('subscribers.manage');
      const email = normaliseEmail(input.email);
      const detail = input.detail ?? '';
      await executor
        .insertInto('suppressions')
        .values({ email, reason: input.reason, detail, created_at: toDbTime(dialect, clock.now()) })
        .onConflict((oc) => {
          const replace = oc.column('email').doUpdateSet({ reason: input.reason, detail });
          return input.reason === 'unsubscribed'
            ? replace.where('suppressions.reason', '=', 'unsubscribed')
            : replace;
        })
        .execute();
      return (await find(executor, email)) as Suppression;
    },

    /** Lets an address receive newsletters again (after a mailbox was fixed, say); 404 if it is not listed. */
    async remove(email: string): Promise<void> {
      requirePermission('subscribers.manage');
      const result = await db
        .deleteFrom('suppressions')
        .where('email', '=', normaliseEmail(email))
        .executeTakeFirst();
      if (Number(result.numDeletedRows) === 0) throw new NotFoundError('suppression');
    },

    get: (email: string): Promise<Suppression | undefined> => find(db, normaliseEmail(email)),

    async list(request: PageRequest): Promise<{ suppressions: Suppression[]; pagination: Pagination }> {
      requirePermission('subscribers.read');
      const [rows, counted] = await Promise.all([
        db
          .selectFrom('suppressions')
          .selectAll()
          .orderBy('created_at', 'desc')
          .orderBy('email')
          .limit(request.limit)
          .offset(pageOffset(request))
          .execute(),
        db
          .selectFrom('suppressions')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow(),
      ]);
      return {
        suppressions: rows.map(toSuppression),
        pagination: paginationMeta(request, Number(counted.n)),
      };
    },

    /** Which of these addresses (normalised) are suppressed, for any reason. */
    async suppressedAmong(executor: Executor, emails: string[]): Promise<Set<string>> {
      const wanted = [...new Set(emails.map(normaliseEmail))];
      const found = new Set<string>();
      for (let start = 0; start < wanted.length; start += LOOKUP_CHUNK) {
        const rows = await executor
          .selectFrom('suppressions')
          .select('email')
          .where('email', 'in', wanted.slice(start, start + LOOKUP_CHUNK))
          .execute();
        for (const row of rows) found.add(row.email);
      }
      return found;
    },
  };
}

/** A suppression as the Admin API shows it. */
export const suppressionJson = (suppression: Suppression) => ({
  email: suppression.email,
  reason: suppression.reason,
  detail: suppression.detail,
  created_at: suppression.createdAt.toISOString(),
});
