import { z } from 'zod';
import type { AuditActorKind } from '../db/schema.ts';
import { pageQuerySchema } from '../lib/pagination.ts';

export type { AuditActorKind };

/**
 * What the audit log records: what newsrooms are asked about afterwards (who published this, who
 * deleted that, who changed the settings or the staff) and nothing readers do.
 */
export const auditActions = [
  'article.created',
  'article.published',
  'article.scheduled',
  'article.unpublished',
  'article.deleted',
  'article.restored',
  'article.note_added',
  'article.note_deleted',
  'settings.changed',
  'staff.created',
  'staff.role_changed',
  'staff.disabled',
  'token.created',
  'token.revoked',
  'newsletter.created',
  'newsletter.deleted',
  'comments.bulk',
  'subscribers.imported',
] as const;
export type AuditAction = (typeof auditActions)[number];

/** Who did it: a staff member (labelled by email), an API token, or the system (CLI, jobs). */
export type AuditActor = { kind: AuditActorKind; id: string | null; label: string };

/** The thing acted on, e.g. `{ type: 'article', id }`. */
export type AuditTarget = { type: string; id: string };

/** One line of the log as stored. */
export type AuditEntry = {
  id: string;
  at: Date;
  actor: AuditActor;
  action: AuditAction;
  target: AuditTarget | null;
  /** The details worth keeping: a title, the settings changed from and to, counts. */
  summary: Record<string, unknown>;
};

/** What a service says when it records: the actor and the time are the log's to fill in. */
export type AuditRecord = {
  action: AuditAction;
  target?: AuditTarget | undefined;
  summary?: Record<string, unknown> | undefined;
};

/** `GET /api/admin/audit?page=&limit=&action=&actor=`: `actor` is a staff id, token id or email. */
export const auditQuerySchema = z.strictObject({
  ...pageQuerySchema,
  action: z.enum(auditActions).optional(),
  actor: z.string().trim().min(1).max(320).optional(),
});

/** An entry as the Admin API shows it. */
export const auditEntryJson = (entry: AuditEntry) => ({
  id: entry.id,
  at: entry.at.toISOString(),
  actor: { kind: entry.actor.kind, id: entry.actor.id, label: entry.actor.label },
  action: entry.action,
  target: entry.target,
  summary: entry.summary,
});
