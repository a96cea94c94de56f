import { createSessionStore } from '../auth/session-store.ts';
import type { Database } from '../db/connection.ts';
import type { Clock } from '../lib/clock.ts';
import type { I18n } from '../lib/i18n.ts';
import type { Outbox } from '../lib/mail/outbox.ts';
import type { SettingsService } from '../site/settings-service.ts';
import { createStaffService, type StaffService } from './staff-service.ts';

/** A staff session ends after 12 hours without a request (sliding: each use extends it). */
export const STAFF_SESSION_MS = 12 * 3_600_000;

/**
 * The staff feature wired once: its session store (kind `staff`) and service.
 *
 * @example
 * const staff = createStaff({ database, clock, outbox, i18n, settings, secret, siteUrl: config.siteUrl });
 */
export function createStaff(options: {
  database: Database;
  clock: Clock;
  outbox: Outbox;
  i18n: I18n;
  settings: SettingsService;
  secret: string;
  siteUrl: string;
}): StaffService {
  const sessions = createSessionStore({
    database: options.database,
    clock: options.clock,
    kind: 'staff',
    ttlMs: STAFF_SESSION_MS,
  });
  return createStaffService({ ...options, sessions });
}
