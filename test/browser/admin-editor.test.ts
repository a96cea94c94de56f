import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { after, before, describe, it, type TestContext } from 'node:test';
import type { Page } from 'playwright-core';
import sharp from 'sharp';
import { type ApiClient, createApiClient } from '../api/api-client.ts';
import {
  CHROMIUM_PATH,
  launchBrowser,
  skipWithoutChromium,
  type TestBrowser,
  type TestServer,
} from '../helpers/browser.ts';
import { checkScreen, signIn, startNewsroom } from './admin-helpers.ts';

/*
 * The article editor in Chromium against a real Masthead with the demo site: writing with the
 * toolbar, uploading an image through the media dialog, publishing and reading the result on the
 * public page; autosave across a reload and through a lost connection; a contributor's limits;
 * restoring a revision; and axe on every state of the screen (also in Arabic).
 */

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/;

/** A real 1600×900 photo-like PNG (a gradient, so it compresses like an image, not a flat colour). */
async function harbourPng(): Promise<Buffer> {
  const width = 1600;
  const height = 900;
  const pixels = Buffer.alloc(width * height * 3);
  for (let y = 0; y < height; y += 1)
    for (let x = 0; x < width; x += 1) {
      const at = (y * width + x) * 3;
      pixels[at] = (x * 255) / width;
      pixels[at + 1] = (y * 255) / height;
      pixels[at + 2] = 140;
    }
  return sharp(pixels, { raw: { width, height, channels: 3 } })
    .png()
    .toBuffer();
}

const titleField = (page: Page) => page.getByLabel('Title', { exact: true });
const bodyText = (page: Page) => page.getByRole('textbox', { name: 'Article text' });
const saveStatus = (page: Page) => page.locator('p.save-status[role="status"]');

/** The article id in the editor's address, once its first save has created it. */
async function articleIdOf(page: Page): Promise<string> {
  await page.waitForURL(/\/admin\/articles\/[0-9a-f-]{36}$/);
  const id = UUID.exec(page.url())?.[0];
  assert.ok(id, page.url());
  return id;
}

/** Polls until `read` answers `expected` (a save lands after its click), else fails with the last answer. */
async function eventually<T>(read: () => Promise<T>, expected: T): Promise<void> {
  const deadline = Date.now() + 10_000;
  let last = await read();
  while (last !== expected && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    last = await read();
  }
  assert.equal(last, expected);
}

/** The srcset candidates' URLs of an element, resolved against the page. */
const srcsetUrls = (srcset: string | null, base: string): string[] =>
  (srcset ?? '')
    .split(',')
    .map((candidate) => candidate.trim().split(/\s+/)[0] ?? '')
    .filter(Boolean)
    .map((url) => new URL(url, base).href);

