import type { ArticleStatus } from '../articles/article.ts';
import type { ArticleService, ListOptions } from '../articles/article-service.ts';
import { currentActor } from '../auth/actor.ts';
import { can } from '../auth/permissions.ts';
import type { CommentModerationService } from '../comments/comment-moderation-service.ts';
import type { SubscriberDirectory } from '../subscribe/subscriber-directory.ts';
import { DASHBOARD_LIST_SIZE, type Dashboard, type DashboardList } from './dashboard.ts';

export type DashboardServiceDeps = {
  articles: Pick<ArticleService, 'list'>;
  comments: Pick<CommentModerationService, 'list'>;
  subscribers: Pick<SubscriberDirectory, 'list'>;
};

export type DashboardService = ReturnType<typeof createDashboardService>;

/** One page of one line: its total is the count, computed by the service's own SQL `count`. */
const ONE = { page: 1, limit: 1 };

/**
 * The newsroom's dashboard in one call, through the features' own services (so their permission
 * checks stand): drafts (a contributor's or author's own, everyone's from editor up), the schedule
 * soonest first, the latest published, and for editors the pending comments and subscribers.
 *
 * @example
 * const dashboard = createDashboardService({ articles, comments: comments.moderation, subscribers: subscribe.directory });
 * const { drafts } = await dashboard.summary();
 */
export function createDashboardService({ articles, comments, subscribers }: DashboardServiceDeps) {
  const list = async (
    statuses: ArticleStatus[],
    options: Pick<ListOptions, 'createdBy' | 'order'> = {},
  ): Promise<DashboardList> => {
    const page = { page: 1, limit: DASHBOARD_LIST_SIZE };
    const result = await articles.list({ kind: 'article', statuses, page, ...options });
    return { total: result.pagination.total, articles: result.articles };
  };

  return {
    /** The dashboard of the current actor. */
    async summary(): Promise<Dashboard> {
      const actor = currentActor();
      // Whoever may edit a colleague's draft (editors up) sees every draft; others their own.
      const isOwnOnly =
        actor.kind === 'staff' &&
        !can(actor, 'articles.edit', { kind: 'article', createdBy: null, status: 'draft' });
      const [drafts, scheduled, published, pending, subscribed] = await Promise.all([
        list(['draft'], isOwnOnly ? { createdBy: actor.id } : {}),
        list(['scheduled'], { order: 'upcoming' }),
        list(['published'], { order: 'published' }),
        can(actor, 'comments.read') ? comments.list({ status: 'pending' }, ONE) : null,
        can(actor, 'subscribers.read') ? subscribers.list({ page: ONE }) : null,
      ]);
      return {
        drafts: { scope: isOwnOnly ? 'mine' : 'all', ...drafts },
        scheduled,
        published,
        comments: pending ? { pending: pending.total } : null,
        subscribers: subscribed ? { total: subscribed.pagination.total } : null,
      };
    },
  };
}
