import { z } from 'zod';
import { type StaffRole, staffRoles } from '../auth/actor.ts';
import { emailAddressSchema, personNameSchema } from '../lib/email-address.ts';
import { ValidationError } from '../lib/errors.ts';

/** A newsroom account as the services hand it around (never with its password hash or TOTP secret). */
export type StaffUser = {
  id: string;
  email: string;
  name: string;
  role: StaffRole;
  /** Invited but not yet accepted: no password, cannot sign in. */
  isPending: boolean;
  isTotpEnabled: boolean;
  createdAt: Date;
  updatedAt: Date;
  disabledAt: Date | null;
};

/** NIST SP 800-63B §5.1.1.2: at least 8 characters (we ask 12), allow at least 64 (we allow 256). */
export const PASSWORD_MIN = 12;
export const PASSWORD_MAX = 256;

const roleSchema = z.enum(staffRoles);
const nameSchema = personNameSchema.pipe(z.string().min(1));
/** Any characters (spaces and all); the length rules count Unicode characters, in `checkPassword`. */
const passwordSchema = z.string();

export const staffCreateSchema = z.strictObject({
  email: emailAddressSchema,
  name: nameSchema,
  role: roleSchema,
  password: passwordSchema,
});
export type StaffCreateInput = z.output<typeof staffCreateSchema>;

export const staffUpdateSchema = z.strictObject({
  name: nameSchema.optional(),
  role: roleSchema.optional(),
  /** false re-enables a disabled account; true is the same as DELETE. */
  disabled: z.boolean().optional(),
});
export type StaffUpdateInput = z.output<typeof staffUpdateSchema>;

export const invitationSchema = z.strictObject({ email: emailAddressSchema, role: roleSchema });
export const acceptInvitationSchema = z.strictObject({ name: nameSchema, password: passwordSchema });
export const newPasswordSchema = z.strictObject({ password: passwordSchema });
export const resetRequestSchema = z.strictObject({ email: emailAddressSchema });
export const passwordConfirmSchema = z.strictObject({ password: passwordSchema });
export const totpCodeSchema = z.strictObject({
  code: z
    .string()
    .trim()
    .regex(/^\d{6}$/, 'must be 6 digits'),
});

/** Login input is read loosely: a malformed address is simply an account that does not exist. */
export const loginSchema = z.strictObject({
  email: z
    .string()
    .trim()
    .max(254)
    .transform((value) => value.toLowerCase()),
  password: z.string().max(PASSWORD_MAX * 2),
  totp: z.string().trim().max(10).optional(),
});

/**
 * NIST SP 800-63B §5.1.1.2: passwords are compared after Unicode normalisation (NFKC), so the same
 * password typed on two keyboards is the same password.
 */
export const normalisePassword = (password: string): string => password.normalize('NFKC');

/**
 * The password rules: 12 to 256 characters, and not the account's own email address.
 *
 * @example
 * checkPassword('correct horse battery', 'ada@example.com');
 */
export function checkPassword(password: string, email: string): string {
  const normalised = normalisePassword(password);
  const length = [...normalised].length;
  if (length < PASSWORD_MIN)
    throw ValidationError.field(
      'password',
      'PASSWORD_TOO_SHORT',
      `"password" must be at least ${PASSWORD_MIN} characters.`,
    );
  if (length > PASSWORD_MAX)
    throw ValidationError.field(
      'password',
      'PASSWORD_TOO_LONG',
      `"password" must be at most ${PASSWORD_MAX} characters.`,
    );
  if (normalised.trim().toLowerCase() === email.trim().toLowerCase())
    throw ValidationError.field(
      'password',
      'PASSWORD_IS_EMAIL',
      '"password" must not be your email address.',
    );
  return normalised;
}

/** A staff member as the Admin API shows them. */
export const staffJson = (user: StaffUser) => ({
  id: user.id,
  email: user.email,
  name: user.name,
  role: user.role,
  is_pending: user.isPending,
  totp_enabled: user.isTotpEnabled,
  disabled_at: user.disabledAt?.toISOString() ?? null,
  created_at: user.createdAt.toISOString(),
  updated_at: user.updatedAt.toISOString(),
});
