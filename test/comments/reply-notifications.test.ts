import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createFixedClock } from '../../src/lib/clock.ts';
import type { ReceivedMail } from '../helpers/smtp-server.ts';
import { attr, byTag, type Doc, get, pathOf, withClass } from '../site/site-helpers.ts';
import {
  adminApi,
  approvedComment,
  type CommentSite,
  linkIn,
  mailsTo,
  moderate,
  openCommentSite,
  pendingComment,
  postForm,
  rawHeader,
} from './moderation-helpers.ts';

type Ctx = Parameters<typeof openCommentSite>[0];

const DAY = 86_400_000;
const ADA = 'ada@example.com';
const CONFIRM = '/comments/notifications/confirm';
const UNSUBSCRIBE = '/comments/notifications/unsubscribe';
const MANAGE = '/comments/notifications';

/** The button of a page answering a mail link (the layout has a search form of its own). */
const noticeForm = (doc: Doc) => byTag(withClass(doc, 'notice')[0] ?? doc, 'form')[0];

const isReplyMail = (mail: ReceivedMail) => /replied to your comment/.test(mail.parsed.subject ?? '');

/** A site on a fixed clock whose mail goes to a real SMTP server on 127.0.0.1. */
async function mailSite(ctx: Ctx) {
  const clock = createFixedClock(new Date('2026-03-02T09:00:00.000Z'));
  const site = await openCommentSite(ctx, { smtp: true, clock });
  const replyMails = async (address = ADA) => (await mailsTo(site, address)).filter(isReplyMail);
  return { ...site, clock, replyMails };
}

/** Ada's comment with "notify me" ticked; answers its id. */
const adaComment = (site: CommentSite, body = 'The ferry must run at night.') =>
  approvedComment(site.t, site.article, { body, name: 'Ada', email: ADA, notify_replies: true });

/** Ada opens the confirmation link of her (only) confirmation mail. */
async function confirmAda(site: CommentSite): Promise<void> {
  const [mail] = await mailsTo(site, ADA);
  assert.ok(mail, 'no confirmation mail');
  const page = await get(site.t, linkIn(mail, CONFIRM));
  assert.equal(page.status, 200, page.text.slice(0, 300));
}

/** Bo's approved reply to `parent`; answers its id. */
const reply = (site: CommentSite, parent: string, body: string, email = 'bo@example.com') =>
  approvedComment(site.t, site.article, { body, name: 'Bo', email, parent_id: parent });

describe('Reply notifications: double opt-in', () => {
  it('should send one confirmation mail when a commenter ticks notify_replies', async (ctx) => {
    const site = await mailSite(ctx);

    await adaComment(site);
    await approvedComment(site.t, site.article, { body: 'No mail for me.', email: 'quiet@example.com' });
    const mails = await mailsTo(site, ADA);

    assert.equal(mails.length, 1);
    assert.equal(mails[0]?.parsed.subject, 'Confirm reply notifications from news.example');
    assert.match(mails[0]?.parsed.text ?? '', /Harbour reopens after the storm/);
    assert.ok(linkIn(mails[0] as ReceivedMail, CONFIRM));
    assert.deepEqual(await mailsTo(site, 'quiet@example.com'), []);
  });

  it('should mail nothing about an approved reply when the commenter has not confirmed yet', async (ctx) => {
    const site = await mailSite(ctx);
    const parent = await adaComment(site);

    await reply(site, parent, 'Night ferries lose money.');

    assert.deepEqual(await site.replyMails(), []);
    assert.equal((await mailsTo(site, ADA)).length, 1, 'only the confirmation');
  });

  it('should mail one notification with one-click unsubscribe headers when a reply to a confirmed commenter is approved', async (ctx) => {
    const site = await mailSite(ctx);
    const parent = await adaComment(site);
    await confirmAda(site);

    const replyId = await reply(site, parent, 'Night ferries lose *money*.');
    const mails = await site.replyMails();

    assert.equal(mails.length, 1);
    const [mail] = mails as [ReceivedMail];
    assert.equal(mail.parsed.subject, 'Bo replied to your comment on “Harbour reopens after the storm”');
    assert.match(mail.parsed.text ?? '', /Night ferries lose \*money\*\./);
    assert.match(mail.parsed.text ?? '', new RegExp(`#comment-${replyId}`));
    const unsubscribe = linkIn(mail, UNSUBSCRIBE);
    assert.equal(rawHeader(mail, 'List-Unsubscribe'), `<https://news.example${unsubscribe}>`);
    assert.equal(rawHeader(mail, 'List-Unsubscribe-Post'), 'List-Unsubscribe=One-Click');
    assert.ok(linkIn(mail, MANAGE));
  });

  it('should mail nothing when commenters reply to their own comment', async (ctx) => {
    const site = await mailSite(ctx);
    const parent = await adaComment(site);
    await confirmAda(site);

    await reply(site, parent, 'Adding to what I said.', ADA);

    assert.deepEqual(await site.replyMails(), []);
  });
});

