import assert from 'node:assert/strict';
import { after, before, describe, it, type TestContext } from 'node:test';
import { AxeBuilder } from '@axe-core/playwright';
import type { Page, Request } from 'playwright-core';
import type { ArticleView } from '../../src/articles/article.ts';
import type { CommentSettings } from '../../src/comments/comment.ts';
import { ar } from '../../src/locales/ar.ts';
import { en } from '../../src/locales/en.ts';
import { solvedAltcha } from '../helpers/altcha.ts';
import {
  findFreePort,
  launchBrowser,
  resultPath,
  skipWithoutChromium,
  type TestBrowser,
} from '../helpers/browser.ts';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';
import { articlePath, publish } from '../site/site-helpers.ts';

/*
 * A reader commenting in Chromium, against a real Masthead on 127.0.0.1: the enhanced form (inline
 * checks, the altcha proof of work solved in the browser, JSON posting, the draft in localStorage,
 * replies), the same form without JavaScript, and the comment area checked by axe and photographed.
 */

const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1280, height: 800 };
const WIDTHS = [PHONE, DESKTOP];
const NARROW = { width: 320, height: 640 };
const words = en.comments;

/** The rules the walk needs: no minimum time (the page is fresh), no rate limit on 127.0.0.1. */
const RELAXED: Partial<CommentSettings> = { min_seconds: 0, ip_rate_limit: 0, email_rate_limit: 0 };

type CommentServer = { t: TestApp; baseUrl: string; close: () => Promise<void> };
type ModeratedComment = { id: string; status: string; hold_reason: string | null; body: string };
type PostedComment = { id: string; status: string; parent_id: string | null };

async function startCommentServer(
  env: Record<string, string>,
  settings: Partial<CommentSettings>,
): Promise<CommentServer> {
  const port = await findFreePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  // A modest difficulty: the proof of work stays real but solves well inside a 3-second expiry on a
  // loaded CI machine.
  const t = await createTestApp({ env: { CAPTCHA_DIFFICULTY: '5000', ...env, SITE_URL: baseUrl } });
  try {
    await t.masthead.comments.settings.update({ ...RELAXED, ...settings });
    await t.masthead.app.listen({ host: '127.0.0.1', port });
  } catch (error) {
    await t.close();
    throw error;
  }
  return { t, baseUrl, close: () => t.close() };
}

async function openArticle(server: CommentServer, title: string, language = 'en'): Promise<ArticleView> {
  return publish(server.t, {
    title,
    language,
    body_html: '<p>The harbour wall will be rebuilt before the winter storms.</p>',
    comments_open: true,
  });
}

const urlOf = (server: CommentServer, article: ArticleView) => `${server.baseUrl}${articlePath(article)}`;

/** Admin API calls with the admin token, over HTTP like any moderation client. */
async function admin<T>(server: CommentServer, path: string, init: RequestInit = {}): Promise<T> {
  const response = await fetch(`${server.baseUrl}/api/admin${path}`, {
    ...init,
    headers: { ...server.t.adminAuth, ...(init.body ? { 'content-type': 'application/json' } : {}) },
  });
  assert.ok(response.ok, `${init.method ?? 'GET'} /api/admin${path}: ${response.status}`);
  return (await response.json()) as T;
}

const queue = async (server: CommentServer, article: ArticleView, status: string) =>
  (await admin<{ comments: ModeratedComment[] }>(server, `/comments?status=${status}&article=${article.id}`))
    .comments;

const approve = (server: CommentServer, id: string) =>
  admin(server, `/comments/${id}`, { method: 'PATCH', body: JSON.stringify({ status: 'approved' }) });

/** A comment posted the way another reader's browser would, its challenge solved here, then approved. */
async function seedComment(
  server: CommentServer,
  article: ArticleView,
  input: { name: string; email: string; body: string; parent_id?: string },
): Promise<string> {
  const altcha = await solvedAltcha(server.t.masthead);
  const response = await fetch(`${server.baseUrl}/api/comments`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      article_id: article.id,
      lang: article.language,
      form_time: server.t.masthead.comments.service.signFormTime(),
      altcha,
      ...input,
    }),
  });
  assert.equal(response.status, 201, await response.clone().text());
  const [comment] = ((await response.json()) as { comments: PostedComment[] }).comments;
  assert.ok(comment);
  if (comment.status !== 'approved') await approve(server, comment.id);
  return comment.id;
}

