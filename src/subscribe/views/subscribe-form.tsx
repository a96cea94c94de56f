import type { ErrorDetail } from '../../lib/errors.ts';
import type { Translator } from '../../lib/i18n.ts';
import type { SignupSource } from '../subscribe-input.ts';
import { subscribePaths } from '../subscribe-links.ts';
import { NewsletterChoices } from './newsletter-choices.tsx';

export type FormNewsletter = { slug: string; name: string; description: string };

export type SubscribeFormProps = {
  tr: Translator;
  newsletters: FormNewsletter[];
  /** Where the form sits; also what the consent record says the reader used. */
  source: Extract<SignupSource, 'footer' | 'article' | 'page'>;
  /** What the reader typed, shown again after an error so nothing is lost. */
  values?: { email?: string; name?: string; newsletters?: string[] };
  errors?: ErrorDetail[];
};

/** The error for a field, or for any item of a list field (`newsletters[1]`). */
const errorFor = (errors: ErrorDetail[], field: string) =>
  errors.find((error) => error.field === field || error.field?.startsWith(`${field}[`));

/** A field's error in the page's language: by field for what readers type, by code for the rest. */
export function subscribeErrorText(tr: Translator, error: ErrorDetail): string {
  const field = error.field?.replace(/\[\d+\]$/, '');
  if (field === 'email' || field === 'name') return tr.t(`subscribe.errors.${field}`);
  return tr.t(`subscribe.errors.${error.code}`, { defaultValue: error.message });
}

/**
 * The subscribe form: in the footer of every page, at the end of each article and on /subscribe.
 * It works without JavaScript; ids carry the form's place so that two forms on one page never clash.
 */
export function SubscribeForm({ tr, newsletters, source, values = {}, errors = [] }: SubscribeFormProps) {
  const { t } = tr;
  const id = (name: string) => `subscribe-${source}-${name}`;
  const chosen = new Set(values.newsletters ?? newsletters.map((newsletter) => newsletter.slug));
  const emailError = errorFor(errors, 'email');
  const nameError = errorFor(errors, 'name');
  const listError = errorFor(errors, 'newsletters');
  const general = errors.filter(
    (error) => error !== emailError && error !== nameError && error !== listError,
  );
  const errorText = (error: ErrorDetail | undefined, name: string) => (
    <span class="field-error" id={id(`${name}-error`)} role={error ? 'alert' : undefined}>
      {error ? subscribeErrorText(tr, error) : ''}
    </span>
  );
  return (
    <section class={`subscribe subscribe-${source}`} aria-labelledby={id('heading')}>
      {source === 'page' ? (
        <h1 id={id('heading')}>{t('subscribe.heading')}</h1>
      ) : (
        <h2 id={id('heading')} class="section-title">
          {t('subscribe.heading')}
        </h2>
      )}
      <p class="subscribe-intro">{t('subscribe.intro')}</p>
      <form method="post" action={subscribePaths.subscribe} class="subscribe-form" noValidate>
        <input type="hidden" name="source" value={source} />
        {general.length > 0 ? (
          <div class="form-errors" role="alert">
            {general.map((error) => (
              <p key={error.code}>{subscribeErrorText(tr, error)}</p>
            ))}
          </div>
        ) : null}
        <p class="subscribe-field">
          <label for={id('email')}>{t('subscribe.emailLabel')}</label>
          <input
            id={id('email')}
            name="email"
            type="email"
            autocomplete="email"
            required
            maxLength={254}
            value={values.email ?? ''}
            aria-invalid={emailError ? 'true' : undefined}
            aria-describedby={id('email-error')}
          />
          {errorText(emailError, 'email')}
        </p>
        <p class="subscribe-field">
          <label for={id('name')}>{t('subscribe.nameLabel')}</label>
          <input
            id={id('name')}
            name="name"
            type="text"
            autocomplete="name"
            maxLength={100}
            value={values.name ?? ''}
            aria-invalid={nameError ? 'true' : undefined}
            aria-describedby={id('name-error')}
          />
          {errorText(nameError, 'name')}
        </p>
        {newsletters.length > 1 ? (
          <fieldset class="subscribe-newsletters" aria-describedby={id('newsletters-error')}>
            <legend>{t('subscribe.newslettersLegend')}</legend>
            <NewsletterChoices
              idPrefix={id('newsletter')}
              newsletters={newsletters}
              isChecked={(newsletter) => chosen.has(newsletter.slug)}
            />
            {errorText(listError, 'newsletters')}
          </fieldset>
        ) : (
          newsletters.map((newsletter) => (
            <input key={newsletter.slug} type="hidden" name="newsletters" value={newsletter.slug} />
          ))
        )}
        <p>
          <button type="submit">{t('subscribe.submit')}</button>
        </p>
        <p class="subscribe-note">{t('subscribe.note')}</p>
      </form>
    </section>
  );
}
