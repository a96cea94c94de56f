/** `GET /api/admin/mail`: whether mail can leave, and from whom. */
export type MailStatus = { smtp_configured: boolean; smtp_host: string | null; from: string };

export type OutboxStatus = 'pending' | 'sending' | 'sent' | 'failed';

/** One mail of `GET /api/admin/mail/outbox` (never its body). */
export type OutboxMessage = {
  id: string;
  kind: string;
  to: string;
  subject: string;
  status: OutboxStatus;
  attempts: number;
  created_at: string;
  sent_at: string | null;
  last_error: string | null;
};

export type OutboxPage = {
  messages: OutboxMessage[];
  meta: { pagination: { page: number; next: number | null; prev: number | null } };
};
