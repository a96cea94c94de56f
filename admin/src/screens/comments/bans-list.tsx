import { useCallback, useEffect, useState } from 'preact/hooks';
import { ApiError, api } from '../../api.ts';
import { describeError } from '../../components/errors.ts';
import { Field } from '../../components/field.tsx';
import { Notice } from '../../components/notice.tsx';
import { formatDateTime, t } from '../../i18n.ts';
import type { CommentBan } from './comment-types.ts';

/** An IP ban shows the start of the stored hash: enough to tell bans apart, the address is never kept. */
const shown = (ban: CommentBan) => (ban.kind === 'ip' ? `${ban.value.slice(0, 12)}…` : ban.value);

/**
 * Who may not comment: the bans by email or IP hash, lifted one by one, and a form that bans an
 * email address outright.
 */
export function BansList(props: { announce: (message: string) => void }) {
  const { announce } = props;
  const [bans, setBans] = useState<CommentBan[] | null>(null);
  const [error, setError] = useState('');
  const [email, setEmail] = useState('');
  const [reason, setReason] = useState('');
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});

  const load = useCallback(async () => {
    try {
      setBans((await api<{ bans: CommentBan[] }>('GET', '/comments/bans')).bans);
    } catch (caught) {
      setError(describeError(caught));
    }
  }, []);
  useEffect(() => {
    void load();
  }, [load]);

  const unban = async (ban: CommentBan) => {
    try {
      await api('DELETE', `/comments/bans/${ban.id}`);
      announce(t('comments.unbanned', { value: shown(ban) }));
      await load();
    } catch (caught) {
      setError(describeError(caught));
    }
  };

  const banEmail = async (event: Event) => {
    event.preventDefault();
    setFieldErrors({});
    setError('');
    try {
      await api('POST', '/comments/bans', {
        email: email.trim(),
        ...(reason.trim() ? { reason: reason.trim() } : {}),
      });
      announce(t('comments.bannedEmail', { email: email.trim() }));
      setEmail('');
      setReason('');
      await load();
    } catch (caught) {
      if (caught instanceof ApiError && caught.status === 422) setFieldErrors(caught.fields);
      setError(describeError(caught));
    }
  };

  return (
    <section aria-labelledby="bans-heading">
      <h2 id="bans-heading">{t('comments.bansTitle')}</h2>
      {error ? <Notice kind="alert">{error}</Notice> : null}
      <form class="toolbar" onSubmit={banEmail} noValidate>
        <Field
          label={t('comments.banEmailLabel')}
          type="email"
          name="email"
          required
          value={email}
          error={fieldErrors.email}
          onInput={(event) => setEmail((event.target as HTMLInputElement).value)}
        />
        <Field
          label={t('comments.banReason')}
          name="reason"
          value={reason}
          error={fieldErrors.reason}
          onInput={(event) => setReason((event.target as HTMLInputElement).value)}
        />
        <button type="submit" class="button button-danger">
          {t('comments.banSubmit')}
        </button>
      </form>
      {bans === null ? <p class="loading">{t('common.loading')}</p> : null}
      {bans?.length === 0 ? <p>{t('comments.noBans')}</p> : null}
      {bans && bans.length > 0 ? (
        <div class="table-wrap">
          <table>
            <caption class="visually-hidden">{t('comments.bansTitle')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('comments.banKind')}</th>
                <th scope="col">{t('comments.banValue')}</th>
                <th scope="col">{t('comments.banReasonColumn')}</th>
                <th scope="col">{t('comments.banSince')}</th>
                <th scope="col">{t('common.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {bans.map((ban) => (
                <tr key={ban.id}>
                  <td>{ban.kind === 'email' ? t('comments.banKindEmail') : t('comments.banKindIp')}</td>
                  <th scope="row">{shown(ban)}</th>
                  <td>{ban.reason}</td>
                  <td>{formatDateTime(ban.created_at)}</td>
                  <td>
                    <button type="button" class="button button-quiet" onClick={() => void unban(ban)}>
                      {t('comments.unban')}
                      <span class="visually-hidden"> {shown(ban)}</span>
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </section>
  );
}
