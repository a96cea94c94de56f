import { recordAudit } from '../audit/audit-service.ts';
import { requirePermission } from '../auth/permissions.ts';
import { withTransaction } from '../db/transaction.ts';
import { newId } from '../lib/ids.ts';
import { parseInput } from '../lib/validation.ts';
import { accountKey } from './login-backoff.ts';
import type { StaffContext } from './staff-context.ts';
import { staffErrors } from './staff-errors.ts';
import { invitationMail, passwordResetMail } from './staff-mails.ts';
import { type StaffRecord, toStaffUser } from './staff-repository.ts';
import {
  acceptInvitationSchema,
  checkPassword,
  invitationSchema,
  newPasswordSchema,
  resetRequestSchema,
  type StaffUser,
} from './staff-user.ts';

const HOUR_MS = 3_600_000;
/** An invitation link works for 7 days, once. */
export const INVITATION_TTL_MS = 7 * 24 * HOUR_MS;
/** A password-reset link works for an hour, once. */
export const RESET_TTL_MS = HOUR_MS;
/** Reset mails one address receives per hour at most, however often someone asks. */
const RESETS_PER_HOUR = 5;

/**
 * Accounts reached through the inbox: an administrator's invitation (the invitee chooses a name and
 * password) and the password reset (same answer for every address; the new password ends every
 * session). Both links are single-use tokens from staff-tokens.ts, mailed through the outbox in the
 * transaction that issues them.
 */
export function createStaffInvitations(ctx: StaffContext) {
  const { database, clock, repo, tokens, outbox } = ctx;
  const { db } = database;

  const translator = async () => {
    const site = await ctx.settings.get();
    return { site: site.title, tr: ctx.i18n.forLanguage(site.locale) };
  };

  return {
    /**
     * Invites an address with a role: the account exists at once, pending, and can sign in once the
     * invitee has chosen a password. Inviting a pending address again sends a new link (the old one
     * stops working) and takes the new role.
     */
    async invite(body: unknown): Promise<{ user: StaffUser; expiresAt: Date }> {
      requirePermission('staff.manage');
      const input = parseInput(invitationSchema, body ?? {});
      const { site, tr } = await translator();
      const now = clock.now();
      return withTransaction(db, async (trx) => {
        const existing = await repo.findByEmail(trx, input.email);
        if (existing && !existing.isPending) throw staffErrors.emailTaken();
        let record: StaffRecord;
        if (existing) {
          await repo.update(trx, existing.id, { role: input.role, disabledAt: null }, now);
          record = { ...existing, role: input.role, disabledAt: null, updatedAt: now };
        } else {
          record = {
            id: newId(),
            email: input.email,
            name: '',
            role: input.role,
            isPending: true,
            isTotpEnabled: false,
            createdAt: now,
            updatedAt: now,
            disabledAt: null,
            passwordHash: null,
            totpSecret: null,
            totpLastStep: null,
          };
          await repo.insert(trx, record);
          await recordAudit({
            executor: trx,
            dialect: database.dialect,
            at: now,
            action: 'staff.created',
            target: { type: 'staff', id: record.id },
            summary: { email: record.email, role: record.role, invited: true },
          });
        }
        const link = await tokens.issue(trx, {
          purpose: 'invitation',
          userId: record.id,
          ttlMs: INVITATION_TTL_MS,
        });
        const mail = invitationMail({
          tr,
          site,
          role: input.role,
          acceptUrl: ctx.links.acceptUrl(link.token),
        });
        await outbox.enqueue(trx, { kind: 'staff-invitation', to: record.email, ...mail });
        return { user: toStaffUser(record), expiresAt: link.expiresAt };
      });
    },

    /** Uses an invitation link: sets the name and password; the invitee then signs in. */
    async acceptInvitation(token: unknown, body: unknown): Promise<StaffUser> {
      const input = parseInput(acceptInvitationSchema, body ?? {});
      // The password is checked and hashed before the link is used, so a refused password keeps the link.
      const check = await repo.findById(db, await tokens.peek(db, token, 'invitation'));
      const password = checkPassword(input.password, check?.email ?? '');
      const passwordHash = await ctx.hasher.hash(password);
      const now = clock.now();
      return withTransaction(db, async (trx) => {
        const id = await tokens.consume(trx, token, 'invitation');
        const record = await repo.findById(trx, id);
        if (!record) throw new Error(`staff account ${id} of an invitation is gone`);
        await repo.update(trx, id, { name: input.name, passwordHash }, now);
        return toStaffUser({ ...record, name: input.name, passwordHash, isPending: false, updatedAt: now });
      });
    },

    /**
     * Mails a reset link to an account that can sign in. The answer is the same for every address,
     * known or not, so nobody learns who works here; at most five mails an hour reach one address.
     */
    async requestPasswordReset(body: unknown): Promise<void> {
      const { email } = parseInput(resetRequestSchema, body ?? {});
      const { site, tr } = await translator();
      const now = clock.now();
      await withTransaction(db, async (trx) => {
        const record = await repo.findByEmail(trx, email);
        if (!record || record.isPending || record.disabledAt) return;
        const recent = await outbox.countSince(trx, {
          recipient: email,
          kind: 'staff-password-reset',
          since: new Date(now.getTime() - HOUR_MS),
        });
        if (recent >= RESETS_PER_HOUR) return;
        const link = await tokens.issue(trx, {
          purpose: 'password-reset',
          userId: record.id,
          ttlMs: RESET_TTL_MS,
        });
        const mail = passwordResetMail({ tr, site, resetUrl: ctx.links.resetUrl(link.token) });
        await outbox.enqueue(trx, { kind: 'staff-password-reset', to: email, ...mail });
      });
    },

    /** Uses a reset link: sets the new password and ends every session of the account. */
    async resetPassword(token: unknown, body: unknown): Promise<void> {
      const input = parseInput(newPasswordSchema, body ?? {});
      const check = await repo.findById(db, await tokens.peek(db, token, 'password-reset'));
      const password = checkPassword(input.password, check?.email ?? '');
      const passwordHash = await ctx.hasher.hash(password);
      const now = clock.now();
      const record = await withTransaction(db, async (trx) => {
        const id = await tokens.consume(trx, token, 'password-reset');
        await repo.update(trx, id, { passwordHash }, now);
        await tokens.cancel(trx, id, 'password-reset');
        return repo.findById(trx, id);
      });
      if (!record) return;
      await ctx.sessions.destroyAll(record.id);
      await ctx.backoff.forget(accountKey(record.email));
    },
  };
}
