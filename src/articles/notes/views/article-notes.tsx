import type { Translator } from '../../../lib/i18n.ts';
import { formatDateTime } from '../../../site/views/format.ts';
import type { ArticleNote } from '../article-note.ts';

/**
 * The corrections and updates under an article, oldest first, each dated in the site's timezone
 * and the page's language: "Correction 25 November 2026 at 09:30: …". The text is plain and
 * escaped (Preact escapes text).
 */
export function ArticleNotes({
  notes,
  tr,
  timeZone,
}: {
  notes: ArticleNote[];
  tr: Translator;
  timeZone: string;
}) {
  if (notes.length === 0) return null;
  const { t, locale } = tr;
  return (
    <section class="article-notes" aria-labelledby="article-notes-heading">
      <h2 id="article-notes-heading">{t('article.notes')}</h2>
      <ul>
        {notes.map((note) => (
          <li key={note.id} id={`note-${note.id}`}>
            <strong>{t(note.kind === 'correction' ? 'article.correction' : 'article.update')}</strong>{' '}
            <time dateTime={note.createdAt.toISOString()}>
              {formatDateTime(note.createdAt, { locale, timeZone })}
            </time>
            : {note.text}
          </li>
        ))}
      </ul>
    </section>
  );
}
