import { useState } from 'preact/hooks';
import { api } from '../api.ts';
import { describeError } from '../components/errors.ts';
import { formatDateTime, t } from '../i18n.ts';
import type { ArticleStore } from './article-store.ts';
import type { ArticleJson } from './article-types.ts';

/** A message about the last action, with an optional link (the published article). */
export type ActionNotice = { kind: 'status' | 'alert'; text: string; link?: { href: string; label: string } };

export type ArticleAction = 'save' | 'publish' | 'schedule' | 'unpublish' | 'preview';

type Envelope = { articles: ArticleJson[] };

/**
 * Save, publish, schedule, unpublish and preview: each saves the draft first (so what is
 * published is what is on screen), then asks the API and reports the outcome.
 *
 * @example
 * const actions = useArticleActions(store, { canPublish, setNotice });
 * <button onClick={() => void actions.publish()}>Publish</button>
 */
export function useArticleActions(
  store: ArticleStore,
  options: { canPublish: boolean; setNotice: (notice: ActionNotice | null) => void },
) {
  const [busy, setBusy] = useState<ArticleAction | null>(null);
  const { setNotice } = options;

  const run = async (name: ArticleAction, work: () => Promise<void>): Promise<void> => {
    if (busy) return;
    setBusy(name);
    setNotice(null);
    try {
      await work();
    } catch (error) {
      setNotice({ kind: 'alert', text: describeError(error) });
    } finally {
      setBusy(null);
    }
  };

  /** The article as saved with everything on screen, or null (the status line says why). */
  const saveFirst = async (): Promise<ArticleJson | null> => {
    const saved = await store.save('manual');
    if (!saved) {
      const { status } = store.getState();
      setNotice({
        kind: 'alert',
        text: status.kind === 'needsTitle' ? t('editor.titleRequired') : t('editor.saveFirst'),
      });
    }
    return saved;
  };

  const changeStatus = async (path: string, body?: Record<string, unknown>) => {
    const saved = await saveFirst();
    if (!saved) return null;
    const { articles } = await api<Envelope>('POST', `/articles/${saved.id}/${path}`, body);
    const article = articles[0] as ArticleJson;
    store.acceptArticle(article);
    return article;
  };

  return {
    busy,
    save: () => run('save', async () => void (await saveFirst())),

    publish: () =>
      run('publish', async () => {
        if (!options.canPublish) return;
        const article = await changeStatus('publish');
        if (article)
          setNotice({
            kind: 'status',
            text: t('editor.published'),
            link: { href: article.url, label: t('editor.viewArticle') },
          });
      }),

    /** `at` is a `datetime-local` value, read in the browser's time zone. */
    schedule: (at: string) =>
      run('schedule', async () => {
        const when = new Date(at);
        if (Number.isNaN(when.getTime()) || when.getTime() <= Date.now()) {
          setNotice({ kind: 'alert', text: t('editor.scheduleInFuture') });
          return;
        }
        const article = await changeStatus('schedule', { published_at: when.toISOString() });
        if (article)
          setNotice({
            kind: 'status',
            text: t('editor.scheduled', { date: formatDateTime(article.published_at) }),
          });
      }),

    unpublish: () =>
      run('unpublish', async () => {
        const status = store.getState().article?.status;
        if (!confirm(status === 'scheduled' ? t('editor.confirmUnschedule') : t('editor.confirmUnpublish')))
          return;
        const article = await changeStatus('unpublish');
        if (article) setNotice({ kind: 'status', text: t('editor.unpublished') });
      }),

    /**
     * Opens the article with the real theme in a new tab through a signed preview address. The
     * tab is opened at once (a tab opened after waiting for the server would be blocked as a popup).
     */
    preview: () => {
      if (busy) return Promise.resolve();
      const tab = open('', '_blank');
      return run('preview', async () => {
        let url: string | null = null;
        try {
          const article = store.getState().article;
          const isLive = article !== null && article.status !== 'draft';
          const saved = isLive ? article : await saveFirst();
          if (saved)
            url = (await api<{ preview: { url: string } }>('POST', `/articles/${saved.id}/preview`)).preview
              .url;
        } finally {
          if (!url) tab?.close();
        }
        if (!url) return;
        if (tab) {
          tab.opener = null;
          tab.location.href = url;
        } else
          setNotice({
            kind: 'status',
            text: t('editor.previewReady'),
            link: { href: url, label: t('editor.previewOpen') },
          });
      });
    },
  };
}
