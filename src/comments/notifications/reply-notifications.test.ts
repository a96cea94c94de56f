import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type ReceivedMail, startSmtpServer } from '../../../test/helpers/smtp-server.ts';
import { createTestApp } from '../../../test/helpers/test-app.ts';
import { type Executor, withTransaction } from '../../db/transaction.ts';
import { createFixedClock } from '../../lib/clock.ts';
import type { ReplyNotifier } from './reply-notifier.ts';

const start = new Date('2026-03-02T09:00:00.000Z');
const HOUR = 3_600_000;
type Context = { after: (fn: () => Promise<void>) => void };
type NotifyInput = Parameters<ReplyNotifier['notifyApprovedReply']>[1];

/** A whole Masthead on a fixed clock whose mail goes to a real SMTP server. */
async function setUp(context: Context) {
  const smtp = await startSmtpServer();
  const clock = createFixedClock(start);
  const t = await createTestApp({ clock, env: { SMTP_URL: smtp.url } });
  context.after(async () => {
    await t.close();
    await smtp.close();
  });
  const masthead = t.masthead;
  const { notifier } = masthead.notifications;
  const inTransaction = <T>(work: (trx: Executor) => Promise<T>) =>
    withTransaction(masthead.database.db, work);
  const mailsTo = async (address: string): Promise<ReceivedMail[]> => {
    await masthead.deliverMail();
    return smtp.messages.filter((mail) => mail.envelope.to.includes(address));
  };
  const optIn = (email: string, name = 'Ada') =>
    inTransaction((trx) =>
      notifier.requestOptIn(trx, {
        email,
        name,
        language: 'en',
        article: { title: 'Harbour reopens', url: 'https://news.example/2026/03/harbour/' },
      }),
    );
  const notify = (
    overrides: { parent?: Partial<NotifyInput['parent']>; reply?: Partial<NotifyInput['reply']> } = {},
  ) =>
    inTransaction((trx) =>
      notifier.notifyApprovedReply(trx, {
        parent: { id: 'p1', email: 'ada@example.com', name: 'Ada', notifyReplies: true, ...overrides.parent },
        reply: { id: 'r1', email: 'bo@example.com', name: 'Bo', bodyText: 'I disagree.', ...overrides.reply },
        article: { title: 'Harbour reopens', url: 'https://news.example/2026/03/harbour/' },
        commentUrl: 'https://news.example/2026/03/harbour/#comment-r1',
        language: 'en',
      }),
    );
  const get = (url: string) => masthead.app.inject({ method: 'GET', url });
  const confirm = async (email: string) => {
    await optIn(email);
    const [mail] = await mailsTo(email);
    assert.ok(mail, `no confirmation mail to ${email}`);
    const response = await get(linkIn(mail, '/comments/notifications/confirm'));
    assert.equal(response.statusCode, 200);
  };
  return { masthead, smtp, clock, notifier, optIn, notify, mailsTo, confirm, get };
}

/** The path and query of the first link in a mail's text that starts with `path`. */
function linkIn(mail: ReceivedMail, path: string): string {
  const found = new RegExp(`https://news\\.example(${path.replace(/[?/]/g, '\\$&')}\\?token=[\\w.-]+)`).exec(
    mail.parsed.text ?? '',
  );
  assert.ok(found?.[1], `no ${path} link in: ${mail.parsed.text}`);
  return found[1];
}

const rawHeader = (mail: ReceivedMail, name: string): string | undefined =>
  mail.parsed.headerLines.find((line) => line.key === name)?.line.replace(/^[^:]+:\s*/, '');

