import { useState } from 'preact/hooks';
import { ApiError, NetworkError } from '../../api.ts';
import { describeError } from '../../components/errors.ts';
import { Notice } from '../../components/notice.tsx';
import { t } from '../../i18n.ts';

/** Saves a downloaded Blob under `name` through a temporary object URL. */
function saveBlob(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/**
 * Downloads every subscriber as CSV (`GET /api/admin/subscribers/export`) with the session, and
 * saves it as subscribers.csv.
 */
export function ExportButton() {
  const [isBusy, setBusy] = useState(false);
  const [error, setError] = useState('');

  const download = async () => {
    setBusy(true);
    setError('');
    try {
      let response: Response;
      try {
        response = await fetch('/api/admin/subscribers/export', { credentials: 'same-origin' });
      } catch (caught) {
        throw new NetworkError(String(caught));
      }
      if (!response.ok) throw new ApiError(response.status, []);
      saveBlob(await response.blob(), 'subscribers.csv');
    } catch (caught) {
      setError(describeError(caught));
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <button type="button" class="button" disabled={isBusy} onClick={() => void download()}>
        {t('subscribers.export')}
      </button>
      {error ? <Notice kind="alert">{error}</Notice> : null}
    </>
  );
}
