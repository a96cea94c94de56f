import type { SubscriptionState } from '../../comments/notifications/reply-subscriptions.ts';
import type { ErrorDetail } from '../../lib/errors.ts';
import type { Translator } from '../../lib/i18n.ts';
import type { Newsletter } from '../newsletter.ts';
import { subscribePaths } from '../subscribe-links.ts';
import { NewsletterChoices } from './newsletter-choices.tsx';
import { subscribeErrorText } from './subscribe-form.tsx';

/** The login form: one field, and the reason a link did not work when one did not. */
export function LoginView(props: {
  tr: Translator;
  email?: string;
  error?: ErrorDetail | null;
  notice?: string | null;
}) {
  const { t } = props.tr;
  return (
    <section class="account-login" aria-labelledby="login-heading">
      <h1 id="login-heading">{t('account.loginTitle')}</h1>
      {props.notice ? (
        <p class="notice-line" role="status">
          {props.notice}
        </p>
      ) : null}
      <p>{t('account.loginIntro')}</p>
      <form method="post" action={subscribePaths.login} noValidate>
        <p class="subscribe-field">
          <label for="login-email">{t('account.emailLabel')}</label>
          <input
            id="login-email"
            name="email"
            type="email"
            autocomplete="email"
            required
            maxLength={254}
            value={props.email ?? ''}
            aria-invalid={props.error ? 'true' : undefined}
            aria-describedby="login-email-error"
          />
          <span class="field-error" id="login-email-error" role={props.error ? 'alert' : undefined}>
            {props.error ? subscribeErrorText(props.tr, props.error) : ''}
          </span>
        </p>
        <p>
          <button type="submit">{t('account.loginSubmit')}</button>
        </p>
      </form>
    </section>
  );
}

export type AccountViewProps = {
  tr: Translator;
  email: string;
  name: string;
  newsletters: Newsletter[];
  chosen: string[];
  replies: SubscriptionState;
  csrf: string;
  /** What the last action did, announced to screen readers. */
  saved?: string | null;
  error?: ErrorDetail | null;
};

/** The reader's account: newsletters, reply notifications, their data, deleting it all, signing out. */
export function AccountView(props: AccountViewProps) {
  const { t } = props.tr;
  // The reader's newsletters by slug, as the checkboxes name them.
  const chosen = new Set(props.newsletters.filter((n) => props.chosen.includes(n.id)).map((n) => n.slug));
  const csrf = <input type="hidden" name="csrf" value={props.csrf} />;
  return (
    <div class="account">
      <h1>{t('account.title')}</h1>
      <p>{t('account.signedInAs', { email: props.email })}</p>
      {props.saved ? (
        <p class="notice-line" role="status">
          {props.saved}
        </p>
      ) : null}
      {props.error ? (
        <div class="form-errors" role="alert">
          <p>{subscribeErrorText(props.tr, props.error)}</p>
        </div>
      ) : null}

      <section aria-labelledby="account-newsletters-heading">
        <h2 id="account-newsletters-heading">{t('account.newslettersHeading')}</h2>
        <form method="post" action={`${subscribePaths.account}/newsletters`}>
          {csrf}
          <p class="subscribe-field">
            <label for="account-name">{t('account.nameLabel')}</label>
            <input
              id="account-name"
              name="name"
              type="text"
              autocomplete="name"
              maxLength={100}
              value={props.name}
            />
          </p>
          <fieldset>
            <legend>{t('account.newslettersLegend')}</legend>
            {props.newsletters.length === 0 ? <p>{t('account.noNewsletters')}</p> : null}
            <NewsletterChoices
              idPrefix="account-newsletter"
              newsletters={props.newsletters}
              isChecked={(newsletter) => chosen.has(newsletter.slug)}
            />
          </fieldset>
          <p>
            <button type="submit">{t('account.saveNewsletters')}</button>
          </p>
        </form>
      </section>

      <section aria-labelledby="account-replies-heading">
        <h2 id="account-replies-heading">{t('account.repliesHeading')}</h2>
        <form method="post" action={`${subscribePaths.account}/notifications`}>
          {csrf}
          <p class="subscribe-choice">
            <input
              id="account-replies"
              name="replies"
              type="checkbox"
              value="1"
              checked={props.replies === 'receiving'}
            />
            <label for="account-replies">{t('account.repliesLabel')}</label>
          </p>
          <p>
            <button type="submit">{t('account.saveReplies')}</button>
          </p>
        </form>
      </section>

      <section aria-labelledby="account-data-heading">
        <h2 id="account-data-heading">{t('account.dataHeading')}</h2>
        <p>{t('account.dataIntro')}</p>
        <p>
          <a href={`${subscribePaths.account}/data`} download="my-data.json">
            {t('account.download')}
          </a>
        </p>
        <form method="post" action={`${subscribePaths.account}/delete`}>
          {csrf}
          <p class="subscribe-choice">
            <input id="account-delete-confirm" name="confirm" type="checkbox" value="1" required />
            <label for="account-delete-confirm">{t('account.deleteConfirm')}</label>
          </p>
          <p>
            <button type="submit">{t('account.delete')}</button>
          </p>
        </form>
      </section>

      <form method="post" action={`${subscribePaths.account}/logout`}>
        {csrf}
        <p>
          <button type="submit">{t('account.logout')}</button>
        </p>
      </form>
    </div>
  );
}
