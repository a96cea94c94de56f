import { useEffect, useRef, useState } from 'preact/hooks';
import { api } from '../../api.ts';
import { describeError } from '../../components/errors.ts';
import { Notice } from '../../components/notice.tsx';
import { t } from '../../i18n.ts';
import type { BanKind } from './ban-form.tsx';
import { BulkToolbar } from './bulk-toolbar.tsx';
import { type CommentActions, CommentItem } from './comment-item.tsx';
import {
  type BulkAction,
  type Decision,
  decisionStatus,
  decisionsFor,
  type ModeratedComment,
  type Queue,
} from './comment-types.ts';
import { Pager } from './pager.tsx';
import { queueKey } from './queue-keys.ts';
import { useModerationQueue } from './use-moderation-queue.ts';

export type ModerationQueueProps = {
  queue: Queue;
  article: string | null;
  page: number;
  onPage: (page: number) => void;
  announce: (message: string) => void;
  onCounts: (counts: Partial<Record<Queue, number>>) => void;
};

/**
 * One page of a queue as a list the keyboard walks: the comments form one tab stop (roving
 * tabindex), ↓/j and ↑/k move between them, a/r/s decide. A decided comment leaves the list, the
 * decision is announced, and focus moves on to the next comment.
 */
export function ModerationQueue(props: ModerationQueueProps) {
  const { queue, announce } = props;
  const state = useModerationQueue({ queue, article: props.article, page: props.page });
  const { comments, pagination, drop, replace } = state;
  const [current, setCurrent] = useState(0);
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [isBusy, setBusy] = useState(false);
  const items = useRef(new Map<string, HTMLElement>());
  const emptyRef = useRef<HTMLParagraphElement>(null);
  /** Where focus goes once the list has re-rendered without the comments just decided. */
  const focusAt = useRef<number | null>(null);

  useEffect(() => props.onCounts(state.counts), [state.counts, props.onCounts]);

  useEffect(() => {
    setSelected(new Set());
    setCurrent(0);
  }, [queue, props.article, props.page]);

  useEffect(() => {
    if (focusAt.current === null || comments === null) return;
    const index = Math.min(focusAt.current, comments.length - 1);
    focusAt.current = null;
    if (index >= 0) {
      setCurrent(index);
      items.current.get(comments[index]?.id ?? '')?.focus();
    } else if (pagination && pagination.total > 0) {
      // The page emptied while later pages still hold comments: show the page again.
      if (props.page > 1) props.onPage(props.page - 1);
      else void state.reload();
    } else emptyRef.current?.focus();
  }, [comments]);

  const fail = (caught: unknown) => {
    state.setError(caught);
  };

  const leave = (ids: string[], message: string) => {
    const list = comments ?? [];
    const first = list.findIndex((comment) => ids.includes(comment.id));
    focusAt.current = Math.max(first, 0);
    setSelected((was) => new Set([...was].filter((id) => !ids.includes(id))));
    announce(message);
    drop(ids);
  };

  const actions: CommentActions = {
    async decide(comment, decision) {
      try {
        await api('PATCH', `/comments/${comment.id}`, { status: decisionStatus[decision] });
        leave([comment.id], t(`comments.done_${decision}`, { name: comment.author_name }));
      } catch (caught) {
        fail(caught);
      }
    },
    async feature(comment) {
      try {
        const answer = await api<{ comments: ModeratedComment[] }>('PATCH', `/comments/${comment.id}`, {
          is_featured: !comment.is_featured,
        });
        if (answer.comments[0]) replace(answer.comments[0]);
        announce(
          t(comment.is_featured ? 'comments.doneUnfeature' : 'comments.doneFeature', {
            name: comment.author_name,
          }),
        );
      } catch (caught) {
        fail(caught);
      }
    },
    async remove(comment) {
      if (!confirm(t('comments.confirmDeleteForever', { name: comment.author_name }))) return;
      try {
        await api('DELETE', `/comments/${comment.id}`);
        leave([comment.id], t('comments.doneDelete', { name: comment.author_name }));
      } catch (caught) {
        fail(caught);
      }
    },
    async ban(comment, by: BanKind[], reason) {
      await api('POST', '/comments/bans', { comment_id: comment.id, by, ...(reason ? { reason } : {}) });
      announce(t('comments.doneBan', { name: comment.author_name }));
    },
    async reply(comment, body) {
      await api('POST', `/comments/${comment.id}/replies`, { body });
      announce(t('comments.doneReply', { name: comment.author_name }));
      if (queue === 'approved') await state.reload();
    },
  };

  const bulk = async (action: BulkAction) => {
    const ids = [...selected];
    if (action === 'delete' && !confirm(t('comments.confirmBulkDelete', { count: ids.length }))) return;
    setBusy(true);
    try {
      await api('POST', '/comments/bulk', { ids, action });
      leave(ids, t(`comments.bulkDone_${action}`, { count: ids.length }));
    } catch (caught) {
      fail(caught);
    } finally {
      setBusy(false);
    }
  };

  const onKeyDown = (index: number, comment: ModeratedComment) => (event: KeyboardEvent) => {
    const key = queueKey(event);
    if (!key || !comments) return;
    if (key.kind === 'move') {
      const last = comments.length - 1;
      const next = { next: Math.min(index + 1, last), previous: Math.max(index - 1, 0), first: 0, last }[
        key.to
      ];
      event.preventDefault();
      setCurrent(next);
      items.current.get(comments[next]?.id ?? '')?.focus();
      return;
    }
    const decision: Decision = key.kind;
    if (!decisionsFor(queue).includes(decision)) return;
    event.preventDefault();
    void actions.decide(comment, decision);
  };

  if (comments === null)
    return state.error ? (
      <Notice kind="alert">{describeError(state.error)}</Notice>
    ) : (
      <p class="loading">{t('common.loading')}</p>
    );

  return (
    <section aria-labelledby="queue-heading">
      <h2 id="queue-heading">
        {t(`comments.queue_${queue}`)}
        {pagination ? (
          <span class="queue-count"> ({t('comments.total', { count: pagination.total })})</span>
        ) : null}
      </h2>
      {state.error ? <Notice kind="alert">{describeError(state.error)}</Notice> : null}
      <BulkToolbar
        queue={queue}
        selected={selected.size}
        total={comments.length}
        isBusy={isBusy}
        onSelectAll={(isAll) => setSelected(new Set(isAll ? comments.map((c) => c.id) : []))}
        onAction={(action) => void bulk(action)}
      />
      {comments.length === 0 ? (
        <p class="queue-empty" tabIndex={-1} ref={emptyRef}>
          {t(`comments.empty_${queue}`)}
        </p>
      ) : (
        <ul class="moderation-list" aria-labelledby="queue-heading">
          {comments.map((comment, index) => (
            <li key={comment.id}>
              <CommentItem
                comment={comment}
                queue={queue}
                article={state.articles.get(comment.article_id)}
                isSelected={selected.has(comment.id)}
                isCurrent={index === Math.min(current, comments.length - 1)}
                itemRef={(element) => {
                  if (element) items.current.set(comment.id, element);
                  else items.current.delete(comment.id);
                }}
                onSelect={(isOn) =>
                  setSelected((was) => {
                    const next = new Set(was);
                    if (isOn) next.add(comment.id);
                    else next.delete(comment.id);
                    return next;
                  })
                }
                onFocus={() => setCurrent(index)}
                onKeyDown={onKeyDown(index, comment)}
                actions={actions}
              />
            </li>
          ))}
        </ul>
      )}
      {pagination ? (
        <Pager
          page={props.page}
          pages={pagination.pages}
          label={t('comments.pagination')}
          onPage={props.onPage}
        />
      ) : null}
    </section>
  );
}
