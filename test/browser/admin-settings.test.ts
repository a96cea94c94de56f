import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { Secret, TOTP } from 'otpauth';
import type { Page } from 'playwright-core';
import {
  CHROMIUM_PATH,
  launchBrowser,
  skipWithoutChromium,
  type TestBrowser,
  type TestServer,
} from '../helpers/browser.ts';
import { checkScreen, STAFF, signIn, startNewsroom } from './admin-helpers.ts';

const NEW_PASSWORD = 'a harbour full of new passphrases';

/** The token of the newest staff link mailed to `email` (the site has no SMTP: it waits in the outbox). */
async function linkFromOutbox(server: TestServer, email: string, path: string): Promise<string> {
  const mails = await server.t.masthead.outbox.list({ limit: 50 });
  const mail = mails.find((entry) => entry.recipient === email && entry.text.includes(`${path}#token=`));
  const token = new RegExp(`${path}#token=([A-Za-z0-9_-]{43})`).exec(mail?.text ?? '')?.[1];
  assert.ok(token, `no ${path} link mailed to ${email}`);
  return token;
}

/** Accepts the next confirm() the page asks. */
const acceptNextDialog = (page: Page) => page.once('dialog', (dialog) => void dialog.accept());

describe('the newsroom in Chromium: people, categories, tags, tokens, settings and accounts', () => {
  let server: TestServer;
  let browser: TestBrowser;
  /** The administrator's page, signed in once for the screens they own. */
  let admin: Page;
  const open = async (path: string, heading: string) => {
    await admin.goto(`${server.baseUrl}/admin${path}`);
    await admin.getByRole('heading', { level: 1, name: heading }).waitFor();
  };

  before(async () => {
    server = await startNewsroom();
    if (!existsSync(CHROMIUM_PATH)) return;
    browser = await launchBrowser({ viewport: { width: 1280, height: 900 } });
    admin = await browser.context.newPage();
    await signIn(admin, server, 'administrator');
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });

  it('should list staff and bylines, invite a colleague and add a byline', async (t) => {
    if (skipWithoutChromium(t)) return;
    await open('/people', 'People');
    const staff = admin.getByRole('region', { name: 'Staff accounts' });
    await staff.getByRole('cell', { name: STAFF.editor.email }).waitFor();
    await admin.getByRole('region', { name: 'Bylines' }).getByRole('table').waitFor();
    await checkScreen(admin, 'people');

    await staff.getByLabel('Email', { exact: true }).fill('newhire@news.example');
    await staff.getByLabel('Role', { exact: true }).selectOption('editor');
    await staff.getByRole('button', { name: 'Send invitation' }).click();
    await staff.getByRole('status').filter({ hasText: 'newhire@news.example' }).waitFor();
    const row = staff.getByRole('row').filter({ hasText: 'newhire@news.example' });
    await row.getByText('Invitation pending').waitFor();
    assert.equal(await row.getByRole('combobox').inputValue(), 'editor');

    const bylines = admin.getByRole('region', { name: 'Bylines' });
    await bylines.getByLabel('Name').fill('Grace Harbour');
    await bylines.getByLabel('Biography').fill('Covers the docks.');
    await bylines.getByRole('button', { name: 'Add byline' }).click();
    await bylines.getByRole('rowheader', { name: 'Grace Harbour' }).waitFor();
  });

  it('should create a category under a parent and show it nested in the tree', async (t) => {
    if (skipWithoutChromium(t)) return;
    await open('/categories', 'Categories');
    await admin.locator('li[data-slug="news"]').first().waitFor();
    await checkScreen(admin, 'categories');
    const form = admin.getByRole('form', { name: 'New category' });

    await form.getByLabel('Name').fill('Coast');
    await form.getByRole('button', { name: 'Create' }).click();
    await admin.locator('li[data-slug="coast"]').waitFor();
    await form.getByLabel('Name').fill('Harbours');
    await form.getByLabel('Parent category').selectOption({ label: 'Coast' });
    await form.getByRole('button', { name: 'Create' }).click();

    const nested = admin.locator('li[data-slug="coast"] > ul > li[data-slug="harbours"]');
    await nested.waitFor();
    assert.equal(
      await admin.locator('.category-tree').first().locator(':scope > li[data-slug="harbours"]').count(),
      0,
    );
    const harbours = await server.t.masthead.services.taxonomy.categories.get('harbours');
    const coast = await server.t.masthead.services.taxonomy.categories.get('coast');
    assert.equal(harbours.parentId, coast.id);
  });

  it('should add tags and find them by searching', async (t) => {
    if (skipWithoutChromium(t)) return;
    await open('/tags', 'Tags');
    await admin.getByRole('table').waitFor();
    await checkScreen(admin, 'tags');
    const form = admin.getByRole('form', { name: 'New tag' });

    await form.getByLabel('Name').fill('Lighthouses');
    await form.getByLabel('Description').fill('Keepers and lamps.');
    await form.getByRole('button', { name: 'Create' }).click();
    await admin.getByRole('rowheader', { name: 'Lighthouses' }).waitFor();
    await admin.getByLabel('Search tags').fill('LIGHTH');

    await admin.getByText('1 tag', { exact: true }).waitFor();
    assert.equal(await admin.getByRole('table').getByRole('rowheader').count(), 1);
  });

  it('should show a new token’s secret once, accept it, then refuse it once revoked', async (t) => {
    if (skipWithoutChromium(t)) return;
    await open('/tokens', 'API tokens');
    await checkScreen(admin, 'tokens');

    await admin.getByLabel('Name').fill('Wire importer');
    await admin.getByLabel('Access').selectOption('read');
    await admin.getByRole('button', { name: 'Create token' }).click();
    const secretField = admin.getByLabel('Token', { exact: true });
    await secretField.waitFor();
    const secret = await secretField.inputValue();
    assert.match(secret, /^mh_[A-Za-z0-9_-]{43}$/);
    await admin.getByText('it is shown only this once').waitFor();
    await checkScreen(admin, 'tokens-secret');
    const asToken = () =>
      fetch(`${server.baseUrl}/api/admin/articles`, { headers: { authorization: `Bearer ${secret}` } });
    assert.equal((await asToken()).status, 200);

    await admin.getByRole('button', { name: 'I have copied it' }).click();
    await admin.getByRole('button', { name: 'Create token' }).waitFor();
    await admin.reload();
    await admin.getByRole('rowheader', { name: 'Wire importer' }).waitFor();
    assert.ok(!(await admin.content()).includes(secret), 'the secret is shown again');
    acceptNextDialog(admin);
    await admin.getByRole('button', { name: 'Revoke Wire importer' }).click();
    await admin.getByRole('status').filter({ hasText: 'was revoked' }).waitFor();
    assert.equal((await asToken()).status, 401);
  });

  it('should save each settings section on its own and show the new title on the public site', async (t) => {
    if (skipWithoutChromium(t)) return;
    await open('/settings', 'Settings');
    const site = admin.getByRole('region', { name: 'Site', exact: true });
    await site.getByLabel('Site title').waitFor();
    await admin
      .getByRole('region', { name: 'Comments and CAPTCHA' })
      .getByLabel('Deepest reply level')
      .waitFor();
    await admin.getByRole('region', { name: 'Mail' }).getByText('Not configured').waitFor();
    await checkScreen(admin, 'settings');

    await site.getByLabel('Site title').fill('The Harbour Herald');
    await site.getByRole('button', { name: 'Save' }).click();
    await site.getByRole('status').filter({ hasText: 'Site: saved.' }).waitFor();
    const permalinks = admin.getByRole('region', { name: 'Permalinks' });
    await permalinks.getByLabel('Article address pattern').fill('/no-slug-here/');
    await permalinks.getByRole('button', { name: 'Save' }).click();
    await permalinks.locator('.field-error').filter({ hasText: 'must start and end' }).waitFor();
    const comments = admin.getByRole('region', { name: 'Comments and CAPTCHA' });
    await comments.getByLabel('Hold every comment for moderation').check();
    await comments.getByRole('button', { name: 'Save' }).click();
    await comments.getByRole('status').filter({ hasText: 'saved' }).waitFor();

    const home = await browser.context.newPage();
    await home.goto(`${server.baseUrl}/`);
    assert.match((await home.locator('.masthead__title').textContent()) ?? '', /The Harbour Herald/);
    await home.close();
    assert.equal((await server.t.masthead.comments.settings.get()).hold_all, true);
    assert.equal((await server.t.masthead.services.settings.get()).permalink, '/{yyyy}/{mm}/{slug}/');
  });

  it('should queue a test email and show it in the outbox while SMTP is not set', async (t) => {
    if (skipWithoutChromium(t)) return;
    await open('/settings', 'Settings');
    const mail = admin.getByRole('region', { name: 'Mail' });
    assert.equal(await mail.getByLabel('Send to').inputValue(), STAFF.administrator.email);

    await mail.getByRole('button', { name: 'Send test email' }).click();
    await mail.getByRole('status').filter({ hasText: 'It waits there until SMTP is configured.' }).waitFor();
    const row = mail.getByRole('row').filter({ hasText: 'Test email from' });
    await row.getByText('Waiting').waitFor();
    assert.match((await row.textContent()) ?? '', new RegExp(STAFF.administrator.email));
  });

  it('should turn on two-factor sign-in from Your account, then sign out everywhere', async (t) => {
    if (skipWithoutChromium(t)) return;
    await browser.context.clearCookies();
    const page = await browser.context.newPage();
    await signIn(page, server, 'editor');
    await page.getByRole('link', { name: 'Your account' }).click();
    await page.getByRole('heading', { level: 1, name: 'Your account' }).waitFor();
    await page.getByRole('button', { name: 'Set up two-factor sign-in' }).click();
    const key = await page.getByLabel('Setup key').inputValue();
    assert.match(await page.getByLabel('Setup address').inputValue(), /^otpauth:\/\/totp\//);
    await checkScreen(page, 'account');

    await page.getByLabel('Code from the app').fill(TOTP.generate({ secret: Secret.fromBase32(key) }));
    await page.getByRole('button', { name: 'Turn on two-factor sign-in' }).click();
    await page.getByRole('status').filter({ hasText: 'Two-factor sign-in is on' }).waitFor();
    acceptNextDialog(page);
    await page.getByRole('button', { name: 'Sign out everywhere' }).click();
    await page.getByRole('button', { name: 'Sign in' }).waitFor();

    const [editor] = (await server.t.masthead.staff.list()).filter((m) => m.email === STAFF.editor.email);
    assert.equal(editor?.isTotpEnabled, true);
    const session = await page.request.get(`${server.baseUrl}/api/admin/session`);
    assert.equal(session.status(), 401);
    await page.close();
  });

  it('should accept an invitation signed out, then sign in as the new colleague', async (t) => {
    if (skipWithoutChromium(t)) return;
    await browser.context.clearCookies();
    await server.t.masthead.staff.invite({ email: 'grace@news.example', role: 'author' });
    const token = await linkFromOutbox(server, 'grace@news.example', '/admin/invitation');
    const page = await browser.context.newPage();
    await page.goto(`${server.baseUrl}/admin/invitation#token=${token}`);
    await page.getByRole('heading', { level: 1, name: 'Join the newsroom' }).waitFor();
    await checkScreen(page, 'invitation');

    await page.getByLabel('Your name').fill('Grace Hopper');
    await page.getByLabel('New password', { exact: true }).fill(NEW_PASSWORD);
    await page.getByLabel('Repeat the new password').fill(`${NEW_PASSWORD}!`);
    await page.getByRole('button', { name: 'Create my account' }).click();
    await page.getByText('The two passwords are not the same.').waitFor();
    await page.getByLabel('Repeat the new password').fill(NEW_PASSWORD);
    await page.getByRole('button', { name: 'Create my account' }).click();
    await page.getByRole('status').filter({ hasText: 'Your account is ready' }).waitFor();
    await page.getByRole('link', { name: 'Sign in', exact: true }).click();
    await page.getByLabel('Email').fill('grace@news.example');
    await page.getByLabel('Password').fill(NEW_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();

    await page.getByRole('navigation', { name: 'Newsroom' }).waitFor();
    assert.match((await page.locator('.who').textContent()) ?? '', /Grace Hopper \(Author\)/);
    await page.getByRole('button', { name: 'Sign out', exact: true }).click();
    await page.close();
  });

  it('should send a reset link from the sign-in page and set a new password through it', async (t) => {
    if (skipWithoutChromium(t)) return;
    await browser.context.clearCookies();
    const page = await browser.context.newPage();
    await page.goto(`${server.baseUrl}/admin/`);
    await page.getByRole('link', { name: 'Forgot your password?' }).click();
    await page.getByRole('heading', { level: 1, name: 'Forgot your password?' }).waitFor();
    await page.getByLabel('Email').fill(STAFF.author.email);
    await page.getByRole('button', { name: 'Send the link' }).click();
    await page.getByRole('status').filter({ hasText: 'a link is on its way' }).waitFor();
    await checkScreen(page, 'forgot-password');

    const token = await linkFromOutbox(server, STAFF.author.email, '/admin/reset-password');
    await page.goto(`${server.baseUrl}/admin/reset-password#token=${token}`);
    await page.getByRole('heading', { level: 1, name: 'Choose a new password' }).waitFor();
    await checkScreen(page, 'reset-password');
    await page.getByLabel('New password', { exact: true }).fill(NEW_PASSWORD);
    await page.getByLabel('Repeat the new password').fill(NEW_PASSWORD);
    await page.getByRole('button', { name: 'Set the new password' }).click();
    await page.getByRole('status').filter({ hasText: 'Your password has been changed' }).waitFor();

    await page.getByRole('link', { name: 'Sign in', exact: true }).click();
    await page.getByLabel('Email').fill(STAFF.author.email);
    await page.getByLabel('Password').fill(NEW_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('navigation', { name: 'Newsroom' }).waitFor();
    await page.getByRole('button', { name: 'Sign out', exact: true }).click();
    await page.close();
  });

  it('should lay the settings screen out right to left in Arabic', async (t) => {
    if (skipWithoutChromium(t)) return;
    const page = await browser.context.newPage();
    await signIn(page, server, 'administrator');
    await page.goto(`${server.baseUrl}/admin/settings?lang=ar`);
    await page.getByRole('heading', { level: 1, name: 'الإعدادات' }).waitFor();
    await page.getByLabel('عنوان الموقع', { exact: true }).waitFor();

    assert.equal(await page.evaluate(() => document.documentElement.dir), 'rtl');
    assert.equal(await page.evaluate(() => document.documentElement.lang), 'ar');
    await checkScreen(page, 'settings-ar');
    await page.goto(`${server.baseUrl}/admin/settings?lang=en`);
    await page.getByRole('heading', { level: 1, name: 'Settings' }).waitFor();
    await page.close();
  });
});
