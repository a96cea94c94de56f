import { useEffect, useState } from 'preact/hooks';
import { api } from '../../api.ts';
import { describeError } from '../../components/errors.ts';
import { Notice } from '../../components/notice.tsx';
import { formatDateTime, formatNumber, t } from '../../i18n.ts';
import type { SendProgress } from './subscriber-types.ts';

/** How often a running send is asked about again. */
export const REFRESH_MS = 3000;

/** Deliveries no longer waiting: sent, failed, bounced or skipped (suppressed since planning). */
const handled = (send: SendProgress) => send.counts.total - send.counts.queued - send.counts.sending;

function SendRow(props: { send: SendProgress }) {
  const { send } = props;
  const { counts } = send;
  const subjectId = `send-${send.id}-subject`;
  const done = handled(send);
  const percent = counts.total === 0 ? 100 : Math.round((done / counts.total) * 100);
  return (
    <tr>
      <td>{send.newsletter.name}</td>
      <th scope="row" id={subjectId}>
        {send.subject}
      </th>
      <td>
        <time dateTime={send.created_at}>{formatDateTime(send.created_at)}</time>
      </td>
      <td>
        <span class="badge">
          {send.state === 'done' ? t('subscribers.sendDone') : t('subscribers.sendRunning')}
        </span>
      </td>
      <td>
        <div class="send-progress">
          <progress
            max={Math.max(counts.total, 1)}
            value={counts.total === 0 ? 1 : done}
            aria-labelledby={subjectId}
            aria-valuetext={t('subscribers.sendHandled', {
              done: formatNumber(done),
              total: formatNumber(counts.total),
              percent,
            })}
          />
          <span>
            {t('subscribers.sendHandled', {
              done: formatNumber(done),
              total: formatNumber(counts.total),
              percent,
            })}
          </span>
          <span class="send-counts">
            {t('subscribers.sendCounts', {
              sent: formatNumber(counts.sent),
              failed: formatNumber(counts.failed),
              bounced: formatNumber(counts.bounced),
              skipped: formatNumber(counts.skipped),
              waiting: formatNumber(counts.queued + counts.sending),
            })}
          </span>
        </div>
      </td>
    </tr>
  );
}

/**
 * The latest newsletter sends and how far each got; while one is still sending, the list asks the
 * API again every few seconds.
 */
export function SendStatus() {
  const [sends, setSends] = useState<SendProgress[] | null>(null);
  const [error, setError] = useState('');
  const [tick, setTick] = useState(0);

  useEffect(() => {
    let isCurrent = true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    api<{ newsletter_sends: SendProgress[] }>('GET', '/newsletter-sends?limit=20')
      .then(({ newsletter_sends: found }) => {
        if (!isCurrent) return;
        setSends(found);
        setError('');
        if (found.some((send) => send.state === 'sending'))
          timer = setTimeout(() => setTick((n) => n + 1), REFRESH_MS);
      })
      .catch((caught) => {
        if (isCurrent) setError(describeError(caught));
      });
    return () => {
      isCurrent = false;
      clearTimeout(timer);
    };
  }, [tick]);

  return (
    <section aria-labelledby="sends-heading" class="send-status">
      <h2 id="sends-heading">{t('subscribers.sendsTitle')}</h2>
      {error ? <Notice kind="alert">{error}</Notice> : null}
      {sends === null && !error ? <p class="loading">{t('common.loading')}</p> : null}
      {sends?.length === 0 ? <p>{t('subscribers.noSends')}</p> : null}
      {sends && sends.length > 0 ? (
        <div class="table-wrap">
          <table>
            <caption class="visually-hidden">{t('subscribers.sendsTitle')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('subscribers.sendNewsletter')}</th>
                <th scope="col">{t('subscribers.sendSubject')}</th>
                <th scope="col">{t('subscribers.sendStarted')}</th>
                <th scope="col">{t('subscribers.sendState')}</th>
                <th scope="col">{t('subscribers.sendProgress')}</th>
              </tr>
            </thead>
            <tbody>
              {sends.map((send) => (
                <SendRow send={send} key={send.id} />
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </section>
  );
}
