import { useEffect, useRef, useState } from 'preact/hooks';
import { ApiError } from '../api.ts';
import { describeError } from '../components/errors.ts';
import { Notice } from '../components/notice.tsx';
import { t } from '../i18n.ts';
import { navigate } from '../router.tsx';
import type { RouteProps } from '../routes.tsx';
import { ArticleEditor } from './article-editor.tsx';
import { type ArticleStore, createArticleStore } from './article-store.ts';
import './editor.css';

/**
 * `/articles/new` and `/articles/:id`: loads the article (and this browser's backup of it), then
 * shows the editor. A new article gets its address when its first save creates it; the screen
 * stays as it is (same store, same text, focus where the writer is typing).
 */
export function EditorScreen(props: RouteProps) {
  const id = props.params.id ?? null;
  const storeRef = useRef<ArticleStore | null>(null);
  const [store, setStore] = useState<ArticleStore | null>(null);
  const [failure, setFailure] = useState<string | null>(null);

  useEffect(() => {
    const held = storeRef.current;
    if (held && id !== null && held.getState().article?.id === id) return;
    held?.dispose();
    const next = createArticleStore({
      id,
      onCreated: (article) => navigate(`/articles/${article.id}`, { replace: true }),
    });
    storeRef.current = next;
    setStore(null);
    setFailure(null);
    next
      .load()
      .then(() => {
        if (storeRef.current === next) setStore(next);
      })
      .catch((error: unknown) => {
        if (storeRef.current !== next) return;
        setFailure(
          error instanceof ApiError && error.status === 404 ? t('editor.notFound') : describeError(error),
        );
      });
  }, [id]);

  useEffect(() => () => storeRef.current?.dispose(), []);

  if (failure)
    return (
      <>
        <h1>{t('editor.editTitle')}</h1>
        <Notice kind="alert">{failure}</Notice>
      </>
    );
  if (!store) return <p class="loading">{t('common.loading')}</p>;
  return <ArticleEditor store={store} />;
}
