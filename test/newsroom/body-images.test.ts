import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { DomUtils, parseDocument } from 'htmlparser2';
import { multipartBody, pngImage } from '../media/media-helpers.ts';
import { call, createArticle, type Newsroom, openNewsroom } from './newsroom-helpers.ts';

/** The URLs of a srcset, without their widths. */
const urlsOf = (srcset: string | undefined): string[] =>
  (srcset ?? '').split(',').map((candidate) => candidate.trim().split(/\s+/)[0] as string);

describe('Images from the media library in an article’s body', () => {
  let desk: Newsroom;
  /** An uploaded 1600 × 900 image, as the library answers it. */
  let image: { url: string; width: number; height: number };

  before(async () => {
    desk = await openNewsroom();
    const { payload, contentType } = await multipartBody({
      files: [{ bytes: await pngImage(1600, 900), name: 'harbour.png', type: 'image/png' }],
      fields: { alt: 'The harbour at dawn' },
    });
    const res = await desk.site.t.masthead.app.inject({
      method: 'POST',
      url: '/api/admin/media',
      headers: { ...desk.site.t.adminAuth, 'content-type': contentType },
      payload,
    });
    assert.equal(res.statusCode, 201, res.body);
    image = res.json().media[0];
  });
  after(() => desk.close());

  it('should keep the editor’s figure, caption and credit when the body is saved', async () => {
    const body =
      `<figure class="image"><img src="${image.url}" alt="Boats" width="1600" height="900">` +
      '<figcaption>Boats at dawn <span class="credit">Jo Lens</span></figcaption></figure>';

    const article = await createArticle(desk, desk.staff.author, { title: 'Dawn', body_html: body });

    assert.equal(
      article.body_html,
      `<figure class="image"><img src="${image.url}" alt="Boats" width="1600" height="900" />` +
        '<figcaption>Boats at dawn <span class="credit">Jo Lens</span></figcaption></figure>',
    );
  });

  it('should give body images their AVIF and WebP variants on the public page, every one answering 200, and load all but the first lazily', async () => {
    const { editor } = desk.staff;
    const article = await createArticle(desk, editor, {
      title: 'Harbour in pictures',
      status: 'published',
      body_html:
        `<figure class="image"><img src="${image.url}" alt="Boats" width="1600" height="900">` +
        '<figcaption>Boats <span class="credit">Jo Lens</span></figcaption></figure>' +
        '<p>Between the pictures.</p>' +
        `<figure class="image"><img src="https://news.example${image.url}" alt="Nets"></figure>` +
        '<p><img src="https://elsewhere.example/cat.jpg" alt="A cat"></p>',
    });
    const stored = await call(desk, editor, 'GET', `/api/admin/articles/${article.id}`);

    const page = await desk.site.t.masthead.app.inject({ method: 'GET', url: new URL(article.url).pathname });

    assert.equal(page.statusCode, 200);
    const doc = parseDocument(page.body);
    const body = DomUtils.findOne((el) => el.attribs.class === 'body', doc.children);
    assert.ok(body);
    const pictures = DomUtils.findAll((el) => el.name === 'picture', [body]);
    const images = DomUtils.findAll((el) => el.name === 'img', [body]);
    assert.equal(pictures.length, 2);
    assert.equal(images.length, 3);
    const [first, second, remote] = images as [(typeof images)[0], (typeof images)[0], (typeof images)[0]];
    for (const picture of pictures) {
      const source = DomUtils.findOne((el) => el.name === 'source', [picture]);
      assert.equal(source?.attribs.type, 'image/avif');
      assert.deepEqual(
        urlsOf(source?.attribs.srcset).map((url) => url.replace(/^.*-(\d+)\.avif$/, '$1.avif')),
        ['400.avif', '600.avif', '800.avif', '1200.avif'],
      );
      assert.ok(source?.attribs.sizes);
    }
    assert.deepEqual(
      urlsOf(first.attribs.srcset).map((url) => url.replace(/^.*\/[0-9a-f-]{36}(-\d+)?\.webp$/, 'x$1.webp')),
      ['x-400.webp', 'x-600.webp', 'x-800.webp', 'x-1200.webp', 'x.webp'],
    );
    assert.equal(first.attribs.sizes, '(min-width: 72rem) 68ch, 100vw');
    assert.equal(first.attribs.loading, undefined);
    assert.deepEqual(
      [second.attribs.loading, second.attribs.width, second.attribs.height, second.attribs.alt],
      ['lazy', '1600', '900', 'Nets'],
    );
    assert.deepEqual(
      [remote.attribs.src, remote.attribs.srcset, remote.attribs.loading],
      ['https://elsewhere.example/cat.jpg', undefined, 'lazy'],
    );
    assert.doesNotMatch(stored.json.articles[0].body_html, /srcset|<picture/);

    const variantUrls = [
      ...pictures.flatMap((p) => urlsOf(DomUtils.findOne((el) => el.name === 'source', [p])?.attribs.srcset)),
      ...urlsOf(first.attribs.srcset),
    ];
    for (const url of new Set(variantUrls)) {
      const res = await desk.site.t.masthead.app.inject({ method: 'GET', url });
      assert.equal(res.statusCode, 200, url);
      assert.match(
        String(res.headers['content-type']),
        url.endsWith('.avif') ? /image\/avif/ : /image\/webp/,
      );
    }
  });
});
