import type { Actor } from '../auth/actor.ts';
import { parseInput } from '../lib/validation.ts';
import { accountKey, ipKey } from './login-backoff.ts';
import type { StaffContext } from './staff-context.ts';
import { LoginLockedError, staffErrors } from './staff-errors.ts';
import { type StaffRecord, toStaffUser } from './staff-repository.ts';
import { loginSchema, passwordConfirmSchema, type StaffUser, totpCodeSchema } from './staff-user.ts';

/** A signed-in staff member: the session cookie's value, and the CSRF token that goes with it. */
export type StaffSession = { token: string; user: StaffUser; expiresAt: Date; csrfToken: string };

/** The actor a staff member acts as in the services (roles are read from the account on every request). */
export const staffActor = (user: StaffUser): Actor => ({
  kind: 'staff',
  id: user.id,
  role: user.role,
  email: user.email,
});

/**
 * Signing in and out, sessions, and the optional TOTP second factor. Every failure to sign in —
 * unknown address, wrong password, disabled or pending account, wrong code — is the same 401
 * `LOGIN_FAILED` after the same work (one argon2 verification), and counts against the account and
 * the client address alike; see login-backoff.ts.
 */
export function createStaffLogin(ctx: StaffContext) {
  const { database, clock, repo, sessions, backoff, totp } = ctx;
  const { db } = database;

  async function open(record: StaffRecord, previous: unknown): Promise<StaffSession> {
    // Rotation: whatever session the browser had before is ended, and the new one has a new id.
    await sessions.destroy(previous);
    const { token, expiresAt } = await sessions.create(record.id);
    return { token, expiresAt, user: toStaffUser(record), csrfToken: ctx.csrf.tokenFor(token) };
  }

  return {
    /** Email and password (and the TOTP code when the account has one) → a new session. */
    async login(body: unknown, meta: { ip: string; previousSession?: unknown }): Promise<StaffSession> {
      const input = parseInput(loginSchema, body ?? {});
      const keys = { account: accountKey(input.email), ip: ipKey(meta.ip) };
      const attempt = await backoff.begin([keys.account, keys.ip]);
      if ('retryAfterSeconds' in attempt) throw new LoginLockedError(attempt.retryAfterSeconds);
      const found = await repo.findByEmail(db, input.email);
      const record = found && found.disabledAt === null ? found : undefined;
      const isRight = await ctx.hasher.verify(record?.passwordHash ?? null, input.password);
      if (!record || !isRight) throw staffErrors.loginFailed();
      if (record.isTotpEnabled && record.totpSecret) {
        if (!input.totp) {
          // The password was right: asking for the code is not a failure.
          await backoff.refund(attempt);
          throw staffErrors.totpRequired();
        }
        const step = totp.check(record.totpSecret, input.totp, clock.now());
        if (step === null || !(await repo.claimTotpStep(db, record.id, step)))
          throw staffErrors.loginFailed();
      }
      await backoff.forget(keys.account);
      await backoff.refund(attempt, [keys.ip]);
      return open(record, meta.previousSession);
    },

    /** The signed-in staff member behind a session cookie, or null (no session, expired, disabled). */
    async authenticate(sessionToken: unknown): Promise<StaffSession | null> {
      const session = await sessions.find(sessionToken);
      if (!session || typeof sessionToken !== 'string') return null;
      const record = await repo.findById(db, session.principalId);
      if (!record || record.disabledAt || record.isPending) return null;
      return {
        token: sessionToken,
        expiresAt: session.expiresAt,
        user: toStaffUser(record),
        csrfToken: ctx.csrf.tokenFor(sessionToken),
      };
    },

    logout: (sessionToken: unknown): Promise<void> => sessions.destroy(sessionToken),

    /** Ends every session of the account, on every device; answers how many were ended. */
    logoutEverywhere: (user: StaffUser): Promise<number> => sessions.destroyAll(user.id),

    /**
     * Starts two-factor enrolment: a new secret, shown once as base32 and as an otpauth:// URI (for
     * a QR code). It is not required at sign-in until confirmed with a code.
     */
    async enrolTotp(user: StaffUser): Promise<{ secret: string; uri: string }> {
      if (user.isTotpEnabled) throw staffErrors.totpAlreadyEnabled();
      const site = await ctx.settings.get();
      const enrolled = totp.enrol({ issuer: site.title, label: user.email });
      await repo.update(db, user.id, { totpSecret: enrolled.sealed, totpLastStep: null }, clock.now());
      return { secret: enrolled.base32, uri: enrolled.uri };
    },

    /** Turns two-factor sign-in on, once a code from the enrolled secret proves the app has it. */
    async confirmTotp(user: StaffUser, body: unknown): Promise<StaffUser> {
      const { code } = parseInput(totpCodeSchema, body ?? {});
      const record = await repo.findById(db, user.id);
      if (!record || record.isTotpEnabled) throw staffErrors.totpAlreadyEnabled();
      if (!record.totpSecret) throw staffErrors.totpNotEnrolled();
      const step = totp.check(record.totpSecret, code, clock.now());
      if (step === null || !(await repo.claimTotpStep(db, record.id, step))) throw staffErrors.totpInvalid();
      const now = clock.now();
      await repo.update(db, record.id, { isTotpEnabled: true }, now);
      return toStaffUser({ ...record, isTotpEnabled: true, updatedAt: now });
    },

    /** Turns two-factor sign-in off; the password is asked again, and guesses count as failed sign-ins. */
    async disableTotp(user: StaffUser, body: unknown, meta: { ip: string }): Promise<StaffUser> {
      const { password } = parseInput(passwordConfirmSchema, body ?? {});
      const keys = { account: accountKey(user.email), ip: ipKey(meta.ip) };
      const attempt = await backoff.begin([keys.account, keys.ip]);
      if ('retryAfterSeconds' in attempt) throw new LoginLockedError(attempt.retryAfterSeconds);
      const record = await repo.findById(db, user.id);
      if (!record || !(await ctx.hasher.verify(record.passwordHash, password)))
        throw staffErrors.passwordIncorrect();
      await backoff.refund(attempt);
      const now = clock.now();
      await repo.update(db, record.id, { totpSecret: null, isTotpEnabled: false, totpLastStep: null }, now);
      return toStaffUser({ ...record, isTotpEnabled: false, updatedAt: now });
    },
  };
}
