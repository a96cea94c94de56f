import { ApiError } from '../../api.ts';
import { describeError } from '../../components/errors.ts';
import { t } from '../../i18n.ts';

/** A mailed link's refusal in the reader's words: unknown, expired or already used. */
export function describeLinkError(error: unknown): string {
  if (error instanceof ApiError) {
    if (error.code === 'LINK_INVALID') return t('account.linkInvalid');
    if (error.code === 'LINK_EXPIRED') return t('account.linkExpired');
    if (error.code === 'LINK_USED') return t('account.linkUsed');
    if (error.status === 429) return t('account.tooMany');
  }
  return describeError(error);
}
