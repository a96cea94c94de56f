import type { PageMeta } from '../../components/pagination.tsx';

/** One entry as `GET /api/admin/audit` sends it (src/audit/audit.ts `auditEntryJson`). */
export type AuditEntry = {
  id: string;
  at: string;
  actor: { kind: 'staff' | 'token' | 'system'; id: string | null; label: string };
  action: string;
  target: { type: string; id: string } | null;
  summary: Record<string, unknown>;
};

export type AuditPage = { audit_log: AuditEntry[]; meta: { pagination: PageMeta } };

/**
 * The actions the log records, in the server's order (src/audit/audit.ts `auditActions`; copied,
 * not imported, so that zod stays out of the app's bundle; test/browser/admin-screens.test.ts
 * checks that both lists agree). An action missing here still shows, by its code.
 */
export const AUDIT_ACTIONS = [
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
