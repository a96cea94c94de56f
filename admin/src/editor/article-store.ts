import { ApiError, api, NetworkError } from '../api.ts';
import { describeError } from '../components/errors.ts';
import { createInput, draftFields, draftFromArticle, emptyDraft, updateInput } from './article-draft.ts';
import type { ArticleJson, Draft, DraftField } from './article-types.ts';
import { fingerprint } from './draft-fingerprint.ts';
import { clearBackup, isBackupNewer, readBackup, writeBackup } from './local-backup.ts';
import { watchPage } from './page-lifecycle.ts';
import type { EditorState, SaveMode, SaveStatus } from './save-state.ts';

export type { EditorState, SaveMode, SaveStatus };

export type ArticleStore = ReturnType<typeof createArticleStore>;

const AUTOSAVE_DELAY_MS = 3000;
const BACKUP_DELAY_MS = 400;
const MAX_RETRY_MS = 30_000;

type Envelope = { articles: ArticleJson[] };

/**
 * The editor's article: the server's version, the writer's draft, and the saving between them.
 * Every change is kept in localStorage at once and sent to the server ~3 s after the last one
 * (`?autosave=1`); a failed save keeps the draft and retries, a 409 waits for the writer.
 * Published articles are saved to the server only by hand: a half-written sentence never goes live.
 *
 * @example
 * const store = createArticleStore({ id: '…', onCreated: (a) => navigate(`/articles/${a.id}`, { replace: true }) });
 * await store.load();
 * store.change({ title: 'Harbour bridge vote delayed' });
 */
