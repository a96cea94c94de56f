import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import type { ArticleView } from '../../src/articles/article.ts';
import { adminApi, moderate, moderated, postComment } from '../comments/moderation-helpers.ts';
import {
  CHROMIUM_PATH,
  launchBrowser,
  skipWithoutChromium,
  type TestBrowser,
  type TestServer,
} from '../helpers/browser.ts';
import { articlePath, publish } from '../site/site-helpers.ts';
import { checkScreen, signIn, startNewsroom } from './admin-helpers.ts';

/*
 * A moderator at work in Chromium against a real Masthead: the pending queue with why each comment
 * was held, decisions from the keyboard, bulk spam, a ban, a staff reply, and each queue checked by
 * axe and photographed (one in Arabic, right to left).
 */

type Held = { id: string; name: string; body: string };

let serial = 0;

/**
 * A comment posted through the public JSON API as a reader's browser would. With the CAPTCHA
 * solved, a first-time reader is held as `first_time`; without it the comment is held as `no_captcha`.
 */
async function heldComment(
  server: TestServer,
  article: ArticleView,
  name: string,
  options: { isSolved?: boolean; email?: string } = {},
): Promise<Held> {
  serial += 1;
  const body = `${name} thinks the harbour wall needs more work (${serial}).`;
  const email = options.email ?? `${name.toLowerCase().replace(/\W+/g, '.')}.${serial}@example.com`;
  const posted = await postComment(
    server.t,
    article,
    { name, email, body },
    { isSolved: options.isSolved ?? false, ip: `198.51.100.${serial}` },
  );
  assert.equal(posted.status, 201, JSON.stringify(posted.json));
  const comment = posted.json.comments?.[0];
  assert.equal(comment?.status, 'pending');
  return { id: comment.id, name, body };
}

/** The comment of the queue whose author heading is `name`. */
const commentCard = (page: Page, name: string) => page.getByRole('article', { name, exact: true });

/** The name of the element that has focus (its aria-labelledby heading, for a comment). */
const focusedCommentName = (page: Page) =>
  page.evaluate(() => {
    const active = document.activeElement;
    if (!active?.classList.contains('moderation-comment')) return null;
    const heading = document.getElementById(active.getAttribute('aria-labelledby') ?? '');
    return heading?.textContent ?? null;
  });

/**
 * The article as a reader sees it, in a new tab that bypasses the browser's HTTP cache (the page
 * may be cached from an earlier visit; the server's own cache is dropped by each decision).
 */
async function openArticle(browser: TestBrowser, server: TestServer, article: ArticleView): Promise<Page> {
  const reader = await browser.context.newPage();
  const devtools = await browser.context.newCDPSession(reader);
  await devtools.send('Network.enable');
  await devtools.send('Network.setCacheDisabled', { cacheDisabled: true });
  const response = await reader.goto(`${server.baseUrl}${articlePath(article)}`);
  assert.equal(response?.status(), 200);
  return reader;
}

async function openQueue(page: Page, server: TestServer, queue: string): Promise<void> {
  await page.goto(`${server.baseUrl}/admin/comments?status=${queue}`);
  await page.getByRole('heading', { level: 1, name: 'Comments' }).waitFor();
  await page.locator('.loading').waitFor({ state: 'detached' });
}

