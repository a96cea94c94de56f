import { draftFields, emptyDraft, hasContent } from './article-draft.ts';
import type { ArticleJson, Draft } from './article-types.ts';
import { fingerprint } from './draft-fingerprint.ts';

const PREFIX = 'masthead-editor-backup:';

/**
 * A copy of unsaved work kept in this browser: what the writer typed, when, and the `updated_at`
 * of the server version it was based on (so a newer save by someone else is still noticed).
 */
export type Backup = {
  draft: Draft;
  savedAt: string;
  baseUpdatedAt: string | null;
  /** Fingerprints of saves sent without an answer (draft-fingerprint.ts). */
  sent?: string[];
};

/** `new` for an article not yet created, else its id. */
export type BackupKey = string;

/**
 * Keeps unsaved work in localStorage; false when the browser refused (private mode, quota).
 *
 * @example
 * writeBackup('new', { draft, savedAt: new Date().toISOString(), baseUpdatedAt: null });
 */
export function writeBackup(key: BackupKey, backup: Backup): boolean {
  try {
    localStorage.setItem(PREFIX + key, JSON.stringify(backup));
    return true;
  } catch {
    return false;
  }
}

export function clearBackup(key: BackupKey): void {
  try {
    localStorage.removeItem(PREFIX + key);
  } catch {
    // Storage unavailable: there is nothing to clear.
  }
}

/** The backup of an article, or null when there is none or it cannot be read as one. */
export function readBackup(key: BackupKey): Backup | null {
  let raw: string | null = null;
  try {
    raw = localStorage.getItem(PREFIX + key);
  } catch {
    return null;
  }
  if (!raw) return null;
  try {
    return parseBackup(JSON.parse(raw));
  } catch {
    return null;
  }
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const isStringList = (value: unknown): value is string[] =>
  Array.isArray(value) && value.every((item) => typeof item === 'string');

/** Reads a stored backup field by field against the blank draft's types; anything odd is refused. */
function parseBackup(value: unknown): Backup | null {
  if (!isRecord(value) || !isRecord(value.draft) || typeof value.savedAt !== 'string') return null;
  const stored = value.draft;
  const draft = emptyDraft();
  for (const field of draftFields) {
    const given = stored[field];
    const blank = draft[field];
    const fits =
      (typeof blank === 'string' && typeof given === 'string') ||
      (typeof blank === 'boolean' && typeof given === 'boolean') ||
      (Array.isArray(blank) && isStringList(given)) ||
      (blank === null && (given === null || typeof given === 'string'));
    if (!fits) return null;
    Object.assign(draft, { [field]: given });
  }
  const base = value.baseUpdatedAt;
  return {
    draft,
    savedAt: value.savedAt,
    baseUpdatedAt: typeof base === 'string' ? base : null,
    sent: isStringList(value.sent) ? value.sent : [],
  };
}

/**
 * Whether a backup holds newer work than the server's version of the article (or any work, for
 * an article not yet created).
 *
 * @example
 * if (backup && isBackupNewer(backup, article)) restore(backup.draft);
 */
export function isBackupNewer(backup: Backup, article: ArticleJson | null): boolean {
  if (!hasContent(backup.draft)) return false;
  if (!article) return true;
  // The server already holds these words (the save sent as the page unloaded landed).
  if (fingerprint(article) === fingerprint(backup.draft)) return false;
  if (backup.baseUpdatedAt === article.updated_at) return true;
  return Date.parse(backup.savedAt) > Date.parse(article.updated_at);
}
