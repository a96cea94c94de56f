import { ApiError, NetworkError } from '../api.ts';
import { t } from '../i18n.ts';

/** One sentence for the reader of a failed call: the API's own message, or what went wrong. */
export function describeError(error: unknown): string {
  if (error instanceof ApiError) {
    if (error.status === 403) return error.message || t('common.forbidden');
    if (error.status >= 500) return t('common.serverError');
    return error.message;
  }
  if (error instanceof NetworkError) return t('common.networkError');
  return t('common.serverError');
}
