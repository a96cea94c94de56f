import { useCallback, useEffect, useId, useState } from 'preact/hooks';
import { api } from '../api.ts';
import { describeError } from '../components/errors.ts';
import { Field } from '../components/field.tsx';
import { Notice } from '../components/notice.tsx';
import { formatNumber, t } from '../i18n.ts';
import { navigate } from '../router.tsx';
import type { RouteProps } from '../routes.tsx';
import type { Pagination } from './comments/comment-types.ts';
import { Pager } from './comments/pager.tsx';
import { ExportButton } from './subscribers/export-button.tsx';
import { ImportPanel } from './subscribers/import-panel.tsx';
import { SendStatus } from './subscribers/send-status.tsx';
import { SubscriberTable } from './subscribers/subscriber-table.tsx';
import type { Subscriber } from './subscribers/subscriber-types.ts';
import { useNewsletterNames } from './subscribers/use-newsletter-names.ts';
import './comments/list-controls.css';
import './subscribers/subscribers.css';

const PAGE_SIZE = 25;

type Filter = { q: string; newsletter: string; page: number };

const pathOf = (filter: Filter) => {
  const query = new URLSearchParams();
  if (filter.q) query.set('q', filter.q);
  if (filter.newsletter) query.set('newsletter', filter.newsletter);
  if (filter.page > 1) query.set('page', String(filter.page));
  const text = query.toString();
  return text ? `/subscribers?${text}` : '/subscribers';
};

/**
 * Subscribers: search and list them (with their newsletters and status), delete one, export all
 * as CSV, import a CSV with a progress bar, and follow the newsletter sends. The search lives in
 * the query string.
 */
export function SubscribersScreen(props: RouteProps) {
  const filter: Filter = {
    q: props.query.get('q') ?? '',
    newsletter: props.query.get('newsletter') ?? '',
    page: Math.max(1, Number.parseInt(props.query.get('page') ?? '1', 10) || 1),
  };
  const newsletters = useNewsletterNames();
  const newsletterId = useId();
  const [q, setQ] = useState(filter.q);
  const [newsletter, setNewsletter] = useState(filter.newsletter);
  const [list, setList] = useState<{ subscribers: Subscriber[]; pagination: Pagination } | null>(null);
  const [error, setError] = useState('');
  const [message, setMessage] = useState('');

  const load = useCallback(async () => {
    try {
      const query = new URLSearchParams({ page: String(filter.page), limit: String(PAGE_SIZE) });
      if (filter.q) query.set('q', filter.q);
      if (filter.newsletter) query.set('newsletter', filter.newsletter);
      const answer = await api<{ subscribers: Subscriber[]; meta: { pagination: Pagination } }>(
        'GET',
        `/subscribers?${query}`,
      );
      setList({ subscribers: answer.subscribers, pagination: answer.meta.pagination });
      setError('');
    } catch (caught) {
      setError(describeError(caught));
    }
  }, [filter.q, filter.newsletter, filter.page]);

  useEffect(() => {
    void load();
  }, [load]);

  const search = (event: Event) => {
    event.preventDefault();
    navigate(pathOf({ q: q.trim(), newsletter, page: 1 }), { replace: true });
  };

  const remove = async (subscriber: Subscriber) => {
    if (!confirm(t('common.confirmDelete', { name: subscriber.email }))) return;
    try {
      await api('DELETE', `/subscribers/${subscriber.id}`);
      await load();
      setMessage(t('subscribers.deleted', { email: subscriber.email }));
    } catch (caught) {
      setError(describeError(caught));
    }
  };

  return (
    <div class="subscribers">
      <h1>{t('subscribers.title')}</h1>
      <div class="toolbar subscribers-toolbar">
        <search aria-label={t('subscribers.searchTitle')}>
          <form class="toolbar" onSubmit={search}>
            <Field
              label={t('subscribers.search')}
              hint={t('subscribers.searchHint')}
              type="search"
              name="q"
              value={q}
              onInput={(event) => setQ((event.target as HTMLInputElement).value)}
            />
            <div class="field">
              <label for={newsletterId}>{t('subscribers.newsletterFilter')}</label>
              <select
                id={newsletterId}
                value={newsletter}
                onChange={(event) => setNewsletter((event.target as HTMLSelectElement).value)}
              >
                <option value="">{t('subscribers.allNewsletters')}</option>
                {newsletters.map((n) => (
                  <option value={n.slug} key={n.id}>
                    {n.name}
                  </option>
                ))}
              </select>
            </div>
            <button type="submit" class="button button-primary">
              {t('common.search')}
            </button>
          </form>
        </search>
        <ExportButton />
      </div>
      {message ? <Notice kind="status">{message}</Notice> : null}
      {error ? <Notice kind="alert">{error}</Notice> : null}
      <section aria-labelledby="list-heading">
        <h2 id="list-heading">
          {t('subscribers.listTitle')}
          {list ? (
            <span class="subscribers-total">
              {' '}
              (
              {t('subscribers.total', {
                count: list.pagination.total,
                total: formatNumber(list.pagination.total),
              })}
              )
            </span>
          ) : null}
        </h2>
        {list === null && !error ? <p class="loading">{t('common.loading')}</p> : null}
        {list?.subscribers.length === 0 ? (
          <p>{filter.q || filter.newsletter ? t('subscribers.noMatch') : t('subscribers.none')}</p>
        ) : null}
        {list && list.subscribers.length > 0 ? (
          <SubscriberTable
            subscribers={list.subscribers}
            newsletters={newsletters}
            onDelete={(subscriber) => void remove(subscriber)}
          />
        ) : null}
        {list ? (
          <Pager
            page={filter.page}
            pages={list.pagination.pages}
            label={t('subscribers.pagination')}
            onPage={(page) => navigate(pathOf({ ...filter, page }), { replace: true })}
          />
        ) : null}
      </section>
      <ImportPanel newsletters={newsletters} onImported={() => void load()} />
      <SendStatus />
    </div>
  );
}
