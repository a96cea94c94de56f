import { t } from '../../i18n.ts';
import type { ModeratedComment } from './comment-types.ts';

const plainReasons = new Set([
  'first_time',
  'honeypot',
  'no_captcha',
  'captcha_unavailable',
  'akismet',
  'akismet_unavailable',
  'all_held',
]);

/**
 * Why the comment was held (or marked spam), in words: the API's `hold_reason` code with its
 * `hold_detail` (the matched word, the number of links, the seconds taken). Null when it was not held.
 *
 * @example
 * holdReasonText({ hold_reason: 'suspect_word', hold_detail: 'casino' }) // 'Contains the word “casino”'
 */
export function holdReasonText(
  comment: Pick<ModeratedComment, 'hold_reason' | 'hold_detail'>,
): string | null {
  const { hold_reason: reason, hold_detail: detail } = comment;
  if (!reason) return null;
  if (reason === 'suspect_word') return t('comments.holdSuspectWord', { word: detail ?? '' });
  if (reason === 'too_many_links') return t('comments.holdTooManyLinks', { links: detail ?? '' });
  if (reason === 'too_fast') {
    const seconds = /^(\d+(?:\.\d+)?) s$/.exec(detail ?? '')?.[1];
    return seconds ? t('comments.holdTooFast', { seconds }) : t('comments.holdNoFormTime');
  }
  if (plainReasons.has(reason)) return t(`comments.hold_${reason}`);
  return t('comments.holdOther', { code: reason });
}

/** A reader's report reason (`spam`, `abuse`, `off_topic`, `illegal`) in words. */
export const reportReasonText = (reason: string): string => {
  const key = `comments.report_${reason}`;
  const text = t(key);
  return text === key ? reason : text;
};
