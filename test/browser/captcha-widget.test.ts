import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { h } from 'preact';
import { render } from 'preact-render-to-string';
import { captchaPayloadFrom } from '../../src/captcha/captcha.ts';
import { CaptchaWidget } from '../../src/captcha/captcha-widget.tsx';
import { findFreePort, launchBrowser, skipWithoutChromium, type TestBrowser } from '../helpers/browser.ts';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';

/*
 * The real altcha widget in Chromium, on a page carrying the site's own Content-Security-Policy:
 * it must load, solve and renew its challenge with no CSP violation and no third-party request.
 */

const FORM_PATH = '/test/captcha-form';

/**
 * A bare form, as the comment form will hold it: the reader's text, the widget, a button. `onsubmit`
 * renders CaptchaWidget as the comment form will; `onload` solves at once, to see it renewed.
 */
function formPage(t: TestApp, auto: 'onsubmit' | 'onload'): string {
  const { widget } = t.masthead.captcha;
  const captchaHtml =
    auto === 'onsubmit'
      ? render(h(CaptchaWidget, { widget }))
      : `<script type="module" src="${widget.scriptUrl}"></script>
<altcha-widget challenge="${widget.challengeUrl}" auto="onload" name="${widget.field}"></altcha-widget>`;
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Comment</title></head>
<body><form method="post" action="${FORM_PATH}">
<textarea name="body">My carefully written comment.</textarea>
${captchaHtml}
<button type="submit">Post comment</button></form></body></html>`;
}

/** Starts Masthead on a free port with a test form page and a handler that verifies what it posts. */
async function startServer(env: Record<string, string>) {
  const port = await findFreePort();
  const t = await createTestApp({ env: { ...env, SITE_URL: `http://127.0.0.1:${port}` } });
  const { app, captcha } = t.masthead;
  await app.register(async (scope) => {
    if (!scope.hasContentTypeParser('application/x-www-form-urlencoded'))
      scope.addContentTypeParser(
        'application/x-www-form-urlencoded',
        { parseAs: 'string' },
        (_req, body, done) => done(null, Object.fromEntries(new URLSearchParams(String(body)))),
      );
    scope.get(`${FORM_PATH}/:auto`, async (request, reply) => {
      const { auto } = request.params as { auto: 'onsubmit' | 'onload' };
      return reply.type('text/html; charset=utf-8').send(formPage(t, auto));
    });
    scope.post(FORM_PATH, async (request) => {
      const body = request.body as Record<string, unknown>;
      const result = await captcha.verify({
        payload: captchaPayloadFrom(body, captcha.provider),
        remoteIp: request.ip,
      });
      return { result, body: body.body };
    });
  });
  await app.listen({ host: '127.0.0.1', port });
  return { t, baseUrl: `http://127.0.0.1:${port}` };
}

/** Opens a page that records its requests and every CSP violation. */
async function openPage(browser: TestBrowser) {
  const page = await browser.context.newPage();
  const requested: string[] = [];
  const violations: string[] = [];
  page.on('request', (request) => requested.push(request.url()));
  page.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
  });
  return { page, requested, violations };
}

const postedResult = async (page: Page) => JSON.parse((await page.locator('body').textContent()) ?? '{}');

describe('altcha widget in the browser', () => {
  let server: Awaited<ReturnType<typeof startServer>> | undefined;
  let browser: TestBrowser | undefined;

  before(async () => {
    server = await startServer({ CAPTCHA_EXPIRES: '3', CAPTCHA_DIFFICULTY: '20000' });
  });
  after(async () => {
    await browser?.close();
    await server?.t.close();
  });

  it('should solve the challenge and post the comment when the reader submits', async (ctx) => {
    if (skipWithoutChromium(ctx) || !server) return;
    browser ??= await launchBrowser();
    const { page, requested, violations } = await openPage(browser);

    await page.goto(`${server.baseUrl}${FORM_PATH}/onsubmit`);
    await page.getByRole('button', { name: 'Post comment' }).click();
    await page.waitForURL(`${server.baseUrl}${FORM_PATH}`);

    assert.deepEqual(await postedResult(page), {
      result: { ok: true },
      body: 'My carefully written comment.',
    });
    assert.deepEqual(violations, []);
    const foreign = requested.filter((url) => new URL(url).hostname !== '127.0.0.1');
    assert.deepEqual(foreign, []);
    assert.ok(
      requested.some((url) => url.includes('/assets/captcha/sha-worker.js')),
      'the worker ran',
    );
  });

  it('should renew an expired solution so that the posted one is accepted when the reader took long', async (ctx) => {
    if (skipWithoutChromium(ctx) || !server) return;
    browser ??= await launchBrowser();
    const { page, violations } = await openPage(browser);
    await page.goto(`${server.baseUrl}${FORM_PATH}/onload`);
    const field = page.locator('input[name="altcha"]');
    await assert.doesNotReject(field.waitFor({ state: 'attached' }));
    await page.waitForFunction(
      () => (document.querySelector('input[name="altcha"]') as HTMLInputElement)?.value,
    );
    const first = await field.inputValue();

    // The challenge lives 3 seconds: wait until the widget has replaced its solution.
    await page.waitForFunction(
      (old) => {
        const value = (document.querySelector('input[name="altcha"]') as HTMLInputElement | null)?.value;
        return value && value !== old;
      },
      first,
      { timeout: 15_000 },
    );
    await page.getByRole('button', { name: 'Post comment' }).click();
    await page.waitForURL(`${server.baseUrl}${FORM_PATH}`);

    assert.deepEqual(await postedResult(page), {
      result: { ok: true },
      body: 'My carefully written comment.',
    });
    assert.deepEqual(violations, []);
  });
});
