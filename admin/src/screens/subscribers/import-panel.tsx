import { useId, useState } from 'preact/hooks';
import { describeError } from '../../components/errors.ts';
import { Notice } from '../../components/notice.tsx';
import { formatNumber, t } from '../../i18n.ts';
import { useSession } from '../../session.tsx';
import { uploadCsv } from './csv-upload.ts';
import type { ImportResult, NewsletterName } from './subscriber-types.ts';

type Phase = 'idle' | 'uploading' | 'importing' | 'done';

function ImportReport(props: { result: ImportResult }) {
  const { result } = props;
  return (
    <div class="import-result">
      <Notice kind="status">
        {t('subscribers.importDone', {
          imported: formatNumber(result.imported),
          updated: formatNumber(result.updated),
        })}{' '}
        {result.rejected.length === 0
          ? t('subscribers.noneRejected')
          : t('subscribers.importRejected', { count: result.rejected.length })}
      </Notice>
      {result.rejected.length > 0 ? (
        <div class="table-wrap">
          <table>
            <caption>{t('subscribers.rejectedTitle')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('subscribers.line')}</th>
                <th scope="col">{t('subscribers.column')}</th>
                <th scope="col">{t('subscribers.problem')}</th>
              </tr>
            </thead>
            <tbody>
              {result.rejected.map((line) => (
                <tr key={`${line.line}-${line.field}`}>
                  <th scope="row">{formatNumber(line.line)}</th>
                  <td>{line.field}</td>
                  <td>{line.message}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </div>
  );
}

/**
 * Imports subscribers from a CSV file: the upload drives a progress bar, then the API's answer
 * says how many were imported and which lines (by number) were not, and why.
 */
export function ImportPanel(props: { newsletters: NewsletterName[]; onImported: () => void }) {
  const { session } = useSession();
  const fileId = useId();
  const progressId = useId();
  const [file, setFile] = useState<File | null>(null);
  const [defaults, setDefaults] = useState<string[]>([]);
  const [phase, setPhase] = useState<Phase>('idle');
  const [percent, setPercent] = useState(0);
  const [result, setResult] = useState<ImportResult | null>(null);
  const [error, setError] = useState('');

  const submit = async (event: Event) => {
    event.preventDefault();
    if (!file) {
      setError(t('subscribers.chooseFile'));
      return;
    }
    setError('');
    setResult(null);
    setPercent(0);
    setPhase('uploading');
    try {
      const answer = await uploadCsv({
        file,
        newsletters: defaults,
        csrfToken: session.csrf_token,
        onProgress: (fraction) => {
          setPercent(Math.round(fraction * 100));
          if (fraction >= 1) setPhase('importing');
        },
      });
      setPercent(100);
      setResult(answer);
      setPhase('done');
      props.onImported();
    } catch (caught) {
      setError(describeError(caught));
      setPhase('idle');
    }
  };

  const isBusy = phase === 'uploading' || phase === 'importing';
  const progressText =
    phase === 'importing' ? t('subscribers.importing', { percent }) : t('subscribers.uploaded', { percent });

  return (
    <section aria-labelledby="import-heading" class="subscribers-import">
      <h2 id="import-heading">{t('subscribers.importTitle')}</h2>
      <form onSubmit={submit} noValidate>
        <div class="field">
          <label for={fileId}>{t('subscribers.csvFile')}</label>
          <p class="hint" id={`${fileId}-hint`}>
            {t('subscribers.csvHint')}
          </p>
          <input
            id={fileId}
            type="file"
            accept=".csv,text/csv"
            aria-describedby={`${fileId}-hint`}
            onChange={(event) => setFile((event.target as HTMLInputElement).files?.[0] ?? null)}
          />
        </div>
        {props.newsletters.length > 0 ? (
          <fieldset class="import-defaults">
            <legend>{t('subscribers.defaultNewsletters')}</legend>
            {props.newsletters.map((newsletter) => (
              <label class="check-label" key={newsletter.id}>
                <input
                  type="checkbox"
                  checked={defaults.includes(newsletter.slug)}
                  onChange={(event) =>
                    setDefaults((was) =>
                      (event.target as HTMLInputElement).checked
                        ? [...was, newsletter.slug]
                        : was.filter((slug) => slug !== newsletter.slug),
                    )
                  }
                />
                {newsletter.name}
              </label>
            ))}
          </fieldset>
        ) : null}
        {error ? <Notice kind="alert">{error}</Notice> : null}
        <button type="submit" class="button button-primary" disabled={isBusy}>
          {t('subscribers.importSubmit')}
        </button>
      </form>
      {phase === 'idle' ? null : (
        <div class="field import-progress">
          <label for={progressId} id={`${progressId}-label`}>
            {t('subscribers.uploadProgress')}
          </label>
          <progress
            id={progressId}
            max={100}
            value={percent}
            aria-labelledby={`${progressId}-label`}
            aria-valuetext={progressText}
          >
            {percent}%
          </progress>
          <span class="import-progress-text">
            {phase === 'done' ? t('subscribers.finished') : progressText}
          </span>
        </div>
      )}
      {result ? <ImportReport result={result} /> : null}
    </section>
  );
}
