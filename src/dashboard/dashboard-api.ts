import type { FastifyInstance } from 'fastify';
import { dashboardJson } from './dashboard.ts';
import type { DashboardService } from './dashboard-service.ts';

/**
 * `GET /dashboard` in the Admin API: the newsroom's first screen in one call, shaped by the
 * caller's role (see dashboard-service.ts).
 *
 * @example
 * registerDashboardApi(admin, { dashboard: createDashboardService({ articles, comments, subscribers }) });
 */
export function registerDashboardApi(app: FastifyInstance, { dashboard }: { dashboard: DashboardService }) {
  app.get('/dashboard', async () => ({ dashboard: dashboardJson(await dashboard.summary()) }));
}
