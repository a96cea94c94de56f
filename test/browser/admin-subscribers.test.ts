import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { AxeBuilder } from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import {
  CHROMIUM_PATH,
  launchBrowser,
  resultPath,
  skipWithoutChromium,
  type TestBrowser,
  type TestServer,
} from '../helpers/browser.ts';
import { startSmtpServer } from '../helpers/smtp-server.ts';
import { publish } from '../site/site-helpers.ts';
import { checkScreen, signIn, startNewsroom } from './admin-helpers.ts';

/*
 * The newsroom's subscriber and newsletter screens in Chromium against a real Masthead: a CSV
 * import with its progress bar and the lines it refused, search, delete and export, the send status
 * refreshing while a send runs, and newsletters created, previewed and test-sent.
 */

type ApiSubscriber = { email: string; name: string; newsletters: string[]; confirmed_at: string | null };
type ApiNewsletter = {
  slug: string;
  cadence: string;
  send_hour: number;
  send_weekday: number;
  track_opens: boolean;
  track_clicks: boolean;
};

/** Four subscribers and, on line 4 (the header is line 1), an address that is not one. */
const CSV = [
  'email,name,newsletters',
  'ana.alves@example.com,Ana Alves,morning-briefing',
  'ben.brown@example.com,Ben Brown,',
  'not-an-address,Bad Line,',
  'cleo.chen@example.com,Cleo Chen,morning-briefing;weekly-review',
].join('\n');

async function adminGet<T>(server: TestServer, url: string): Promise<{ status: number; json: T }> {
  const res = await server.t.masthead.app.inject({
    method: 'GET',
    url: `/api/admin${url}`,
    headers: server.t.adminAuth,
  });
  return { status: res.statusCode, json: res.json() as T };
}

async function open(page: Page, server: TestServer, path: string, heading: string): Promise<void> {
  await page.goto(`${server.baseUrl}/admin${path}`);
  await page.getByRole('heading', { level: 1, name: heading }).waitFor();
}

/**
 * checkScreen for the preview, the mail's own HTML left out: axe cannot run in a frame sandboxed
 * without scripts (trying hangs the scan), and that HTML is the mail template's, not the newsroom's.
 */
