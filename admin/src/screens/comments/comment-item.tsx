import { useState } from 'preact/hooks';
import { formatDateTime, t } from '../../i18n.ts';
import { Link } from '../../router.tsx';
import { BanForm, type BanKind, banKindsOf } from './ban-form.tsx';
import {
  type ArticleRef,
  type Decision,
  decisionKeys,
  decisionsFor,
  type ModeratedComment,
  type Queue,
} from './comment-types.ts';
import { holdReasonText, reportReasonText } from './hold-reason.ts';
import { ReplyForm } from './reply-form.tsx';

/** What the queue does for one comment's buttons; each resolves once the API has answered. */
export type CommentActions = {
  decide: (comment: ModeratedComment, decision: Decision) => Promise<void>;
  feature: (comment: ModeratedComment) => Promise<void>;
  remove: (comment: ModeratedComment) => Promise<void>;
  ban: (comment: ModeratedComment, by: BanKind[], reason: string) => Promise<void>;
  reply: (comment: ModeratedComment, body: string) => Promise<void>;
};

export type CommentItemProps = {
  comment: ModeratedComment;
  queue: Queue;
  article: ArticleRef | null | undefined;
  isSelected: boolean;
  /** The comment the roving focus stops at (tabindex 0; the others -1). */
  isCurrent: boolean;
  itemRef: (element: HTMLElement | null) => void;
  onSelect: (isSelected: boolean) => void;
  onFocus: () => void;
  onKeyDown: (event: KeyboardEvent) => void;
  actions: CommentActions;
};

const decisionLabel: Record<Decision, string> = {
  approve: 'comments.approve',
  reject: 'comments.reject',
  spam: 'comments.spam',
};

function ArticleLine(props: { article: ArticleRef | null | undefined; articleId: string; queue: Queue }) {
  const { article } = props;
  if (article === null) return <p class="moderation-meta">{t('comments.articleGone')}</p>;
  return (
    <p class="moderation-meta">
      {t('comments.onArticle')}{' '}
      {article ? <a href={article.url}>{article.title}</a> : <span>{t('common.loading')}</span>}
      {' · '}
      <Link href={`/articles/${props.articleId}`}>
        {t('comments.openInEditor')}
        <span class="visually-hidden"> {article?.title ?? ''}</span>
      </Link>
      {' · '}
      <Link href={`/comments?status=${props.queue}&article=${props.articleId}`}>
        {t('comments.onlyThisArticle')}
        <span class="visually-hidden"> {article?.title ?? ''}</span>
      </Link>
    </p>
  );
}

