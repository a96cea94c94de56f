import type { Translator } from '../../../lib/i18n.ts';

export { NoticeView, type PageAction, type PageLink } from '../../../site/views/notice.tsx';

/** The "delete my comments" form: one labelled field, and the error beside it when there is one. */
export function ForgetFormView(props: {
  tr: Translator;
  action: string;
  email: string;
  error: string | null;
}) {
  const { t } = props.tr;
  return (
    <article class="notice">
      <h1>{t('notifications.forgetTitle')}</h1>
      <p>{t('notifications.forgetIntro')}</p>
      <form method="post" action={props.action} novalidate>
        <p>
          <label for="forget-email">{t('notifications.emailLabel')}</label>
          <br />
          <input
            id="forget-email"
            type="email"
            name="email"
            autocomplete="email"
            required
            maxLength={254}
            value={props.email}
            {...(props.error ? { 'aria-invalid': 'true', 'aria-describedby': 'forget-email-error' } : {})}
          />
        </p>
        {props.error ? (
          <p id="forget-email-error" class="field-error" role="alert">
            {props.error}
          </p>
        ) : null}
        <button type="submit">{t('notifications.forgetSubmit')}</button>
      </form>
    </article>
  );
}
