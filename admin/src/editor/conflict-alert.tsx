import { useState } from 'preact/hooks';
import { describeError } from '../components/errors.ts';
import { Notice } from '../components/notice.tsx';
import { t } from '../i18n.ts';
import type { ArticleStore } from './article-store.ts';

/**
 * Someone else saved the article since this version was loaded: the writer takes their version
 * or overwrites it with their own. Until then nothing is sent (the draft stays in this browser).
 */
export function ConflictAlert(props: { store: ArticleStore }) {
  const [isBusy, setBusy] = useState(false);
  const [error, setError] = useState('');
  const choose = async (choice: 'theirs' | 'mine') => {
    setBusy(true);
    setError('');
    try {
      await props.store.resolveConflict(choice);
    } catch (caught) {
      setError(describeError(caught));
    } finally {
      setBusy(false);
    }
  };
  return (
    <div class="notice notice-alert conflict" role="alert">
      <p>{t('editor.conflict')}</p>
      <div class="button-row">
        <button
          type="button"
          class="button button-quiet"
          disabled={isBusy}
          onClick={() => void choose('theirs')}
        >
          {t('editor.conflictTheirs')}
        </button>
        <button
          type="button"
          class="button button-danger"
          disabled={isBusy}
          onClick={() => void choose('mine')}
        >
          {t('editor.conflictMine')}
        </button>
      </div>
      {error ? <Notice kind="alert">{error}</Notice> : null}
    </div>
  );
}
