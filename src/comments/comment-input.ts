import { isEmailAddress } from '../lib/email-address.ts';
import { type ErrorDetail, ValidationError } from '../lib/errors.ts';
import { isUuid } from '../lib/ids.ts';
import { cleanBody, cleanName } from './comment-text.ts';

/** The honeypot: a field people never see (hidden by CSS and from assistive technology). */
export const HONEYPOT_FIELD = 'homepage';
/** The signed time the form was rendered, for the minimum-time check. */
export const FORM_TIME_FIELD = 'form_time';

export const BODY_MAX = 10_000;
export const NAME_MAX = 80;

export type CommentSubmission = {
  articleId: string;
  parentId: string | null;
  name: string;
  email: string | null;
  url: string | null;
  body: string;
  notifyReplies: boolean;
  honeypot: string;
  formTime: string;
};

const text = (value: unknown): string => (typeof value === 'string' ? value : '');
const isTicked = (value: unknown): boolean =>
  value === true || (typeof value === 'string' && ['1', 'on', 'true', 'yes'].includes(value));

/** English messages; routes show the catalog's words for the same code in the page's language. */
export const submissionMessages: Record<string, string> = {
  COMMENT_BODY_REQUIRED: 'Please enter your comment!',
  COMMENT_BODY_TOO_LONG: `Your comment is too long: please keep it under ${BODY_MAX} characters.`,
  COMMENT_NAME_REQUIRED: 'Please enter your name here',
  COMMENT_NAME_TOO_LONG: `Please keep your name under ${NAME_MAX} characters.`,
  COMMENT_EMAIL_REQUIRED: 'You have entered an incorrect email address!',
  COMMENT_EMAIL_INVALID: 'You have entered an incorrect email address!',
  COMMENT_URL_INVALID: 'Please enter a web address starting with http:// or https://, or leave it empty.',
  COMMENT_ARTICLE_INVALID: 'This comment does not belong to an article.',
  COMMENT_PARENT_INVALID: 'The comment you replied to is not available.',
};

const fail = (code: string, field: string): ErrorDetail => ({
  code,
  field,
  message: submissionMessages[code] ?? code,
});

/**
 * Reads a comment form (form-encoded or JSON) and reports every wrong field at once, each with a
 * stable code and the field it belongs to.
 *
 * @example
 * const submission = parseSubmission(request.body, { isEmailRequired: true });
 */
export function parseSubmission(raw: unknown, options: { isEmailRequired: boolean }): CommentSubmission {
  const input = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
  const errors: ErrorDetail[] = [];
  const body = cleanBody(text(input.body));
  const name = cleanName(text(input.name));
  const email = text(input.email).trim().toLowerCase();
  const url = text(input.url).trim();
  const articleId = text(input.article_id).trim();
  const parentId = text(input.parent_id).trim();

  if (!isUuid(articleId)) errors.push(fail('COMMENT_ARTICLE_INVALID', 'article_id'));
  if (parentId && !isUuid(parentId)) errors.push(fail('COMMENT_PARENT_INVALID', 'parent_id'));
  if (!body) errors.push(fail('COMMENT_BODY_REQUIRED', 'body'));
  else if (body.length > BODY_MAX) errors.push(fail('COMMENT_BODY_TOO_LONG', 'body'));
  if (!name) errors.push(fail('COMMENT_NAME_REQUIRED', 'name'));
  else if ([...name].length > NAME_MAX) errors.push(fail('COMMENT_NAME_TOO_LONG', 'name'));
  if (!email) {
    if (options.isEmailRequired) errors.push(fail('COMMENT_EMAIL_REQUIRED', 'email'));
  } else if (!isEmailAddress(email)) {
    errors.push(fail('COMMENT_EMAIL_INVALID', 'email'));
  }
  if (url && !isWebAddress(url)) errors.push(fail('COMMENT_URL_INVALID', 'url'));
  if (errors.length > 0) throw new ValidationError(errors);

  return {
    articleId,
    parentId: parentId || null,
    name,
    email: email || null,
    url: url ? new URL(url).href : null,
    body,
    notifyReplies: isTicked(input.notify_replies) && email !== '',
    honeypot: text(input[HONEYPOT_FIELD]),
    formTime: text(input[FORM_TIME_FIELD]),
  };
}

function isWebAddress(value: string): boolean {
  if (value.length > 500 || !URL.canParse(value)) return false;
  const { protocol, hostname } = new URL(value);
  return (protocol === 'https:' || protocol === 'http:') && hostname.includes('.');
}
