import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { createLocalMediaStorage, isUploadKey, uploadKey } from './media-storage.ts';

describe('local media storage', () => {
  let root: string;
  let outside: string;

  beforeEach(() => {
    root = mkdtempSync(path.join(tmpdir(), 'masthead-storage-'));
    outside = `${root}-outside`;
  });
  afterEach(() => {
    rmSync(root, { recursive: true, force: true });
    rmSync(outside, { recursive: true, force: true });
  });

  it('should write the file under its key, creating the folders, and leave no partial file when put', async () => {
    const storage = createLocalMediaStorage({ root });

    await storage.put('2026/11/photo.webp', Buffer.from('pixels'), 'image/webp');

    assert.equal(readFileSync(path.join(root, '2026', '11', 'photo.webp'), 'utf8'), 'pixels');
    assert.deepEqual(readdirSync(path.join(root, '2026', '11')), ['photo.webp']);
    assert.equal(storage.urlOf('2026/11/photo.webp'), '/media/2026/11/photo.webp');
  });

  it('should refuse every key that is not a plain relative path when it could reach outside the root', async () => {
    const storage = createLocalMediaStorage({ root });
    const keys = [
      '../masthead-outside/x.webp',
      `..${path.sep}x.webp`,
      '2026/../../x.webp',
      '/etc/passwd',
      '2026//x.webp',
      '.hidden.webp',
      '2026/11/',
      '',
      'a\\..\\..\\x.webp',
      '2026/11/x.webp\u0000.png',
    ];

    for (const key of keys) {
      await assert.rejects(
        storage.put(key, Buffer.from('x'), 'image/webp'),
        /not a plain relative path/,
        key,
      );
      await assert.rejects(storage.remove(key), /not a plain relative path/, key);
      assert.throws(() => storage.urlOf(key), /not a plain relative path/, key);
    }
    assert.equal(existsSync(outside), false);
  });

  it('should remove the file and not fail when it is already gone', async () => {
    const storage = createLocalMediaStorage({ root });
    await storage.put('2026/11/gone.avif', Buffer.from('x'), 'image/avif');

    await storage.remove('2026/11/gone.avif');
    await storage.remove('2026/11/gone.avif');

    assert.equal(existsSync(path.join(root, '2026', '11', 'gone.avif')), false);
  });
});

describe('upload keys', () => {
  const id = '0190f0a2-7b1c-7d3e-8f40-123456789abc';

  it('should name the image and its variants by year, month and id when the key is made', () => {
    const at = new Date('2026-11-03T23:30:00Z');

    assert.equal(uploadKey({ id, at, format: 'webp' }), `2026/11/${id}.webp`);
    assert.equal(uploadKey({ id, at, format: 'avif', width: 400 }), `2026/11/${id}-400.avif`);
  });

  it('should tell uploaded files from other media files when asked which may be cached for ever', () => {
    assert.equal(isUploadKey(`2026/11/${id}.webp`), true);
    assert.equal(isUploadKey(`2026/01/${id}-1200.avif`), true);
    assert.equal(isUploadKey('demo/harbour.webp'), false);
    assert.equal(isUploadKey(`demo/${id}.webp`), false);
    assert.equal(isUploadKey(`2026/11/${id}.png`), false);
    assert.equal(isUploadKey(`../2026/11/${id}.webp`), false);
  });
});
