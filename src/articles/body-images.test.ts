import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { ImageInfo } from '../media/image-info.ts';
import { BODY_IMAGE_SIZES, responsiveBodyImages } from './body-images.ts';

describe('responsiveBodyImages', () => {
  let mediaDir: string;
  const webp = '/media/2026/11/a-400.webp 400w, /media/2026/11/a-800.webp 800w, /media/2026/11/a.webp 1600w';
  const known: Record<string, ImageInfo> = {
    '/media/2026/11/a.webp': { width: 1600, height: 900, srcset: webp },
    '/media/2026/11/small.webp': { width: 300, height: 200, srcset: null },
  };
  const options = () => ({
    imageInfo: async (url: string) => known[url] ?? null,
    mediaDir,
    siteUrl: 'https://news.example/',
  });

  before(() => {
    mediaDir = mkdtempSync(path.join(tmpdir(), 'masthead-body-images-'));
    mkdirSync(path.join(mediaDir, '2026/11'), { recursive: true });
    // Only the 400 px AVIF exists: the srcset names no file that is not there.
    writeFileSync(path.join(mediaDir, '2026/11/a-400.avif'), 'avif');
  });
  after(() => rmSync(mediaDir, { recursive: true, force: true }));

  it('should wrap a library image in a picture with its AVIF source and WebP srcset when it renders', async () => {
    const html =
      '<figure class="image"><img src="/media/2026/11/a.webp" alt="A &amp; B"><figcaption>C</figcaption></figure>';

    const out = await responsiveBodyImages(html, options());

    assert.equal(
      out,
      '<figure class="image"><picture>' +
        `<source type="image/avif" srcset="/media/2026/11/a-400.avif 400w" sizes="${BODY_IMAGE_SIZES}">` +
        `<img src="/media/2026/11/a.webp" alt="A &amp; B" width="1600" height="900" srcset="${webp}" sizes="${BODY_IMAGE_SIZES}">` +
        '</picture><figcaption>C</figcaption></figure>',
    );
  });

  it('should lazy-load every image after the first and leave foreign, pictured and variant-less images as they are', async () => {
    const html =
      '<p><img src="https://elsewhere.example/x.jpg" alt="x" /></p>' +
      '<picture><img src="/media/2026/11/a.webp" alt="in picture"></picture>' +
      '<img src="/media/2026/11/small.webp" alt="small" loading="eager">' +
      '<img src="https://news.example/media/2026/11/a.webp" alt="own, absolute">';

    const out = await responsiveBodyImages(html, options());

    assert.equal(
      out,
      '<p><img src="https://elsewhere.example/x.jpg" alt="x"></p>' +
        '<picture><img src="/media/2026/11/a.webp" alt="in picture" loading="lazy"></picture>' +
        '<img src="/media/2026/11/small.webp" alt="small" loading="eager" width="300" height="200">' +
        '<picture>' +
        `<source type="image/avif" srcset="/media/2026/11/a-400.avif 400w" sizes="${BODY_IMAGE_SIZES}">` +
        `<img src="https://news.example/media/2026/11/a.webp" alt="own, absolute" loading="lazy" width="1600" height="900" srcset="${webp}" sizes="${BODY_IMAGE_SIZES}">` +
        '</picture>',
    );
  });

  it('should return a body without images unchanged', async () => {
    const html = '<p>No pictures &amp; no <em>figures</em>.</p>';

    assert.equal(await responsiveBodyImages(html, options()), html);
  });
});
