import { recordAudit } from '../audit/audit-service.ts';
import { requirePermission } from '../auth/permissions.ts';
import { isUniqueViolation } from '../db/constraint-errors.ts';
import { withTransaction } from '../db/transaction.ts';
import { NotFoundError } from '../lib/errors.ts';
import { isUuid, newId } from '../lib/ids.ts';
import { parseInput } from '../lib/validation.ts';
import type { StaffContext } from './staff-context.ts';
import { staffErrors } from './staff-errors.ts';
import { type StaffChanges, type StaffRecord, toStaffUser } from './staff-repository.ts';
import { checkPassword, type StaffUser, staffCreateSchema, staffUpdateSchema } from './staff-user.ts';

/**
 * The staff list for administrators (Admin API, CLI): add with a password, read, change name and
 * role, disable and re-enable. Every operation asks `requirePermission('staff.manage')` first: the
 * CLI runs as the system, the Admin API as the signed-in person or token.
 */
export function createStaffDirectory(ctx: StaffContext) {
  const { database, clock, repo } = ctx;
  const { db, dialect } = database;
  const target = (id: string) => ({ type: 'staff', id });

  async function find(id: string): Promise<StaffRecord> {
    const record = isUuid(id) ? await repo.findById(db, id.toLowerCase()) : undefined;
    if (!record) throw new NotFoundError('staff');
    return record;
  }

  /** Refuses a change that would leave no administrator able to sign in. */
  async function keepAnAdministrator(record: StaffRecord, after: { role: string; isDisabled: boolean }) {
    const isActiveAdmin = record.role === 'administrator' && record.disabledAt === null && !record.isPending;
    if (!isActiveAdmin || (after.role === 'administrator' && !after.isDisabled)) return;
    if ((await repo.countActiveAdministrators(db)) <= 1) throw staffErrors.lastAdministrator();
  }

  async function disable(id: string): Promise<StaffUser> {
    requirePermission('staff.manage');
    const record = await find(id);
    if (record.disabledAt) return toStaffUser(record);
    await keepAnAdministrator(record, { role: record.role, isDisabled: true });
    const now = clock.now();
    await withTransaction(db, async (trx) => {
      await repo.update(trx, record.id, { disabledAt: now }, now);
      await ctx.tokens.cancel(trx, record.id);
      await recordAudit({
        executor: trx,
        dialect,
        at: now,
        action: 'staff.disabled',
        target: target(record.id),
      });
    });
    await ctx.sessions.destroyAll(record.id);
    return toStaffUser({ ...record, disabledAt: now, updatedAt: now });
  }

  return {
    /** Adds an account that can sign in at once (`masthead user add`, or an administrator). */
    async create(body: unknown): Promise<StaffUser> {
      requirePermission('staff.manage');
      const input = parseInput(staffCreateSchema, body ?? {});
      const password = checkPassword(input.password, input.email);
      if (await repo.findByEmail(db, input.email)) throw staffErrors.emailTaken();
      const now = clock.now();
      const record: StaffRecord = {
        id: newId(),
        email: input.email,
        name: input.name,
        role: input.role,
        isPending: false,
        isTotpEnabled: false,
        createdAt: now,
        updatedAt: now,
        disabledAt: null,
        passwordHash: await ctx.hasher.hash(password),
        totpSecret: null,
        totpLastStep: null,
      };
      try {
        await withTransaction(db, async (trx) => {
          await repo.insert(trx, record);
          await recordAudit({
            executor: trx,
            dialect,
            at: now,
            action: 'staff.created',
            target: target(record.id),
            summary: { email: record.email, role: record.role },
          });
        });
      } catch (error) {
        if (isUniqueViolation(error)) throw staffErrors.emailTaken();
        throw error;
      }
      return toStaffUser(record);
    },

    async list(): Promise<StaffUser[]> {
      requirePermission('staff.manage');
      return (await repo.list(db)).map(toStaffUser);
    },

    async get(id: string): Promise<StaffUser> {
      requirePermission('staff.manage');
      return toStaffUser(await find(id));
    },

    /** Changes name or role, or disables (`disabled: true`) or re-enables (`disabled: false`) the account. */
    async update(id: string, body: unknown): Promise<StaffUser> {
      requirePermission('staff.manage');
      const input = parseInput(staffUpdateSchema, body ?? {});
      let record = await find(id);
      if (input.disabled === true) record = { ...record, ...(await disable(record.id)) };
      const role = input.role ?? record.role;
      await keepAnAdministrator(record, { role, isDisabled: record.disabledAt !== null });
      const changes: StaffChanges = {
        ...(input.name !== undefined ? { name: input.name } : {}),
        ...(input.role !== undefined ? { role: input.role } : {}),
        ...(input.disabled === false ? { disabledAt: null } : {}),
      };
      if (Object.keys(changes).length === 0) return toStaffUser(record);
      const now = clock.now();
      await withTransaction(db, async (trx) => {
        await repo.update(trx, record.id, changes, now);
        if (input.role !== undefined && input.role !== record.role)
          await recordAudit({
            executor: trx,
            dialect,
            at: now,
            action: 'staff.role_changed',
            target: target(record.id),
            summary: { from: record.role, to: input.role },
          });
      });
      return toStaffUser({ ...record, ...changes, updatedAt: now });
    },

    disable,
  };
}
