import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import sharp from 'sharp';
import { AUDIT_ACTIONS } from '../../admin/src/screens/audit/audit-types.ts';
import { auditActions } from '../../src/audit/audit.ts';
import { runAs, type StaffRole, systemActor } from '../../src/auth/actor.ts';
import { adminCatalog } from '../../src/locales/admin/catalog.ts';
import { type ApiClient, assertStatus, createApiClient, daysFromNow, type Json } from '../api/api-client.ts';
import { postComment } from '../comments/moderation-helpers.ts';
import {
  CHROMIUM_PATH,
  launchBrowser,
  skipWithoutChromium,
  type TestBrowser,
  type TestServer,
} from '../helpers/browser.ts';
import { checkScreen, STAFF, signIn, startNewsroom } from './admin-helpers.ts';

/*
 * The dashboard, the article list, the media library and the audit log in Chromium against a real
 * Masthead filled with the demo site: what each screen shows is compared with what the Admin API
 * answers, and every screen is checked by axe and photographed (the dashboard also in Arabic, the
 * article list also 390 px wide).
 */

/** Polls until `read` answers `expected` (the screen re-renders after its call returns), else fails with the last answer. */
async function eventually<T>(read: () => Promise<T>, expected: T, what: string): Promise<void> {
  const deadline = Date.now() + 10_000;
  let last: T = await read();
  while (!isDeepEqual(last, expected) && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    last = await read();
  }
  assert.deepEqual(last, expected, what);
}

const isDeepEqual = (a: unknown, b: unknown): boolean => {
  try {
    assert.deepEqual(a, b);
    return true;
  } catch {
    return false;
  }
};

/** The titles in the article table, in the order shown. */
const shownTitles = (page: Page) =>
  page.locator('table.article-table tbody th[scope="row"]').allTextContents();

/** The big number of the dashboard card headed `heading`. */
const cardCount = async (page: Page, heading: string) =>
  (await page.getByRole('region', { name: heading }).locator('.dashboard-number').textContent())?.trim();

let serial = 0;

