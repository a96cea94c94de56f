import type { CommentSettings, HoldReason } from '../comment.ts';
import { countLinks } from '../comment-text.ts';

/** What the content layers decide about a comment, with the reason moderators will see. */
export type ContentVerdict =
  | { action: 'pass' }
  | { action: 'reject'; code: 'COMMENT_BANNED_WORD'; detail: string }
  | { action: 'hold' | 'spam'; reason: HoldReason; detail: string | null };

export type ContentFacts = {
  body: string;
  name: string;
  url: string | null;
  email: string | null;
  honeypot: string;
  /** Seconds since the form was rendered; null when the signed time is missing or forged. */
  secondsSinceRender: number | null;
};

const escapeRegExp = (value: string) => value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * The first listed word found as a whole word (any case, any script), else null: "ass" does not
 * match "class", and "viagra" matches "VIAGRA!".
 */
export function findWord(text: string, words: string[]): string | null {
  const normalised = text.normalize('NFKC').toLocaleLowerCase();
  for (const word of words) {
    const needle = word.normalize('NFKC').toLocaleLowerCase();
    if (!needle) continue;
    const pattern = new RegExp(`(?<![\\p{L}\\p{N}])${escapeRegExp(needle)}(?![\\p{L}\\p{N}])`, 'u');
    if (pattern.test(normalised)) return word;
  }
  return null;
}

/**
 * The layers that look only at what was sent, in order of certainty: banned words reject, a
 * filled honeypot is spam, then too fast, too many links and suspect words hold for a moderator.
 * Each layer is switched by its setting.
 */
export function checkContent(facts: ContentFacts, settings: CommentSettings): ContentVerdict {
  const everything = [facts.body, facts.name, facts.url ?? '', facts.email ?? ''].join('\n');
  const banned = findWord(everything, settings.banned_words);
  if (banned) return { action: 'reject', code: 'COMMENT_BANNED_WORD', detail: banned };
  if (settings.honeypot && facts.honeypot.trim() !== '')
    return { action: 'spam', reason: 'honeypot', detail: null };
  if (settings.min_seconds > 0) {
    const seconds = facts.secondsSinceRender;
    if (seconds === null || seconds < settings.min_seconds)
      return {
        action: 'hold',
        reason: 'too_fast',
        detail: seconds === null ? 'no signed form time' : `${seconds.toFixed(1)} s`,
      };
  }
  const links = countLinks(facts.body);
  if (links > settings.max_links) return { action: 'hold', reason: 'too_many_links', detail: String(links) };
  const suspect = findWord(everything, settings.suspect_words);
  if (suspect) return { action: 'hold', reason: 'suspect_word', detail: suspect };
  return { action: 'pass' };
}
