import { useEffect, useRef, useState } from 'preact/hooks';
import { ApiError, api } from '../../api.ts';
import { describeError } from '../../components/errors.ts';
import { Field } from '../../components/field.tsx';
import { Notice } from '../../components/notice.tsx';
import { t } from '../../i18n.ts';
import type { MediaItem } from './media-types.ts';

type Text = Pick<MediaItem, 'alt' | 'caption' | 'credit'>;

/**
 * Alt text, caption and credit of one item (`PATCH /api/admin/media/:id`), with the API's field
 * errors under each field. Focus moves to the alt text when the form opens.
 */
export function MediaEditForm(props: {
  item: MediaItem;
  onSaved: (item: MediaItem) => void;
  onCancel: () => void;
}) {
  const { item } = props;
  const [text, setText] = useState<Text>({ alt: item.alt, caption: item.caption, credit: item.credit });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [problem, setProblem] = useState('');
  const [isSaving, setSaving] = useState(false);
  const form = useRef<HTMLFormElement>(null);
  useEffect(() => form.current?.querySelector('input')?.focus(), []);

  const submit = async (event: Event) => {
    event.preventDefault();
    setSaving(true);
    setErrors({});
    setProblem('');
    try {
      const saved = await api<{ media: MediaItem[] }>('PATCH', `/media/${item.id}`, { media: [text] });
      if (saved.media[0]) props.onSaved(saved.media[0]);
    } catch (error) {
      if (error instanceof ApiError && error.status === 422) {
        setErrors(error.fields);
        setProblem(t('common.fixErrors'));
      } else setProblem(describeError(error));
    } finally {
      setSaving(false);
    }
  };
  const bind = (key: keyof Text) => ({
    value: text[key],
    error: errors[key],
    onInput: (event: Event) => setText({ ...text, [key]: (event.currentTarget as HTMLInputElement).value }),
  });

  return (
    <form ref={form} class="media-edit" onSubmit={(event) => void submit(event)}>
      {problem ? <Notice kind="alert">{problem}</Notice> : null}
      <Field label={t('media.alt')} hint={t('media.altHint')} maxLength={1000} {...bind('alt')} />
      <Field label={t('media.caption')} multiline maxLength={2000} {...bind('caption')} />
      <Field label={t('media.credit')} maxLength={500} {...bind('credit')} />
      <div class="toolbar">
        <button type="submit" class="button button-primary" disabled={isSaving}>
          {isSaving ? t('common.saving') : t('common.save')}
        </button>
        <button type="button" class="button button-quiet" onClick={props.onCancel}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}
