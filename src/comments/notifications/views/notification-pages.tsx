import type { Translator } from '../../../lib/i18n.ts';

/** `isOneClick` sends RFC 8058's body, so one endpoint serves mail clients and this button alike. */
export type PageAction = { action: string; label: string; isOneClick?: boolean };
export type PageLink = { href: string; label: string };

/**
 * A short page answering a link from an email: what happened, and at most one button (a POST, so
 * that a mail scanner fetching the link with GET never acts for the reader) and one link.
 */
export function NoticeView(props: {
  title: string;
  lines: string[];
  button?: PageAction | null;
  link?: PageLink | null;
}) {
  return (
    <article class="notice">
      <h1>{props.title}</h1>
      {props.lines.map((line) => (
        <p key={line}>{line}</p>
      ))}
      {props.button ? (
        <form method="post" action={props.button.action}>
          {props.button.isOneClick ? <input type="hidden" name="List-Unsubscribe" value="One-Click" /> : null}
          <button type="submit">{props.button.label}</button>
        </form>
      ) : null}
      {props.link ? (
        <p>
          <a href={props.link.href}>{props.link.label}</a>
        </p>
      ) : null}
    </article>
  );
}

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
