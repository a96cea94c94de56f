import type { ArticleStatus, ArticleView } from '../articles/article.ts';

/** How many lines each of the dashboard's short lists holds. */
export const DASHBOARD_LIST_SIZE = 5;

/** A line of one of the dashboard's lists: enough to name an article and link to it. */
export type DashboardArticle = Pick<
  ArticleView,
  'id' | 'title' | 'language' | 'status' | 'publishedAt' | 'updatedAt'
>;

/** A count and the first few articles it counts. */
export type DashboardList = { total: number; articles: DashboardArticle[] };

/**
 * What the newsroom's first screen shows. `drafts.scope` says whose drafts were counted: `mine`
 * below editor, `all` from editor up. `comments` and `subscribers` are null for a role that may
 * not read them.
 */
export type Dashboard = {
  drafts: DashboardList & { scope: 'mine' | 'all' };
  scheduled: DashboardList;
  published: DashboardList;
  comments: { pending: number } | null;
  subscribers: { total: number } | null;
};

const articleJson = (article: DashboardArticle) => ({
  id: article.id,
  title: article.title,
  language: article.language,
  status: article.status satisfies ArticleStatus,
  published_at: article.publishedAt?.toISOString() ?? null,
  updated_at: article.updatedAt.toISOString(),
});

const listJson = (list: DashboardList) => ({ total: list.total, articles: list.articles.map(articleJson) });

/**
 * The dashboard as the Admin API shows it (snake_case, ISO times).
 *
 * @example
 * reply.send({ dashboard: dashboardJson(await dashboard.summary()) });
 */
export const dashboardJson = (dashboard: Dashboard) => ({
  drafts: { scope: dashboard.drafts.scope, ...listJson(dashboard.drafts) },
  scheduled: listJson(dashboard.scheduled),
  published: listJson(dashboard.published),
  comments: dashboard.comments,
  subscribers: dashboard.subscribers,
});
