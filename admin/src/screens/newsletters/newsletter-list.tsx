import { formatNumber, t } from '../../i18n.ts';
import { Link } from '../../router.tsx';
import { type Newsletter, scheduleText } from './newsletter-types.ts';

const trackingText = (newsletter: Newsletter): string => {
  if (newsletter.track_opens && newsletter.track_clicks) return t('newsletters.trackingBoth');
  if (newsletter.track_opens) return t('newsletters.trackingOpens');
  if (newsletter.track_clicks) return t('newsletters.trackingClicks');
  return t('newsletters.trackingOff');
};

/**
 * The newsletters as a table: name, address (slug), schedule, confirmed subscribers, tracking,
 * and edit, preview and delete for each.
 *
 * @example
 * <NewsletterList newsletters={list} onDelete={remove} />
 */
export function NewsletterList(props: {
  newsletters: Newsletter[];
  onDelete: (newsletter: Newsletter) => void;
}) {
  return (
    <div class="table-wrap">
      <table>
        <caption class="visually-hidden">{t('newsletters.listTitle')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('newsletters.name')}</th>
            <th scope="col">{t('newsletters.slug')}</th>
            <th scope="col">{t('newsletters.schedule')}</th>
            <th scope="col">{t('newsletters.subscribers')}</th>
            <th scope="col">{t('newsletters.tracking')}</th>
            <th scope="col">{t('common.actions')}</th>
          </tr>
        </thead>
        <tbody>
          {props.newsletters.map((newsletter) => (
            <tr key={newsletter.id}>
              <th scope="row">
                {newsletter.name}
                {newsletter.description ? (
                  <span class="newsletter-description">{newsletter.description}</span>
                ) : null}
              </th>
              <td>
                <code>{newsletter.slug}</code>
              </td>
              <td>{scheduleText(newsletter)}</td>
              <td>{formatNumber(newsletter.subscriber_count ?? 0)}</td>
              <td>{trackingText(newsletter)}</td>
              <td>
                <div class="row-actions">
                  <Link class="button button-quiet" href={`/newsletters?edit=${newsletter.id}`}>
                    {t('common.edit')}
                    <span class="visually-hidden"> {newsletter.name}</span>
                  </Link>
                  <Link class="button button-quiet" href={`/newsletters?preview=${newsletter.id}`}>
                    {t('newsletters.preview')}
                    <span class="visually-hidden"> {newsletter.name}</span>
                  </Link>
                  <button
                    type="button"
                    class="button button-danger"
                    onClick={() => props.onDelete(newsletter)}
                  >
                    {t('common.delete')}
                    <span class="visually-hidden"> {newsletter.name}</span>
                  </button>
                </div>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
