import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { type ApiClient, type ApiResponse, createApiClient } from '../api/api-client.ts';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';

export type MediaTestApp = { t: TestApp; admin: ApiClient; mediaDir: string; close: () => Promise<void> };

/** A whole Masthead whose MEDIA_DIR the test knows, to look at the files an upload wrote. */
export async function openMediaApp(): Promise<MediaTestApp> {
  const mediaDir = mkdtempSync(path.join(tmpdir(), 'masthead-uploads-'));
  const t = await createTestApp({ env: { MEDIA_DIR: mediaDir } });
  return {
    t,
    admin: createApiClient(t.masthead.app, t.adminAuth),
    mediaDir,
    async close() {
      await t.close();
      rmSync(mediaDir, { recursive: true, force: true });
    },
  };
}

export type UploadFile = { bytes: Uint8Array; name: string; type: string; field?: string };

/**
 * A multipart/form-data body as a browser would send it, serialised by the platform's own
 * FormData encoder (through `Response`), with the file first or last.
 */
export async function multipartBody(options: {
  files?: UploadFile[];
  fields?: Record<string, string>;
  isFileLast?: boolean;
}): Promise<{ payload: Buffer; contentType: string }> {
  const form = new FormData();
  const addFiles = () => {
    for (const file of options.files ?? []) {
      form.append(
        file.field ?? 'file',
        new Blob([new Uint8Array(file.bytes)], { type: file.type }),
        file.name,
      );
    }
  };
  if (!options.isFileLast) addFiles();
  for (const [name, value] of Object.entries(options.fields ?? {})) form.append(name, value);
  if (options.isFileLast) addFiles();
  const response = new Response(form);
  return {
    payload: Buffer.from(await response.arrayBuffer()),
    contentType: response.headers.get('content-type') ?? '',
  };
}

/** POSTs an upload to the Admin API as the admin token. */
export async function upload(
  app: MediaTestApp,
  file: UploadFile | UploadFile[] | null,
  fields: Record<string, string> = {},
  options: { isFileLast?: boolean } = {},
): Promise<ApiResponse> {
  const files = file === null ? [] : Array.isArray(file) ? file : [file];
  const body = await multipartBody({ files, fields, ...options });
  return app.admin.send({
    method: 'POST',
    url: '/api/admin/media',
    headers: { 'content-type': body.contentType },
    payload: body.payload,
  });
}

const canvas = (width: number, height: number) =>
  sharp({
    create: { width, height, channels: 3, background: { r: 20, g: 90, b: 160 } },
  });

export const pngImage = (width: number, height: number): Promise<Buffer> =>
  canvas(width, height).png().toBuffer();

/**
 * A camera-like JPEG: stored sideways with EXIF orientation 6 (shown upright it is
 * `height` × `width`), a GPS position, the camera and photographer, and a Display P3 ICC profile.
 */
export const jpegWithGps = (width: number, height: number): Promise<Buffer> =>
  canvas(width, height)
    .jpeg()
    .withMetadata({ orientation: 6 })
    .withExifMerge({
      IFD0: { Make: 'SpyCam', Artist: 'Where-I-Live' },
      IFD3: {
        GPSLatitudeRef: 'N',
        GPSLatitude: '51/1 30/1 1234/100',
        GPSLongitudeRef: 'W',
        GPSLongitude: '0/1 7/1 3900/100',
      },
    })
    .withIccProfile('p3')
    .toBuffer();

/** Whether an EXIF block holds a pointer to a GPS IFD (tag 0x8825, in either byte order). */
export const hasGpsIfd = (exif: Buffer | undefined): boolean =>
  exif !== undefined &&
  (exif.includes(Buffer.from([0x88, 0x25, 0x00, 0x04])) ||
    exif.includes(Buffer.from([0x25, 0x88, 0x04, 0x00])));

export const svgImage = Buffer.from(
  '<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg" width="40" height="40">' +
    '<script>alert(document.cookie)</script><rect width="40" height="40" fill="red"/></svg>',
);
