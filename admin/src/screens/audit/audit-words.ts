import { t } from '../../i18n.ts';
import type { AuditEntry } from './audit-types.ts';

/** Catalog keys can't hold dots: `article.published` → `audit.action_article_published`. */
const keyOf = (prefix: string, code: string) => `audit.${prefix}_${code.replace(/\W/g, '_')}`;

/**
 * An action in the newsroom's language ("Article published"), or its code when the catalog lacks it.
 *
 * @example
 * actionLabel('article.published') // 'Article published'
 */
export function actionLabel(action: string): string {
  const key = keyOf('action', action);
  const word = t(key);
  return word === key ? action : word;
}

/** A target type in words ("Article", "Settings"), or the type as stored. */
export function targetTypeLabel(type: string): string {
  const key = keyOf('target', type);
  const word = t(key);
  return word === key ? type : word;
}

/** Who did it: a staff member by the email the log kept; tokens and the system in words. */
export function actorLabel(actor: AuditEntry['actor']): string {
  if (actor.kind === 'token') return t('audit.actorToken');
  if (actor.kind === 'system') return t('audit.actorSystem');
  return actor.label;
}

/** The name the summary kept for the target (an article's title, a newsletter's name, an email), if any. */
export function subjectName(entry: AuditEntry): string | null {
  for (const key of ['title', 'name', 'email']) {
    const value = entry.summary[key];
    if (typeof value === 'string' && value) return value;
  }
  return null;
}
