import type { Translator } from '../../lib/i18n.ts';
import { formatDateTime } from '../../site/views/format.ts';
import type { CommentNode, PublicComment } from '../comment.ts';
import { avatarToneOf, initialsOf } from '../comment-text.ts';

export type CommentDisplay = {
  tr: Translator;
  timeZone: string;
  replyUrl: (id: string) => string;
  reportUrl: (id: string) => string;
  canReply: boolean;
};

/** One comment: a locally drawn avatar, the name (linked with rel="nofollow ugc"), time, text. */
export function CommentBody({
  comment,
  display,
  note,
  idPrefix = 'comment',
}: {
  comment: PublicComment;
  display: CommentDisplay;
  note?: string;
  /** Starts the author's element id; a second copy of a comment on the page (featured) needs its own. */
  idPrefix?: string;
}) {
  const { t, locale } = display.tr;
  const name = comment.isErased ? t('comments.erasedName') : comment.authorName;
  return (
    <article class="comment-body" aria-labelledby={`${idPrefix}-${comment.id}-author`}>
      <header class="comment-meta">
        <span class={`comment-avatar tone-${avatarToneOf(name)}`} aria-hidden="true">
          {comment.isErased ? '–' : initialsOf(name)}
        </span>
        <span class="comment-author" id={`${idPrefix}-${comment.id}-author`}>
          {comment.authorUrl && !comment.isErased ? (
            <a href={comment.authorUrl} rel="nofollow ugc noopener">
              {name}
            </a>
          ) : (
            name
          )}
        </span>
        {comment.isStaff ? <span class="comment-badge">{t('comments.staff')}</span> : null}
        {comment.isFeatured ? <span class="comment-badge">{t('comments.featuredBadge')}</span> : null}
        <a class="comment-time" href={`#comment-${comment.id}`}>
          <time datetime={comment.createdAt.toISOString()}>
            {formatDateTime(comment.createdAt, { locale, timeZone: display.timeZone })}
          </time>
        </a>
      </header>
      {note ? <p class="comment-note">{note}</p> : null}
      {comment.isErased ? (
        <p class="comment-erased">{t('comments.erased')}</p>
      ) : (
        // Rendered by markdown-it with html: false when the comment was stored: never raw HTML.
        <div class="comment-text" dangerouslySetInnerHTML={{ __html: comment.bodyHtml }} />
      )}
      {comment.status === 'approved' && !comment.isErased ? (
        <footer class="comment-actions">
          {display.canReply ? (
            <a
              href={display.replyUrl(comment.id)}
              data-reply-to={comment.id}
              aria-label={t('comments.replyTo', { name })}
            >
              {t('comments.reply')}
            </a>
          ) : null}
          <a
            href={display.reportUrl(comment.id)}
            rel="nofollow"
            aria-label={t('comments.reportComment', { name })}
          >
            {t('comments.report')}
          </a>
        </footer>
      ) : null}
    </article>
  );
}

/** A thread, replies nested in lists so screen readers announce the levels. */
export function CommentThread({ node, display }: { node: CommentNode; display: CommentDisplay }) {
  return (
    <li id={`comment-${node.id}`} class={`comment depth-${node.depth}${node.isStaff ? ' is-staff' : ''}`}>
      <CommentBody comment={node} display={display} />
      {node.replies.length > 0 ? (
        <ol class="comment-replies">
          {node.replies.map((reply) => (
            <CommentThread key={reply.id} node={reply} display={display} />
          ))}
        </ol>
      ) : null}
    </li>
  );
}
