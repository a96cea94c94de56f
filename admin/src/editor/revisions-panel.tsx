import { useEffect, useId, useState } from 'preact/hooks';
import { api } from '../api.ts';
import { describeError } from '../components/errors.ts';
import { Notice } from '../components/notice.tsx';
import { formatDateTime, t } from '../i18n.ts';
import type { ArticleStore } from './article-store.ts';
import type { ArticleJson } from './article-types.ts';

/** One saved version of the article (the revisions API). */
export type Revision = {
  id: string;
  kind: string;
  created_at: string;
  created_by: { id: string; name: string } | null;
  title: string;
};

const KIND_KEYS: Record<string, string> = {
  autosave: 'editor.revisionAutosave',
  save: 'editor.revisionSave',
  publish: 'editor.revisionPublish',
  unpublish: 'editor.revisionUnpublish',
  schedule: 'editor.revisionSchedule',
  restore: 'editor.revisionRestore',
  create: 'editor.revisionCreate',
};

const kindLabel = (kind: string): string => (KIND_KEYS[kind] ? t(KIND_KEYS[kind]) : kind);

type RevisionsPanelProps = {
  id: string;
  store: ArticleStore;
  articleId: string;
  onClose: () => void;
  onRestored: (article: ArticleJson, revision: Revision) => void;
};

/**
 * The article's saved versions, newest first, each with who saved it and when; Restore (after a
 * confirmation) makes that version the current one and reloads the editor with it. Unsaved work
 * is saved first, so it stays among the versions.
 */
export function RevisionsPanel(props: RevisionsPanelProps) {
  const [revisions, setRevisions] = useState<Revision[] | null>(null);
  const [error, setError] = useState('');
  const [isBusy, setBusy] = useState(false);
  const [reload, setReload] = useState(0);
  const headingId = useId();

  useEffect(() => {
    let isCurrent = true;
    api<{ revisions: Revision[] }>('GET', `/articles/${props.articleId}/revisions`)
      .then((answer) => {
        if (isCurrent) setRevisions(answer.revisions);
      })
      .catch((caught: unknown) => {
        if (isCurrent) {
          setError(describeError(caught));
          setRevisions([]);
        }
      });
    return () => {
      isCurrent = false;
    };
  }, [props.articleId, reload]);

  const restore = async (revision: Revision) => {
    if (!confirm(t('editor.confirmRestore', { date: formatDateTime(revision.created_at) }))) return;
    setBusy(true);
    setError('');
    try {
      const { store } = props;
      const current = store.getState().article;
      if (store.isDirty() && current?.status === 'draft') await store.save('manual');
      const updatedAt = store.getState().article?.updated_at;
      const { articles } = await api<{ articles: ArticleJson[] }>(
        'POST',
        `/articles/${props.articleId}/revisions/${revision.id}/restore`,
        { updated_at: updatedAt },
      );
      const restored = articles[0] as ArticleJson;
      store.replaceArticle(restored);
      props.onRestored(restored, revision);
      setReload((n) => n + 1);
    } catch (caught) {
      setError(describeError(caught));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section class="revisions-panel" id={props.id} aria-labelledby={headingId}>
      <div class="panel-head">
        <h2 id={headingId}>{t('editor.revisions')}</h2>
        <button type="button" class="button button-quiet" onClick={props.onClose}>
          {t('editor.revisionsClose')}
        </button>
      </div>
      {error ? <Notice kind="alert">{error}</Notice> : null}
      {revisions === null ? <p class="hint">{t('common.loading')}</p> : null}
      {revisions?.length === 0 && !error ? <p class="hint">{t('editor.revisionsEmpty')}</p> : null}
      <ol class="revision-list">
        {(revisions ?? []).map((revision) => (
          <li key={revision.id}>
            <div id={`revision-${revision.id}`}>
              <span class="badge">{kindLabel(revision.kind)}</span>{' '}
              <strong dir="auto">{revision.title}</strong>
              <br />
              <span class="hint">
                {revision.created_by
                  ? t('editor.revisionBy', {
                      name: revision.created_by.name,
                      date: formatDateTime(revision.created_at),
                    })
                  : formatDateTime(revision.created_at)}
              </span>
            </div>
            <button
              type="button"
              class="button button-quiet"
              aria-describedby={`revision-${revision.id}`}
              disabled={isBusy}
              onClick={() => void restore(revision)}
            >
              {t('editor.restore')}
            </button>
          </li>
        ))}
      </ol>
    </section>
  );
}
