import { useId, useState } from 'preact/hooks';
import { ApiError, api } from '../api.ts';
import { describeError } from '../components/errors.ts';
import { Field } from '../components/field.tsx';
import { Notice } from '../components/notice.tsx';
import { t } from '../i18n.ts';
import type { ChosenImage, MediaItem } from './article-types.ts';
import { Dialog } from './dialog.tsx';
import { MediaLibrary, thumbnailOf } from './media-library.tsx';

export type MediaPurpose = 'body' | 'featured';

type MediaDialogProps = {
  open: boolean;
  purpose: MediaPurpose;
  /** The image being edited (a figure already in the text), if any. */
  current: ChosenImage | null;
  onChoose: (image: ChosenImage) => void;
  onClose: () => void;
  onClosed?: () => void;
};

/**
 * Picks an image: one from the media library (searchable) or a new upload, with its alt text,
 * caption and credit. An upload is sent with those words, so the library keeps them too.
 */
export function MediaDialog(props: MediaDialogProps) {
  const title =
    props.purpose === 'featured'
      ? t('editor.featuredChoose')
      : props.current
        ? t('editor.imageEdit')
        : t('editor.imageInsert');
  return (
    <Dialog
      open={props.open}
      title={title}
      class="media-dialog"
      onClose={props.onClose}
      {...(props.onClosed ? { onClosed: props.onClosed } : {})}
    >
      <MediaForm {...props} />
    </Dialog>
  );
}

function MediaForm(props: MediaDialogProps) {
  const [picked, setPicked] = useState<MediaItem | null>(null);
  const [file, setFile] = useState<File | null>(null);
  const [alt, setAlt] = useState(props.current?.alt ?? '');
  const [caption, setCaption] = useState(props.current?.caption ?? '');
  const [credit, setCredit] = useState(props.current?.credit ?? '');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState('');
  const [isBusy, setBusy] = useState(false);
  const fileId = useId();

  const pick = (item: MediaItem) => {
    setPicked(item);
    setFile(null);
    setAlt((had) => had || item.alt);
    setCaption((had) => had || item.caption);
    setCredit((had) => had || item.credit);
  };

  const upload = async (chosen: File): Promise<MediaItem> => {
    const form = new FormData();
    form.append('file', chosen);
    for (const [name, value] of [
      ['alt', alt],
      ['caption', caption],
      ['credit', credit],
    ] as const)
      if (value.trim()) form.append(name, value.trim());
    const { media } = await api<{ media: MediaItem[] }>('POST', '/media', form);
    return media[0] as MediaItem;
  };

  const submit = async (event: Event) => {
    event.preventDefault();
    const found: Record<string, string> = {};
    if (!file && !picked && !props.current) found.file = t('editor.imageRequired');
    if (!alt.trim()) found.alt = t('editor.altRequired');
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    setBusy(true);
    setMessage('');
    try {
      const item = file ? await upload(file) : picked;
      const image: ChosenImage = item
        ? { src: item.url, width: item.width, height: item.height, alt: '', caption: '', credit: '' }
        : (props.current as ChosenImage);
      props.onChoose({ ...image, alt: alt.trim(), caption: caption.trim(), credit: credit.trim() });
    } catch (error) {
      if (error instanceof ApiError && Object.keys(error.fields).length > 0) setErrors(error.fields);
      else setMessage(describeError(error));
    } finally {
      setBusy(false);
    }
  };

  const preview = picked ? thumbnailOf(picked) : !file ? props.current?.src : undefined;
  return (
    <form onSubmit={submit} noValidate class="media-form">
      <div class="media-sources">
        <div class="field">
          <label for={fileId}>{t('editor.imageUpload')}</label>
          <p class="hint" id={`${fileId}-hint`}>
            {t('editor.imageUploadHint')}
          </p>
          <input
            id={fileId}
            type="file"
            accept="image/jpeg,image/png,image/webp,image/gif,image/avif"
            aria-describedby={errors.file ? `${fileId}-hint ${fileId}-error` : `${fileId}-hint`}
            aria-invalid={errors.file ? true : undefined}
            onChange={(event) => {
              const chosen = (event.target as HTMLInputElement).files?.[0] ?? null;
              setFile(chosen);
              if (chosen) setPicked(null);
            }}
          />
          {errors.file ? (
            <p class="field-error" id={`${fileId}-error`}>
              {errors.file}
            </p>
          ) : null}
        </div>
        <MediaLibrary selectedId={picked?.id ?? null} onSelect={pick} />
      </div>
      <div class="media-details">
        {preview ? <img class="media-preview" src={preview} alt="" /> : null}
        {file ? <p class="hint">{t('editor.imageChosenFile', { name: file.name })}</p> : null}
        <Field
          label={t('editor.imageAlt')}
          hint={t('editor.imageAltHint')}
          value={alt}
          error={errors.alt}
          onInput={(event) => setAlt((event.target as HTMLInputElement).value)}
        />
        <Field
          label={t('editor.imageCaption')}
          multiline
          rows={2}
          value={caption}
          error={errors.caption}
          onInput={(event) => setCaption((event.target as HTMLTextAreaElement).value)}
        />
        <Field
          label={t('editor.imageCredit')}
          value={credit}
          error={errors.credit}
          onInput={(event) => setCredit((event.target as HTMLInputElement).value)}
        />
        {message ? <Notice kind="alert">{message}</Notice> : null}
        <div class="dialog-actions">
          <button type="submit" class="button button-primary" disabled={isBusy}>
            {isBusy && file
              ? t('editor.imageUploading')
              : props.purpose === 'featured'
                ? t('editor.featuredUse')
                : props.current
                  ? t('editor.imageUpdate')
                  : t('editor.imageInsertButton')}
          </button>
          <button type="button" class="button button-quiet" onClick={props.onClose}>
            {t('common.cancel')}
          </button>
        </div>
      </div>
    </form>
  );
}
