import type { CaptchaWidget as Widget } from '../../captcha/captcha.ts';
import { CaptchaWidget } from '../../captcha/captcha-widget.tsx';
import type { ErrorDetail } from '../../lib/errors.ts';
import type { Translator } from '../../lib/i18n.ts';
import { BODY_MAX, FORM_TIME_FIELD, HONEYPOT_FIELD, NAME_MAX } from '../comment-input.ts';

export type CommentFormValues = Partial<
  Record<'name' | 'email' | 'url' | 'body' | 'notify_replies' | 'parent_id', string>
>;

export type CommentFormProps = {
  tr: Translator;
  action: string;
  articleId: string;
  language: string;
  formTime: string;
  captcha: Widget;
  isEmailRequired: boolean;
  values?: CommentFormValues;
  errors?: ErrorDetail[];
  /** The comment replied to, named above the form. */
  replyTo?: { id: string; name: string } | null;
};

/** The codes the enhancing script (assets/comments.js) checks before posting, as the server does. */
const SCRIPT_CHECKED_CODES = [
  'COMMENT_BODY_REQUIRED',
  'COMMENT_BODY_TOO_LONG',
  'COMMENT_NAME_REQUIRED',
  'COMMENT_NAME_TOO_LONG',
  'COMMENT_EMAIL_REQUIRED',
  'COMMENT_EMAIL_INVALID',
  'COMMENT_URL_INVALID',
] as const;

/**
 * The words assets/comments.js shows, from the catalogue in the page's language, as `data-msg-*`
 * attributes on the form (the script carries no text of its own): `data-msg-sending`, … and one
 * `data-msg-comment-body-required` per code it checks.
 */
const scriptMessages = ({ t }: Translator): Record<string, string> => ({
  'data-msg-sending': t('comments.sending'),
  'data-msg-published': t('comments.published'),
  'data-msg-pending': t('comments.pending'),
  'data-msg-network': t('comments.networkError'),
  'data-msg-draft': t('comments.draftSaved'),
  'data-msg-cancel-reply': t('comments.cancelReply'),
  // The script puts the replied-to name in place of {name}.
  'data-msg-reply-heading': t('comments.replyHeading', { name: '{name}' }),
  ...Object.fromEntries(
    SCRIPT_CHECKED_CODES.map((code) => [
      `data-msg-${code.toLowerCase().replaceAll('_', '-')}`,
      t(`comments.errors.${code}`),
    ]),
  ),
});

/** The message a field shows, in the page's language, from the error's code. */
export const messageOf = (tr: Translator, error: ErrorDetail): string =>
  tr.t(`comments.errors.${error.code}`, { defaultValue: error.message });

/**
 * The comment form readers know, readable and usable without JavaScript: every control labelled,
 * each error beside its field (aria-describedby, aria-invalid), every value kept after an error.
 */
export function CommentForm(props: CommentFormProps) {
  const { tr, values = {}, errors = [] } = props;
  const { t } = tr;
  const errorOf = (field: string) => errors.find((error) => error.field === field);
  const general = errors.filter((error) => !['body', 'name', 'email', 'url'].includes(error.field ?? ''));
  const field = (
    name: 'name' | 'email' | 'url',
    type: string,
    label: string,
    options: { isRequired: boolean; autocomplete: string; max: number },
  ) => {
    const error = errorOf(name);
    return (
      <p class={`comment-field field-${name}`}>
        <label for={`comment-${name}`}>
          {label}
          {options.isRequired ? <span aria-hidden="true"> *</span> : null}
        </label>
        <input
          id={`comment-${name}`}
          name={name}
          type={type}
          value={values[name] ?? ''}
          maxLength={options.max}
          autocomplete={options.autocomplete}
          required={options.isRequired}
          aria-invalid={error ? 'true' : undefined}
          aria-describedby={error ? `comment-${name}-error` : undefined}
        />
        <span class="field-error" id={`comment-${name}-error`} role={error ? 'alert' : undefined}>
          {error ? messageOf(tr, error) : ''}
        </span>
      </p>
    );
  };
  const bodyError = errorOf('body');
  return (
    <form
      id="respond"
      class="comment-form"
      method="post"
      action={props.action}
      aria-labelledby="respond-heading"
      data-article-id={props.articleId}
      {...scriptMessages(tr)}
      noValidate
    >
      <h3 id="respond-heading">
        {props.replyTo ? t('comments.replyHeading', { name: props.replyTo.name }) : t('comments.formHeading')}
      </h3>
      <p class="comment-form-note">{t('comments.emailNote')}</p>
      {general.length > 0 ? (
        <div class="form-errors" role="alert">
          {general.map((error) => (
            <p key={error.code}>{messageOf(tr, error)}</p>
          ))}
        </div>
      ) : null}
      <input type="hidden" name="article_id" value={props.articleId} />
      <input type="hidden" name="parent_id" value={props.replyTo?.id ?? values.parent_id ?? ''} />
      <input type="hidden" name="lang" value={props.language} />
      <input type="hidden" name={FORM_TIME_FIELD} value={props.formTime} />
      <p class="comment-field field-body">
        <label for="comment-body">
          {t('comments.bodyLabel')}
          <span aria-hidden="true"> *</span>
        </label>
        <textarea
          id="comment-body"
          name="body"
          rows={6}
          maxLength={BODY_MAX}
          required
          aria-invalid={bodyError ? 'true' : undefined}
          aria-describedby={bodyError ? 'comment-body-error comment-body-help' : 'comment-body-help'}
        >
          {values.body ?? ''}
        </textarea>
        <span class="field-help" id="comment-body-help">
          {t('comments.bodyHelp')}
        </span>
        <span class="field-error" id="comment-body-error" role={bodyError ? 'alert' : undefined}>
          {bodyError ? messageOf(tr, bodyError) : ''}
        </span>
      </p>
      {field('name', 'text', t('comments.nameLabel'), {
        isRequired: true,
        autocomplete: 'name',
        max: NAME_MAX,
      })}
      {field('email', 'email', t('comments.emailLabel'), {
        isRequired: props.isEmailRequired,
        autocomplete: 'email',
        max: 254,
      })}
      {field('url', 'url', t('comments.urlLabel'), { isRequired: false, autocomplete: 'url', max: 500 })}
      <div class="comment-hp" aria-hidden="true">
        <label for="comment-hp">{t('comments.honeypotLabel')}</label>
        <input id="comment-hp" name={HONEYPOT_FIELD} type="text" tabIndex={-1} autocomplete="off" value="" />
      </div>
      <p class="comment-field field-notify">
        <input
          id="comment-notify"
          name="notify_replies"
          type="checkbox"
          value="1"
          checked={values.notify_replies === '1'}
        />
        <label for="comment-notify">{t('comments.notifyLabel')}</label>
      </p>
      <div class="comment-captcha">
        <CaptchaWidget widget={props.captcha} />
      </div>
      <p class="comment-submit">
        <button type="submit">{t('comments.submit')}</button>
        <span class="comment-status" role="status" aria-live="polite" />
      </p>
    </form>
  );
}
