/** A line of a dashboard list, as `GET /api/admin/dashboard` sends it. */
export type DashboardArticle = {
  id: string;
  title: string;
  /** The article's language, so that its title is read and shaped in it. */
  language: string;
  status: string;
  published_at: string | null;
  updated_at: string;
};

export type DashboardList = { total: number; articles: DashboardArticle[] };

/** `GET /api/admin/dashboard`: `comments` and `subscribers` are null for a role that may not read them. */
export type Dashboard = {
  drafts: DashboardList & { scope: 'mine' | 'all' };
  scheduled: DashboardList;
  published: DashboardList;
  comments: { pending: number } | null;
  subscribers: { total: number } | null;
};