describe('the article editor in Chromium', () => {
  let server: TestServer;
  let browser: TestBrowser;
  let admin: ApiClient;

  before(async () => {
    server = await startNewsroom();
    admin = createApiClient(server.t.masthead.app, server.t.adminAuth);
    if (!existsSync(CHROMIUM_PATH)) return;
    browser = await launchBrowser({ viewport: { width: 1280, height: 900 } });
  });
  /** A new tab, signed out (every test signs in as its own role), closed when the test ends. */
  const freshPage = async (t: TestContext) => {
    await browser.context.clearCookies();
    const page = await browser.context.newPage();
    t.after(async () => {
      if (!page.isClosed()) await page.close();
    });
    return page;
  };
  after(async () => {
    await browser?.close();
    await server?.close();
  });

  it('should write an article with a heading, a link and an uploaded image, publish it, and show it with the image variants', async (t) => {
    if (skipWithoutChromium(t)) return;
    const page = await freshPage(t);
    await signIn(page, server, 'administrator', '/admin/articles');
    await page.getByRole('link', { name: 'New article' }).click();
    await page.getByRole('heading', { level: 1, name: 'New article' }).waitFor();
    await checkScreen(page, 'editor-empty');

    await titleField(page).fill('Harbour bridge vote delayed again');
    await page.getByLabel('Standfirst', { exact: true }).fill('Councillors want the cost review first.');
    await bodyText(page).click();
    const toolbar = page.getByRole('toolbar', { name: 'Text formatting' });
    await toolbar.getByRole('button', { name: 'Heading 2' }).click();
    assert.equal(
      await toolbar.getByRole('button', { name: 'Heading 2' }).getAttribute('aria-pressed'),
      'true',
    );
    await page.keyboard.type('What the council decided');
    await page.keyboard.press('Enter');
    await page.keyboard.type('Read the full report');
    for (let i = 0; i < 'full report'.length; i += 1) await page.keyboard.press('Shift+ArrowLeft');
    await toolbar.getByRole('button', { name: 'Link' }).click();
    const linkDialog = page.getByRole('dialog', { name: 'Link' });
    await linkDialog.getByLabel('Link address').fill('https://example.org/report');
    await linkDialog.getByRole('button', { name: 'Apply link' }).click();
    await linkDialog.waitFor({ state: 'hidden' });
    await page.keyboard.press('End');
    await page.keyboard.type(' before the vote.');
    await page.keyboard.press('Enter');

    await toolbar.getByRole('button', { name: 'Image', exact: true }).click();
    const mediaDialog = page.getByRole('dialog', { name: 'Insert image' });
    await mediaDialog.getByLabel('Upload a new image').setInputFiles({
      name: 'harbour-bridge.png',
      mimeType: 'image/png',
      buffer: await harbourPng(),
    });
    await mediaDialog.getByLabel('Alt text').fill('The harbour bridge at dusk');
    await mediaDialog.getByLabel('Caption').fill('The bridge carries 40,000 cars a day.');
    await mediaDialog.getByLabel('Credit').fill('Ines Moreau');
    // The demo site's images are not in the library: this upload is its first.
    await mediaDialog.getByText('No images found.').waitFor();
    await checkScreen(page, 'editor-media-dialog');
    await mediaDialog.getByRole('button', { name: 'Insert image', exact: true }).click();
    await mediaDialog.waitFor({ state: 'hidden' });
    const figure = bodyText(page).locator('figure.image');
    await figure.locator('img[src^="/media/"]').waitFor();
    assert.match((await figure.locator('figcaption').textContent()) ?? '', /40,000 cars a day\. Ines Moreau/);

    await toolbar.getByRole('button', { name: 'Embed', exact: true }).click();
    const embedDialog = page.getByRole('dialog', { name: 'Embed' });
    await embedDialog.getByLabel('Address to embed').fill('https://www.youtube.com/watch?v=dQw4w9WgXcQ');
    await embedDialog.getByText('This video will play in the article.').waitFor();
    await embedDialog.getByRole('button', { name: 'Insert embed' }).click();
    await bodyText(page).locator('.embed-card').waitFor();
    await toolbar.getByRole('button', { name: 'Table', exact: true }).click();
    for (const [index, heading] of ['Councillor', 'Ward', 'Vote'].entries()) {
      if (index > 0) await page.keyboard.press('Tab');
      await page.keyboard.type(heading);
    }
    await toolbar.getByRole('button', { name: 'Delete column' }).waitFor();
    await checkScreen(page, 'editor-filled');

    await page.getByRole('button', { name: 'Publish', exact: true }).click();
    const published = page.getByRole('status').filter({ hasText: 'Published.' });
    await published.waitFor();
    const id = await articleIdOf(page);
    const href = await published.getByRole('link', { name: 'View the article' }).getAttribute('href');
    const stored = (await admin.get(`/api/admin/articles/${id}`)).body.articles[0];
    assert.equal(stored.status, 'published');
    assert.equal(href, stored.url);
    assert.match(stored.body_html, /<h2>What the council decided<\/h2>/);
    assert.match(stored.body_html, /<a [^>]*href="https:\/\/example\.org\/report"[^>]*>full report<\/a>/);
    assert.match(
      stored.body_html,
      /<figure class="image"><img src="\/media\/[^"]+" alt="The harbour bridge at dusk" width="1600" height="900"/,
    );
    assert.match(
      stored.body_html,
      /<figure class="embed"><iframe src="https:\/\/www\.youtube-nocookie\.com\/embed\/dQw4w9WgXcQ"/,
    );
    assert.match(stored.body_html, /<table>.*<th[^>]*><p>Councillor<\/p><\/th>/s);

    const notes = page.getByRole('region', { name: 'Corrections and updates' });
    await notes.getByLabel('Note text').fill('An earlier version gave the wrong date for the vote.');
    await notes.getByRole('button', { name: 'Add note' }).click();
    await notes.getByRole('status').filter({ hasText: 'The note was added to the article.' }).waitFor();
    const [note] = (await admin.get(`/api/admin/articles/${id}/notes`)).body.notes;
    assert.equal(note.kind, 'correction');
    assert.equal(note.text, 'An earlier version gave the wrong date for the vote.');

    // The page's video frame would load from YouTube: the test reads the page's HTML, not its frames.
    await page.goto(stored.url, { waitUntil: 'domcontentloaded' });
    const body = page.locator('.body');
    assert.equal(
      await body.locator('iframe[src="https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ"]').count(),
      1,
    );
    assert.equal(await body.locator('h2').first().textContent(), 'What the council decided');
    await page.getByText('An earlier version gave the wrong date for the vote.').waitFor();
    assert.equal(await body.locator('a[href="https://example.org/report"]').textContent(), 'full report');
    const bodyFigure = body.locator('figure').filter({ has: page.locator('img') });
    assert.match(
      (await bodyFigure.locator('figcaption').textContent()) ?? '',
      /The bridge carries 40,000 cars a day\.\s*Ines Moreau/,
    );
    const img = bodyFigure.locator('img');
    assert.equal(await img.getAttribute('alt'), 'The harbour bridge at dusk');
    const variants = [
      ...srcsetUrls(await img.getAttribute('srcset'), page.url()),
      ...(
        await Promise.all(
          (
            await bodyFigure.locator('source').all()
          ).map(async (source) => srcsetUrls(await source.getAttribute('srcset'), page.url())),
        )
      ).flat(),
    ];
    assert.ok(
      variants.some((url) => /-400\.webp$/.test(url)),
      `no 400 px WebP variant among ${variants.join(', ')}`,
    );
    for (const url of variants) {
      const response = await fetch(url);
      assert.equal(response.status, 200, url);
      assert.match(response.headers.get('content-type') ?? '', /^image\/(webp|avif)/, url);
    }
  });

  it('should keep autosaved text across a reload, and restore what was typed offline from this browser', async (t) => {
    if (skipWithoutChromium(t)) return;
    const page = await freshPage(t);
    page.on('dialog', (dialog) => void dialog.accept());
    await signIn(page, server, 'editor', '/admin/articles/new');
    await titleField(page).fill('Autosave keeps every word');
    await bodyText(page).click();
    await page.keyboard.type('Typed before the reload.');
    await saveStatus(page)
      .filter({ hasText: /^Saved at/ })
      .waitFor({ timeout: 20_000 });
    const id = await articleIdOf(page);
    assert.match(
      (await admin.get(`/api/admin/articles/${id}`)).body.articles[0].body_html,
      /Typed before the reload\./,
    );

    await page.reload();
    await bodyText(page).getByText('Typed before the reload.').waitFor();
    assert.equal(await titleField(page).inputValue(), 'Autosave keeps every word');
    assert.equal(await page.getByText('Restored unsaved changes from this browser').count(), 0);

    await browser.context.setOffline(true);
    await bodyText(page).click();
    await page.keyboard.press('ControlOrMeta+End');
    await page.keyboard.type(' Typed while offline.');
    await saveStatus(page)
      .filter({ hasText: 'Offline — changes kept in this browser' })
      .waitFor({ timeout: 20_000 });
    const backup = await page.evaluate((key) => localStorage.getItem(key), `masthead-editor-backup:${id}`);
    assert.match(backup ?? '', /Typed while offline\./);

    // The tab closes while offline (its last save cannot reach the server); back online, the
    // article opens again from the server, older than what was typed: the backup comes back.
    const editorUrl = page.url();
    await page.close();
    await browser.context.setOffline(false);
    assert.doesNotMatch(
      (await admin.get(`/api/admin/articles/${id}`)).body.articles[0].body_html,
      /Typed while offline/,
    );
    const reopened = await browser.context.newPage();
    t.after(async () => {
      if (!reopened.isClosed()) await reopened.close();
    });
    reopened.on('dialog', (dialog) => void dialog.accept());
    await reopened.goto(editorUrl);
    await reopened.getByText('Restored unsaved changes from this browser').waitFor();
    await bodyText(reopened).getByText('Typed before the reload. Typed while offline.').waitFor();
    await saveStatus(reopened)
      .filter({ hasText: /^Saved at/ })
      .waitFor({ timeout: 20_000 });
    assert.match(
      (await admin.get(`/api/admin/articles/${id}`)).body.articles[0].body_html,
      /Typed before the reload\. Typed while offline\./,
    );
  });

  it('should show a contributor no Publish button, and the API should refuse their publish', async (t) => {
    if (skipWithoutChromium(t)) return;
    const page = await freshPage(t);
    await signIn(page, server, 'contributor', '/admin/articles/new');
    await page.getByRole('heading', { level: 1, name: 'New article' }).waitFor();
    await titleField(page).fill('A contributor’s draft');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    const id = await articleIdOf(page);
    await saveStatus(page)
      .filter({ hasText: /^Saved at/ })
      .waitFor();
    assert.equal(await page.getByRole('button', { name: 'Publish', exact: true }).count(), 0);
    assert.equal(await page.getByRole('button', { name: 'Schedule', exact: true }).count(), 0);
    await page.getByText('Contributors write drafts').waitFor();

    const status = await page.evaluate(async (articleId) => {
      const session = await (await fetch('/api/admin/session')).json();
      const response = await fetch(`/api/admin/articles/${articleId}/publish`, {
        method: 'POST',
        headers: { 'x-csrf-token': session.session.csrf_token },
      });
      return response.status;
    }, id);
    assert.equal(status, 403);
    assert.equal((await admin.get(`/api/admin/articles/${id}`)).body.articles[0].status, 'draft');
  });

  it('should restore an earlier revision into the editor', async (t) => {
    if (skipWithoutChromium(t)) return;
    const page = await freshPage(t);
    page.on('dialog', (dialog) => void dialog.accept());
    await signIn(page, server, 'administrator', '/admin/articles/new');
    const save = page.getByRole('button', { name: 'Save', exact: true });
    await titleField(page).fill('Working title');
    await save.click();
    const id = await articleIdOf(page);
    for (const title of ['First title', 'Second title']) {
      await titleField(page).fill(title);
      // The first by the button, the second by the keyboard shortcut.
      if (title === 'First title') await save.click();
      else await page.keyboard.press('ControlOrMeta+s');
      await eventually(
        async () => (await admin.get(`/api/admin/articles/${id}`)).body.articles[0].title,
        title,
      );
    }

    await page.getByRole('button', { name: 'Revisions' }).click();
    const panel = page.getByRole('region', { name: 'Revisions' });
    const first = panel.getByRole('listitem').filter({ hasText: 'First title' });
    await first.waitFor();
    await checkScreen(page, 'editor-revisions');
    await first.getByRole('button', { name: 'Restore' }).click();
    await page.getByRole('status').filter({ hasText: 'The version was restored.' }).waitFor();
    assert.equal(await titleField(page).inputValue(), 'First title');
    assert.equal((await admin.get(`/api/admin/articles/${id}`)).body.articles[0].title, 'First title');
  });

  it('should schedule an article for the date and time asked', async (t) => {
    if (skipWithoutChromium(t)) return;
    const page = await freshPage(t);
    await signIn(page, server, 'editor', '/admin/articles/new');
    await titleField(page).fill('Budget vote tomorrow morning');
    // Tomorrow at 09:30 in the browser's time zone, as the datetime-local field reads it.
    const when = await page.evaluate(() => {
      const date = new Date(Date.now() + 86_400_000);
      date.setHours(9, 30, 0, 0);
      const month = String(date.getMonth() + 1).padStart(2, '0');
      const day = String(date.getDate()).padStart(2, '0');
      return { local: `${date.getFullYear()}-${month}-${day}T09:30`, iso: date.toISOString() };
    });
    await page.getByRole('button', { name: 'Schedule', exact: true }).click();
    await page.getByLabel('Publication date and time').fill(when.local);
    await page.getByRole('button', { name: 'Confirm schedule' }).click();
    await page.getByRole('status').filter({ hasText: 'Scheduled for' }).first().waitFor();
    const id = await articleIdOf(page);
    const stored = (await admin.get(`/api/admin/articles/${id}`)).body.articles[0];
    assert.equal(stored.status, 'scheduled');
    assert.equal(stored.published_at, when.iso);
    assert.equal(await page.getByRole('button', { name: 'Cancel schedule' }).count(), 1);
  });

  it('should warn when someone else has the article open, and resolve a save conflict either way', async (t) => {
    if (skipWithoutChromium(t)) return;
    const created = await admin.post('/api/admin/articles', {
      articles: [{ title: 'Two editors, one article', body_html: '<p>First draft.</p>' }],
    });
    const id = created.body.articles[0].id;
    const ada = await freshPage(t);
    await signIn(ada, server, 'administrator', `/admin/articles/${id}`);
    await bodyText(ada).getByText('First draft.').waitFor();
    const other = await launchBrowser({ viewport: { width: 1280, height: 900 } });
    try {
      const eddie = await other.context.newPage();
      eddie.on('dialog', (dialog) => void dialog.accept());
      await signIn(eddie, server, 'editor', `/admin/articles/${id}`);
      await eddie
        .getByRole('alert')
        .filter({ hasText: 'Ada Administrator is also editing this article' })
        .waitFor();
      await ada
        .getByRole('alert')
        .filter({ hasText: 'Eddie Editor is also editing this article' })
        .waitFor({ timeout: 15_000 });

      // Ada saves; Eddie's next save finds her version newer, and he takes it.
      await titleField(ada).fill('Ada’s title');
      await ada.getByRole('button', { name: 'Save', exact: true }).click();
      await eventually(
        async () => (await admin.get(`/api/admin/articles/${id}`)).body.articles[0].title,
        'Ada’s title',
      );
      await bodyText(eddie).click();
      await eddie.keyboard.press('ControlOrMeta+End');
      await eddie.keyboard.type(' Eddie’s sentence.');
      const conflict = eddie.getByRole('alert').filter({ hasText: 'Someone else saved this article' });
      await conflict.waitFor({ timeout: 15_000 });
      await conflict.getByRole('button', { name: 'Load their version' }).click();
      await eddie.waitForFunction(
        () =>
          (document.querySelector('input.title-input') as HTMLInputElement | null)?.value === 'Ada’s title',
      );
      assert.equal(await bodyText(eddie).getByText('Eddie’s sentence.').count(), 0);

      // Ada saves again; this time Eddie keeps his own version over hers.
      await titleField(ada).fill('Ada’s second title');
      await ada.getByRole('button', { name: 'Save', exact: true }).click();
      await eventually(
        async () => (await admin.get(`/api/admin/articles/${id}`)).body.articles[0].title,
        'Ada’s second title',
      );
      await bodyText(eddie).click();
      await eddie.keyboard.press('ControlOrMeta+End');
      await eddie.keyboard.type(' Eddie insists.');
      await conflict.waitFor({ timeout: 15_000 });
      await checkScreen(eddie, 'editor-conflict');
      await conflict.getByRole('button', { name: 'Keep mine (overwrite)' }).click();
      await saveStatus(eddie)
        .filter({ hasText: /^Saved at/ })
        .waitFor();
      const stored = (await admin.get(`/api/admin/articles/${id}`)).body.articles[0];
      assert.equal(stored.title, 'Ada’s title');
      assert.match(stored.body_html, /First draft\. Eddie insists\./);
    } finally {
      await other.close();
    }
  });

  it('should lay the editor out right to left in Arabic, with no axe violations', async (t) => {
    if (skipWithoutChromium(t)) return;
    const page = await freshPage(t);
    page.on('dialog', (dialog) => void dialog.accept());
    await signIn(page, server, 'editor', '/admin/articles/new');
    await page.goto(`${server.baseUrl}/admin/articles/new?lang=ar`);
    await page.getByRole('heading', { level: 1, name: 'مقال جديد' }).waitFor();
    assert.equal(await page.evaluate(() => document.documentElement.dir), 'rtl');
    await page.getByLabel('العنوان', { exact: true }).fill('تأجيل التصويت على جسر الميناء');
    await page.getByRole('textbox', { name: 'نص المقال' }).click();
    await page.keyboard.type('طلب أعضاء المجلس مراجعة التكاليف أولًا.');
    await page.getByLabel('لغة المقال').fill('ar');
    await page.locator('.editor-body[dir="rtl"][lang="ar"]').waitFor();
    // The toolbar is one Tab stop; its arrow keys follow the reading direction (left is next).
    const toolbar = page.getByRole('toolbar', { name: 'تنسيق النص' });
    await toolbar.getByRole('button', { name: 'عنوان فرعي 2' }).focus();
    await page.keyboard.press('ArrowLeft');
    assert.equal(await page.evaluate(() => document.activeElement?.textContent), 'عنوان فرعي 3');
    assert.equal(await toolbar.locator('button[tabindex="0"]').count(), 1);
    await checkScreen(page, 'editor-ar');
    await page.goto(`${server.baseUrl}/admin/articles/new?lang=en`);
  });
});