async function checkPreviewScreen(page: Page): Promise<void> {
  await page.screenshot({ path: resultPath('admin-newsletter-preview.png'), fullPage: true });
  const { violations } = await new AxeBuilder({ page }).exclude('.newsletter-frame').analyze();
  assert.deepEqual(
    violations.map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target).join(' ')}`),
    [],
  );
}

const subscriberRows = (page: Page) => page.locator('.subscriber-table tbody tr');

describe('the newsroom in Chromium: subscribers and newsletters', () => {
  let server: TestServer;
  let browser: TestBrowser;
  let page: Page;

  before(async () => {
    server = await startNewsroom();
    await server.t.masthead.subscribe.newsletters.createMany([
      { name: 'Morning Briefing', slug: 'morning-briefing', cadence: 'publish' },
      { name: 'Weekly Review', slug: 'weekly-review', cadence: 'weekly', send_hour: 8, send_weekday: 5 },
    ]);
    if (!existsSync(CHROMIUM_PATH)) return;
    browser = await launchBrowser({ viewport: { width: 1280, height: 900 } });
    page = await browser.context.newPage();
    await signIn(page, server, 'editor');
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });

  it('should import a CSV with a progress bar and list the line it refused', async (t) => {
    if (skipWithoutChromium(t)) return;
    await open(page, server, '/subscribers', 'Subscribers');
    // Every progress event the upload reports, to prove the bar follows the bytes sent.
    await page.evaluate(() => {
      const seen: number[] = [];
      (window as unknown as { uploadProgress: number[] }).uploadProgress = seen;
      const send = XMLHttpRequest.prototype.send;
      XMLHttpRequest.prototype.send = function (this: XMLHttpRequest, body) {
        this.upload.addEventListener('progress', (event) => seen.push(event.loaded / event.total));
        return send.call(this, body);
      };
    });
    await page.getByLabel('CSV file', { exact: true }).setInputFiles({
      name: 'subscribers.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(CSV),
    });
    await page.getByRole('checkbox', { name: 'Weekly Review' }).check();
    await page.getByRole('button', { name: 'Import', exact: true }).click();

    const result = page.locator('.import-result');
    await result.waitFor();
    const bar = page.getByRole('progressbar', { name: 'Upload progress' });
    assert.equal(await bar.getAttribute('value'), '100');
    assert.equal(await bar.getAttribute('aria-valuetext'), '100% uploaded');
    const progress = await page.evaluate(
      () => (window as unknown as { uploadProgress: number[] }).uploadProgress,
    );
    assert.equal(progress.at(-1), 1, `upload progress events: ${progress.join(', ')}`);
    assert.match(
      (await result.getByRole('status').textContent()) ?? '',
      /Imported 3 new subscribers and updated 0\. 1 line was not imported/,
    );
    const refused = result.getByRole('row', { name: /^4 / });
    assert.match((await refused.textContent()) ?? '', /email/);
    assert.equal(await result.locator('tbody tr').count(), 1);
    await checkScreen(page, 'subscribers-import');

    // The list refreshes with the imported addresses; a line naming no newsletter got the default.
    await page.getByRole('row', { name: /cleo\.chen@example\.com/ }).waitFor();
    assert.equal(await subscriberRows(page).count(), 3);
    const ben = (await adminGet<{ subscribers: ApiSubscriber[] }>(server, '/subscribers?q=ben.brown')).json
      .subscribers[0];
    assert.deepEqual(ben?.newsletters, ['weekly-review']);
    assert.ok(ben?.confirmed_at);
  });

  it('should search, export and delete subscribers', async (t) => {
    if (skipWithoutChromium(t)) return;
    await open(page, server, '/subscribers', 'Subscribers');
    await page.getByRole('row', { name: /ana\.alves@example\.com/ }).waitFor();
    await checkScreen(page, 'subscribers');

    await page.getByRole('searchbox', { name: 'Search subscribers' }).fill('Cleo');
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    await page.waitForURL(/\?q=Cleo/);
    await page.getByRole('row', { name: /ana\.alves/ }).waitFor({ state: 'detached' });
    assert.equal(await subscriberRows(page).count(), 1);
    const cleo = page.getByRole('row', { name: /cleo\.chen@example\.com/ });
    assert.match((await cleo.textContent()) ?? '', /Morning Briefing, Weekly Review/);
    assert.match((await cleo.textContent()) ?? '', /Confirmed/);

    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Export as CSV' }).click();
    const file = await download;
    assert.equal(file.suggestedFilename(), 'subscribers.csv');
    const exported = readFileSync((await file.path()) ?? '', 'utf8');
    assert.match(exported, /^email,name,newsletters/);
    for (const email of ['ana.alves@example.com', 'ben.brown@example.com', 'cleo.chen@example.com'])
      assert.match(exported, new RegExp(email.replace(/\./g, '\\.')));

    page.once('dialog', (dialog) => void dialog.accept());
    await cleo.getByRole('button', { name: 'Delete cleo.chen@example.com' }).click();
    await page.getByRole('status').filter({ hasText: 'cleo.chen@example.com was deleted.' }).waitFor();
    await cleo.waitFor({ state: 'detached' });
    assert.equal(await subscriberRows(page).count(), 0);
    const left = await adminGet<{ subscribers: ApiSubscriber[] }>(server, '/subscribers?q=cleo');
    assert.deepEqual(left.json.subscribers, []);
  });

  it('should show a running send and follow it until it is done', async (t) => {
    if (skipWithoutChromium(t)) return;
    const { masthead } = server.t;
    const article = await publish(server.t, {
      title: 'Ferry timetable changes from Monday',
      published_at: new Date(),
      send_email: true,
    });
    assert.equal(await masthead.subscribe.planner.planArticle(article.id), 1);
    const sending = await masthead.database.db
      .selectFrom('newsletter_sends')
      .select('id')
      .where('state', '=', 'sending')
      .execute();
    assert.equal(sending.length, 1);

    await open(page, server, '/subscribers', 'Subscribers');
    const row = page.getByRole('row', { name: /Ferry timetable changes from Monday/ });
    await row.waitFor();
    assert.match((await row.textContent()) ?? '', /Sending/);
    const bar = row.getByRole('progressbar', { name: /Ferry timetable/ });
    assert.equal(await bar.getAttribute('value'), '0');
    assert.equal(await bar.getAttribute('max'), '1', 'one subscriber of Morning Briefing is left');
    await checkScreen(page, 'send-status');

    // A second instance with mail set up (as the worker process would be) delivers the send while
    // the page is open: the list asks again on its own and shows the end.
    const smtp = await startSmtpServer();
    const worker = await server.t.reopen({ env: { SMTP_URL: smtp.url } });
    try {
      await worker.subscribe.deliverSend(sending[0]?.id ?? '');
      assert.deepEqual(
        smtp.messages.flatMap((mail) => mail.envelope.to),
        ['ana.alves@example.com'],
      );
    } finally {
      await worker.close();
      await smtp.close();
    }
    await row.getByText('Finished').waitFor({ timeout: 15_000 });
    assert.equal(await bar.getAttribute('value'), '1');
    assert.match((await row.textContent()) ?? '', /1 of 1 handled \(100%\)/);
  });

  it('should create a newsletter with the form, preview it and send a test', async (t) => {
    if (skipWithoutChromium(t)) return;
    await open(page, server, '/newsletters', 'Newsletters');
    await page.getByRole('row', { name: /Morning Briefing/ }).waitFor();
    assert.match(
      (await page.getByRole('row', { name: /Weekly Review/ }).textContent()) ?? '',
      /Weekly, Friday at 08:00/,
    );
    await checkScreen(page, 'newsletters');

    await page.getByRole('link', { name: 'New newsletter' }).click();
    await page.getByRole('heading', { level: 1, name: 'New newsletter' }).waitFor();
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByRole('alert').filter({ hasText: 'Please correct the highlighted fields.' }).waitFor();
    assert.equal(await page.getByRole('textbox', { name: 'Name' }).getAttribute('aria-invalid'), 'true');

    await page.getByRole('textbox', { name: 'Name' }).fill('Evening Edition');
    await page.getByRole('textbox', { name: 'Description' }).fill('The day’s news at six.');
    await page.getByRole('combobox', { name: 'Cadence' }).selectOption('weekly');
    await page.getByRole('combobox', { name: 'Send at (site time)' }).selectOption('18');
    await page.getByRole('combobox', { name: 'Send on' }).selectOption('5');
    await page.getByRole('checkbox', { name: 'Track clicks' }).check();
    await checkScreen(page, 'newsletter-form');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByRole('status').filter({ hasText: '“Evening Edition” is saved.' }).waitFor();
    assert.match(
      (await page.getByRole('row', { name: /Evening Edition/ }).textContent()) ?? '',
      /Weekly, Friday at 18:00/,
    );
    const saved = await adminGet<{ newsletters: ApiNewsletter[] }>(
      server,
      '/newsletters/slug/evening-edition',
    );
    assert.equal(saved.status, 200);
    const { cadence, send_hour, send_weekday, track_opens, track_clicks } = saved.json.newsletters[0] ?? {};
    assert.deepEqual(
      { cadence, send_hour, send_weekday, track_opens, track_clicks },
      { cadence: 'weekly', send_hour: 18, send_weekday: 5, track_opens: false, track_clicks: true },
    );

    await page.getByRole('link', { name: 'Preview Morning Briefing' }).click();
    const frame = page.getByTitle('Email preview of Morning Briefing');
    await frame.waitFor();
    assert.equal(await frame.getAttribute('sandbox'), '');
    await page
      .frameLocator('iframe[title="Email preview of Morning Briefing"]')
      .getByText('Ferry timetable changes from Monday')
      .first()
      .waitFor();
    await page.getByRole('textbox', { name: 'Send the test to' }).fill('desk@news.example');
    await page.getByRole('button', { name: 'Send test email' }).click();
    await page
      .getByRole('status')
      .filter({ hasText: 'A test copy is on its way to desk@news.example.' })
      .waitFor();
    const queued = await server.t.masthead.database.db
      .selectFrom('outbox')
      .select(['kind', 'subject'])
      .where('recipient', '=', 'desk@news.example')
      .execute();
    assert.equal(queued.length, 1);
    assert.equal(queued[0]?.kind, 'newsletter-test');
    await checkPreviewScreen(page);

    await page.getByRole('link', { name: 'Back to the newsletters' }).click();
    page.once('dialog', (dialog) => void dialog.accept());
    await page.getByRole('button', { name: 'Delete Evening Edition' }).click();
    await page.getByRole('status').filter({ hasText: '“Evening Edition” was deleted.' }).waitFor();
    assert.equal((await adminGet(server, '/newsletters/slug/evening-edition')).status, 404);
  });
});
