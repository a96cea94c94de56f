import { useState } from 'preact/hooks';
import { api } from '../../api.ts';
import { Notice } from '../../components/notice.tsx';
import { SelectField } from '../../components/select-field.tsx';
import { useLoaded } from '../../components/use-loaded.ts';
import { formatDateTime, formatNumber, t } from '../../i18n.ts';
import type { OutboxPage, OutboxStatus } from './mail-types.ts';

const statuses: OutboxStatus[] = ['pending', 'sending', 'sent', 'failed'];
const statusWord = (status: OutboxStatus) => t(`settings.outbox_${status}`);

/**
 * The outbox, newest first, 50 a page: to whom, about what, how it went. Bodies are never shown
 * (the API does not send them): reset and sign-in links live there.
 */
export function OutboxView(props: { round: number }) {
  const [status, setStatus] = useState<OutboxStatus | ''>('');
  const [page, setPage] = useState(1);
  const outbox = useLoaded(
    (signal) =>
      api<OutboxPage>('GET', `/mail/outbox?page=${page}${status ? `&status=${status}` : ''}`, undefined, {
        signal,
      }),
    [status, page, props.round],
  );
  const messages = outbox.data?.messages ?? [];
  const pagination = outbox.data?.meta.pagination;

  return (
    <section class="settings-outbox" aria-labelledby="outbox-heading">
      <h3 id="outbox-heading">{t('settings.outboxHeading')}</h3>
      <div class="toolbar">
        <SelectField
          label={t('settings.outboxStatus')}
          value={status}
          options={[
            { value: '', label: t('common.all') },
            ...statuses.map((value) => ({ value, label: statusWord(value) })),
          ]}
          onChange={(value) => {
            setStatus(value as OutboxStatus | '');
            setPage(1);
          }}
        />
        <button type="button" class="button button-quiet" onClick={outbox.reload}>
          {t('settings.outboxRefresh')}
        </button>
      </div>
      {outbox.error ? <Notice kind="alert">{outbox.error}</Notice> : null}
      {outbox.data && messages.length === 0 ? <p>{t('settings.outboxEmpty')}</p> : null}
      {messages.length > 0 ? (
        <div class="table-wrap">
          <table>
            <caption class="visually-hidden">{t('settings.outboxHeading')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('settings.outboxCreated')}</th>
                <th scope="col">{t('settings.outboxTo')}</th>
                <th scope="col">{t('settings.outboxSubject')}</th>
                <th scope="col">{t('settings.outboxStatus')}</th>
                <th scope="col">{t('settings.outboxAttempts')}</th>
                <th scope="col">{t('settings.outboxSent')}</th>
                <th scope="col">{t('settings.outboxError')}</th>
              </tr>
            </thead>
            <tbody>
              {messages.map((message) => (
                <tr key={message.id}>
                  <td>{formatDateTime(message.created_at)}</td>
                  <td>
                    <bdi>{message.to}</bdi>
                  </td>
                  <th scope="row">{message.subject}</th>
                  <td>
                    <span class={`badge outbox-${message.status}`}>{statusWord(message.status)}</span>
                  </td>
                  <td>{formatNumber(message.attempts)}</td>
                  <td>{formatDateTime(message.sent_at)}</td>
                  <td class="outbox-error">{message.last_error ?? ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {pagination && (pagination.prev !== null || pagination.next !== null) ? (
        <nav class="toolbar" aria-label={t('settings.outboxPages')}>
          <button
            type="button"
            class="button button-quiet"
            disabled={pagination.prev === null}
            onClick={() => pagination.prev !== null && setPage(pagination.prev)}
          >
            {t('common.previousPage')}
          </button>
          <span>{t('settings.outboxPage', { page: formatNumber(pagination.page) })}</span>
          <button
            type="button"
            class="button button-quiet"
            disabled={pagination.next === null}
            onClick={() => pagination.next !== null && setPage(pagination.next)}
          >
            {t('common.nextPage')}
          </button>
        </nav>
      ) : null}
    </section>
  );
}
