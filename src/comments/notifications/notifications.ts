import { createForgetRequests, type ForgetRequests, type ForgetRequestsOptions } from './forget-requests.ts';
import { createReplyNotifier, type ReplyNotifier, type ReplyNotifierOptions } from './reply-notifier.ts';
import { createReplySubscriptions, type ReplySubscriptions } from './reply-subscriptions.ts';

export type Notifications = {
  /** For the comments service, inside its transactions. */
  notifier: ReplyNotifier;
  /** For the routes behind the links in the mails. */
  subscriptions: ReplySubscriptions;
  /** "Delete my comments" by email link; null until the comments service supplies the deletion. */
  forget: ForgetRequests | null;
};

export type NotificationsOptions = ReplyNotifierOptions &
  Partial<Pick<ForgetRequestsOptions, 'deleteCommentsByEmail' | 'hasCommentsByEmail'>>;

/**
 * Everything reply notifications need, wired once in `masthead.ts`.
 *
 * @example
 * const notifications = createNotifications({ database, outbox, clock, secret, siteUrl, i18n,
 *   deleteCommentsByEmail: (email) => services.comments.deleteByEmail(email) });
 * await notifications.notifier.requestOptIn(trx, { email, name, language, article });
 */
export function createNotifications(options: NotificationsOptions): Notifications {
  const { deleteCommentsByEmail, hasCommentsByEmail, ...rest } = options;
  return {
    notifier: createReplyNotifier(rest),
    subscriptions: createReplySubscriptions(rest),
    forget: deleteCommentsByEmail
      ? createForgetRequests({
          ...rest,
          deleteCommentsByEmail,
          ...(hasCommentsByEmail ? { hasCommentsByEmail } : {}),
        })
      : null,
  };
}