describe('Reply notifications: approval gates the mail', () => {
  it('should mail nothing for a held reply until a moderator approves it, then exactly once', async (ctx) => {
    const site = await mailSite(ctx);
    const parent = await adaComment(site);
    await confirmAda(site);
    const held = await pendingComment(site.t, site.article, {
      body: 'Held because the CAPTCHA was missing.',
      name: 'Bo',
      email: 'bo@example.com',
      parent_id: parent,
    });

    const whileHeld = await site.replyMails();
    await moderate(site.t, held, { status: 'approved' });
    const afterApproval = await site.replyMails();
    await moderate(site.t, held, { status: 'pending' });
    await moderate(site.t, held, { status: 'approved' });
    await adminApi(site.t, 'POST', '/comments/bulk', { ids: [held], action: 'pending' });
    await adminApi(site.t, 'POST', '/comments/bulk', { ids: [held], action: 'approve' });
    const afterReapproval = await site.replyMails();

    assert.deepEqual(whileHeld, []);
    assert.equal(afterApproval.length, 1);
    assert.match(afterApproval[0]?.parsed.text ?? '', /Held because the CAPTCHA was missing\./);
    assert.equal(afterReapproval.length, 1, 'approving again mailed again');
  });

  it('should mail the commenter when a held reply is approved in bulk', async (ctx) => {
    const site = await mailSite(ctx);
    const parent = await adaComment(site);
    await confirmAda(site);
    const held = await pendingComment(site.t, site.article, {
      body: 'Approved with others.',
      email: 'bo@example.com',
      parent_id: parent,
    });

    const bulk = await adminApi(site.t, 'POST', '/comments/bulk', { ids: [held], action: 'approve' });

    assert.equal(bulk.status, 200, bulk.text);
    assert.equal((await site.replyMails()).length, 1);
  });

  it('should mail the commenter when the newsroom replies', async (ctx) => {
    const site = await mailSite(ctx);
    const parent = await adaComment(site);
    await confirmAda(site);

    const answer = await adminApi(site.t, 'POST', `/comments/${parent}/replies`, {
      body: 'Thanks, we asked.',
    });
    const mails = await site.replyMails();

    assert.equal(answer.status, 201, answer.text);
    assert.equal(mails.length, 1);
    assert.match(mails[0]?.parsed.text ?? '', /Thanks, we asked\./);
  });

  it('should stop mailing a commenter at the daily cap and mail again the next day', async (ctx) => {
    const site = await mailSite(ctx);
    const parent = await adaComment(site);
    await confirmAda(site);

    for (let n = 1; n <= 12; n += 1)
      await reply(site, parent, `Reply number ${n}.`, `replier${n}@example.com`);
    const sameDay = await site.replyMails();
    site.clock.advance(DAY + 60_000);
    await reply(site, parent, 'A reply the next day.', 'late@example.com');
    const nextDay = await site.replyMails();

    assert.equal(sameDay.length, 10);
    assert.equal(nextDay.length, 11);
    assert.match(nextDay[10]?.parsed.text ?? '', /A reply the next day\./);
  });
});

