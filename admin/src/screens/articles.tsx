import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import { api } from '../api.ts';
import { describeError } from '../components/errors.ts';
import { Notice } from '../components/notice.tsx';
import { Pagination } from '../components/pagination.tsx';
import { useApiGet } from '../components/use-api-get.ts';
import { t } from '../i18n.ts';
import { Link, navigate } from '../router.tsx';
import type { RouteProps } from '../routes.tsx';
import { useSession } from '../session.tsx';
import { ArticleFilterBar } from './articles/article-filters.tsx';
import {
  type ArticleFilters,
  apiPath,
  filtersFrom,
  isFiltered,
  screenPath,
} from './articles/article-query.ts';
import { ArticleTable } from './articles/article-table.tsx';
import type { ArticleList, ListedArticle, Named } from './articles/article-types.ts';
import './articles/articles.css';

type Message = { kind: 'status' | 'alert'; text: string };

/**
 * Every article, newest change first, filtered by status, category, byline and text (the filters
 * live in the address, so a reload or a shared link keeps them), a page at a time.
 */
export function ArticleListScreen(props: RouteProps) {
  const { session } = useSession();
  const filters = filtersFrom(props.query);
  const list = useApiGet<ArticleList>(apiPath(filters));
  const categories = useApiGet<{ categories: Named[] }>('/categories?limit=100');
  const people = useApiGet<{ people: Named[] }>('/people?limit=100');
  const [message, setMessage] = useState<Message | null>(null);

  const show = (next: ArticleFilters) => {
    setMessage(null);
    navigate(screenPath(next), { replace: true });
  };

  const remove = async (article: ListedArticle) => {
    if (!confirm(t('common.confirmDelete', { name: article.title }))) return;
    try {
      await api('DELETE', `/articles/${article.id}`);
      setMessage({ kind: 'status', text: t('articles.deleted', { title: article.title }) });
      list.reload();
    } catch (error) {
      setMessage({ kind: 'alert', text: describeError(error) });
    }
  };

  return (
    <>
      <div class="article-heading">
        <h1>{t('common.navArticles')}</h1>
        <Link href="/articles/new" class="button button-primary">
          {t('articles.newArticle')}
        </Link>
      </div>
      <ArticleFilterBar
        filters={filters}
        categories={categories.state.status === 'ready' ? categories.state.data.categories : []}
        people={people.state.status === 'ready' ? people.state.data.people : []}
        onChange={show}
      />
      {message ? <Notice kind={message.kind}>{message.text}</Notice> : null}
      {list.state.status === 'loading' ? <p class="loading">{t('common.loading')}</p> : null}
      {list.state.status === 'error' ? <Notice kind="alert">{describeError(list.state.error)}</Notice> : null}
      {list.state.status === 'ready' ? (
        <ListBody
          result={list.state.data}
          filters={filters}
          table={
            <ArticleTable
              articles={list.state.data.articles}
              me={session.staff}
              onDelete={(article) => void remove(article)}
            />
          }
          onPage={(page) => show({ ...filters, page })}
        />
      ) : null}
    </>
  );
}

function ListBody(props: {
  result: ArticleList;
  filters: ArticleFilters;
  table: ComponentChildren;
  onPage: (page: number) => void;
}) {
  const { result, filters } = props;
  if (result.articles.length === 0) {
    return isFiltered(filters) ? (
      <p class="article-empty">
        {t('articles.noMatch')} <Link href="/articles">{t('articles.clearFilters')}</Link>
      </p>
    ) : (
      <p class="article-empty">{t('articles.empty')}</p>
    );
  }
  const { total } = result.meta.pagination;
  return (
    <>
      <p class="hint" role="status">
        {t('articles.count', { count: total })}
      </p>
      {props.table}
      <Pagination
        label={t('articles.pagination')}
        pagination={result.meta.pagination}
        onPage={props.onPage}
      />
    </>
  );
}