/** A page that records what it requests, so a test can prove nothing left 127.0.0.1. */
async function openPage(browser: TestBrowser) {
  const page = await browser.context.newPage();
  const requested: string[] = [];
  const posted: Record<string, string>[] = [];
  page.on('request', (request: Request) => {
    requested.push(request.url());
    if (request.method() === 'POST' && new URL(request.url()).pathname === '/api/comments')
      posted.push(request.postDataJSON() as Record<string, string>);
  });
  return { page, requested, posted };
}

function assertOnlyLocalRequests(requested: string[]): void {
  const foreign = requested.filter((url) => new URL(url).hostname !== '127.0.0.1');
  assert.deepEqual(foreign, [], `third-party requests:\n${foreign.join('\n')}`);
}

async function gotoOk(page: Page, url: string): Promise<void> {
  const response = await page.goto(url);
  assert.equal(response?.status(), 200, `GET ${url}`);
}

async function fill(page: Page, values: Partial<Record<'body' | 'name' | 'email' | 'url', string>>) {
  const labels = {
    body: words.bodyLabel,
    name: words.nameLabel,
    email: words.emailLabel,
    url: words.urlLabel,
  };
  for (const [field, value] of Object.entries(values))
    await page.getByRole('textbox', { name: labels[field as keyof typeof labels], exact: true }).fill(value);
}

const submit = (page: Page, name = words.submit) => page.getByRole('button', { name }).click();

/** The comment area at both widths (the whole page when there is no comment area). */
async function screenshot(page: Page, step: string): Promise<void> {
  const original = page.viewportSize() ?? DESKTOP;
  for (const viewport of WIDTHS) {
    await page.setViewportSize(viewport);
    const area = page.locator('#comments');
    const path = resultPath(`comments-${step}-${viewport.width}.png`);
    if ((await area.count()) > 0) await area.screenshot({ path });
    else await page.screenshot({ path, fullPage: true });
  }
  await page.setViewportSize(original);
}

async function assertNoAxeViolations(page: Page, name: string): Promise<void> {
  const { violations } = await new AxeBuilder({ page }).include('#comments').analyze();
  const report = violations
    .map((v) => `${v.id} (${v.impact}): ${v.nodes.map((node) => node.target.join(' ')).join(', ')}`)
    .join('\n');
  assert.equal(violations.length, 0, `axe violations in the comment area (${name}):\n${report}`);
}

/** Elements of the comment area that stick out of the viewport sideways at a width. */
async function overflowAt(page: Page, viewport: { width: number; height: number }): Promise<string[]> {
  const original = page.viewportSize() ?? DESKTOP;
  await page.setViewportSize(viewport);
  const outside = await page.locator('#comments').evaluate((area) => {
    const width = document.documentElement.clientWidth;
    return [area, ...Array.from(area.querySelectorAll('*'))]
      .filter((el) => {
        const box = el.getBoundingClientRect();
        return box.width > 0 && (box.left < -0.5 || box.right > width + 0.5);
      })
      .map((el) => `${el.localName}.${el.className} ${Math.round(el.getBoundingClientRect().right)}`);
  });
  await page.setViewportSize(original);
  return outside;
}

const draftOf = (page: Page, article: ArticleView) =>
  page.evaluate(
    (key) => JSON.parse(localStorage.getItem(key) ?? 'null') as Record<string, unknown> | null,
    `masthead:comment-draft:${article.id}`,
  );

const fieldError = (page: Page, field: string) => page.locator(`#comment-${field}-error`);
const focusedId = (page: Page) => page.evaluate(() => document.activeElement?.id ?? '');
const statusText = (page: Page) => page.locator('#respond .comment-status').textContent();

