import type { FastifyInstance } from 'fastify';
import { parseInput } from '../lib/validation.ts';
import { auditEntryJson, auditQuerySchema } from './audit.ts';
import type { AuditService } from './audit-service.ts';

/**
 * `GET /audit` in the Admin API: the audit log, newest first, for administrators (the service
 * refuses everyone else with 403 `FORBIDDEN_ROLE`).
 *
 * @example
 * registerAuditApi(admin, { audit: services.audit });
 */
export function registerAuditApi(app: FastifyInstance, { audit }: { audit: AuditService }): void {
  app.get('/audit', async (request) => {
    const query = parseInput(auditQuerySchema, request.query);
    const { entries, pagination } = await audit.list({
      action: query.action,
      actor: query.actor,
      page: { page: query.page ?? 1, limit: query.limit ?? 20 },
    });
    return { audit_log: entries.map(auditEntryJson), meta: { pagination } };
  });
}