function Reports(props: { comment: ModeratedComment }) {
  const { comment } = props;
  if (comment.report_count === 0) return null;
  return (
    <div class="moderation-reports">
      <p>
        <strong>{t('comments.reported', { count: comment.report_count })}</strong>
      </p>
      {comment.reports.length > 0 ? (
        <ul>
          {comment.reports.map((report) => (
            <li key={report.created_at + report.reason}>
              {reportReasonText(report.reason)}
              {report.note ? ` — ${report.note}` : ''}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

/**
 * One comment of a moderation queue: who wrote it (with the email, which only staff see), on which
 * article, when, why it was held, what readers reported, the text as written, and its actions.
 */
export function CommentItem(props: CommentItemProps) {
  const { comment, queue, actions } = props;
  const [panel, setPanel] = useState<'reply' | 'ban' | null>(null);
  const [isBusy, setBusy] = useState(false);
  const headingId = `comment-${comment.id}-author`;
  const reason = holdReasonText(comment);
  const run = (action: () => Promise<void>) => async () => {
    setBusy(true);
    try {
      await action();
    } finally {
      setBusy(false);
    }
  };
  const canReply = queue !== 'spam' && queue !== 'trash';
  const canFeature = comment.status === 'approved';

  return (
    <article
      class={`moderation-comment${props.isSelected ? ' is-selected' : ''}`}
      tabIndex={props.isCurrent ? 0 : -1}
      ref={props.itemRef}
      aria-labelledby={headingId}
      onFocusIn={props.onFocus}
      onKeyDown={props.onKeyDown}
    >
      <header class="moderation-comment-head">
        <label class="check-label">
          <input
            type="checkbox"
            checked={props.isSelected}
            onChange={(event) => props.onSelect((event.target as HTMLInputElement).checked)}
          />
          <span>
            {t('comments.select')}
            <span class="visually-hidden"> {t('comments.selectBy', { name: comment.author_name })}</span>
          </span>
        </label>
        <h3 id={headingId} dir="auto">
          {comment.author_name}
        </h3>
        {comment.is_staff ? <span class="badge">{t('comments.staff')}</span> : null}
        {comment.is_featured ? <span class="badge">{t('comments.featured')}</span> : null}
        {comment.parent_id ? <span class="badge">{t('comments.isReply')}</span> : null}
        <time dateTime={comment.created_at}>{formatDateTime(comment.created_at)}</time>
      </header>
      {comment.author_email ? (
        <p class="moderation-meta">
          <span class="label">{t('comments.email')}</span> {comment.author_email}
        </p>
      ) : null}
      <ArticleLine article={props.article} articleId={comment.article_id} queue={queue} />
      {reason ? (
        <p class="moderation-reason">
          <strong>{comment.status === 'spam' ? t('comments.spamBecause') : t('comments.heldBecause')}</strong>{' '}
          {reason}
        </p>
      ) : null}
      <Reports comment={comment} />
      <p class="moderation-body" dir="auto">
        {comment.body}
      </p>
      <div class="moderation-actions">
        {decisionsFor(queue).map((decision) => (
          <button
            type="button"
            key={decision}
            class={`button${decision === 'approve' ? ' button-primary' : decision === 'spam' ? ' button-danger' : ''}`}
            aria-keyshortcuts={decisionKeys[decision]}
            disabled={isBusy}
            onClick={run(() => actions.decide(comment, decision))}
          >
            {t(decisionLabel[decision])}
            <span class="key-hint" aria-hidden="true">
              {decisionKeys[decision]}
            </span>
          </button>
        ))}
        {canFeature ? (
          <button
            type="button"
            class="button button-quiet"
            disabled={isBusy}
            onClick={run(() => actions.feature(comment))}
          >
            {comment.is_featured ? t('comments.unfeature') : t('comments.feature')}
          </button>
        ) : null}
        {canReply ? (
          <button
            type="button"
            class="button button-quiet"
            aria-expanded={panel === 'reply'}
            onClick={() => setPanel(panel === 'reply' ? null : 'reply')}
          >
            {t('comments.reply')}
          </button>
        ) : null}
        {banKindsOf(comment).length > 0 ? (
          <button
            type="button"
            class="button button-quiet"
            aria-expanded={panel === 'ban'}
            onClick={() => setPanel(panel === 'ban' ? null : 'ban')}
          >
            {t('comments.ban')}
          </button>
        ) : null}
        {queue === 'spam' || queue === 'trash' ? (
          <button
            type="button"
            class="button button-danger"
            disabled={isBusy}
            onClick={run(() => actions.remove(comment))}
          >
            {t('comments.deleteForever')}
          </button>
        ) : null}
      </div>
      {panel === 'reply' ? (
        <ReplyForm
          name={comment.author_name}
          onReply={async (body) => {
            await actions.reply(comment, body);
            setPanel(null);
          }}
          onCancel={() => setPanel(null)}
        />
      ) : null}
      {panel === 'ban' ? (
        <BanForm
          comment={comment}
          onBan={async (by, banReason) => {
            await actions.ban(comment, by, banReason);
            setPanel(null);
          }}
          onCancel={() => setPanel(null)}
        />
      ) : null}
    </article>
  );
}