describe('reply notifications', () => {
  it('should send one confirmation mail when a reader asks twice within 24 hours', async (context) => {
    const { clock, optIn, mailsTo } = await setUp(context);

    await optIn('Ada@Example.com');
    clock.advance(23 * HOUR);
    await optIn('ada@example.com');
    const withinDay = await mailsTo('ada@example.com');
    clock.advance(HOUR);
    await optIn('ada@example.com');
    const nextDay = await mailsTo('ada@example.com');

    assert.equal(withinDay.length, 1);
    assert.equal(withinDay[0]?.parsed.subject, 'Confirm reply notifications from news.example');
    assert.match(withinDay[0]?.parsed.text ?? '', /Hello Ada,[\s\S]*“Harbour reopens”[\s\S]*48 hours/);
    assert.equal(nextDay.length, 2);
  });

  it('should confirm the address when the reader opens the confirmation link', async (context) => {
    const { masthead, notifier, optIn, mailsTo, get } = await setUp(context);
    await optIn('ada@example.com');
    const [mail] = await mailsTo('ada@example.com');
    assert.ok(mail);

    const before = await notifier.isConfirmed(masthead.database.db, 'ada@example.com');
    const response = await get(linkIn(mail, '/comments/notifications/confirm'));
    const after = await notifier.isConfirmed(masthead.database.db, 'ADA@example.com');
    await optIn('ada@example.com');

    assert.equal(before, false);
    assert.equal(response.statusCode, 200);
    assert.equal(response.headers['cache-control'], 'no-store');
    assert.match(response.body, /<h1>Reply notifications confirmed<\/h1>/);
    assert.match(response.body, /ada@example\.com/);
    assert.equal(after, true);
    assert.equal(
      (await mailsTo('ada@example.com')).length,
      1,
      'a confirmed address got another confirmation',
    );
  });

  it('should refuse the confirmation link with a clear page when it is older than 48 hours', async (context) => {
    const { masthead, clock, notifier, optIn, mailsTo, get } = await setUp(context);
    await optIn('late@example.com');
    const [mail] = await mailsTo('late@example.com');
    assert.ok(mail);

    clock.advance(48 * HOUR);
    const response = await get(linkIn(mail, '/comments/notifications/confirm'));

    assert.equal(response.statusCode, 410);
    assert.match(response.body, /This link has expired/);
    assert.match(response.body, /work for 48 hours/);
    assert.equal(await notifier.isConfirmed(masthead.database.db, 'late@example.com'), false);
  });

  it('should refuse every link with a 400 page when its token was tampered with', async (context) => {
    const { masthead, confirm, notify, mailsTo, get } = await setUp(context);
    await confirm('ada@example.com');
    await notify();
    const mail = (await mailsTo('ada@example.com')).at(-1);
    assert.ok(mail);
    const unsubscribe = linkIn(mail, '/comments/notifications/unsubscribe');
    const manage = linkIn(mail, '/comments/notifications');
    const changed = unsubscribe.replace(/.\.(?=[\w-]+$)/, (m) => (m[0] === 'A' ? 'B' : 'A') + m.slice(1));
    const confirmWithUnsubscribeToken = unsubscribe.replace('/unsubscribe?', '/confirm?');

    const responses = [
      await get(changed),
      await masthead.app.inject({ method: 'POST', url: changed }),
      await get(manage.replace(/token=.*/, 'token=')),
      await get('/comments/notifications'),
      await get(confirmWithUnsubscribeToken),
      await masthead.app.inject({
        method: 'POST',
        url: unsubscribe.replace('/unsubscribe?', '/resubscribe?'),
      }),
    ];

    assert.deepEqual(
      responses.map((r) => r.statusCode),
      [400, 400, 400, 400, 400, 400],
    );
    for (const response of responses) assert.match(response.body, /This link does not work/);
    assert.equal(
      await masthead.notifications.notifier.isConfirmed(masthead.database.db, 'ada@example.com'),
      true,
    );
  });

  it('should mail the parent author with unsubscribe headers when a reply is approved', async (context) => {
    const { confirm, notify, mailsTo } = await setUp(context);
    await confirm('ada@example.com');

    await notify({ reply: { name: 'Bo <b>', bodyText: 'I disagree.\n<script>alert(1)</script>' } });
    const mail = (await mailsTo('ada@example.com')).at(-1);

    assert.ok(mail);
    assert.equal(mail.parsed.subject, 'Bo <b> replied to your comment on “Harbour reopens”');
    assert.match(mail.parsed.text ?? '', /> I disagree\.\n> <script>alert\(1\)<\/script>/);
    assert.match(mail.parsed.text ?? '', /https:\/\/news\.example\/2026\/03\/harbour\/#comment-r1/);
    assert.match(String(mail.parsed.html), /Bo &lt;b> replied|Bo &lt;b&gt; replied/);
    assert.doesNotMatch(String(mail.parsed.html), /<script>/);
    const listUnsubscribe = rawHeader(mail, 'list-unsubscribe');
    assert.match(
      String(listUnsubscribe),
      /^<https:\/\/news\.example\/comments\/notifications\/unsubscribe\?token=[\w.-]+>$/,
    );
    assert.equal(rawHeader(mail, 'list-unsubscribe-post'), 'List-Unsubscribe=One-Click');
    const list = mail.parsed.headers.get('list') as { unsubscribe?: { url?: string } } | undefined;
    assert.match(
      String(list?.unsubscribe?.url),
      /^https:\/\/news\.example\/comments\/notifications\/unsubscribe\?token=/,
    );
    linkIn(mail, '/comments/notifications');
  });

  it('should not mail the parent author when the address is not confirmed', async (context) => {
    const { optIn, notify, mailsTo } = await setUp(context);
    await optIn('ada@example.com');

    await notify();

    const mails = await mailsTo('ada@example.com');
    assert.deepEqual(
      mails.map((m) => m.parsed.subject),
      ['Confirm reply notifications from news.example'],
    );
  });

  it('should not mail the parent author when they did not ask to be notified', async (context) => {
    const { confirm, notify, mailsTo } = await setUp(context);
    await confirm('ada@example.com');

    await notify({ parent: { notifyReplies: false } });
    await notify({ parent: { email: null } });

    assert.equal((await mailsTo('ada@example.com')).length, 1);
  });

  it('should not mail the parent author when they replied to themselves', async (context) => {
    const { confirm, notify, mailsTo } = await setUp(context);
    await confirm('ada@example.com');

    await notify({ reply: { email: ' ADA@example.com' } });

    assert.equal((await mailsTo('ada@example.com')).length, 1);
  });

  it('should stop at the daily cap when replies keep coming and resume the next day', async (context) => {
    const { masthead, clock, confirm, notify, mailsTo } = await setUp(context);
    await confirm('ada@example.com');

    for (let n = 0; n < 12; n += 1) await notify({ reply: { id: `r${n}` } });
    const sameDay = await masthead.outbox.countSince(masthead.database.db, {
      recipient: 'ada@example.com',
      kind: 'reply-notification',
      since: new Date(start.getTime() - 1),
    });
    clock.advance(24 * HOUR);
    await notify();

    assert.equal(sameDay, 10);
    assert.equal((await mailsTo('ada@example.com')).length, 1 + 11);
  });

  it('should stop mail when the reader unsubscribes through the page', async (context) => {
    const { masthead, confirm, notify, mailsTo, get } = await setUp(context);
    await confirm('ada@example.com');
    await notify();
    const mail = (await mailsTo('ada@example.com')).at(-1);
    assert.ok(mail);
    const link = linkIn(mail, '/comments/notifications/unsubscribe');

    const page = await get(link);
    const stillReceiving = await masthead.notifications.notifier.isConfirmed(
      masthead.database.db,
      'ada@example.com',
    );
    const action = /<form method="post" action="([^"]+)"/.exec(page.body)?.[1]?.replace(/&amp;/g, '&');
    assert.ok(action);
    const done = await masthead.app.inject({
      method: 'POST',
      url: action,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'List-Unsubscribe=One-Click',
    });
    await notify();

    assert.equal(page.statusCode, 200);
    assert.match(page.body, /<button type="submit">Unsubscribe<\/button>/);
    assert.equal(stillReceiving, true, 'opening the link with GET must not unsubscribe');
    assert.equal(done.statusCode, 200);
    assert.match(done.body, /You are unsubscribed/);
    assert.equal((await mailsTo('ada@example.com')).length, 2);
  });

  it('should stop mail when the mail client sends the RFC 8058 one-click POST', async (context) => {
    const { masthead, confirm, notify, optIn, mailsTo } = await setUp(context);
    await confirm('ada@example.com');
    await notify();
    const mail = (await mailsTo('ada@example.com')).at(-1);
    assert.ok(mail);
    const url = String(rawHeader(mail, 'list-unsubscribe')).slice(1, -1).replace('https://news.example', '');

    const response = await masthead.app.inject({
      method: 'POST',
      url,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'List-Unsubscribe=One-Click',
    });
    const again = await masthead.app.inject({
      method: 'POST',
      url,
      headers: { 'content-type': 'multipart/form-data; boundary=x' },
      payload: '--x\r\nContent-Disposition: form-data; name="List-Unsubscribe"\r\n\r\nOne-Click\r\n--x--\r\n',
    });
    await notify();
    await optIn('ada@example.com');

    assert.equal(response.statusCode, 200);
    assert.equal(response.headers['cache-control'], 'no-store');
    assert.equal(again.statusCode, 200);
    assert.equal((await mailsTo('ada@example.com')).length, 2, 'mail was sent after unsubscribing');
  });

  it('should mail replies again when the reader resubscribes from the manage page', async (context) => {
    const { masthead, confirm, notify, mailsTo, get } = await setUp(context);
    await confirm('ada@example.com');
    await notify();
    const mail = (await mailsTo('ada@example.com')).at(-1);
    assert.ok(mail);
    await masthead.app.inject({ method: 'POST', url: linkIn(mail, '/comments/notifications/unsubscribe') });

    const manage = await get(linkIn(mail, '/comments/notifications'));
    const action = /<form method="post" action="([^"]+)"/.exec(manage.body)?.[1]?.replace(/&amp;/g, '&');
    assert.ok(action?.startsWith('/comments/notifications/resubscribe?token='));
    const resubscribed = await masthead.app.inject({ method: 'POST', url: action });
    await notify();

    assert.equal(manage.statusCode, 200);
    assert.match(manage.body, /ada@example\.com is unsubscribed/);
    assert.match(manage.body, /Resubscribe<\/button>/);
    assert.equal(resubscribed.statusCode, 200);
    assert.match(resubscribed.body, /Emails about replies to your comments go to ada@example\.com/);
    assert.equal((await mailsTo('ada@example.com')).length, 3);
  });
});
