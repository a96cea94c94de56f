import { api } from '../../api.ts';
import { Notice } from '../../components/notice.tsx';
import { useLoaded } from '../../components/use-loaded.ts';
import { t } from '../../i18n.ts';
import { useFormAction } from '../settings/form-action.ts';
import { FormResult } from '../settings/form-result.tsx';
import { InviteForm } from './invite-form.tsx';
import type { StaffAccount } from './people-types.ts';
import { StaffTable } from './staff-table.tsx';

/** Staff accounts (administrators only): who can sign in, with which role, and invitations. */
export function StaffSection() {
  const staff = useLoaded(
    (signal) => api<{ staff: StaffAccount[] }>('GET', '/staff', undefined, { signal }),
    [],
  );
  const action = useFormAction();
  return (
    <section class="people-section" aria-labelledby="staff-heading">
      <h2 id="staff-heading">{t('people.staffHeading')}</h2>
      <p class="hint">{t('people.staffIntro')}</p>
      <InviteForm onInvited={staff.reload} />
      <FormResult outcome={action.outcome} />
      {staff.error ? <Notice kind="alert">{staff.error}</Notice> : null}
      {staff.data ? (
        <StaffTable staff={staff.data.staff} action={action} onChanged={staff.reload} />
      ) : staff.isLoading ? (
        <p class="loading">{t('common.loading')}</p>
      ) : null}
    </section>
  );
}