describe('comments in Chromium', { timeout: 300_000 }, () => {
  let server: CommentServer | undefined;
  let browser: TestBrowser | undefined;

  before(async () => {
    // The default rules but the minimum time: first-time commenters are held.
    server = await startCommentServer({}, { hold_first_time: true });
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });
  const ready = async (t: TestContext) => {
    if (skipWithoutChromium(t) || !server) return null;
    browser ??= await launchBrowser({ viewport: DESKTOP });
    return { server, browser };
  };

  it('should hold the comment, show it awaiting moderation and publish it when a moderator approves it', async (t) => {
    const env = await ready(t);
    if (!env) return;
    const { server, browser } = env;
    const article = await openArticle(server, 'Harbour wall to be rebuilt');
    const { page, requested, posted } = await openPage(browser);
    const text = 'The old wall held for a century. I hope the new one is built as well.';

    await gotoOk(page, urlOf(server, article));
    await fill(page, { body: text, name: 'Ada Lovelace', email: 'ada@example.com' });
    await screenshot(page, '1-form-filled');
    await submit(page);
    const pending = page.locator('#comments li.comment.is-pending');
    await pending.waitFor();

    assert.equal(await pending.locator('.comment-note').textContent(), words.pending);
    assert.equal((await pending.locator('.comment-text').textContent())?.trim(), text);
    assert.equal(await statusText(page), words.pending);
    assert.equal(await page.locator('#comment-body').inputValue(), '', 'the form is ready for another');
    assert.equal(await draftOf(page, article), null, 'the draft is forgotten once accepted');
    assert.equal(posted.length, 1);
    assert.ok(posted[0]?.altcha, 'the solution was posted');
    assert.ok(posted[0]?.form_time, 'the signed form time was posted');
    assert.equal(posted[0]?.homepage, '', 'the honeypot went along, empty');
    assert.ok(
      requested.some((url) => url.includes('/assets/captcha/sha-worker.js')),
      'the proof of work ran in the browser',
    );
    await screenshot(page, '2-pending');

    const [held] = await queue(server, article, 'pending');
    assert.ok(held, 'the comment waits in the moderation queue');
    assert.equal(held.body, text);
    assert.equal(held.hold_reason, 'first_time');
    await approve(server, held.id);
    await page.reload();

    const shown = page.locator(`#comment-${held.id}`);
    await shown.waitFor();
    assert.equal((await shown.locator('.comment-text').textContent())?.trim(), text);
    assert.equal(await shown.locator('.comment-author').textContent(), 'Ada Lovelace');
    assert.equal(await shown.locator('.comment-note').count(), 0);
    await screenshot(page, '3-approved');
    await assertNoAxeViolations(page, 'an article with a comment');
    assert.deepEqual(await overflowAt(page, NARROW), [], 'nothing sticks out at 320 px');
    await page.emulateMedia({ colorScheme: 'dark' });
    await screenshot(page, '3-approved-dark');
    await assertNoAxeViolations(page, 'an article with a comment, dark mode');
    assertOnlyLocalRequests(requested);
    await page.close();
  });

  it('should show each message beside its field without posting when the reader leaves fields wrong', async (t) => {
    const env = await ready(t);
    if (!env) return;
    const { server, browser } = env;
    const article = await openArticle(server, 'Ferry timetable changes');
    const { page, posted } = await openPage(browser);
    await gotoOk(page, urlOf(server, article));

    await submit(page);
    const afterEmptySubmit = {
      body: await fieldError(page, 'body').textContent(),
      name: await fieldError(page, 'name').textContent(),
      email: await fieldError(page, 'email').textContent(),
      focused: await focusedId(page),
      invalid: await page.locator('#comment-body').getAttribute('aria-invalid'),
      describedBy: await page.locator('#comment-name').getAttribute('aria-describedby'),
    };
    await fill(page, { email: 'ada@example' });
    await page.locator('#comment-url').fill('javascript:alert(1)');
    await page.locator('#comment-url').press('Tab');
    const afterBlur = {
      email: await fieldError(page, 'email').textContent(),
      url: await fieldError(page, 'url').textContent(),
    };
    await fill(page, { body: 'Fixed.', email: 'ada@example.com' });
    const afterFix = {
      body: await fieldError(page, 'body').textContent(),
      email: await fieldError(page, 'email').textContent(),
      invalid: await page.locator('#comment-body').getAttribute('aria-invalid'),
    };

    assert.deepEqual(afterEmptySubmit, {
      body: words.errors.COMMENT_BODY_REQUIRED,
      name: words.errors.COMMENT_NAME_REQUIRED,
      email: words.errors.COMMENT_EMAIL_REQUIRED,
      focused: 'comment-body',
      invalid: 'true',
      describedBy: 'comment-name-error',
    });
    assert.deepEqual(afterBlur, {
      email: words.errors.COMMENT_EMAIL_INVALID,
      url: words.errors.COMMENT_URL_INVALID,
    });
    assert.deepEqual(afterFix, { body: '', email: '', invalid: null });
    assert.equal(posted.length, 0, 'nothing was posted');
    await page.close();
  });

  it('should show the refusal beside the field and solve a new challenge when the server answers 422', async (t) => {
    const env = await ready(t);
    if (!env) return;
    const { server, browser } = env;
    await server.t.masthead.comments.settings.update({ banned_words: ['casino'] });
    t.after(() => server.t.masthead.comments.settings.update({ banned_words: [] }));
    const article = await openArticle(server, 'Pier market reopens');
    const { page, posted } = await openPage(browser);
    const text = 'Visit my casino on the pier.';
    await gotoOk(page, urlOf(server, article));
    await fill(page, { body: text, name: 'Bo Brown', email: 'bo@example.com' });

    await submit(page);
    const error = fieldError(page, 'body');
    await page.waitForFunction(() => document.querySelector('#comment-body-error')?.textContent);
    const refused = {
      message: await error.textContent(),
      invalid: await page.locator('#comment-body').getAttribute('aria-invalid'),
      focused: await focusedId(page),
      kept: await page.locator('#comment-body').inputValue(),
      draft: (await draftOf(page, article))?.body,
      widgetField: await page.locator('#respond input[name="altcha"]').inputValue(),
    };
    await screenshot(page, '4-refused');
    await assertNoAxeViolations(page, 'a 422 error beside the comment field');
    await fill(page, { body: 'The pier market is back, and so are the oysters.' });
    await submit(page);
    await page.locator('#comments li.comment.is-pending').waitFor();

    assert.deepEqual(refused, {
      message: words.errors.COMMENT_BANNED_WORD,
      invalid: 'true',
      focused: 'comment-body',
      kept: text,
      draft: text,
      widgetField: '',
    });
    assert.equal(posted.length, 2);
    assert.ok(posted[0]?.altcha && posted[1]?.altcha);
    assert.notEqual(posted[1]?.altcha, posted[0]?.altcha, 'a new challenge was solved for the second send');
    assert.equal(await error.textContent(), '');
    await page.close();
  });

  it('should keep the text and say so when the network fails, then send it when the reader is back online', async (t) => {
    const env = await ready(t);
    if (!env) return;
    const { server, browser } = env;
    const article = await openArticle(server, 'Harbour café changes hands');
    const { page } = await openPage(browser);
    const text = 'Best crab sandwiches on the coast, I hope they stay on the menu.';
    await gotoOk(page, urlOf(server, article));
    await fill(page, { body: text, name: 'Gus Harbour', email: 'gus@example.com' });

    await browser.context.setOffline(true);
    await submit(page);
    await page.waitForFunction((sending) => {
      const status = document.querySelector('#respond .comment-status')?.textContent;
      return status && status !== sending;
    }, words.sending);
    const offline = {
      status: await statusText(page),
      kept: await page.locator('#comment-body').inputValue(),
      draft: (await draftOf(page, article))?.body,
      isSending: await page.locator('#respond.is-sending').count(),
    };
    await browser.context.setOffline(false);
    await submit(page);
    await page.locator('#comments li.comment.is-pending').waitFor();

    assert.deepEqual(offline, { status: words.networkError, kept: text, draft: text, isSending: 0 });
    assert.equal(await statusText(page), words.pending);
    assert.equal(await draftOf(page, article), null);
    await page.close();
  });

  it('should solve a new challenge and send again by itself when the server refuses a spent solution', async (t) => {
    const env = await ready(t);
    if (!env) return;
    const { server, browser } = env;
    const article = await openArticle(server, 'New footbridge opens');
    const { page, posted } = await openPage(browser);
    const text = 'Finally I can walk my dog to the beach without the long detour.';
    await gotoOk(page, urlOf(server, article));
    await fill(page, { body: text, name: 'Hal Inlet', email: 'hal@example.com' });
    await page.getByRole('checkbox', { name: "I'm not a robot" }).press('Space');
    await page.waitForFunction(
      () => (document.querySelector('#respond input[name="altcha"]') as HTMLInputElement | null)?.value,
    );
    const solution = await page.locator('#respond input[name="altcha"]').inputValue();
    // The same solution spent first elsewhere (another tab, a replaying bot): it is accepted once.
    const elsewhere = await fetch(`${server.baseUrl}/api/comments`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        article_id: article.id,
        body: 'Posted from another tab.',
        name: 'Hal Inlet',
        email: 'hal@example.com',
        altcha: solution,
      }),
    });

    await submit(page);
    await page.locator('#comments li.comment.is-pending').waitFor();

    assert.equal(elsewhere.status, 201);
    assert.equal(posted.length, 2, 'refused once, then sent again without the reader');
    assert.equal(posted[0]?.altcha, solution);
    assert.ok(posted[1]?.altcha && posted[1].altcha !== solution, 'with a new solution');
    assert.equal((await page.locator('.is-pending .comment-text').textContent())?.trim(), text);
    assert.equal(await statusText(page), words.pending);
    const held = await queue(server, article, 'pending');
    assert.deepEqual(held.map((comment) => comment.body).sort(), ['Posted from another tab.', text].sort());
    await page.close();
  });

  it('should post the reply under its comment when the reader clicks Reply', async (t) => {
    const env = await ready(t);
    if (!env) return;
    const { server, browser } = env;
    const article = await openArticle(server, 'Lifeboat crew honoured');
    const parentId = await seedComment(server, article, {
      name: 'Cy Rowe',
      email: 'cy@example.com',
      body: 'Well deserved, they were out in every storm.',
    });
    const { page, posted } = await openPage(browser);
    await gotoOk(page, urlOf(server, article));
    const replyLink = page.getByRole('link', { name: 'Reply to Cy Rowe' });

    await replyLink.click();
    const opened = {
      isUnderComment: await page.locator(`#comment-${parentId} > #respond`).count(),
      heading: await page.locator('#respond-heading').textContent(),
      parent: await page.locator('#respond input[name="parent_id"]').inputValue(),
      focused: await focusedId(page),
    };
    await page.getByRole('button', { name: words.cancelReply }).click();
    const cancelled = {
      isUnderComment: await page.locator(`#comment-${parentId} #respond`).count(),
      heading: await page.locator('#respond-heading').textContent(),
      parent: await page.locator('#respond input[name="parent_id"]').inputValue(),
      focusedText: await page.evaluate(() => document.activeElement?.textContent),
    };
    await replyLink.click();
    await fill(page, { body: 'My grandfather was one of them.', name: 'Di Shore', email: 'di@example.com' });
    await submit(page);
    const reply = page.locator(`#comment-${parentId} > ol.comment-replies > li.comment`);
    await reply.waitFor();

    assert.deepEqual(opened, {
      isUnderComment: 1,
      heading: 'Reply to Cy Rowe',
      parent: parentId,
      focused: 'comment-body',
    });
    assert.deepEqual(cancelled, {
      isUnderComment: 0,
      heading: words.formHeading,
      parent: '',
      focusedText: words.reply,
    });
    assert.equal(posted.at(-1)?.parent_id, parentId);
    assert.equal(
      (await reply.locator('.comment-text').textContent())?.trim(),
      'My grandfather was one of them.',
    );
    assert.equal(await page.locator(`#comment-${parentId} #respond`).count(), 0, 'the form went back');
    assert.equal(await page.locator('#respond-heading').textContent(), words.formHeading);
    assert.equal(await draftOf(page, article), null, 'the draft is forgotten once the reply is accepted');
    await page.close();
  });

  it('should send the comment into moderation as no_captcha when JavaScript is disabled', async (t) => {
    const env = await ready(t);
    if (!env) return;
    const { server } = env;
    const noScript = await launchBrowser({ viewport: PHONE, javaScriptEnabled: false });
    t.after(() => noScript.close());
    const article = await openArticle(server, 'Lighthouse keeper retires');
    const page = await noScript.context.newPage();
    const text = 'Forty years on the rock. Thank you, Mr Penrose.';
    await gotoOk(page, urlOf(server, article));
    await fill(page, { body: text, name: 'Ed Penhale', email: 'ed@example.com' });

    await submit(page);
    await page.waitForURL(/\/comments\/[^/]+\/pending\?hash=/);

    assert.equal(await page.locator('h1').textContent(), words.pendingTitle);
    assert.equal(await page.getByRole('status').textContent(), words.pending);
    assert.equal((await page.locator('.comment-text').textContent())?.trim(), text);
    await screenshot(page, '5-no-javascript-pending');
    const [held] = await queue(server, article, 'pending');
    assert.equal(held?.body, text);
    assert.equal(held?.hold_reason, 'no_captcha');
  });

  it('should mirror the comment area when the article is in Arabic', async (t) => {
    const env = await ready(t);
    if (!env) return;
    const { server, browser } = env;
    const article = await openArticle(server, 'إعادة بناء سور الميناء', 'ar');
    const parentId = await seedComment(server, article, {
      name: 'ليلى حسن',
      email: 'layla@example.com',
      body: 'خبر رائع، انتظرنا هذا طويلًا.',
    });
    await seedComment(server, article, {
      name: 'عمر خالد',
      email: 'omar@example.com',
      body: 'أتفق معك تمامًا.',
      parent_id: parentId,
    });
    const { page, requested } = await openPage(browser);
    await gotoOk(page, urlOf(server, article));

    const replies = page.locator(`#comment-${parentId} > ol.comment-replies`);
    const borders = await replies.evaluate((list) => {
      const style = getComputedStyle(list);
      return { right: style.borderRightWidth, left: style.borderLeftWidth };
    });
    const heading = await page.locator('#respond-heading').textContent();
    await screenshot(page, '6-arabic-rtl');

    assert.equal(await page.evaluate(() => document.documentElement.dir), 'rtl');
    assert.equal(heading, ar.comments.formHeading);
    assert.deepEqual(borders, { right: '2px', left: '0px' }, 'replies hang from the right');
    assert.deepEqual(await overflowAt(page, NARROW), [], 'nothing sticks out at 320 px');
    await assertNoAxeViolations(page, 'an Arabic article with comments');
    assertOnlyLocalRequests(requested);
    await page.close();
  });
});

