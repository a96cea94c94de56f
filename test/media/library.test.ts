import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import sharp from 'sharp';
import {
  assertApiError,
  assertStatus,
  createApiClient,
  createFactories,
  type Json,
} from '../api/api-client.ts';
import { type MediaTestApp, multipartBody, openMediaApp, pngImage, upload } from './media-helpers.ts';

describe('Admin API: the media library', () => {
  let app: MediaTestApp;
  const onDisk = (url: string) => path.join(app.mediaDir, url.replace(/^\/media\//, ''));
  const uploadPng = async (
    name: string,
    width: number,
    height: number,
    fields: Record<string, string> = {},
  ) => {
    const res = await upload(app, { bytes: await pngImage(width, height), name, type: 'image/png' }, fields);
    assertStatus(res, 201);
    return res.body.media[0] as Json;
  };

  before(async () => {
    app = await openMediaApp();
  });
  after(() => app.close());

  it('should store WebP and AVIF variants at 400, 600, 800 and 1200 and list the WebP ones in srcset when the image is wider', async () => {
    const media = await uploadPng('quay.png', 1600, 1000);

    const variants = media.variants.map((v: Json) => `${v.format} ${v.width}`).sort();
    assert.deepEqual(variants, [
      'avif 1200',
      'avif 400',
      'avif 600',
      'avif 800',
      'webp 1200',
      'webp 400',
      'webp 600',
      'webp 800',
    ]);
    const base = media.url.replace(/\.webp$/, '');
    for (const variant of media.variants) {
      assert.equal(variant.url, `${base}-${variant.width}.${variant.format}`);
      const stored = await sharp(readFileSync(onDisk(variant.url))).metadata();
      assert.equal(stored.format, variant.format === 'avif' ? 'heif' : 'webp');
      assert.equal(stored.width, variant.width);
      assert.equal(stored.height, Math.round((variant.width * 1000) / 1600));
    }
    assert.equal(
      media.srcset,
      `${base}-400.webp 400w, ${base}-600.webp 600w, ${base}-800.webp 800w, ${base}-1200.webp 1200w, ${media.url} 1600w`,
    );
  });

  it('should make only the variants narrower than the image and scale a huge image down to 2560 pixels', async () => {
    const narrow = await uploadPng('narrow.png', 700, 300);
    const huge = await uploadPng('panorama.png', 5000, 1000);

    assert.deepEqual(narrow.variants.map((v: Json) => v.width).sort(), [400, 400, 600, 600]);
    assert.deepEqual([huge.width, huge.height], [2560, 512]);
    assert.equal((await sharp(readFileSync(onDisk(huge.url))).metadata()).width, 2560);
  });

  it('should serve uploaded files as immutable for a year and other media files for 7 days', async () => {
    const media = await uploadPng('served.png', 500, 400);
    mkdirSync(path.join(app.mediaDir, 'demo'), { recursive: true });
    writeFileSync(path.join(app.mediaDir, 'demo', 'logo.webp'), readFileSync(onDisk(media.url)));

    const main = await app.t.masthead.app.inject({ method: 'GET', url: media.url });
    const variant = await app.t.masthead.app.inject({ method: 'GET', url: media.variants[0].url });
    const other = await app.t.masthead.app.inject({ method: 'GET', url: '/media/demo/logo.webp' });

    assert.equal(main.statusCode, 200);
    assert.match(String(main.headers['content-type']), /^image\/webp/);
    assert.equal(main.headers['cache-control'], 'public, max-age=31536000, immutable');
    assert.equal(variant.statusCode, 200);
    assert.equal(variant.headers['cache-control'], 'public, max-age=31536000, immutable');
    assert.equal(other.statusCode, 200);
    assert.equal(other.headers['cache-control'], 'public, max-age=604800');
  });

  it('should find items by part of the file name, alt text, caption or credit when searched, ignoring case', async () => {
    await uploadPng('lighthouse-dawn.png', 80, 60);
    await uploadPng('a.png', 80, 60, { alt: 'Fishing BOATS at rest' });
    await uploadPng('b.png', 80, 60, { caption: 'The 100% renovated pier' });
    await uploadPng('c.png', 80, 60, { credit: 'Mara Quist' });

    const search = async (q: string) => {
      const res = await app.admin.get(`/api/admin/media?q=${encodeURIComponent(q)}`);
      assertStatus(res, 200);
      return res.body.media.map((m: Json) => m.original_name);
    };

    assert.deepEqual(await search('LIGHTHOUSE'), ['lighthouse-dawn.png']);
    assert.deepEqual(await search('boats'), ['a.png']);
    assert.deepEqual(await search('100%'), ['b.png']);
    assert.deepEqual(await search('quist'), ['c.png']);
    assert.deepEqual(await search('0% r'), ['b.png']);
    assert.deepEqual(await search('_'), []);
  });

  it('should page the library newest first when page and limit are given', async () => {
    const first = await uploadPng('page-one.png', 40, 40, { credit: 'Pager' });
    const second = await uploadPng('page-two.png', 40, 40, { credit: 'Pager' });

    const res = await app.admin.get('/api/admin/media?q=pager&limit=1&page=2');
    const bad = await app.admin.get('/api/admin/media?limit=0');

    assertStatus(res, 200);
    assert.deepEqual(
      res.body.media.map((m: Json) => m.id),
      [first.id],
    );
    assert.notEqual(first.id, second.id);
    assert.equal(res.body.meta.pagination.total, 2);
    assert.equal(res.body.meta.pagination.pages, 2);
    assertApiError(bad, { status: 422, field: 'limit' });
  });

  it('should change alt, caption and credit and nothing else when patched', async () => {
    const media = await uploadPng('patch.png', 60, 40, { alt: 'Old', credit: 'Someone' });

    const res = await app.admin.patch(`/api/admin/media/${media.id}`, {
      media: [{ alt: 'The new harbour crane', caption: 'Installed on Monday.', credit: null }],
    });
    const unknown = await app.admin.patch(`/api/admin/media/${media.id}`, { media: [{ width: 10 }] });
    const missing = await app.admin.patch('/api/admin/media/0190f0a2-0000-7000-8000-000000000000', {
      media: [{ alt: 'x' }],
    });

    assertStatus(res, 200);
    const [patched] = res.body.media;
    assert.deepEqual(
      [patched.alt, patched.caption, patched.credit],
      ['The new harbour crane', 'Installed on Monday.', ''],
    );
    const read = await app.admin.get(`/api/admin/media/${media.id}`);
    assert.equal(read.body.media[0].alt, 'The new harbour crane');
    assert.equal(read.body.media[0].width, 60);
    assertApiError(unknown, { status: 422, code: 'UNKNOWN_FIELD', field: 'width' });
    assertApiError(missing, { status: 404, code: 'MEDIA_NOT_FOUND' });
  });

  it('should remove the row and every file when deleted', async () => {
    const media = await uploadPng('delete-me.png', 900, 600);
    const files = [media.url, ...media.variants.map((v: Json) => v.url)].map(onDisk);
    assert.ok(files.every((file) => existsSync(file)));

    const res = await app.admin.delete(`/api/admin/media/${media.id}`);
    const again = await app.admin.delete(`/api/admin/media/${media.id}`);

    assert.equal(res.status, 204);
    assert.deepEqual(
      files.filter((file) => existsSync(file)),
      [],
    );
    assertApiError(again, { status: 404, code: 'MEDIA_NOT_FOUND' });
    assertApiError(await app.admin.get(`/api/admin/media/${media.id}`), {
      status: 404,
      code: 'MEDIA_NOT_FOUND',
    });
    assertApiError(await app.admin.get('/api/admin/media/not-an-id'), {
      status: 404,
      code: 'MEDIA_NOT_FOUND',
    });
  });

  it('should let a read-only token list and read media but not upload, change or delete them', async () => {
    const media = await uploadPng('read-only.png', 60, 40);
    const reader = createApiClient(app.t.masthead.app, app.t.readAuth);
    const body = await multipartBody({
      files: [{ bytes: await pngImage(60, 40), name: 'r.png', type: 'image/png' }],
    });

    const list = await reader.get('/api/admin/media?q=read-only');
    const posted = await reader.send({
      method: 'POST',
      url: '/api/admin/media',
      headers: { 'content-type': body.contentType },
      payload: body.payload,
    });
    const patched = await reader.patch(`/api/admin/media/${media.id}`, { media: [{ alt: 'x' }] });
    const deleted = await reader.delete(`/api/admin/media/${media.id}`);

    assertStatus(list, 200);
    assert.deepEqual(
      list.body.media.map((m: Json) => m.id),
      [media.id],
    );
    for (const res of [posted, patched, deleted]) assertApiError(res, { status: 403 });
    assert.ok(existsSync(onDisk(media.url)));
  });

  it('should give the public article page a srcset of the variants when the featured image is an uploaded url', async () => {
    const media = await uploadPng('front-page.png', 1400, 700, { alt: 'Front page' });
    const article = await createFactories(app.admin).article({
      title: 'Crane arrives at the quay',
      status: 'published',
      featured_image_url: media.url,
      featured_image_alt: media.alt,
    });

    const page = await app.t.masthead.app.inject({ method: 'GET', url: new URL(article.url).pathname });

    assert.equal(page.statusCode, 200);
    const img = page.body.match(/<img\b[^>]*>/g)?.find((tag) => tag.includes(`${media.url}"`));
    assert.ok(img, 'the featured image is on the page');
    const base = media.url.replace(/\.webp$/, '');
    const srcset = /srcset="([^"]+)"/.exec(img)?.[1];
    assert.equal(
      srcset,
      `${base}-400.webp 400w, ${base}-600.webp 600w, ${base}-800.webp 800w, ${base}-1200.webp 1200w, ${media.url} 1400w`,
    );
    assert.match(img, /width="1400"/);
    assert.match(img, /height="700"/);
  });
});