describe('the newsroom in Chromium: moderating comments', () => {
  let server: TestServer;
  let browser: TestBrowser;
  let page: Page;
  let article: ArticleView;

  before(async () => {
    server = await startNewsroom();
    await server.t.masthead.comments.settings.update({
      min_seconds: 0,
      ip_rate_limit: 0,
      email_rate_limit: 0,
      hold_first_time: true,
      report_threshold: 1,
    });
    article = await publish(server.t, {
      title: 'Harbour wall to be rebuilt before winter',
      body_html: '<p>The council approved the works on Tuesday.</p>',
      comments_open: true,
    });
    if (!existsSync(CHROMIUM_PATH)) return;
    browser = await launchBrowser({ viewport: { width: 1280, height: 900 } });
    page = await browser.context.newPage();
    await signIn(page, server, 'editor');
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });

  it('should approve a held comment from the keyboard, announce it and show it on the article', async (t) => {
    if (skipWithoutChromium(t)) return;
    const rita = await heldComment(server, article, 'Rita Reader', { isSolved: true });
    const omar = await heldComment(server, article, 'Omar Onlooker');
    assert.equal((await moderated(server.t, rita.id)).hold_reason, 'first_time');

    await openQueue(page, server, 'pending');
    const card = commentCard(page, 'Rita Reader');
    await card.waitFor();
    assert.match((await card.textContent()) ?? '', /Held: First comment from this reader/);
    assert.match((await card.textContent()) ?? '', new RegExp(rita.body.replace(/[()]/g, '\\$&')));
    assert.equal(
      await card.getByRole('link', { name: article.title, exact: true }).getAttribute('href'),
      `${server.baseUrl}${articlePath(article)}`,
    );
    assert.equal(
      await card.getByRole('link', { name: /Open in the editor/ }).getAttribute('href'),
      `/admin/articles/${article.id}`,
    );
    assert.match((await commentCard(page, 'Omar Onlooker').textContent()) ?? '', /No CAPTCHA was solved/);
    assert.equal(await card.getByRole('button', { name: 'Approve' }).getAttribute('aria-keyshortcuts'), 'a');
    await checkScreen(page, 'comments-pending');

    // Newest first: Tab reaches Omar's comment (the list's one tab stop), ↓ moves on to Rita's.
    for (let presses = 0; presses < 60 && (await focusedCommentName(page)) === null; presses += 1)
      await page.keyboard.press('Tab');
    assert.equal(await focusedCommentName(page), 'Omar Onlooker');
    await page.keyboard.press('ArrowDown');
    assert.equal(await focusedCommentName(page), 'Rita Reader');
    await page.keyboard.press('ArrowUp');
    assert.equal(await focusedCommentName(page), 'Omar Onlooker');
    await page.keyboard.press('j');
    assert.equal(await focusedCommentName(page), 'Rita Reader');

    await page.keyboard.press('a');
    await page.getByRole('status').filter({ hasText: 'Comment by Rita Reader approved' }).waitFor();
    await card.waitFor({ state: 'detached' });
    assert.equal(await focusedCommentName(page), 'Omar Onlooker', 'focus moves on to the next comment');
    assert.equal((await moderated(server.t, rita.id)).status, 'approved');

    // "r" rejects the focused comment to the trash, where it can be found again.
    await page.keyboard.press('r');
    await page
      .getByRole('status')
      .filter({ hasText: 'Comment by Omar Onlooker moved to the trash' })
      .waitFor();
    assert.equal((await moderated(server.t, omar.id)).status, 'trash');
    await openQueue(page, server, 'trash');
    await commentCard(page, 'Omar Onlooker').waitFor();
    await checkScreen(page, 'comments-trash');

    const reader = await openArticle(browser, server, article);
    assert.equal(
      (await reader.locator(`#comment-${rita.id} .comment-text`).textContent())?.trim(),
      rita.body,
    );
    assert.equal(await reader.locator(`#comment-${omar.id}`).count(), 0);
    await reader.close();
  });

  it('should ignore the shortcuts while the moderator types a reply', async (t) => {
    if (skipWithoutChromium(t)) return;
    const held = await heldComment(server, article, 'Tess Typist');
    await openQueue(page, server, 'pending');
    const card = commentCard(page, 'Tess Typist');
    await card.getByRole('button', { name: 'Reply' }).click();
    const reply = card.getByRole('textbox', { name: 'Reply to Tess Typist' });
    await reply.pressSequentially('a rash');
    assert.equal(await reply.inputValue(), 'a rash');
    assert.equal((await moderated(server.t, held.id)).status, 'pending');
    await card.getByRole('button', { name: 'Cancel' }).click();
    await moderate(server.t, held.id, { status: 'trash' });
  });

  it('should mark two selected comments as spam at once', async (t) => {
    if (skipWithoutChromium(t)) return;
    const first = await heldComment(server, article, 'Sam Spammer');
    const second = await heldComment(server, article, 'Sue Spammer');
    await openQueue(page, server, 'pending');
    await page.getByRole('checkbox', { name: 'Select comment by Sam Spammer' }).check();
    await page.getByRole('checkbox', { name: 'Select comment by Sue Spammer' }).check();
    await page.getByRole('button', { name: 'Mark selected as spam' }).click();
    await page.getByRole('status').filter({ hasText: '2 comments marked as spam' }).waitFor();
    await commentCard(page, 'Sam Spammer').waitFor({ state: 'detached' });
    assert.equal((await moderated(server.t, first.id)).status, 'spam');
    assert.equal((await moderated(server.t, second.id)).status, 'spam');

    await page
      .getByRole('navigation', { name: 'Moderation queues' })
      .getByRole('link', { name: /Spam/ })
      .click();
    await commentCard(page, 'Sue Spammer').waitFor();
    assert.equal(await commentCard(page, 'Sam Spammer').count(), 1);
    await checkScreen(page, 'comments-spam');

    // "Select all" then bulk approve brings both back.
    await page.getByRole('checkbox', { name: 'Select all' }).check();
    await page.getByRole('button', { name: 'Approve selected' }).click();
    await page.getByRole('status').filter({ hasText: '2 comments approved' }).waitFor();
    assert.equal((await moderated(server.t, first.id)).status, 'approved');
    await moderate(server.t, first.id, { status: 'trash' });
    await moderate(server.t, second.id, { status: 'trash' });
  });

  it('should ban the author of a comment by email address', async (t) => {
    if (skipWithoutChromium(t)) return;
    const email = 'troll@example.com';
    await heldComment(server, article, 'Tom Troll', { email });
    await openQueue(page, server, 'pending');
    const card = commentCard(page, 'Tom Troll');
    await card.getByRole('button', { name: 'Ban' }).click();
    const form = card.locator('form');
    assert.equal(
      await form.getByRole('checkbox', { name: `their email address (${email})` }).isChecked(),
      true,
    );
    await form.getByRole('textbox', { name: 'Reason (optional)' }).fill('Insults other readers');
    await form.getByRole('button', { name: 'Ban' }).click();
    await page.getByRole('status').filter({ hasText: 'Tom Troll is banned from commenting' }).waitFor();

    const bans = await adminApi(server.t, 'GET', '/comments/bans');
    const ban = (bans.json.bans as { kind: string; value: string; reason: string }[]).find(
      (b) => b.value === email,
    );
    assert.deepEqual(ban && { kind: ban.kind, reason: ban.reason }, {
      kind: 'email',
      reason: 'Insults other readers',
    });
    const again = await postComment(server.t, article, { name: 'Tom Troll', email, body: 'Let me back in.' });
    assert.equal(again.status, 403, JSON.stringify(again.json));
    assert.equal(again.json.errors?.[0]?.code, 'COMMENT_BANNED');

    await page.getByRole('link', { name: 'Bans' }).click();
    const row = page.getByRole('row', { name: new RegExp(email) });
    await row.waitFor();
    await checkScreen(page, 'comments-bans');
    await row.getByRole('button', { name: `Lift ban ${email}` }).click();
    await page
      .getByRole('status')
      .filter({ hasText: `The ban on ${email} is lifted` })
      .waitFor();
    const left = await adminApi(server.t, 'GET', '/comments/bans');
    assert.equal(
      (left.json.bans as { value: string }[]).some((b) => b.value === email),
      false,
    );
  });

  it('should publish a staff reply under an approved comment and feature it', async (t) => {
    if (skipWithoutChromium(t)) return;
    const held = await heldComment(server, article, 'Quinn Questioner');
    await moderate(server.t, held.id, { status: 'approved' });
    await openQueue(page, server, 'approved');
    const card = commentCard(page, 'Quinn Questioner');
    await card.getByRole('button', { name: 'Feature' }).click();
    await page.getByRole('status').filter({ hasText: 'Comment by Quinn Questioner featured' }).waitFor();
    assert.equal((await moderated(server.t, held.id)).is_featured, true);

    await card.getByRole('button', { name: 'Reply' }).click();
    const text = 'Thank you: the works start on 3 March.';
    await card.getByRole('textbox', { name: 'Reply to Quinn Questioner' }).fill(text);
    await card.getByRole('button', { name: 'Publish reply' }).click();
    await page
      .getByRole('status')
      .filter({ hasText: 'Your reply to Quinn Questioner is published' })
      .waitFor();

    const approved = await adminApi(server.t, 'GET', `/comments?status=approved&article=${article.id}`);
    const reply = approved.json.comments?.find((c) => c.parent_id === held.id);
    assert.ok(reply, 'the reply is in the approved queue');
    assert.equal(reply.is_staff, true);
    assert.equal(reply.body, text);
    // The newsroom replies in the publication's name.
    const { title } = await server.t.masthead.services.settings.get();
    assert.equal(reply.author_name, title);
    await commentCard(page, title).waitFor();
    await checkScreen(page, 'comments-approved');

    const reader = await openArticle(browser, server, article);
    assert.equal((await reader.locator(`#comment-${reply.id} .comment-text`).textContent())?.trim(), text);
    await reader.close();
  });

  it('should list reported comments with the reasons readers gave', async (t) => {
    if (skipWithoutChromium(t)) return;
    const held = await heldComment(server, article, 'Rex Rude');
    await moderate(server.t, held.id, { status: 'approved' });
    const reported = await server.t.masthead.app.inject({
      method: 'POST',
      url: `/api/comments/${held.id}/reports`,
      headers: { 'x-forwarded-for': '203.0.113.77' },
      payload: { reason: 'abuse', note: 'Name-calling' },
    });
    assert.equal(reported.statusCode < 300, true, reported.body);

    await openQueue(page, server, 'reported');
    const card = commentCard(page, 'Rex Rude');
    await card.waitFor();
    assert.match((await card.textContent()) ?? '', /Reported 1 time/);
    assert.match((await card.textContent()) ?? '', /Abusive or hateful — Name-calling/);
    await checkScreen(page, 'comments-reported');
    await card.getByRole('button', { name: 'Spam' }).click();
    await page.getByRole('status').filter({ hasText: 'Comment by Rex Rude marked as spam' }).waitFor();
    assert.equal((await moderated(server.t, held.id)).status, 'spam');
  });

  it('should lay the pending queue out right to left in Arabic', async (t) => {
    if (skipWithoutChromium(t)) return;
    await heldComment(server, article, 'Amal Arabi', { isSolved: true });
    try {
      await page.goto(`${server.baseUrl}/admin/comments?status=pending&lang=ar`);
      await page.getByRole('heading', { level: 1, name: 'التعليقات' }).waitFor();
      await commentCard(page, 'Amal Arabi').waitFor();
      assert.match((await commentCard(page, 'Amal Arabi').textContent()) ?? '', /أول تعليق من هذا القارئ/);
      assert.equal(await page.evaluate(() => getComputedStyle(document.body).direction), 'rtl');
      await checkScreen(page, 'comments-ar');
    } finally {
      await page.goto(`${server.baseUrl}/admin/comments?lang=en`);
      await page.getByRole('heading', { level: 1, name: 'Comments' }).waitFor();
    }
  });
});
