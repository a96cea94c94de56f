import type { SessionCsrf as StaffCsrf } from '../auth/session-csrf.ts';
import type { SessionStore } from '../auth/session-store.ts';
import type { Database } from '../db/connection.ts';
import type { Clock } from '../lib/clock.ts';
import type { I18n } from '../lib/i18n.ts';
import type { Outbox } from '../lib/mail/outbox.ts';
import type { SettingsService } from '../site/settings-service.ts';
import type { LoginBackoff } from './login-backoff.ts';
import type { PasswordHasher } from './password-hashing.ts';
import type { staffLinks } from './staff-mails.ts';
import type { StaffRepository } from './staff-repository.ts';
import type { StaffTokens } from './staff-tokens.ts';
import type { Totp } from './totp.ts';

/** What every part of the staff service shares, built once by `createStaffService`. */
export type StaffContext = {
  database: Database;
  clock: Clock;
  outbox: Outbox;
  sessions: SessionStore;
  i18n: I18n;
  settings: SettingsService;
  repo: StaffRepository;
  tokens: StaffTokens;
  hasher: PasswordHasher;
  backoff: LoginBackoff;
  totp: Totp;
  csrf: StaffCsrf;
  links: ReturnType<typeof staffLinks>;
};
