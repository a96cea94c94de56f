import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import sharp from 'sharp';
import { assertApiError, assertStatus, uuidPattern } from '../api/api-client.ts';
import {
  hasGpsIfd,
  jpegWithGps,
  type MediaTestApp,
  multipartBody,
  openMediaApp,
  pngImage,
  svgImage,
  upload,
} from './media-helpers.ts';

describe('Admin API: media upload validation', () => {
  let app: MediaTestApp;
  const onDisk = (url: string) => path.join(app.mediaDir, url.replace(/^\/media\//, ''));

  before(async () => {
    app = await openMediaApp();
  });
  after(() => app.close());

  it('should accept a PNG as image/png and store it as WebP when it is named .jpg and sent as image/jpeg', async () => {
    const png = await pngImage(500, 300);

    const res = await upload(
      app,
      { bytes: png, name: 'holiday.jpg', type: 'image/jpeg' },
      { alt: 'A blue square' },
    );

    assertStatus(res, 201);
    const [media] = res.body.media;
    assert.match(media.id, uuidPattern);
    assert.equal(media.mime, 'image/png');
    assert.equal(media.bytes, png.length);
    assert.equal(media.original_name, 'holiday.jpg');
    assert.equal(media.alt, 'A blue square');
    assert.equal(media.width, 500);
    assert.equal(media.height, 300);
    assert.match(media.url, new RegExp(`^/media/\\d{4}/\\d{2}/${media.id}\\.webp$`));
    const stored = await sharp(readFileSync(onDisk(media.url))).metadata();
    assert.equal(stored.format, 'webp');
    assert.equal(stored.width, 500);
  });

  it('should refuse with 422 UNSUPPORTED_FILE naming "file" when a text file is named .png and sent as image/png', async () => {
    const text = Buffer.from('Dear editor, here is my letter about the harbour.\n');

    const res = await upload(app, { bytes: text, name: 'letter.png', type: 'image/png' });

    assertApiError(res, { status: 422, code: 'UNSUPPORTED_FILE', field: 'file' });
  });

  it('should refuse with 422 UNSUPPORTED_FILE when binary bytes are no image format at all', async () => {
    const noise = Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256));

    const res = await upload(app, { bytes: noise, name: 'photo.jpg', type: 'image/jpeg' });

    assertApiError(res, { status: 422, code: 'UNSUPPORTED_FILE', field: 'file' });
  });

  it('should refuse with 422 SVG_NOT_ALLOWED and say that scripts are the reason when an SVG is uploaded', async () => {
    const asSvg = await upload(app, { bytes: svgImage, name: 'logo.svg', type: 'image/svg+xml' });
    const disguised = await upload(app, { bytes: svgImage, name: 'logo.png', type: 'image/png' });

    for (const res of [asSvg, disguised]) {
      assertApiError(res, { status: 422, code: 'SVG_NOT_ALLOWED', field: 'file' });
      assert.match(res.body.errors[0].message, /script/i);
    }
  });

  it('should refuse with 413 FILE_TOO_LARGE naming "file" when the file is over 20 MB', async () => {
    const png = await pngImage(10, 10);
    const oversized = Buffer.concat([png, Buffer.alloc(20 * 1024 * 1024 + 1 - png.length)]);

    const res = await upload(app, { bytes: oversized, name: 'huge.png', type: 'image/png' });

    assertApiError(res, { status: 413, code: 'FILE_TOO_LARGE', field: 'file' });
    const list = await app.admin.get('/api/admin/media?q=huge');
    assert.equal(list.body.media.length, 0);
  });

  it('should strip EXIF, GPS and the ICC profile and turn the image upright when a camera JPEG is uploaded', async () => {
    const jpeg = await jpegWithGps(1300, 900);
    const original = await sharp(jpeg).metadata();
    assert.ok(hasGpsIfd(original.exif), 'the fixture carries a GPS position');
    assert.equal(original.orientation, 6);

    const res = await upload(app, { bytes: jpeg, name: 'scene.jpg', type: 'image/jpeg' });

    assertStatus(res, 201);
    const [media] = res.body.media;
    assert.equal(media.mime, 'image/jpeg');
    assert.deepEqual([media.width, media.height], [900, 1300]);
    const urls = [media.url, ...media.variants.map((variant: { url: string }) => variant.url)];
    assert.equal(urls.length, 1 + 2 * 3, 'the image and WebP + AVIF at 400, 600 and 800');
    for (const url of urls) {
      const bytes = readFileSync(onDisk(url));
      const stored = await sharp(bytes).metadata();
      assert.equal(stored.exif, undefined, `${url} has no EXIF`);
      assert.equal(stored.xmp, undefined, `${url} has no XMP`);
      assert.equal(stored.icc, undefined, `${url} has no ICC profile`);
      assert.ok(!stored.orientation || stored.orientation === 1, `${url} needs no rotation`);
      assert.ok(!bytes.includes('Where-I-Live') && !bytes.includes('SpyCam'), `${url} keeps no EXIF text`);
      assert.ok((stored.height ?? 0) > (stored.width ?? 0), `${url} is upright (portrait)`);
    }
  });

  it('should read alt, caption and credit sent after the file when the form lists the file first or last', async () => {
    const png = await pngImage(120, 80);
    const fields = { alt: 'Gulls', caption: 'Gulls on the quay.', credit: 'Jo Lens' };

    const first = await upload(app, { bytes: png, name: 'a.png', type: 'image/png' }, fields);
    const last = await upload(app, { bytes: png, name: 'b.png', type: 'image/png' }, fields, {
      isFileLast: true,
    });

    for (const res of [first, last]) {
      assertStatus(res, 201);
      const [media] = res.body.media;
      assert.deepEqual([media.alt, media.caption, media.credit], ['Gulls', 'Gulls on the quay.', 'Jo Lens']);
      assert.deepEqual(media.variants, []);
      assert.equal(media.srcset, `${media.url} 120w`);
    }
  });

  it('should refuse with 422 naming the field when the file is missing, a field is unknown or two files are sent', async () => {
    const png = await pngImage(60, 40);
    const file = { bytes: png, name: 'x.png', type: 'image/png' };

    const missing = await upload(app, null, { alt: 'Nothing' });
    const unknown = await upload(app, file, { colour: 'blue' });
    const twoFiles = await upload(app, [file, { ...file, name: 'y.png' }]);
    const wrongName = await upload(app, { ...file, field: 'image' });
    const tooLongAlt = await upload(app, file, { alt: 'a'.repeat(1001) });

    assertApiError(missing, { status: 422, code: 'FIELD_REQUIRED', field: 'file' });
    assertApiError(unknown, { status: 422, code: 'UNKNOWN_FIELD', field: 'colour' });
    assertApiError(twoFiles, { status: 422, code: 'TOO_MANY_FILES', field: 'file' });
    assertApiError(wrongName, { status: 422, code: 'UNKNOWN_FIELD', field: 'image' });
    assertApiError(tooLongAlt, { status: 422, code: 'FIELD_TOO_LONG', field: 'alt' });
  });

  it('should refuse with 415 when the upload is sent as JSON instead of multipart/form-data', async () => {
    const res = await app.admin.post('/api/admin/media', { file: 'aGVsbG8=' });

    assertApiError(res, { status: 415, code: 'UNSUPPORTED_MEDIA_TYPE', field: 'body' });
  });

  it('should refuse with 401 and store nothing when the upload carries no token', async () => {
    const body = await multipartBody({
      files: [{ bytes: await pngImage(60, 40), name: 'x.png', type: 'image/png' }],
    });
    const before = await app.admin.get('/api/admin/media');

    const res = await app.t.masthead.app.inject({
      method: 'POST',
      url: '/api/admin/media',
      headers: { 'content-type': body.contentType },
      payload: body.payload,
    });

    assert.equal(res.statusCode, 401);
    const afterwards = await app.admin.get('/api/admin/media');
    assert.equal(afterwards.body.meta.pagination.total, before.body.meta.pagination.total);
  });
});
