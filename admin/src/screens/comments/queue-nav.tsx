import { formatNumber, t } from '../../i18n.ts';
import { Link } from '../../router.tsx';
import { type Queue, queues, type View } from './comment-types.ts';

/**
 * The queues as links (`?status=`), each with how many comments wait in it, and the bans.
 *
 * @example
 * <QueueNav view="pending" counts={{ pending: 3 }} article={null} />
 */
export function QueueNav(props: {
  view: View;
  counts: Partial<Record<Queue, number>>;
  article: string | null;
}) {
  const suffix = props.article ? `&article=${props.article}` : '';
  return (
    <nav class="queue-nav" aria-label={t('comments.queues')}>
      <ul>
        {queues.map((queue) => {
          const count = props.counts[queue];
          return (
            <li key={queue}>
              <Link
                href={`/comments?status=${queue}${suffix}`}
                aria-current={props.view === queue ? 'page' : undefined}
              >
                {t(`comments.queue_${queue}`)}
                {count === undefined ? null : <span class="queue-count"> {formatNumber(count)}</span>}
              </Link>
            </li>
          );
        })}
        <li>
          <Link href="/comments?status=bans" aria-current={props.view === 'bans' ? 'page' : undefined}>
            {t('comments.queue_bans')}
          </Link>
        </li>
      </ul>
    </nav>
  );
}
