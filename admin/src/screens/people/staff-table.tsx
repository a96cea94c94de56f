import { api } from '../../api.ts';
import { formatDateTime, t } from '../../i18n.ts';
import { type StaffRole, useSession } from '../../session.tsx';
import type { useFormAction } from '../settings/form-action.ts';
import type { StaffAccount } from './people-types.ts';
import { roleName, roleOptions } from './role-options.ts';

type FormAction = ReturnType<typeof useFormAction>;

const statusOf = (member: StaffAccount): string => {
  if (member.disabled_at) return t('people.statusDisabled');
  if (member.is_pending) return t('people.statusPending');
  return t('people.statusActive');
};

/**
 * The staff accounts: role (changed in place), two-factor, whether active, invited or disabled, and
 * what an administrator may do to each. The signed-in administrator cannot demote or disable
 * themselves here (the API also keeps one administrator at least).
 */
export function StaffTable(props: { staff: StaffAccount[]; action: FormAction; onChanged: () => void }) {
  const { session } = useSession();
  const { action } = props;
  const who = (member: StaffAccount) => member.name || member.email;

  const change = (work: () => Promise<unknown>, done: string) =>
    action.run(async () => {
      await work();
      props.onChanged();
      return done;
    });

  const setRole = (member: StaffAccount, role: StaffRole) =>
    change(
      () => api('PATCH', `/staff/${member.id}`, { staff: [{ role }] }),
      t('people.roleChanged', { name: who(member), role: roleName(role) }),
    );
  const disable = (member: StaffAccount) => {
    const question = member.is_pending
      ? t('people.confirmCancelInvitation', { email: member.email })
      : t('people.confirmDisable', { name: who(member) });
    if (!confirm(question)) return;
    void change(
      () => api('DELETE', `/staff/${member.id}`),
      member.is_pending
        ? t('people.invitationCancelled', { email: member.email })
        : t('people.disabled', { name: who(member) }),
    );
  };
  const enable = (member: StaffAccount) =>
    change(
      () => api('PATCH', `/staff/${member.id}`, { staff: [{ disabled: false }] }),
      t('people.enabled', { name: who(member) }),
    );
  const resend = (member: StaffAccount) =>
    change(
      () => api('POST', '/invitations', { invitations: [{ email: member.email, role: member.role }] }),
      t('people.invited', { email: member.email }),
    );

  return (
    <div class="table-wrap">
      <table>
        <caption class="visually-hidden">{t('people.staffCaption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('people.name')}</th>
            <th scope="col">{t('people.email')}</th>
            <th scope="col">{t('people.role')}</th>
            <th scope="col">{t('people.twoFactor')}</th>
            <th scope="col">{t('people.status')}</th>
            <th scope="col">{t('common.actions')}</th>
          </tr>
        </thead>
        <tbody>
          {props.staff.map((member) => {
            const isSelf = member.id === session.staff.id;
            return (
              <tr key={member.id}>
                <th scope="row">{member.name || <span class="hint">{t('people.noNameYet')}</span>}</th>
                <td>{member.email}</td>
                <td>
                  <label class="visually-hidden" for={`role-${member.id}`}>
                    {t('people.roleOf', { name: who(member) })}
                  </label>
                  <select
                    id={`role-${member.id}`}
                    value={member.role}
                    disabled={isSelf || action.isBusy || member.disabled_at !== null}
                    onChange={(event) =>
                      void setRole(member, (event.target as HTMLSelectElement).value as StaffRole)
                    }
                  >
                    {roleOptions().map((option) => (
                      <option key={option.value} value={option.value}>
                        {option.label}
                      </option>
                    ))}
                  </select>
                </td>
                <td>
                  <span class="badge">{member.totp_enabled ? t('people.totpOn') : t('people.totpOff')}</span>
                </td>
                <td>
                  <span class={`badge people-status${member.disabled_at ? ' is-off' : ''}`}>
                    {statusOf(member)}
                  </span>
                  <span class="hint people-since">
                    {t('people.since', { date: formatDateTime(member.disabled_at ?? member.created_at) })}
                  </span>
                </td>
                <td>
                  <div class="people-actions">
                    {isSelf ? (
                      <span class="hint">{t('people.you')}</span>
                    ) : member.disabled_at ? (
                      <button
                        type="button"
                        class="button button-quiet"
                        disabled={action.isBusy}
                        onClick={() => void enable(member)}
                      >
                        {t('people.enable')}
                        <span class="visually-hidden"> {who(member)}</span>
                      </button>
                    ) : (
                      <>
                        {member.is_pending ? (
                          <button
                            type="button"
                            class="button button-quiet"
                            disabled={action.isBusy}
                            onClick={() => void resend(member)}
                          >
                            {t('people.resend')}
                            <span class="visually-hidden"> {member.email}</span>
                          </button>
                        ) : null}
                        <button
                          type="button"
                          class="button button-danger"
                          disabled={action.isBusy}
                          onClick={() => disable(member)}
                        >
                          {member.is_pending ? t('people.cancelInvitation') : t('people.disable')}
                          <span class="visually-hidden"> {who(member)}</span>
                        </button>
                      </>
                    )}
                  </div>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
