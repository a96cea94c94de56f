import {
  AppError,
  ConflictError,
  ForbiddenError,
  UnauthorizedError,
  ValidationError,
} from '../lib/errors.ts';
import { en } from '../locales/en.ts';

type StaffErrorCode = keyof typeof en.staff.errors;

/**
 * The English words of a staff error, from the catalog: the admin app shows the same code in the
 * reader's language with `t('staff.errors.' + code)`.
 */
export const staffMessage = (code: StaffErrorCode, values: Record<string, string | number> = {}): string =>
  en.staff.errors[code].replace(/\{\{(\w+)\}\}/g, (_match, name: string) => String(values[name] ?? ''));

const error = (code: StaffErrorCode, status: number) =>
  new AppError({ code, status, message: staffMessage(code) });

/** 429 with Retry-After: too many failed sign-ins for this account or from this address. */
export class LoginLockedError extends AppError {
  readonly retryAfterSeconds: number;
  constructor(retryAfterSeconds: number) {
    super({
      code: 'LOGIN_LOCKED',
      message: staffMessage('LOGIN_LOCKED', { seconds: retryAfterSeconds }),
      status: 429,
    });
    this.retryAfterSeconds = retryAfterSeconds;
  }
}

export const staffErrors = {
  /** The one answer for an unknown address, a wrong password, a disabled account and a wrong code. */
  loginFailed: () => error('LOGIN_FAILED', 401),
  totpRequired: () => error('TOTP_REQUIRED', 401),
  totpInvalid: () => ValidationError.field('code', 'TOTP_INVALID', staffMessage('TOTP_INVALID')),
  totpAlreadyEnabled: () =>
    new ConflictError('TOTP_ALREADY_ENABLED', 'Two-factor sign-in is already on for this account.'),
  totpNotEnrolled: () =>
    new ConflictError(
      'TOTP_NOT_ENROLLED',
      'Start two-factor enrolment first (POST /api/admin/session/totp).',
    ),
  sessionInvalid: () => new UnauthorizedError('SESSION_INVALID', staffMessage('SESSION_INVALID')),
  sessionRequired: () =>
    new UnauthorizedError(
      'STAFF_SESSION_REQUIRED',
      'Only a signed-in staff member can do this: sign in at /admin/ (API tokens have no session).',
    ),
  csrfInvalid: () =>
    new ForbiddenError(
      'CSRF_INVALID',
      'Send the X-CSRF-Token header with the csrf_token from GET /api/admin/session.',
    ),
  linkInvalid: () => error('LINK_INVALID', 404),
  linkExpired: () => error('LINK_EXPIRED', 410),
  linkUsed: () => error('LINK_USED', 410),
  passwordIncorrect: () =>
    ValidationError.field('password', 'PASSWORD_INCORRECT', staffMessage('PASSWORD_INCORRECT')),
  emailTaken: () => new ConflictError('STAFF_EMAIL_TAKEN', staffMessage('STAFF_EMAIL_TAKEN'), 'email'),
  lastAdministrator: () => new ConflictError('LAST_ADMINISTRATOR', staffMessage('LAST_ADMINISTRATOR')),
};
