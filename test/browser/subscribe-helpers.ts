import assert from 'node:assert/strict';
import { AxeBuilder } from '@axe-core/playwright';
import type { Locator, Page, Response } from 'playwright-core';
import { findFreePort, resultPath, type TestBrowser } from '../helpers/browser.ts';
import { startSmtpServer, type TestSmtpServer } from '../helpers/smtp-server.ts';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';
import { linkIn } from '../subscribe/subscribe-helpers.ts';

/** The WCAG 2.1 A and AA rules: what the "axe 0 violations" means. */
export const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

export type SubscribeServer = {
  t: TestApp;
  smtp: TestSmtpServer;
  /** `http://127.0.0.1:PORT`, also SITE_URL, so the links in mails lead back here. */
  baseUrl: string;
  close: () => Promise<void>;
};

/**
 * A whole Masthead on 127.0.0.1 whose mail worker delivers to a real SMTP server on 127.0.0.1.
 *
 * @example
 * const server = await startSubscribeServer();
 * after(() => server.close());
 * await page.goto(`${server.baseUrl}/subscribe`);
 */
export async function startSubscribeServer(): Promise<SubscribeServer> {
  const smtp = await startSmtpServer();
  const port = await findFreePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  let t: TestApp | undefined;
  try {
    t = await createTestApp({ env: { SMTP_URL: smtp.url, SITE_URL: baseUrl, JOBS_POLL_MS: '50' } });
    await t.masthead.app.listen({ host: '127.0.0.1', port });
    await t.masthead.startWorker();
  } catch (error) {
    await t?.close();
    await smtp.close();
    throw error;
  }
  const app = t;
  return {
    t: app,
    smtp,
    baseUrl,
    async close() {
      await app.close();
      await smtp.close();
    },
  };
}

/**
 * The absolute URL of the link to `path` in the first mail to `email` with this subject, waiting
 * for the mail worker to deliver it.
 *
 * @example
 * await page.goto(await mailedLink(server, 'ada@example.com', 'Sign in to Masthead', '/account/login'));
 */
export async function mailedLink(
  server: SubscribeServer,
  input: { email: string; subject: string; path: string },
): Promise<string> {
  const mail = await server.smtp.waitForMail(
    (m) => m.envelope.to.includes(input.email) && m.parsed.subject === input.subject,
    15_000,
  );
  return `${server.baseUrl}${linkIn(mail, input.path)}`;
}

/**
 * A page that records every URL it requests, so a test can prove nothing left 127.0.0.1.
 *
 * @example
 * const { page, requested } = await openPage(browser);
 */
export async function openPage(browser: TestBrowser): Promise<{ page: Page; requested: string[] }> {
  const page = await browser.context.newPage();
  const requested: string[] = [];
  page.on('request', (request) => requested.push(request.url()));
  return { page, requested };
}

/**
 * Fails when a request went anywhere but 127.0.0.1 (inline `data:` and `blob:` URLs aside).
 *
 * @example
 * assertOnlyLocalRequests(requested);
 */
export function assertOnlyLocalRequests(requested: string[]): void {
  const foreign = requested.filter((url) => {
    const { protocol, hostname } = new URL(url);
    return protocol !== 'data:' && protocol !== 'blob:' && hostname !== '127.0.0.1';
  });
  assert.ok(requested.length > 0, 'no request was recorded');
  assert.deepEqual(foreign, [], `third-party requests:\n${foreign.join('\n')}`);
}

/**
 * Opens a URL and fails unless the page (after redirects) answers 200.
 *
 * @example
 * await gotoOk(page, `${server.baseUrl}/account/login`);
 */
export async function gotoOk(page: Page, url: string): Promise<Response> {
  const response = await page.goto(url);
  assert.ok(response, `GET ${url}: no response`);
  assert.equal(response.status(), 200, `GET ${url}`);
  return response;
}

/**
 * Clicks a form's submit button and answers the response to its POST, once the page it leads to
 * has loaded (redirects followed).
 *
 * @example
 * const response = await submitForm(page, page.getByRole('button', { name: 'Subscribe' }), '/subscribe');
 */
export async function submitForm(page: Page, button: Locator, path: string): Promise<Response> {
  // The load event of the next document: the one already shown is loaded, so waitForLoadState won't do.
  const [response] = await Promise.all([
    page.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname === path),
    page.waitForEvent('load'),
    button.click(),
  ]);
  return response;
}

/**
 * A full-page screenshot in test-results/.
 *
 * @example
 * await screenshot(page, 'account.png');
 */
export async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: resultPath(name), fullPage: true });
}

/**
 * Fails with each rule and the selectors it flagged when axe finds WCAG 2.1 A/AA violations.
 *
 * @example
 * await assertNoAxeViolations(page, 'the account page');
 */
export async function assertNoAxeViolations(page: Page, name: string): Promise<void> {
  const { violations } = await new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze();
  const report = violations
    .map((v) => `${v.id} (${v.impact}): ${v.nodes.map((node) => node.target.join(' ')).join(', ')}`)
    .join('\n');
  assert.equal(violations.length, 0, `axe violations on ${name} (${page.url()}):\n${report}`);
}

/** The ids of the newsletters `email` is subscribed to, straight from the subscriptions table. */
export async function subscribedIds(server: SubscribeServer, email: string): Promise<string[]> {
  const rows = await server.t.masthead.database.db
    .selectFrom('subscriptions')
    .innerJoin('subscribers', 'subscribers.id', 'subscriptions.subscriber_id')
    .where('subscribers.email', '=', email)
    .select('subscriptions.newsletter_id')
    .execute();
  return rows.map((row) => row.newsletter_id).sort();
}
