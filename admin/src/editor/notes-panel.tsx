import { useEffect, useId, useState } from 'preact/hooks';
import { ApiError, api } from '../api.ts';
import { describeError } from '../components/errors.ts';
import { Field } from '../components/field.tsx';
import { Notice } from '../components/notice.tsx';
import { formatDateTime, t } from '../i18n.ts';

/** A dated correction or update shown under a published article. */
export type ArticleNote = { id: string; kind: 'correction' | 'update'; text: string; created_at: string };

const kindLabel = (kind: ArticleNote['kind']) =>
  kind === 'correction' ? t('editor.noteCorrection') : t('editor.noteUpdate');

/**
 * Corrections and updates of a published article: the list, a delete button for each (after a
 * confirmation), and the form that appends one. Each is dated by the server.
 */
export function NotesPanel(props: { articleId: string }) {
  const path = `/articles/${props.articleId}/notes`;
  const [notes, setNotes] = useState<ArticleNote[]>([]);
  const [kind, setKind] = useState<ArticleNote['kind']>('correction');
  const [text, setText] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<{ kind: 'status' | 'alert'; text: string } | null>(null);
  const [isBusy, setBusy] = useState(false);
  const headingId = useId();
  const formHeadingId = useId();

  useEffect(() => {
    let isCurrent = true;
    api<{ notes: ArticleNote[] }>('GET', path)
      .then((answer) => {
        if (isCurrent) setNotes(answer.notes);
      })
      .catch((caught: unknown) => {
        if (isCurrent) setMessage({ kind: 'alert', text: describeError(caught) });
      });
    return () => {
      isCurrent = false;
    };
  }, [path]);

  const add = async (event: Event) => {
    event.preventDefault();
    if (!text.trim()) {
      setErrors({ text: t('editor.noteRequired') });
      return;
    }
    setBusy(true);
    setErrors({});
    setMessage(null);
    try {
      const answer = await api<{ notes: ArticleNote[] }>('POST', path, {
        notes: [{ kind, text: text.trim() }],
      });
      setNotes([...notes, ...answer.notes]);
      setText('');
      setMessage({ kind: 'status', text: t('editor.noteAdded') });
    } catch (caught) {
      if (caught instanceof ApiError && caught.status === 422) setErrors(caught.fields);
      setMessage({ kind: 'alert', text: describeError(caught) });
    } finally {
      setBusy(false);
    }
  };

  const remove = async (note: ArticleNote) => {
    if (!confirm(t('editor.noteConfirmDelete'))) return;
    try {
      await api('DELETE', `${path}/${note.id}`);
      setNotes(notes.filter((other) => other.id !== note.id));
      setMessage({ kind: 'status', text: t('editor.noteDeleted') });
    } catch (caught) {
      setMessage({ kind: 'alert', text: describeError(caught) });
    }
  };

  return (
    <section class="notes-panel" aria-labelledby={headingId}>
      <h2 id={headingId}>{t('editor.notes')}</h2>
      {message ? <Notice kind={message.kind}>{message.text}</Notice> : null}
      {notes.length > 0 ? (
        <ul class="note-list">
          {notes.map((note) => (
            <li key={note.id}>
              <p id={`note-${note.id}`}>
                <strong>{kindLabel(note.kind)}</strong>{' '}
                <time dateTime={note.created_at}>{formatDateTime(note.created_at)}</time>:{' '}
                <span dir="auto">{note.text}</span>
              </p>
              <button
                type="button"
                class="button button-danger"
                aria-describedby={`note-${note.id}`}
                onClick={() => void remove(note)}
              >
                {t('common.delete')}
              </button>
            </li>
          ))}
        </ul>
      ) : (
        <p class="hint">{t('editor.notesEmpty')}</p>
      )}
      <form class="note-form" aria-labelledby={formHeadingId} onSubmit={add} noValidate>
        <h3 id={formHeadingId}>{t('editor.noteAddTitle')}</h3>
        <fieldset>
          <legend>{t('editor.noteKind')}</legend>
          {(['correction', 'update'] as const).map((option) => (
            <label class="check" key={option}>
              <input
                type="radio"
                name={`${formHeadingId}-kind`}
                value={option}
                checked={kind === option}
                onChange={() => setKind(option)}
              />{' '}
              {kindLabel(option)}
            </label>
          ))}
        </fieldset>
        <Field
          label={t('editor.noteText')}
          hint={t('editor.noteHint')}
          multiline
          rows={3}
          dir="auto"
          value={text}
          error={errors.text}
          onInput={(event) => setText((event.target as HTMLTextAreaElement).value)}
        />
        <button type="submit" class="button" disabled={isBusy}>
          {t('editor.noteAdd')}
        </button>
      </form>
    </section>
  );
}