describe('the newsroom in Chromium: dashboard, articles, media and audit log', () => {
  let server: TestServer;
  let browser: TestBrowser;
  let admin: ApiClient;
  let page: Page;
  const staffIds = new Map<StaffRole, string>();

  /** A page signed in as `role` (cookies are shared by the browser's one context: sign out first). */
  async function openAs(role: StaffRole, path = '/admin/'): Promise<Page> {
    await page?.close();
    await browser.context.clearCookies();
    page = await browser.context.newPage();
    await signIn(page, server, role, path);
    return page;
  }

  /** Titles of `GET /api/admin/articles?…` (the screen's first page of 20). */
  async function apiTitles(query: string): Promise<string[]> {
    const res = await admin.get(`/api/admin/articles?${[query, 'limit=20'].filter(Boolean).join('&')}`);
    assertStatus(res, 200);
    return res.body.articles.map((article: Json) => article.title);
  }

  async function createArticles(items: Record<string, unknown>[]): Promise<Json[]> {
    const res = await admin.post('/api/admin/articles', { articles: items });
    assertStatus(res, 201);
    return res.body.articles;
  }

  before(async () => {
    server = await startNewsroom();
    admin = createApiClient(server.t.masthead.app, server.t.adminAuth);
    for (const member of await runAs(systemActor, () => server.t.masthead.staff.list()))
      for (const [role, account] of Object.entries(STAFF) as [StaffRole, { email: string }][])
        if (account.email === member.email) staffIds.set(role, member.id);
    await server.t.masthead.comments.settings.update({
      min_seconds: 0,
      ip_rate_limit: 0,
      email_rate_limit: 0,
    });
    if (!existsSync(CHROMIUM_PATH)) return;
    browser = await launchBrowser({ viewport: { width: 1280, height: 900 } });
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });

  it('should know every action the audit log records, with a label in each language', () => {
    assert.deepEqual([...AUDIT_ACTIONS], [...auditActions]);
    for (const language of ['en', 'ar', 'fr'] as const) {
      const words = adminCatalog(language);
      for (const action of auditActions)
        assert.ok(words[`audit.action_${action.replace(/\W/g, '_')}`], `${language}: ${action}`);
    }
  });

  it('should show an administrator the counts the API gives, following a new pending comment', async (t) => {
    if (skipWithoutChromium(t)) return;
    await createArticles([
      { title: 'Desk draft: tram depot plans' },
      { title: 'Desk draft: library hours' },
      { title: 'Lighthouse keeper retires', status: 'scheduled', published_at: daysFromNow(2) },
    ]);
    const [published] = (await admin.get('/api/admin/articles?status=published&limit=1')).body.articles;
    const drafts = (await admin.get('/api/admin/articles?status=draft&limit=1')).body.meta.pagination.total;
    const scheduled = (await admin.get('/api/admin/articles?status=scheduled&limit=1')).body.meta.pagination
      .total;
    const pendingBefore = (await admin.get('/api/admin/comments?status=pending&limit=1')).body.meta.pagination
      .total;
    assert.ok(drafts >= 2);

    await openAs('administrator');
    await page.getByRole('heading', { level: 1, name: 'Dashboard' }).waitFor();
    await page.getByRole('region', { name: 'All drafts' }).waitFor();
    assert.equal(await cardCount(page, 'All drafts'), String(drafts));
    assert.equal(await cardCount(page, 'Scheduled'), String(scheduled));
    assert.equal(await cardCount(page, 'Pending comments'), String(pendingBefore));
    const scheduledCard = page.getByRole('region', { name: 'Scheduled' });
    assert.match((await scheduledCard.textContent()) ?? '', /Lighthouse keeper retires/);
    assert.equal(await scheduledCard.locator('time').count(), scheduled);
    assert.equal(await page.getByRole('region', { name: 'Subscribers' }).count(), 1);

    serial += 1;
    const posted = await postComment(
      server.t,
      published,
      { name: 'Dana Reader', body: 'When does the ferry start again?' },
      { isSolved: false, ip: `198.51.100.${serial}` },
    );
    assert.equal(posted.status, 201, JSON.stringify(posted.json));
    await page.reload();
    await page.getByRole('region', { name: 'Pending comments' }).waitFor();
    assert.equal(await cardCount(page, 'Pending comments'), String(pendingBefore + 1));
    await checkScreen(page, 'dashboard');

    await page.getByRole('link', { name: 'New article' }).click();
    await page.waitForURL(/\/admin\/articles\/new$/);
  });

  it('should lay the dashboard out right to left in Arabic', async (t) => {
    if (skipWithoutChromium(t)) return;
    await openAs('administrator');
    try {
      await page.goto(`${server.baseUrl}/admin/?lang=ar`);
      await page.getByRole('heading', { level: 1, name: 'لوحة التحكم' }).waitFor();
      await page.getByRole('region', { name: 'كل المسودات' }).waitFor();
      assert.equal(await page.evaluate(() => document.documentElement.dir), 'rtl');
      assert.equal(await page.getByRole('link', { name: 'مقال جديد' }).count(), 1);
      await checkScreen(page, 'dashboard-ar');
    } finally {
      await page.goto(`${server.baseUrl}/admin/?lang=en`);
      await page.getByRole('heading', { level: 1, name: 'Dashboard' }).waitFor();
    }
  });

  it("should show a contributor only their own drafts and none of the editors' counts", async (t) => {
    if (skipWithoutChromium(t)) return;
    const contributor = {
      kind: 'staff' as const,
      id: staffIds.get('contributor') as string,
      role: 'administrator' as const,
      email: STAFF.contributor.email,
    };
    await runAs(contributor, () =>
      server.t.masthead.services.articles.create('article', [
        { title: 'Cole’s notes on the regatta' },
        { title: 'Cole’s market stall profile' },
      ]),
    );

    await openAs('contributor');
    const mine = page.getByRole('region', { name: 'My drafts' });
    await mine.waitFor();
    assert.equal(await cardCount(page, 'My drafts'), '2');
    assert.deepEqual((await mine.getByRole('listitem').locator('a').allTextContents()).sort(), [
      'Cole’s market stall profile',
      'Cole’s notes on the regatta',
    ]);
    assert.equal(await page.getByRole('region', { name: 'All drafts' }).count(), 0);
    assert.equal(await page.getByRole('region', { name: 'Pending comments' }).count(), 0);
    assert.equal(await page.getByRole('region', { name: 'Subscribers' }).count(), 0);

    await mine.getByRole('link', { name: 'See all drafts' }).click();
    await page.waitForURL(/\/admin\/articles\?status=draft&mine=1$/);
    await eventually(
      async () => (await shownTitles(page)).sort(),
      ['Cole’s market stall profile', 'Cole’s notes on the regatta'],
      "the contributor's own drafts",
    );
  });

  it('should filter the article list by status, category, author and text, in the address', async (t) => {
    if (skipWithoutChromium(t)) return;
    await createArticles([
      { title: 'Harbour cranes return', primary_category: 'sport', authors: ['priya-castellane'] },
      { title: 'Quayside market draft', primary_category: 'business', authors: ['kenji-halloran'] },
    ]);
    await openAs('administrator', '/admin/articles');
    await page.getByRole('heading', { level: 1, name: 'Articles' }).waitFor();
    await eventually(() => shownTitles(page), await apiTitles(''), 'every article, newest change first');

    await page.getByLabel('Status').selectOption({ label: 'Draft' });
    await page.waitForURL(/\/admin\/articles\?status=draft$/);
    const drafts = await apiTitles('status=draft');
    assert.ok(drafts.includes('Quayside market draft'));
    await eventually(() => shownTitles(page), drafts, 'drafts only');
    const statuses = await page.locator('table.article-table tbody .article-status').allTextContents();
    assert.ok(statuses.length > 0 && statuses.every((status) => status === 'Draft'), statuses.join());

    await page.reload();
    await eventually(() => shownTitles(page), drafts, 'drafts after a reload');
    assert.equal(await page.getByLabel('Status').inputValue(), 'draft');

    await page.getByLabel('Category').selectOption({ label: 'Sport' });
    await page.waitForURL(/status=draft&category=sport$/);
    await eventually(() => shownTitles(page), ['Harbour cranes return'], 'drafts in Sport');

    await page.getByLabel('Status').selectOption({ label: 'All' });
    await page.getByLabel('Category').selectOption({ label: 'All' });
    await page.getByLabel('Author', { exact: true }).selectOption({ label: 'Kenji Halloran' });
    await page.waitForURL(/\/admin\/articles\?author=kenji-halloran$/);
    const byKenji = await apiTitles('author=kenji-halloran');
    assert.ok(byKenji.includes('Quayside market draft') && byKenji.length > 1);
    await eventually(() => shownTitles(page), byKenji, 'articles by Kenji Halloran');

    await page.getByLabel('Author', { exact: true }).selectOption({ label: 'All' });
    await page.getByLabel('Search articles').fill('cranes');
    await page.getByLabel('Search articles').press('Enter');
    await page.waitForURL(/\/admin\/articles\?q=cranes$/);
    await eventually(() => shownTitles(page), await apiTitles('q=cranes'), 'articles about cranes');
    await page.reload();
    assert.equal(await page.getByLabel('Search articles').inputValue(), 'cranes');
    await eventually(() => shownTitles(page), await apiTitles('q=cranes'), 'the search after a reload');

    await page.goto(`${server.baseUrl}/admin/articles`);
    await eventually(async () => (await shownTitles(page)).length, 20, 'a full first page');
    await checkScreen(page, 'articles');
    await page.getByRole('link', { name: 'New article' }).click();
    await page.waitForURL(/\/admin\/articles\/new$/);
  });

  it('should delete a draft after confirming, and fit the list into 390 pixels', async (t) => {
    if (skipWithoutChromium(t)) return;
    const [doomed] = await createArticles([{ title: 'Draft to be deleted' }]);
    await openAs('editor', '/admin/articles?status=draft');
    await page.getByRole('button', { name: 'Delete “Draft to be deleted”' }).waitFor();
    page.once('dialog', (dialog) => void dialog.accept());
    await page.getByRole('button', { name: 'Delete “Draft to be deleted”' }).click();
    await page.getByRole('status').filter({ hasText: '“Draft to be deleted” was deleted.' }).waitFor();
    assert.equal((await admin.get(`/api/admin/articles/${doomed.id}`)).status, 404);

    await page.setViewportSize({ width: 390, height: 844 });
    try {
      await page.goto(`${server.baseUrl}/admin/articles`);
      await page.locator('table.article-table tbody tr').first().waitFor();
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      assert.ok(overflow <= 0, `the page is ${overflow}px wider than the screen`);
      await checkScreen(page, 'articles-narrow');
    } finally {
      await page.setViewportSize({ width: 1280, height: 900 });
    }
  });

  it('should upload images, say why a file was refused, and save alt text', async (t) => {
    if (skipWithoutChromium(t)) return;
    const png = await sharp({
      create: { width: 800, height: 600, channels: 3, background: { r: 30, g: 110, b: 170 } },
    })
      .png()
      .toBuffer();
    await openAs('administrator', '/admin/media');
    await page.getByRole('heading', { level: 1, name: 'Media' }).waitFor();

    await page.getByLabel('Images to upload').setInputFiles([
      { name: 'harbour-crane.png', mimeType: 'image/png', buffer: png },
      { name: 'x.png', mimeType: 'image/png', buffer: Buffer.from('just some text, not an image\n') },
    ]);
    const refused = page.getByRole('alert').filter({ hasText: 'x.png' });
    await refused.waitFor();
    assert.match((await refused.textContent()) ?? '', /x\.png: This file is not an image/);
    assert.match((await refused.textContent()) ?? '', /harbour-crane\.png: uploaded/);
    const card = page.locator('.media-card').filter({ hasText: 'harbour-crane.png' });
    await card.waitFor();
    assert.match((await card.textContent()) ?? '', /800 × 600 px/);
    const thumbnail = card.locator('img');
    assert.match((await thumbnail.getAttribute('src')) ?? '', /-400\.webp$/);
    await eventually(
      () => thumbnail.evaluate((img: HTMLImageElement) => img.naturalWidth),
      400,
      'the thumbnail loads',
    );

    await card.getByRole('button', { name: 'Edit harbour-crane.png' }).click();
    await page.getByLabel('Alt text').fill('A blue crane on the harbour quay');
    await page.getByLabel('Credit').fill('Courier staff');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByRole('status').filter({ hasText: 'harbour-crane.png was saved.' }).waitFor();
    const found = await admin.get('/api/admin/media?q=harbour-crane');
    assert.equal(found.body.media.length, 1);
    assert.equal(found.body.media[0].alt, 'A blue crane on the harbour quay');
    assert.equal(found.body.media[0].credit, 'Courier staff');
    await card.getByText('A blue crane on the harbour quay').waitFor();

    await page.getByLabel('Search media').fill('no such picture');
    await page.getByLabel('Search media').press('Enter');
    await page.getByText('Nothing matches “no such picture”.').waitFor();
    await page.getByLabel('Search media').fill('blue crane');
    await page.getByLabel('Search media').press('Enter');
    await page.waitForURL(/\/admin\/media\?q=blue\+crane$/);
    await eventually(() => page.locator('.media-card').count(), 1, 'one match for "blue crane"');
    await checkScreen(page, 'media');
  });

  it('should list a published article in the audit log, filtered by action', async (t) => {
    if (skipWithoutChromium(t)) return;
    const [story] = await createArticles([{ title: 'Audit trail: bridge reopens' }]);
    assertStatus(await admin.post(`/api/admin/articles/${story.id}/publish`), 200);

    await openAs('administrator', '/admin/audit');
    await page.getByRole('heading', { level: 1, name: 'Audit log' }).waitFor();
    const row = page
      .getByRole('row')
      .filter({ hasText: 'Article published' })
      .filter({ hasText: 'Audit trail: bridge reopens' });
    await row.waitFor();
    assert.match((await row.textContent()) ?? '', /API token/);
    await row.getByRole('link', { name: 'Audit trail: bridge reopens' }).waitFor();

    await page.getByLabel('Action').selectOption({ label: 'Article published' });
    await page.waitForURL(/\/admin\/audit\?action=article\.published$/);
    const entries = (await admin.get('/api/admin/audit?action=article.published&limit=25')).body.audit_log;
    await eventually(
      () => page.locator('table.audit-table tbody tr').count(),
      entries.length,
      'one row per entry the API lists',
    );
    const actions = await page.locator('table.audit-table tbody td:nth-child(3)').allTextContents();
    assert.ok(
      actions.every((action) => action === 'Article published'),
      actions.join(),
    );
    await checkScreen(page, 'audit');
  });
});
