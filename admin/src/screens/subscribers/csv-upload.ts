import { ApiError, type ApiProblem, NetworkError } from '../../api.ts';
import type { ImportResult } from './subscriber-types.ts';

export type CsvUploadOptions = {
  file: Blob;
  /** Slugs given to the lines that name no newsletter. */
  newsletters: string[];
  csrfToken: string;
  /** From 0 to 1 as the file's bytes leave the browser. */
  onProgress: (fraction: number) => void;
};

const parse = (text: string): unknown => {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
};

/**
 * Sends a subscriber CSV to `POST /api/admin/subscribers/import` with XMLHttpRequest, whose
 * `upload.onprogress` (unlike fetch) reports how much of the body has been sent.
 *
 * @example
 * const result = await uploadCsv({ file, newsletters: [], csrfToken, onProgress: setFraction });
 */
export function uploadCsv(options: CsvUploadOptions): Promise<ImportResult> {
  return new Promise((resolve, reject) => {
    const request = new XMLHttpRequest();
    const query = options.newsletters.length
      ? `?${new URLSearchParams({ newsletters: options.newsletters.join(',') })}`
      : '';
    request.open('POST', `/api/admin/subscribers/import${query}`);
    request.setRequestHeader('content-type', 'text/csv; charset=utf-8');
    request.setRequestHeader('accept', 'application/json');
    request.setRequestHeader('x-csrf-token', options.csrfToken);
    request.upload.onprogress = (event) => {
      if (event.lengthComputable && event.total > 0) options.onProgress(event.loaded / event.total);
    };
    request.upload.onload = () => options.onProgress(1);
    request.onerror = () => reject(new NetworkError('The upload failed.'));
    request.onload = () => {
      const json = parse(request.responseText);
      if (request.status >= 200 && request.status < 300) resolve(json as ImportResult);
      else
        reject(new ApiError(request.status, (json as { errors?: ApiProblem[] } | undefined)?.errors ?? []));
    };
    request.send(options.file);
  });
}