export function createArticleStore(options: {
  id: string | null;
  onCreated: (article: ArticleJson) => void;
}) {
  let state: EditorState = {
    article: null,
    draft: emptyDraft(),
    status: { kind: 'idle' },
    fieldErrors: {},
    isConflict: false,
    contentVersion: 0,
    isRestored: false,
  };
  const listeners = new Set<() => void>();
  /** Each change bumps `version`; a save that succeeds moves `savedVersion` to the version it sent. */
  let version = 0;
  let savedVersion = 0;
  const fieldVersions = new Map<DraftField, number>();
  /** The `updated_at` our draft is based on, sent with every save to detect someone else's. */
  let baseUpdatedAt: string | null = null;
  let readBody: (() => string) | null = null;
  let inFlight: Promise<unknown> | null = null;
  let autosaveTimer: ReturnType<typeof setTimeout> | undefined;
  let backupTimer: ReturnType<typeof setTimeout> | undefined;
  let retryTimer: ReturnType<typeof setTimeout> | undefined;
  let retries = 0;
  let retryMode: SaveMode = 'autosave';
  let isDisposed = false;
  /**
   * Fingerprints of drafts sent without an answer (a save sent as the page unloaded, one lost to
   * the network): when the server's newer version is one of them, it is ours, not a colleague's.
   */
  const unanswered: string[] = [];
  let ownCollisions = 0;

  const set = (patch: Partial<EditorState>) => {
    state = { ...state, ...patch };
    for (const listener of listeners) listener();
  };
  const backupKey = () => state.article?.id ?? 'new';
  const isDirty = () => version !== savedVersion;
  const currentDraft = (): Draft => (readBody ? { ...state.draft, body_html: readBody() } : state.draft);
  const isLive = () => state.article !== null && state.article.status !== 'draft';

  /** What the status line says while changes wait to be saved. */
  function pendingStatus(): SaveStatus {
    if (state.isConflict) return { kind: 'conflict' };
    if (state.status.kind === 'offline') return state.status;
    if (isLive()) return { kind: 'heldLocally' };
    if (!state.article && !state.draft.title.trim()) return { kind: 'needsTitle' };
    return { kind: 'dirty' };
  }

  function backupNow(): void {
    clearTimeout(backupTimer);
    if (!isDirty()) return;
    writeBackup(backupKey(), {
      draft: currentDraft(),
      savedAt: new Date().toISOString(),
      baseUpdatedAt,
      sent: unanswered.slice(-5),
    });
  }

  function forgetBackup(): void {
    clearTimeout(backupTimer);
    clearBackup(backupKey());
  }

  function scheduleAutosave(): void {
    clearTimeout(autosaveTimer);
    if (state.isConflict || isLive()) return;
    autosaveTimer = setTimeout(() => void save('autosave'), AUTOSAVE_DELAY_MS);
  }

  function markChanged(fields: DraftField[]): void {
    version += 1;
    for (const field of fields) fieldVersions.set(field, version);
    clearTimeout(backupTimer);
    backupTimer = setTimeout(backupNow, BACKUP_DELAY_MS);
    scheduleAutosave();
    // "Saving…" stays until the save in flight answers; it then reports what is left.
    if (state.status.kind !== 'saving') set({ status: pendingStatus() });
  }

  function scheduleRetry(mode: SaveMode): void {
    clearTimeout(retryTimer);
    retries += 1;
    retryMode = mode === 'leave' ? 'autosave' : mode;
    const delay = Math.min(MAX_RETRY_MS, 2000 * 2 ** (retries - 1));
    retryTimer = setTimeout(() => void save(retryMode), delay);
  }

  function succeed(saved: ArticleJson, sent: number, fieldsSent: Set<DraftField>, isCreated: boolean): void {
    if (isCreated) clearBackup('new');
    unanswered.splice(0, unanswered.length);
    ownCollisions = 0;
    savedVersion = Math.max(savedVersion, sent);
    retries = 0;
    clearTimeout(retryTimer);
    baseUpdatedAt = saved.updated_at;
    // Fields the server chose (slug and language of a new article) come back; what the writer
    // sent stays as typed, so a save never rewrites text under the cursor.
    const draft = { ...state.draft };
    const server = draftFromArticle(saved);
    for (const field of draftFields) {
      if (field === 'body_html' || fieldsSent.has(field) || (fieldVersions.get(field) ?? 0) > sent) continue;
      Object.assign(draft, { [field]: server[field] });
    }
    set({ article: saved, draft, fieldErrors: {}, status: { kind: 'idle' } });
    if (isDirty()) {
      set({ status: pendingStatus() });
      backupNow();
      scheduleAutosave();
    } else {
      forgetBackup();
      set({ status: { kind: 'saved', at: new Date() } });
    }
    if (isCreated && !isDisposed) options.onCreated(saved);
  }

  const isCollision = (error: unknown) =>
    error instanceof ApiError && error.status === 409 && error.code === 'UPDATE_COLLISION';

  /**
   * After a 409: when the newer version on the server holds the words of a save of ours that got
   * no answer, it is ours — take its `updated_at` and save again instead of alarming the writer.
   */
  async function adoptOwnSave(): Promise<boolean> {
    const id = state.article?.id;
    if (!id || unanswered.length === 0 || ownCollisions >= 2) return false;
    ownCollisions += 1;
    try {
      const latest = (await api<Envelope>('GET', `/articles/${id}`)).articles[0];
      if (!latest || !unanswered.includes(fingerprint(latest))) return false;
      baseUpdatedAt = latest.updated_at;
      set({ article: latest });
      return true;
    } catch {
      return false;
    }
  }

  function fail(error: unknown, mode: SaveMode): void {
    backupNow();
    if (error instanceof NetworkError) {
      set({ status: { kind: 'offline' } });
      scheduleRetry(mode);
    } else if (isCollision(error)) {
      clearTimeout(autosaveTimer);
      set({ isConflict: true, status: { kind: 'conflict' } });
    } else if (error instanceof ApiError && (error.status === 422 || error.status === 409)) {
      const fields = error.fields;
      set({
        fieldErrors: Object.keys(fields).length > 0 ? fields : { form: error.message },
        status: { kind: 'invalid' },
      });
    } else {
      const isRetrying = !(error instanceof ApiError) || error.status >= 500;
      set({ status: { kind: 'failed', message: describeError(error), isRetrying } });
      if (isRetrying) scheduleRetry(mode);
    }
  }

  /** Sends the changed fields now; resolves to the saved article, or null when nothing was saved. */
  async function save(mode: SaveMode): Promise<ArticleJson | null> {
    // One save at a time: a later one waits, then sends whatever is still unsaved.
    while (inFlight && mode !== 'leave') await inFlight;
    if (inFlight || state.isConflict) return null;
    clearTimeout(autosaveTimer);
    const article = state.article;
    if (mode !== 'manual' && isLive()) {
      if (isDirty()) set({ status: pendingStatus() });
      return null;
    }
    if (!isDirty()) {
      if (mode === 'manual' && article) set({ status: { kind: 'saved', at: new Date() } });
      return article;
    }
    const draft = currentDraft();
    if (!article && !draft.title.trim()) {
      backupNow();
      set({ status: { kind: 'needsTitle' } });
      return null;
    }
    if (!article && mode === 'leave') return null; // A new draft is only created while the page stays.
    const sent = version;
    const fieldsSent = new Set([...fieldVersions].filter(([, at]) => at > savedVersion).map(([f]) => f));
    if (mode !== 'leave') set({ status: { kind: 'saving' } });
    const sentPrint = fingerprint(draft);
    if (!unanswered.includes(sentPrint)) unanswered.push(sentPrint);
    const request = article
      ? api<Envelope>(
          'PATCH',
          `/articles/${article.id}${mode === 'manual' ? '' : '?autosave=1'}`,
          { articles: [{ ...updateInput(draft, fieldsSent), updated_at: baseUpdatedAt }] },
          { keepalive: mode === 'leave' },
        )
      : api<Envelope>('POST', '/articles', { articles: [createInput(draft)] });
    const work: Promise<ArticleJson | null | 'again'> = request.then(
      ({ articles }) => {
        const saved = articles[0] as ArticleJson;
        succeed(saved, sent, fieldsSent, article === null);
        return saved;
      },
      async (error: unknown) => {
        if (isCollision(error) && mode !== 'leave' && (await adoptOwnSave())) return 'again';
        fail(error, mode);
        return null;
      },
    );
    inFlight = work;
    let outcome: ArticleJson | null | 'again';
    try {
      outcome = await work;
    } finally {
      if (inFlight === work) inFlight = null;
    }
    return outcome === 'again' ? save(mode) : outcome;
  }

  /** Takes a whole new server version (theirs, a restored revision): the draft is replaced. */
  function replaceArticle(article: ArticleJson, restoredFromBackup = false): void {
    clearTimeout(autosaveTimer);
    clearTimeout(retryTimer);
    version += 1;
    savedVersion = version;
    fieldVersions.clear();
    baseUpdatedAt = article.updated_at;
    forgetBackup();
    clearBackup(article.id);
    set({
      article,
      draft: draftFromArticle(article),
      isConflict: false,
      fieldErrors: {},
      status: { kind: 'idle' },
      contentVersion: state.contentVersion + 1,
      isRestored: restoredFromBackup,
    });
  }

  /** Takes the server's answer to publish, schedule or unpublish: the draft and its changes stay. */
  function acceptArticle(article: ArticleJson): void {
    baseUpdatedAt = article.updated_at;
    set({ article, status: isDirty() ? pendingStatus() : { kind: 'saved', at: new Date() } });
    if (isDirty()) scheduleAutosave();
  }

  /** The page is going away: send what changed with keepalive, and keep a backup. */
  function leave(): void {
    if (isDirty() && !state.isConflict) void save('leave');
    backupNow();
  }

  const stopWatching = watchPage({
    onLeave: leave,
    hasUnsaved: () => {
      backupNow();
      return isDirty();
    },
    onOnline: () => {
      if (state.status.kind !== 'offline') return;
      clearTimeout(retryTimer);
      set({ status: { kind: 'dirty' } });
      set({ status: pendingStatus() });
      void save(retryMode);
    },
  });

  return {
    getState: () => state,
    subscribe(listener: () => void): () => void {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    /** The body editor: its HTML is read when saving rather than on every keystroke. */
    setBodyReader(reader: (() => string) | null): void {
      readBody = reader;
    },

    /**
     * Loads the article (or a blank one) and this browser's backup, keeping the newer; restored
     * work is saved again at once.
     */
    async load(): Promise<void> {
      const article = options.id
        ? ((await api<Envelope>('GET', `/articles/${encodeURIComponent(options.id)}`)).articles[0] ?? null)
        : null;
      const backup = readBackup(options.id ?? 'new');
      if (article) replaceArticle(article);
      unanswered.push(...(backup?.sent ?? []));
      if (backup && isBackupNewer(backup, article)) {
        baseUpdatedAt = article ? (backup.baseUpdatedAt ?? article.updated_at) : null;
        set({ draft: backup.draft, isRestored: true, contentVersion: state.contentVersion + 1 });
        markChanged(draftFields);
        backupNow();
      } else if (backup) clearBackup(options.id ?? 'new');
    },

    change(patch: Partial<Draft>): void {
      const fields = Object.keys(patch) as DraftField[];
      const fieldErrors = { ...state.fieldErrors };
      for (const field of fields) delete fieldErrors[field];
      delete fieldErrors.form;
      set({ draft: { ...state.draft, ...patch }, fieldErrors });
      markChanged(fields);
    },

    /** The body changed (its HTML is read later, through the body reader). */
    touchBody(): void {
      markChanged(['body_html']);
    },

    save,
    isDirty,
    replaceArticle,
    acceptArticle,

    /** Someone else saved: take their version, or overwrite it with ours. */
    async resolveConflict(choice: 'theirs' | 'mine'): Promise<ArticleJson | null> {
      const id = state.article?.id;
      if (!id) return null;
      const { articles } = await api<Envelope>('GET', `/articles/${id}`);
      const theirs = articles[0] as ArticleJson;
      if (choice === 'theirs') {
        replaceArticle(theirs);
        return theirs;
      }
      baseUpdatedAt = theirs.updated_at;
      set({ article: theirs, isConflict: false });
      markChanged(draftFields);
      return save('manual');
    },

    dispose(): void {
      leave();
      isDisposed = true;
      clearTimeout(autosaveTimer);
      clearTimeout(retryTimer);
      stopWatching();
      listeners.clear();
    },
  };
}
