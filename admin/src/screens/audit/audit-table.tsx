import { formatDateTime, t } from '../../i18n.ts';
import { Link } from '../../router.tsx';
import type { AuditEntry } from './audit-types.ts';
import { actionLabel, actorLabel, subjectName, targetTypeLabel } from './audit-words.ts';

/** What was acted on: an article's title linking to the editor (unless it was deleted), else its type and name. */
function Subject({ entry }: { entry: AuditEntry }) {
  const { target } = entry;
  if (!target) return <>—</>;
  const name = subjectName(entry);
  const type = targetTypeLabel(target.type);
  const isOpenable = target.type === 'article' && entry.action !== 'article.deleted';
  const scheduledFor = entry.summary.published_at;
  return (
    <>
      <span class="audit-type">{type}</span>{' '}
      {isOpenable ? (
        <Link href={`/articles/${target.id}`}>{name ?? t('audit.untitled')}</Link>
      ) : (
        <span>{name ?? ''}</span>
      )}
      {entry.action === 'article.scheduled' && typeof scheduledFor === 'string' ? (
        <span class="hint audit-detail">
          {' '}
          {t('audit.scheduledFor', { time: formatDateTime(scheduledFor) })}
        </span>
      ) : null}
      {entry.summary.by_schedule === true ? (
        <span class="hint audit-detail"> {t('audit.bySchedule')}</span>
      ) : null}
    </>
  );
}

/** The log, newest first: when, who, what and on what. */
export function AuditTable(props: { entries: AuditEntry[] }) {
  return (
    <div class="table-wrap">
      <table class="audit-table">
        <caption class="visually-hidden">{t('audit.tableCaption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('audit.when')}</th>
            <th scope="col">{t('audit.who')}</th>
            <th scope="col">{t('audit.action')}</th>
            <th scope="col">{t('audit.subject')}</th>
          </tr>
        </thead>
        <tbody>
          {props.entries.map((entry) => (
            <tr key={entry.id}>
              <td class="audit-when">
                <time dateTime={entry.at}>{formatDateTime(entry.at)}</time>
              </td>
              <td class="audit-who">{actorLabel(entry.actor)}</td>
              <td>{actionLabel(entry.action)}</td>
              <td>
                <Subject entry={entry} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
