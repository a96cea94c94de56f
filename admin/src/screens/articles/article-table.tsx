import { formatDateTime, t } from '../../i18n.ts';
import { Link } from '../../router.tsx';
import type { Staff } from '../../session.tsx';
import { canDelete } from './article-permissions.ts';
import type { ListedArticle } from './article-types.ts';

/** The status, with the time it goes out (scheduled) or went out (published). */
function StatusCell({ article }: { article: ListedArticle }) {
  const time = article.published_at;
  const isTimed = (article.status === 'scheduled' || article.status === 'published') && time;
  return (
    <div>
      <span class={`badge article-status article-status-${article.status}`}>
        {t(`articles.status_${article.status}`)}
      </span>
      {isTimed ? (
        <time class="hint article-time" dateTime={time}>
          {t(article.status === 'scheduled' ? 'articles.scheduledFor' : 'articles.publishedAt', {
            time: formatDateTime(time),
          })}
        </time>
      ) : null}
    </div>
  );
}

/** Who started the article: "You", a colleague's name, or "API or import" when no staff member did. */
function creatorOf(article: ListedArticle, me: Staff): string {
  if (article.created_by === null) return t('articles.createdBySystem');
  if (article.created_by.id === me.id) return t('articles.createdByYou');
  return article.created_by.name;
}

/**
 * The article list: each title opens the editor; a delete button where the role may delete.
 * Every cell carries its column's name (`data-label`) for the narrow layout, where rows stack.
 */
export function ArticleTable(props: {
  articles: ListedArticle[];
  me: Staff;
  onDelete: (article: ListedArticle) => void;
}) {
  const { me } = props;
  const columns = {
    title: t('articles.title'),
    status: t('articles.status'),
    category: t('articles.category'),
    authors: t('articles.authors'),
    updated: t('articles.updated'),
    createdBy: t('articles.createdBy'),
    actions: t('common.actions'),
  };
  return (
    <div class="table-wrap">
      <table class="article-table">
        <caption class="visually-hidden">{t('articles.tableCaption')}</caption>
        <thead>
          <tr>
            {Object.values(columns).map((name) => (
              <th scope="col" key={name}>
                {name}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {props.articles.map((article) => (
            <tr key={article.id}>
              <th scope="row" data-label={columns.title}>
                <Link href={`/articles/${article.id}`} lang={article.language} dir="auto">
                  {article.title || t('articles.untitled')}
                </Link>
              </th>
              <td data-label={columns.status}>
                <StatusCell article={article} />
              </td>
              <td data-label={columns.category}>{article.primary_category?.name ?? '—'}</td>
              <td data-label={columns.authors}>
                {article.authors.length > 0 ? article.authors.map((person) => person.name).join(', ') : '—'}
              </td>
              <td data-label={columns.updated}>
                <time dateTime={article.updated_at}>{formatDateTime(article.updated_at)}</time>
              </td>
              <td data-label={columns.createdBy}>{creatorOf(article, me)}</td>
              <td data-label={columns.actions}>
                {canDelete(me, article) ? (
                  <button
                    type="button"
                    class="button button-danger"
                    aria-label={t('articles.deleteNamed', { title: article.title })}
                    onClick={() => props.onDelete(article)}
                  >
                    {t('common.delete')}
                  </button>
                ) : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
