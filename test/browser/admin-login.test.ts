import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import {
  CHROMIUM_PATH,
  launchBrowser,
  skipWithoutChromium,
  type TestBrowser,
  type TestServer,
} from '../helpers/browser.ts';
import { checkScreen, STAFF, STAFF_PASSWORD, signIn, startNewsroom } from './admin-helpers.ts';

describe('the newsroom in Chromium: signing in', () => {
  let server: TestServer;
  let browser: TestBrowser;
  before(async () => {
    server = await startNewsroom();
    if (!existsSync(CHROMIUM_PATH)) return;
    browser = await launchBrowser({ viewport: { width: 1280, height: 900 } });
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });

  it('should refuse a wrong password with one message, then sign in and out', async (t) => {
    if (skipWithoutChromium(t)) return;
    const page = await browser.context.newPage();
    await page.goto(`${server.baseUrl}/admin/`);
    await page.getByLabel('Email').fill(STAFF.editor.email);
    await page.getByLabel('Password').fill(`${STAFF_PASSWORD}!`);
    await checkScreen(page, 'login');
    await page.getByRole('button', { name: 'Sign in' }).click();

    await page.getByRole('alert').filter({ hasText: 'do not match' }).waitFor();
    await checkScreen(page, 'login-failed');
    await page.getByLabel('Password').fill(STAFF_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('navigation', { name: 'Newsroom' }).waitFor();
    assert.match((await page.locator('.who').textContent()) ?? '', /Eddie Editor/);

    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('button', { name: 'Sign in' }).waitFor();
    await page.reload();
    await page.getByRole('button', { name: 'Sign in' }).waitFor();
    await page.close();
  });

  it('should keep the session across a reload and hide what the role may not use', async (t) => {
    if (skipWithoutChromium(t)) return;
    const page = await browser.context.newPage();
    await signIn(page, server, 'contributor');
    await page.reload();
    const nav = page.getByRole('navigation', { name: 'Newsroom' });
    await nav.waitFor();
    assert.equal(await nav.getByRole('link', { name: 'Articles' }).count(), 1);
    assert.equal(await nav.getByRole('link', { name: 'Settings' }).count(), 0);
    assert.equal(await nav.getByRole('link', { name: 'Comments' }).count(), 0);
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.close();
  });

  it('should serve the app for deep links and its hashed assets precompressed and cached for a year', async () => {
    const deep = await fetch(`${server.baseUrl}/admin/articles/123`);
    assert.equal(deep.status, 200);
    assert.equal(deep.headers.get('cache-control'), 'no-store');
    const html = await deep.text();
    const asset = html.match(/src="(\/admin\/assets\/[^"]+\.js)"/)?.[1];
    assert.ok(asset, html);
    const script = await fetch(`${server.baseUrl}${asset}`);
    assert.equal(script.status, 200);
    assert.match(script.headers.get('cache-control') ?? '', /max-age=31536000.*immutable/);
    const plain = await script.text();
    const brotli = await fetch(`${server.baseUrl}${asset}`, { headers: { 'accept-encoding': 'br' } });
    assert.equal(brotli.headers.get('content-encoding'), 'br');
    assert.equal(await brotli.text(), plain);
    assert.equal((await fetch(`${server.baseUrl}/admin/assets/missing-123.js`)).status, 404);
  });
});
