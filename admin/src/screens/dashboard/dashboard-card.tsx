import type { ComponentChildren } from 'preact';
import { useId } from 'preact/hooks';
import { formatDateTime, formatNumber, t } from '../../i18n.ts';
import { Link } from '../../router.tsx';
import type { DashboardArticle } from './dashboard-types.ts';

/**
 * One card of the dashboard: a heading, a big count with its words, and whatever follows (a short
 * list, a link). The section is named by its heading for screen-reader landmarks.
 *
 * @example
 * <DashboardCard title={t('dashboard.pendingComments')} count={3} countLabel={t('dashboard.commentWord', { count: 3 })}>…</DashboardCard>
 */
export function DashboardCard(props: {
  title: string;
  count: number;
  /** The words after the number, in the plural the count asks for ("drafts"). */
  countLabel: string;
  children?: ComponentChildren;
}) {
  const headingId = useId();
  return (
    <section class="card dashboard-card" aria-labelledby={headingId}>
      <h2 id={headingId}>{props.title}</h2>
      <p class="dashboard-count">
        <span class="dashboard-number">{formatNumber(props.count)}</span>
        <span class="dashboard-count-words">{props.countLabel}</span>
      </p>
      {props.children}
    </section>
  );
}

/**
 * A short list of articles, each linking to the editor, with the time that matters for the list
 * (when it will or did go out, or when it was last changed); `empty` when there is none.
 */
export function ArticleLines(props: {
  articles: DashboardArticle[];
  time: 'published' | 'updated';
  empty: string;
}) {
  if (props.articles.length === 0) return <p class="hint">{props.empty}</p>;
  return (
    <ul class="dashboard-lines">
      {props.articles.map((article) => {
        const iso = props.time === 'published' ? article.published_at : article.updated_at;
        return (
          <li key={article.id}>
            <Link href={`/articles/${article.id}`} lang={article.language} dir="auto">
              {article.title || t('dashboard.untitled')}
            </Link>
            {iso ? (
              <time class="hint" dateTime={iso}>
                {props.time === 'published'
                  ? formatDateTime(iso)
                  : t('dashboard.updatedAt', { time: formatDateTime(iso) })}
              </time>
            ) : null}
          </li>
        );
      })}
    </ul>
  );
}
