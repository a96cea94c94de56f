import { useCallback, useState } from 'preact/hooks';
import { Notice } from '../components/notice.tsx';
import { t } from '../i18n.ts';
import { Link, navigate } from '../router.tsx';
import type { RouteProps } from '../routes.tsx';
import { BansList } from './comments/bans-list.tsx';
import { isQueue, type Queue, type View } from './comments/comment-types.ts';
import { ModerationQueue } from './comments/moderation-queue.tsx';
import { QueueNav } from './comments/queue-nav.tsx';
import './comments/comments.css';
import './comments/list-controls.css';

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The keys of the queue, shown on screen as they work. */
function Shortcuts() {
  const keys: [string[], string][] = [
    [['↓', 'j'], t('comments.shortcutNext')],
    [['↑', 'k'], t('comments.shortcutPrevious')],
    [['a'], t('comments.approve')],
    [['r'], t('comments.rejectLong')],
    [['s'], t('comments.spam')],
  ];
  return (
    <div class="shortcuts">
      <span class="label">{t('comments.shortcutsTitle')}</span>
      <dl>
        {keys.map(([names, meaning]) => (
          <div key={meaning}>
            <dt>
              {names.map((name, index) => (
                <span key={name}>
                  {index > 0 ? ` ${t('comments.or')} ` : null}
                  <kbd>{name}</kbd>
                </span>
              ))}
            </dt>
            <dd>{meaning}</dd>
          </div>
        ))}
      </dl>
    </div>
  );
}

/**
 * Comment moderation (Coral-like): the queues (pending, reported, spam, approved, trash) with why
 * each comment was held, decisions one by one from the keyboard or in bulk, featuring, staff
 * replies and bans. The queue, article and page live in the query string.
 */
export function CommentsScreen(props: RouteProps) {
  const asked = props.query.get('status');
  const view: View = asked === 'bans' ? 'bans' : isQueue(asked) ? asked : 'pending';
  const articleParam = props.query.get('article');
  const article = articleParam && uuid.test(articleParam) ? articleParam : null;
  const page = Math.max(1, Number.parseInt(props.query.get('page') ?? '1', 10) || 1);
  const [counts, setCounts] = useState<Partial<Record<Queue, number>>>({});
  const [message, setMessage] = useState({ text: '', serial: 0 });

  // A fresh node for each message makes screen readers announce the same words twice in a row.
  const announce = useCallback((text: string) => setMessage((was) => ({ text, serial: was.serial + 1 })), []);
  const go = (changes: { page?: number }) => {
    const query = new URLSearchParams({ status: view, page: String(changes.page ?? page) });
    if (article) query.set('article', article);
    navigate(`/comments?${query}`, { replace: true });
  };

  return (
    <div class="moderation">
      <h1>{t('comments.title')}</h1>
      <p class="hint">{t('comments.intro')}</p>
      <Shortcuts />
      <QueueNav view={view} counts={counts} article={article} />
      {article ? (
        <p>
          {t('comments.filteredByArticle')}{' '}
          <Link href={`/comments?status=${view}`}>{t('comments.allArticles')}</Link>
        </p>
      ) : null}
      <div class="moderation-status">
        <Notice kind="status">
          {message.text ? <span key={message.serial}>{message.text}</span> : null}
        </Notice>
      </div>
      {view === 'bans' ? (
        <BansList announce={announce} />
      ) : (
        <ModerationQueue
          queue={view}
          article={article}
          page={page}
          onPage={(next) => go({ page: next })}
          announce={announce}
          onCounts={setCounts}
        />
      )}
    </div>
  );
}
