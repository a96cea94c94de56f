import { useEffect, useId, useState } from 'preact/hooks';
import { ApiError, api } from '../../api.ts';
import { describeError } from '../../components/errors.ts';
import { Field } from '../../components/field.tsx';
import { Notice } from '../../components/notice.tsx';
import { t } from '../../i18n.ts';
import { Link } from '../../router.tsx';
import {
  type Cadence,
  cadences,
  emptyNewsletter,
  hourText,
  type Newsletter,
  type NewsletterInput,
  weekdayName,
} from './newsletter-types.ts';

type Category = { id: string; name: string };

const inputOf = (newsletter: Newsletter): NewsletterInput => {
  const { id: _id, subscriber_count: _count, ...input } = newsletter;
  return input;
};

function SelectField(props: {
  label: string;
  value: number | string;
  options: { value: number | string; text: string }[];
  error?: string | undefined;
  onChange: (value: string) => void;
}) {
  const id = useId();
  return (
    <div class="field">
      <label for={id}>{props.label}</label>
      <select
        id={id}
        value={String(props.value)}
        aria-describedby={props.error ? `${id}-error` : undefined}
        onChange={(event) => props.onChange((event.target as HTMLSelectElement).value)}
      >
        {props.options.map((option) => (
          <option value={String(option.value)} key={option.value}>
            {option.text}
          </option>
        ))}
      </select>
      {props.error ? (
        <p class="field-error" id={`${id}-error`}>
          {props.error}
        </p>
      ) : null}
    </div>
  );
}

/**
 * Creates or edits a newsletter: name, address (slug), description, the categories that feed it,
 * its cadence and send time, and whether opens and clicks are tracked. The API's field errors show
 * under their fields.
 */
export function NewsletterForm(props: { newsletter: Newsletter | null; onSaved: (name: string) => void }) {
  const { newsletter } = props;
  const [input, setInput] = useState<NewsletterInput>(newsletter ? inputOf(newsletter) : emptyNewsletter);
  const [position, setPosition] = useState(String(input.position));
  const [categories, setCategories] = useState<Category[]>([]);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState('');
  const [isBusy, setBusy] = useState(false);
  const set = <K extends keyof NewsletterInput>(key: K, value: NewsletterInput[K]) =>
    setInput((was) => ({ ...was, [key]: value }));

  useEffect(() => {
    api<{ categories: Category[] }>('GET', '/categories?limit=100')
      .then((answer) => setCategories(answer.categories))
      .catch((caught) => setMessage(describeError(caught)));
  }, []);

  const submit = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    setErrors({});
    setMessage('');
    const { slug, ...rest } = input;
    const order = Number(position);
    const body = {
      newsletters: [
        {
          ...rest,
          // A value that is no whole number goes as typed: the API's message then names the field.
          position: position.trim() === '' ? 0 : Number.isInteger(order) ? order : position,
          ...(slug.trim() ? { slug: slug.trim() } : {}),
        },
      ],
    };
    try {
      if (newsletter) await api('PATCH', `/newsletters/${newsletter.id}`, body);
      else await api('POST', '/newsletters', body);
      props.onSaved(input.name);
    } catch (caught) {
      if (caught instanceof ApiError && caught.status === 422) {
        setErrors(caught.fields);
        setMessage(t('common.fixErrors'));
      } else setMessage(describeError(caught));
      setBusy(false);
    }
  };

  const hours = Array.from({ length: 24 }, (_, hour) => ({ value: hour, text: hourText(hour) }));
  const days = Array.from({ length: 7 }, (_, index) => ({ value: index + 1, text: weekdayName(index + 1) }));

  return (
    <form class="newsletter-form" onSubmit={submit} noValidate>
      {message ? <Notice kind="alert">{message}</Notice> : null}
      <Field
        label={t('newsletters.name')}
        name="name"
        required
        maxLength={120}
        value={input.name}
        error={errors.name}
        onInput={(event) => set('name', (event.target as HTMLInputElement).value)}
      />
      <Field
        label={t('newsletters.slug')}
        hint={t('newsletters.slugHint')}
        name="slug"
        value={input.slug}
        error={errors.slug}
        onInput={(event) => set('slug', (event.target as HTMLInputElement).value)}
      />
      <Field
        label={t('newsletters.description')}
        hint={t('newsletters.descriptionHint')}
        multiline
        name="description"
        maxLength={1000}
        value={input.description}
        error={errors.description}
        onInput={(event) => set('description', (event.target as HTMLTextAreaElement).value)}
      />
      <fieldset class="newsletter-fieldset">
        <legend>{t('newsletters.categories')}</legend>
        <p class="hint">{t('newsletters.categoriesHint')}</p>
        {categories.map((category) => (
          <label class="check-label" key={category.id}>
            <input
              type="checkbox"
              checked={input.categories.includes(category.id)}
              onChange={(event) =>
                set(
                  'categories',
                  (event.target as HTMLInputElement).checked
                    ? [...input.categories, category.id]
                    : input.categories.filter((id) => id !== category.id),
                )
              }
            />
            {category.name}
          </label>
        ))}
        {errors.categories ? <p class="field-error">{errors.categories}</p> : null}
      </fieldset>
      <SelectField
        label={t('newsletters.cadence')}
        value={input.cadence}
        options={cadences.map((cadence) => ({ value: cadence, text: t(`newsletters.cadence_${cadence}`) }))}
        error={errors.cadence}
        onChange={(value) => set('cadence', value as Cadence)}
      />
      {input.cadence === 'publish' ? null : (
        <SelectField
          label={t('newsletters.sendHour')}
          value={input.send_hour}
          options={hours}
          error={errors.send_hour}
          onChange={(value) => set('send_hour', Number(value))}
        />
      )}
      {input.cadence === 'weekly' ? (
        <SelectField
          label={t('newsletters.sendWeekday')}
          value={input.send_weekday}
          options={days}
          error={errors.send_weekday}
          onChange={(value) => set('send_weekday', Number(value))}
        />
      ) : null}
      <fieldset class="newsletter-fieldset">
        <legend>{t('newsletters.tracking')}</legend>
        <p class="hint">{t('newsletters.trackingHint')}</p>
        <label class="check-label">
          <input
            type="checkbox"
            checked={input.track_opens}
            onChange={(event) => set('track_opens', (event.target as HTMLInputElement).checked)}
          />
          {t('newsletters.trackOpens')}
        </label>
        <label class="check-label">
          <input
            type="checkbox"
            checked={input.track_clicks}
            onChange={(event) => set('track_clicks', (event.target as HTMLInputElement).checked)}
          />
          {t('newsletters.trackClicks')}
        </label>
      </fieldset>
      <Field
        label={t('newsletters.position')}
        hint={t('newsletters.positionHint')}
        type="number"
        name="position"
        min={0}
        max={10000}
        value={position}
        error={errors.position}
        onInput={(event) => setPosition((event.target as HTMLInputElement).value)}
      />
      <div class="toolbar">
        <button type="submit" class="button button-primary" disabled={isBusy}>
          {isBusy ? t('common.saving') : t('common.save')}
        </button>
        <Link class="button button-quiet" href="/newsletters">
          {t('common.cancel')}
        </Link>
      </div>
    </form>
  );
}
