import { z } from 'zod';
import type { OutboxState } from '../db/schema.ts';
import { emailAddressSchema } from '../lib/email-address.ts';

export const outboxStates = [
  'pending',
  'sending',
  'sent',
  'failed',
] as const satisfies readonly OutboxState[];

/** Mails per page of the outbox view. */
export const OUTBOX_PAGE_SIZE = 50;
/** Pages are walked by keyset; past this the outbox is an archive nobody reads here. */
export const MAX_OUTBOX_PAGE = 1000;

export const testMailSchema = z.strictObject({ to: emailAddressSchema });

export const outboxQuerySchema = z.strictObject({
  status: z.enum(outboxStates).optional(),
  page: z
    .string()
    .regex(/^\d{1,4}$/, { message: `must be a whole number from 1 to ${MAX_OUTBOX_PAGE}` })
    .transform(Number)
    .refine((page) => page >= 1 && page <= MAX_OUTBOX_PAGE, {
      message: `must be a whole number from 1 to ${MAX_OUTBOX_PAGE}`,
    })
    .optional(),
});

/** Whether and where mail leaves: the SMTP host only, never the user or password of SMTP_URL. */
export type MailStatus = { isSmtpConfigured: boolean; smtpHost: string | null; from: string };

/**
 * The part of SMTP_URL an administrator may see: its host and port.
 *
 * @example
 * mailStatus({ smtpUrl: 'smtp://user:secret@mail.example:587', from: 'News <no-reply@news.example>' });
 * // { isSmtpConfigured: true, smtpHost: 'mail.example:587', from: 'News <no-reply@news.example>' }
 */
export function mailStatus(options: { smtpUrl: string | undefined; from: string }): MailStatus {
  if (!options.smtpUrl) return { isSmtpConfigured: false, smtpHost: null, from: options.from };
  return { isSmtpConfigured: true, smtpHost: new URL(options.smtpUrl).host, from: options.from };
}

/** One outbox row as the newsroom sees it: who, what about and how it went, never the body. */
export type OutboxSummary = {
  id: string;
  kind: string;
  to: string;
  subject: string;
  status: OutboxState;
  attempts: number;
  createdAt: Date;
  sentAt: Date | null;
  lastError: string | null;
};

export const outboxSummaryJson = (mail: OutboxSummary) => ({
  id: mail.id,
  kind: mail.kind,
  to: mail.to,
  subject: mail.subject,
  status: mail.status,
  attempts: mail.attempts,
  created_at: mail.createdAt.toISOString(),
  sent_at: mail.sentAt?.toISOString() ?? null,
  last_error: mail.lastError,
});

export const mailStatusJson = (status: MailStatus) => ({
  smtp_configured: status.isSmtpConfigured,
  smtp_host: status.smtpHost,
  from: status.from,
});
