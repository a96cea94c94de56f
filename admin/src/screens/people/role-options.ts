import type { SelectOption } from '../../components/select-field.tsx';
import { t } from '../../i18n.ts';
import type { StaffRole } from '../../session.tsx';
import { staffRoles } from './people-types.ts';

/** A role in the newsroom's language ("Editor", "محرر"). */
export const roleName = (role: StaffRole): string =>
  t(`common.role${role[0]?.toUpperCase()}${role.slice(1)}`);

/** The four roles, least trusted first, as select options. */
export const roleOptions = (): SelectOption[] =>
  staffRoles.map((role) => ({ value: role, label: roleName(role) }));
