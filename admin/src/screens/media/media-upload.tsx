import { useState } from 'preact/hooks';
import { api } from '../../api.ts';
import { describeError } from '../../components/errors.ts';
import { Notice } from '../../components/notice.tsx';
import { t } from '../../i18n.ts';

/** The API's own limit (src/media/media.ts MAX_UPLOAD_BYTES): bigger files are refused before sending. */
const MAX_UPLOAD_MEGABYTES = 20;
const ACCEPTED_TYPES = 'image/jpeg,image/png,image/webp,image/gif,image/avif';

type Outcome = { name: string; isUploaded: boolean; message: string };

async function uploadOne(file: File): Promise<Outcome> {
  if (file.size > MAX_UPLOAD_MEGABYTES * 1024 * 1024)
    return {
      name: file.name,
      isUploaded: false,
      message: t('media.tooLarge', { size: MAX_UPLOAD_MEGABYTES }),
    };
  const form = new FormData();
  form.append('file', file, file.name);
  try {
    await api('POST', '/media', form);
    return { name: file.name, isUploaded: true, message: t('media.uploaded') };
  } catch (error) {
    return { name: file.name, isUploaded: false, message: describeError(error) };
  }
}

/**
 * Uploads the chosen images one at a time (the API takes one file per request) and says, file by
 * file, which went in and why the others were refused (unsupported type, too large).
 */
export function MediaUpload(props: { onUploaded: () => void }) {
  const [outcomes, setOutcomes] = useState<Outcome[]>([]);
  const [isBusy, setBusy] = useState(false);

  const upload = async (input: HTMLInputElement) => {
    const files = [...(input.files ?? [])];
    if (files.length === 0) return;
    setBusy(true);
    const done: Outcome[] = [];
    setOutcomes([]);
    for (const file of files) {
      done.push(await uploadOne(file));
      setOutcomes([...done]);
    }
    input.value = '';
    setBusy(false);
    if (done.some((outcome) => outcome.isUploaded)) props.onUploaded();
  };

  const hasFailure = outcomes.some((outcome) => !outcome.isUploaded);
  return (
    <section class="media-upload" aria-labelledby="media-upload-heading">
      <h2 id="media-upload-heading">{t('media.uploadHeading')}</h2>
      <div class="field">
        <label for="media-upload-input">{t('media.chooseFiles')}</label>
        <p class="hint" id="media-upload-hint">
          {t('media.uploadHint', { size: MAX_UPLOAD_MEGABYTES })}
        </p>
        <input
          id="media-upload-input"
          type="file"
          multiple
          accept={ACCEPTED_TYPES}
          aria-describedby="media-upload-hint"
          disabled={isBusy}
          onChange={(event) => void upload(event.currentTarget as HTMLInputElement)}
        />
      </div>
      {isBusy ? <p class="loading">{t('media.uploading')}</p> : null}
      {outcomes.length > 0 && !isBusy ? (
        <Notice kind={hasFailure ? 'alert' : 'status'}>
          <ul class="media-outcomes">
            {outcomes.map((outcome, index) => (
              <li key={`${index}-${outcome.name}`} class={outcome.isUploaded ? '' : 'field-error'}>
                <span class="media-outcome-name">{outcome.name}</span>: {outcome.message}
              </li>
            ))}
          </ul>
        </Notice>
      ) : null}
    </section>
  );
}
