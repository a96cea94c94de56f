import { createSessionCsrf } from '../auth/session-csrf.ts';
import type { SessionStore } from '../auth/session-store.ts';
import type { Database } from '../db/connection.ts';
import type { Clock } from '../lib/clock.ts';
import { createI18n, type I18n } from '../lib/i18n.ts';
import type { Outbox } from '../lib/mail/outbox.ts';
import type { SettingsService } from '../site/settings-service.ts';
import { createLoginBackoff } from './login-backoff.ts';
import { createPasswordHasher } from './password-hashing.ts';
import type { StaffContext } from './staff-context.ts';
import { createStaffDirectory } from './staff-directory.ts';
import { createStaffInvitations } from './staff-invitations.ts';
import { createStaffLogin } from './staff-login.ts';
import { staffLinks } from './staff-mails.ts';
import { createStaffRepository } from './staff-repository.ts';
import { createStaffTokens } from './staff-tokens.ts';
import { createTotp } from './totp.ts';

export type StaffServiceOptions = {
  database: Database;
  clock: Clock;
  outbox: Outbox;
  /** `createSessionStore({ kind: 'staff', … })`. */
  sessions: SessionStore;
  i18n?: I18n;
  /** SITE_URL: the links in invitation and reset mails lead to its /admin/. */
  siteUrl: string;
  settings: SettingsService;
  /** The site secret: the CSRF and TOTP keys are derived from it. */
  secret: string;
};

export type StaffService = ReturnType<typeof createStaffService>;

/**
 * Staff accounts, one object for the Admin API and the CLI: the directory (administrators),
 * invitations and password resets by mail, sign-in with backoff, sessions and TOTP.
 *
 * @example
 * const staff = createStaffService({ database, clock, outbox, sessions, siteUrl, settings, secret });
 * await staff.create({ email: 'ada@example.com', name: 'Ada', role: 'administrator', password });
 * const session = await staff.login({ email: 'ada@example.com', password }, { ip: '192.0.2.1' });
 */
export function createStaffService(options: StaffServiceOptions) {
  const { database, clock } = options;
  const ctx: StaffContext = {
    database,
    clock,
    outbox: options.outbox,
    sessions: options.sessions,
    i18n: options.i18n ?? createI18n(),
    settings: options.settings,
    repo: createStaffRepository(database),
    tokens: createStaffTokens({ database, clock }),
    hasher: createPasswordHasher(),
    backoff: createLoginBackoff({ database, clock }),
    totp: createTotp(options.secret),
    csrf: createSessionCsrf(options.secret, 'staff-csrf'),
    links: staffLinks(options.siteUrl),
  };
  return {
    ...createStaffDirectory(ctx),
    ...createStaffInvitations(ctx),
    ...createStaffLogin(ctx),
    csrf: ctx.csrf,
    /** Forgets expired links and stale sign-in counters (daily upkeep). */
    async purge(): Promise<void> {
      await ctx.tokens.purge(clock.now());
      await ctx.backoff.purge();
    },
  };
}
