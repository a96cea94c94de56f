import type { Selectable } from 'kysely';
import type { StaffRole } from '../auth/actor.ts';
import type { Database } from '../db/connection.ts';
import type { StaffUserTable } from '../db/schema.ts';
import type { Executor } from '../db/transaction.ts';
import {
  fromDbBool,
  fromDbTime,
  fromDbTimeOrNull,
  toDbBool,
  toDbTime,
  toDbTimeOrNull,
} from '../db/values.ts';
import type { StaffUser } from './staff-user.ts';

/** A staff row with the secrets that only the sign-in code may see. */
export type StaffRecord = StaffUser & {
  passwordHash: string | null;
  totpSecret: string | null;
  totpLastStep: number | null;
};

const toRecord = (row: Selectable<StaffUserTable>): StaffRecord => ({
  id: row.id,
  email: row.email,
  name: row.name,
  role: row.role,
  isPending: row.password_hash === null,
  isTotpEnabled: fromDbBool(row.totp_enabled),
  createdAt: fromDbTime(row.created_at),
  updatedAt: fromDbTime(row.updated_at),
  disabledAt: fromDbTimeOrNull(row.disabled_at),
  passwordHash: row.password_hash,
  totpSecret: row.totp_secret,
  totpLastStep: row.totp_last_step === null ? null : Number(row.totp_last_step),
});

/** The public part of a record: what leaves the staff services. */
export const toStaffUser = ({ passwordHash, totpSecret, totpLastStep, ...user }: StaffRecord): StaffUser => ({
  ...user,
});

export type StaffChanges = Partial<{
  name: string;
  role: StaffRole;
  passwordHash: string | null;
  totpSecret: string | null;
  isTotpEnabled: boolean;
  totpLastStep: number | null;
  disabledAt: Date | null;
}>;

export type StaffRepository = ReturnType<typeof createStaffRepository>;

/** SQL for `staff_users`. */
export function createStaffRepository({ dialect }: Database) {
  return {
    async insert(db: Executor, user: StaffRecord): Promise<void> {
      await db
        .insertInto('staff_users')
        .values({
          id: user.id,
          email: user.email,
          name: user.name,
          role: user.role,
          password_hash: user.passwordHash,
          totp_secret: null,
          totp_enabled: toDbBool(dialect, false),
          created_at: toDbTime(dialect, user.createdAt),
          updated_at: toDbTime(dialect, user.updatedAt),
          disabled_at: null,
        })
        .execute();
    },

    async findById(db: Executor, id: string): Promise<StaffRecord | undefined> {
      const row = await db.selectFrom('staff_users').selectAll().where('id', '=', id).executeTakeFirst();
      return row && toRecord(row);
    },

    async findByEmail(db: Executor, email: string): Promise<StaffRecord | undefined> {
      const row = await db
        .selectFrom('staff_users')
        .selectAll()
        .where('email', '=', email)
        .executeTakeFirst();
      return row && toRecord(row);
    },

    async list(db: Executor): Promise<StaffRecord[]> {
      const rows = await db.selectFrom('staff_users').selectAll().orderBy('email').execute();
      return rows.map(toRecord);
    },

    /** Administrators who can sign in: there must always be one left. */
    async countActiveAdministrators(db: Executor): Promise<number> {
      const row = await db
        .selectFrom('staff_users')
        .select((eb) => eb.fn.countAll<number>().as('count'))
        .where('role', '=', 'administrator')
        .where('disabled_at', 'is', null)
        .where('password_hash', 'is not', null)
        .executeTakeFirstOrThrow();
      return Number(row.count);
    },

    async update(db: Executor, id: string, changes: StaffChanges, now: Date): Promise<void> {
      await db
        .updateTable('staff_users')
        .set({
          updated_at: toDbTime(dialect, now),
          ...(changes.name !== undefined ? { name: changes.name } : {}),
          ...(changes.role !== undefined ? { role: changes.role } : {}),
          ...(changes.passwordHash !== undefined ? { password_hash: changes.passwordHash } : {}),
          ...(changes.totpSecret !== undefined ? { totp_secret: changes.totpSecret } : {}),
          ...(changes.isTotpEnabled !== undefined
            ? { totp_enabled: toDbBool(dialect, changes.isTotpEnabled) }
            : {}),
          ...(changes.totpLastStep !== undefined ? { totp_last_step: changes.totpLastStep } : {}),
          ...(changes.disabledAt !== undefined
            ? { disabled_at: toDbTimeOrNull(dialect, changes.disabledAt) }
            : {}),
        })
        .where('id', '=', id)
        .execute();
    },

    /**
     * Records a TOTP step as used, only if it is later than the last one: of two requests with the
     * same code, exactly one wins.
     */
    async claimTotpStep(db: Executor, id: string, step: number): Promise<boolean> {
      const result = await db
        .updateTable('staff_users')
        .set({ totp_last_step: step })
        .where('id', '=', id)
        .where((eb) => eb.or([eb('totp_last_step', 'is', null), eb('totp_last_step', '<', step)]))
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },
  };
}
