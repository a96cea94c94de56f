import { formatDateTime, t } from '../../i18n.ts';
import type { NewsletterName, Subscriber } from './subscriber-types.ts';

const statusOf = (subscriber: Subscriber): string => {
  if (subscriber.suppressed) return t(`subscribers.suppressed_${subscriber.suppressed}`);
  return subscriber.confirmed_at ? t('subscribers.confirmed') : t('subscribers.unconfirmed');
};

/**
 * Subscribers as a table: email, name, status (confirmed, waiting, or why mail is held back),
 * newsletters, since when, and a delete button each.
 *
 * @example
 * <SubscriberTable subscribers={list} newsletters={newsletters} onDelete={remove} />
 */
export function SubscriberTable(props: {
  subscribers: Subscriber[];
  newsletters: NewsletterName[];
  onDelete: (subscriber: Subscriber) => void;
}) {
  const names = new Map(props.newsletters.map((n) => [n.slug, n.name]));
  return (
    <div class="table-wrap">
      <table class="subscriber-table">
        <caption class="visually-hidden">{t('subscribers.listTitle')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('subscribers.email')}</th>
            <th scope="col">{t('subscribers.name')}</th>
            <th scope="col">{t('subscribers.status')}</th>
            <th scope="col">{t('subscribers.newsletters')}</th>
            <th scope="col">{t('subscribers.created')}</th>
            <th scope="col">{t('common.actions')}</th>
          </tr>
        </thead>
        <tbody>
          {props.subscribers.map((subscriber) => (
            <tr key={subscriber.id}>
              <th scope="row" class="subscriber-email">
                {subscriber.email}
              </th>
              <td>{subscriber.name}</td>
              <td>
                <span class={`badge${subscriber.suppressed ? ' badge-held' : ''}`}>
                  {statusOf(subscriber)}
                </span>
              </td>
              <td>
                {subscriber.newsletters.length === 0
                  ? t('subscribers.noNewsletter')
                  : subscriber.newsletters.map((slug) => names.get(slug) ?? slug).join(', ')}
              </td>
              <td>
                <time dateTime={subscriber.created_at}>{formatDateTime(subscriber.created_at)}</time>
              </td>
              <td>
                <button type="button" class="button button-danger" onClick={() => props.onDelete(subscriber)}>
                  {t('common.delete')}
                  <span class="visually-hidden"> {subscriber.email}</span>
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