describe('comments in Chromium when the CAPTCHA expires after 3 seconds', { timeout: 300_000 }, () => {
  let server: CommentServer | undefined;
  let browser: TestBrowser | undefined;

  before(async () => {
    server = await startCommentServer({ CAPTCHA_EXPIRES: '3' }, { hold_first_time: false });
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });

  it('should keep the draft across a reload and post it with a new solution when the reader took longer than the challenge lives', async (t) => {
    if (skipWithoutChromium(t) || !server) return;
    browser ??= await launchBrowser({ viewport: DESKTOP });
    const article = await openArticle(server, 'Storm warning for the coast');
    const { page, requested, posted } = await openPage(browser);
    const text = 'Sandbags are free at the harbour office until six.';
    const widgetField = page.locator('#respond input[name="altcha"]');
    await gotoOk(page, urlOf(server, article));
    await fill(page, { body: text, name: 'Fay Quay', email: 'fay@example.com', url: 'https://fay.example' });
    await page.getByLabel(words.notifyLabel).check();
    const draft = await draftOf(page, article);

    await page.reload();
    const restored = {
      body: await page.locator('#comment-body').inputValue(),
      name: await page.locator('#comment-name').inputValue(),
      email: await page.locator('#comment-email').inputValue(),
      url: await page.locator('#comment-url').inputValue(),
      notify: await page.locator('#comment-notify').isChecked(),
      status: await statusText(page),
    };
    // A fresh tab has no form state of its own to restore: only localStorage can fill it in.
    const other = await browser.context.newPage();
    await gotoOk(other, urlOf(server, article));
    const inNewTab = await other.locator('#comment-body').inputValue();
    await other.close();

    // The reader ticks the CAPTCHA first, then takes longer than the challenge lives.
    // With the keyboard, as the widget's styled box lies over the native checkbox.
    await page.getByRole('checkbox', { name: "I'm not a robot" }).press('Space');
    await page.waitForFunction(
      () => (document.querySelector('#respond input[name="altcha"]') as HTMLInputElement | null)?.value,
    );
    const firstSolution = await widgetField.inputValue();
    await page.waitForTimeout(5_000);
    const afterExpiry = await widgetField.inputValue();
    await submit(page);
    const published = page.locator('#comments ol.comment-list > li.comment');
    await published.waitFor();

    assert.deepEqual(draft, {
      body: text,
      name: 'Fay Quay',
      email: 'fay@example.com',
      url: 'https://fay.example',
      notify_replies: true,
      parent_id: '',
    });
    assert.deepEqual(restored, {
      body: text,
      name: 'Fay Quay',
      email: 'fay@example.com',
      url: 'https://fay.example',
      notify: true,
      status: words.draftSaved,
    });
    assert.equal(inNewTab, text);
    assert.ok(firstSolution, 'the widget solved when ticked');
    assert.equal(afterExpiry, '', 'the expired solution was dropped');
    assert.equal(posted.length, 1, 'accepted at the first send');
    assert.ok(posted[0]?.altcha);
    assert.notEqual(posted[0]?.altcha, firstSolution, 'the expired solution was never posted');
    assert.equal((await published.locator('.comment-text').textContent())?.trim(), text);
    assert.equal(await published.locator('.comment-note').count(), 0, 'published, not held');
    assert.equal(await statusText(page), words.published);
    assert.equal(await draftOf(page, article), null);
    const [stored] = await queue(server, article, 'approved');
    assert.equal(stored?.body, text);
    assertOnlyLocalRequests(requested);
    await page.close();
  });
});