describe('Reply notifications: unsubscribing and managing', () => {
  /** Ada, confirmed, with one reply mail in her inbox. */
  async function adaWithReplyMail(ctx: Ctx) {
    const site = await mailSite(ctx);
    const parent = await adaComment(site);
    await confirmAda(site);
    await reply(site, parent, 'First reply.');
    const [mail] = await site.replyMails();
    assert.ok(mail);
    return { site, parent, mail };
  }

  it('should stop reply mails when the mail client posts the one-click unsubscribe', async (ctx) => {
    const { site, parent, mail } = await adaWithReplyMail(ctx);
    const target = /^<([^>]+)>$/.exec(rawHeader(mail, 'List-Unsubscribe') ?? '')?.[1];
    assert.ok(target);

    const res = await site.t.masthead.app.inject({
      method: 'POST',
      url: pathOf(target) + new URL(target).search,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'List-Unsubscribe=One-Click',
    });
    await reply(site, parent, 'Second reply, after unsubscribing.', 'cy@example.com');

    assert.equal(res.statusCode, 200);
    assert.match(res.body, /<h1>You are unsubscribed<\/h1>/);
    assert.equal(res.headers['cache-control'], 'no-store');
    assert.equal((await site.replyMails()).length, 1);
    assert.equal(
      await site.t.masthead.notifications.notifier.isConfirmed(site.t.masthead.database.db, ADA),
      false,
    );
  });

  it('should not unsubscribe anyone when the unsubscribe link is only fetched with GET', async (ctx) => {
    const { site, parent, mail } = await adaWithReplyMail(ctx);

    const page = await get(site.t, linkIn(mail, UNSUBSCRIBE));
    await reply(site, parent, 'Second reply, still subscribed.', 'cy@example.com');

    assert.equal(page.status, 200);
    assert.match(page.text, /Stop emails to ada@example\.com about replies to your comments\?/);
    assert.equal((await site.replyMails()).length, 2);
  });

  it('should show the address’s state and let the reader unsubscribe and resubscribe from the manage link', async (ctx) => {
    const { site, parent, mail } = await adaWithReplyMail(ctx);
    const manage = linkIn(mail, MANAGE);

    const receiving = await get(site.t, manage);
    const unsubscribeForm = noticeForm(receiving.doc);
    const unsubscribed = await postForm(site.t, attr(unsubscribeForm, 'action') ?? '', {
      'List-Unsubscribe': 'One-Click',
    });
    await reply(site, parent, 'While unsubscribed.', 'cy@example.com');
    const afterUnsubscribe = await get(site.t, manage);
    const resubscribeForm = noticeForm(afterUnsubscribe.doc);
    const resubscribed = await postForm(site.t, attr(resubscribeForm, 'action') ?? '', {});
    await reply(site, parent, 'After resubscribing.', 'dee@example.com');
    const mails = await site.replyMails();

    assert.equal(receiving.status, 200);
    assert.equal(receiving.headers['cache-control'], 'no-store');
    assert.match(receiving.text, /Emails about replies to your comments go to ada@example\.com\./);
    assert.equal(pathOf(attr(unsubscribeForm, 'action') ?? ''), UNSUBSCRIBE);
    assert.equal(unsubscribed.statusCode, 200);
    assert.match(afterUnsubscribe.text, /ada@example\.com is unsubscribed/);
    assert.equal(resubscribed.statusCode, 200);
    assert.match(resubscribed.body, /<h1>You are subscribed again<\/h1>/);
    assert.deepEqual(
      mails.map((m) => /First reply|While unsubscribed|After resubscribing/.exec(m.parsed.text ?? '')?.[0]),
      ['First reply', 'After resubscribing'],
    );
  });

  it('should answer 400 when a manage or unsubscribe link has been tampered with', async (ctx) => {
    const { site, mail } = await adaWithReplyMail(ctx);
    const manage = linkIn(mail, MANAGE);
    const forged = manage.replace(/.$/, (c) => (c === 'A' ? 'B' : 'A'));

    const page = await get(site.t, forged);
    const post = await postForm(site.t, `${UNSUBSCRIBE}?token=forged`, { 'List-Unsubscribe': 'One-Click' });

    assert.equal(page.status, 400);
    assert.equal(post.statusCode, 400);
    assert.equal(
      await site.t.masthead.notifications.notifier.isConfirmed(site.t.masthead.database.db, ADA),
      true,
    );
  });
});
