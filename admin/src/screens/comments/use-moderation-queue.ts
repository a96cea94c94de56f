import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { ApiError, api } from '../../api.ts';
import type { ArticleRef, ModeratedComment, Pagination, Queue } from './comment-types.ts';
import { queues } from './comment-types.ts';

export const PAGE_SIZE = 20;

type QueueAnswer = { comments: ModeratedComment[]; meta: { pagination: Pagination } };
type ArticleAnswer = { articles: { id: string; title: string; url: string }[] };

export type QueueFilter = { queue: Queue; article: string | null; page: number };

const queuePath = (filter: QueueFilter, limit: number) =>
  `/comments?${new URLSearchParams({
    status: filter.queue,
    page: String(filter.page),
    limit: String(limit),
    ...(filter.article ? { article: filter.article } : {}),
  })}`;

/** The article of each comment, read once per article; null when it is gone. */
async function readArticles(ids: string[]): Promise<[string, ArticleRef | null][]> {
  return Promise.all(
    ids.map(async (id): Promise<[string, ArticleRef | null]> => {
      try {
        const { articles } = await api<ArticleAnswer>('GET', `/articles/${id}`);
        const found = articles[0];
        return [id, found ? { id: found.id, title: found.title, url: found.url } : null];
      } catch (error) {
        if (error instanceof ApiError && error.status === 404) return [id, null];
        throw error;
      }
    }),
  );
}

/**
 * One page of a moderation queue, how many comments wait in each queue, and the articles the
 * comments belong to. `drop` takes decided comments out at once (the list does not jump);
 * `reload` asks the API again.
 *
 * @example
 * const queue = useModerationQueue({ queue: 'pending', article: null, page: 1 });
 */
export function useModerationQueue({ queue, article, page }: QueueFilter) {
  const [comments, setComments] = useState<ModeratedComment[] | null>(null);
  const [pagination, setPagination] = useState<Pagination | null>(null);
  const [counts, setCounts] = useState<Partial<Record<Queue, number>>>({});
  const [articles, setArticles] = useState<Map<string, ArticleRef | null>>(new Map());
  const [error, setError] = useState<unknown>(null);
  const knownArticles = useRef(new Set<string>());

  const loadCounts = useCallback(async () => {
    const totals = await Promise.all(
      queues.map(async (each) => {
        const answer = await api<QueueAnswer>('GET', queuePath({ queue: each, article, page: 1 }, 1));
        return [each, answer.meta.pagination.total] as const;
      }),
    );
    setCounts(Object.fromEntries(totals));
  }, [article]);

  const reload = useCallback(async () => {
    try {
      setError(null);
      const answer = await api<QueueAnswer>('GET', queuePath({ queue, article, page }, PAGE_SIZE));
      setComments(answer.comments);
      setPagination(answer.meta.pagination);
      const missing = [...new Set(answer.comments.map((c) => c.article_id))].filter(
        (id) => !knownArticles.current.has(id),
      );
      for (const id of missing) knownArticles.current.add(id);
      if (missing.length > 0) {
        const found = await readArticles(missing);
        setArticles((known) => new Map([...known, ...found]));
      }
      await loadCounts();
    } catch (caught) {
      setError(caught);
    }
  }, [queue, article, page, loadCounts]);

  useEffect(() => {
    setComments(null);
    void reload();
  }, [reload]);

  const drop = useCallback(
    (ids: string[]) => {
      setComments((list) => (list ?? []).filter((comment) => !ids.includes(comment.id)));
      void loadCounts().catch(setError);
    },
    [loadCounts],
  );

  const replace = useCallback((updated: ModeratedComment) => {
    setComments((list) => (list ?? []).map((comment) => (comment.id === updated.id ? updated : comment)));
  }, []);

  return { comments, pagination, counts, articles, error, setError, reload, drop, replace };
}
