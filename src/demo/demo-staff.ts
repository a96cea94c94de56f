import { randomBytes } from 'node:crypto';
import type { StaffService } from '../staff/staff-service.ts';

/** The demo newsroom's administrator; the password is made up on the first start and printed once. */
export const DEMO_ADMIN_EMAIL = 'editor@aldwyn-courier.example';

/**
 * Adds an administrator to a newsroom that has no staff yet, so the demo's /admin/ can be tried at
 * once; returns the sign-in details, or null when someone can already sign in. Runs as the system
 * (the CLI's actor), which may manage staff.
 *
 * @example
 * const login = await ensureDemoAdministrator(masthead.staff);
 * if (login) console.log(`${login.email} / ${login.password}`);
 */
export async function ensureDemoAdministrator(
  staff: StaffService,
): Promise<{ email: string; password: string } | null> {
  if ((await staff.list()).length > 0) return null;
  const password = randomBytes(12).toString('base64url');
  await staff.create({ email: DEMO_ADMIN_EMAIL, name: 'Demo Editor', role: 'administrator', password });
  return { email: DEMO_ADMIN_EMAIL, password };
}
