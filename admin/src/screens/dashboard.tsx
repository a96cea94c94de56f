import { describeError } from '../components/errors.ts';
import { Notice } from '../components/notice.tsx';
import { useApiGet } from '../components/use-api-get.ts';
import { t } from '../i18n.ts';
import { Link } from '../router.tsx';
import type { RouteProps } from '../routes.tsx';
import { useSession } from '../session.tsx';
import { ArticleLines, DashboardCard } from './dashboard/dashboard-card.tsx';
import type { Dashboard } from './dashboard/dashboard-types.ts';
import './dashboard/dashboard.css';

/**
 * The newsroom's first screen, from one `GET /api/admin/dashboard`: drafts (a contributor's or
 * author's own, everyone's for editors), the schedule, the latest published articles, and for
 * editors the pending comments and subscribers.
 */
export function DashboardScreen(_props: RouteProps) {
  const { session } = useSession();
  const { state } = useApiGet<{ dashboard: Dashboard }>('/dashboard');
  return (
    <>
      <h1>{t('common.navDashboard')}</h1>
      <p class="hint dashboard-welcome">{t('dashboard.welcome', { name: session.staff.name })}</p>
      <div class="toolbar">
        <Link href="/articles/new" class="button button-primary">
          {t('dashboard.newArticle')}
        </Link>
      </div>
      {state.status === 'loading' ? <p class="loading">{t('common.loading')}</p> : null}
      {state.status === 'error' ? <Notice kind="alert">{describeError(state.error)}</Notice> : null}
      {state.status === 'ready' ? <DashboardCards dashboard={state.data.dashboard} /> : null}
    </>
  );
}

function DashboardCards({ dashboard }: { dashboard: Dashboard }) {
  const { drafts, scheduled, published, comments, subscribers } = dashboard;
  const isMine = drafts.scope === 'mine';
  return (
    <div class="cards dashboard-cards">
      <DashboardCard
        title={t(isMine ? 'dashboard.myDrafts' : 'dashboard.allDrafts')}
        count={drafts.total}
        countLabel={t('dashboard.draftWord', { count: drafts.total })}
      >
        <ArticleLines articles={drafts.articles} time="updated" empty={t('dashboard.noDrafts')} />
        <Link
          class="dashboard-more"
          href={isMine ? '/articles?status=draft&mine=1' : '/articles?status=draft'}
        >
          {t('dashboard.seeDrafts')}
        </Link>
      </DashboardCard>
      <DashboardCard
        title={t('dashboard.scheduled')}
        count={scheduled.total}
        countLabel={t('dashboard.scheduledWord', { count: scheduled.total })}
      >
        <ArticleLines articles={scheduled.articles} time="published" empty={t('dashboard.noScheduled')} />
        <Link class="dashboard-more" href="/articles?status=scheduled">
          {t('dashboard.seeScheduled')}
        </Link>
      </DashboardCard>
      {comments ? (
        <DashboardCard
          title={t('dashboard.pendingComments')}
          count={comments.pending}
          countLabel={t('dashboard.commentWord', { count: comments.pending })}
        >
          <Link class="dashboard-more" href="/comments">
            {t('dashboard.moderate')}
          </Link>
        </DashboardCard>
      ) : null}
      {subscribers ? (
        <DashboardCard
          title={t('dashboard.subscribers')}
          count={subscribers.total}
          countLabel={t('dashboard.subscriberWord', { count: subscribers.total })}
        >
          <Link class="dashboard-more" href="/subscribers">
            {t('dashboard.seeSubscribers')}
          </Link>
        </DashboardCard>
      ) : null}
      <DashboardCard
        title={t('dashboard.recentlyPublished')}
        count={published.total}
        countLabel={t('dashboard.publishedWord', { count: published.total })}
      >
        <ArticleLines articles={published.articles} time="published" empty={t('dashboard.noPublished')} />
        <Link class="dashboard-more" href="/articles?status=published">
          {t('dashboard.seePublished')}
        </Link>
      </DashboardCard>
    </div>
  );
}
