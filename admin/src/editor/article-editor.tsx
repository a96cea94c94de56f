import { useEffect, useId, useLayoutEffect, useState } from 'preact/hooks';
import { Field } from '../components/field.tsx';
import { Notice } from '../components/notice.tsx';
import { t } from '../i18n.ts';
import { isAtLeast, useSession } from '../session.tsx';
import { type ActionNotice, useArticleActions } from './article-actions.ts';
import type { ArticleStore, EditorState } from './article-store.ts';
import type { ArticleStatus, Draft } from './article-types.ts';
import { BodyEditor } from './body-editor.tsx';
import { ConflictAlert } from './conflict-alert.tsx';
import { useEditorChoices } from './editor-options.ts';
import { MetadataSidebar } from './metadata-sidebar.tsx';
import { NotesPanel } from './notes-panel.tsx';
import { PublishBar } from './publish-bar.tsx';
import { RevisionsPanel } from './revisions-panel.tsx';
import { SaveStatusLine } from './save-status.tsx';
import { useEditorShortcuts } from './shortcuts.ts';
import { PresenceWarning, usePresence } from './use-presence.tsx';

/** The store's state, re-rendering on every change. */
function useStoreState(store: ArticleStore): EditorState {
  const [, setTick] = useState(0);
  useLayoutEffect(() => store.subscribe(() => setTick((tick) => tick + 1)), [store]);
  return store.getState();
}

const STATUS_KEYS: Record<ArticleStatus, string> = {
  draft: 'editor.statusDraft',
  scheduled: 'editor.statusScheduled',
  published: 'editor.statusPublished',
  archived: 'editor.statusArchived',
};

/**
 * The editor: title, standfirst and text on one side, the article's settings on the other, the
 * save status and the publishing actions above; warnings when someone else edits or saved.
 */
export function ArticleEditor(props: { store: ArticleStore }) {
  const { store } = props;
  const state = useStoreState(store);
  const { session } = useSession();
  const canPublish = isAtLeast(session.staff, 'author');
  const choices = useEditorChoices();
  const [notice, setNotice] = useState<ActionNotice | null>(null);
  const [isRevisionsOpen, setRevisionsOpen] = useState(false);
  const actions = useArticleActions(store, { canPublish, setNotice });
  const others = usePresence(state.article?.id ?? null);
  const titleId = useId();
  const revisionsId = useId();
  const { article, draft, fieldErrors } = state;
  const change = (patch: Partial<Draft>) => store.change(patch);

  useEditorShortcuts({
    onSave: () => void actions.save(),
    onPublish: () => void (article && article.status !== 'draft' ? actions.save() : actions.publish()),
  });

  useEffect(() => {
    if (!store.getState().article) document.getElementById(titleId)?.focus();
  }, [store]);

  const published = article?.status === 'published' ? article : null;
  return (
    <div class="article-editor">
      <header class="editor-header">
        <div class="editor-heading">
          <h1>{article ? t('editor.editTitle') : t('editor.newTitle')}</h1>
          {article ? <span class="badge">{t(STATUS_KEYS[article.status])}</span> : null}
          {published ? (
            <a href={published.url} target="_blank" rel="noopener">
              {t('editor.viewArticle')}
            </a>
          ) : null}
        </div>
        <SaveStatusLine status={state.status} />
        <PublishBar
          article={article}
          actions={actions}
          canPublish={canPublish}
          revisionsId={revisionsId}
          isRevisionsOpen={isRevisionsOpen}
          onToggleRevisions={() => setRevisionsOpen(!isRevisionsOpen)}
        />
      </header>
      {state.isRestored ? <Notice>{t('editor.restoredBackup')}</Notice> : null}
      <PresenceWarning others={others} />
      {state.isConflict ? <ConflictAlert store={store} /> : null}
      {notice ? (
        <Notice kind={notice.kind}>
          {notice.text}
          {notice.link ? (
            <>
              {' '}
              <a href={notice.link.href} target="_blank" rel="noopener">
                {notice.link.label}
              </a>
            </>
          ) : null}
        </Notice>
      ) : null}
      {fieldErrors.form ? <Notice kind="alert">{fieldErrors.form}</Notice> : null}
      {isRevisionsOpen && article ? (
        <RevisionsPanel
          id={revisionsId}
          store={store}
          articleId={article.id}
          onClose={() => setRevisionsOpen(false)}
          onRestored={() => setNotice({ kind: 'status', text: t('editor.restored') })}
        />
      ) : null}
      <div class="editor-layout">
        <div class="editor-main">
          <Field
            id={titleId}
            label={t('editor.title')}
            class="title-input"
            dir="auto"
            value={draft.title}
            error={fieldErrors.title}
            onInput={(event) => change({ title: (event.target as HTMLInputElement).value })}
          />
          <Field
            label={t('editor.standfirst')}
            hint={t('editor.standfirstHint')}
            multiline
            rows={3}
            dir="auto"
            value={draft.standfirst}
            error={fieldErrors.standfirst}
            onInput={(event) => change({ standfirst: (event.target as HTMLTextAreaElement).value })}
          />
          {fieldErrors.body_html ? <p class="field-error">{fieldErrors.body_html}</p> : null}
          <BodyEditor
            store={store}
            contentVersion={state.contentVersion}
            language={draft.language || article?.language || ''}
          />
          {published ? <NotesPanel articleId={published.id} /> : null}
        </div>
        <MetadataSidebar draft={draft} errors={fieldErrors} choices={choices} change={change} />
      </div>
    </div>
  );
}
