import assert from 'node:assert/strict';
import { tmpdir } from 'node:os';
import { describe, it } from 'node:test';
import fastifyFormbody from '@fastify/formbody';
import fastifyRateLimit from '@fastify/rate-limit';
import Fastify from 'fastify';
import { type ReceivedMail, startSmtpServer } from '../../../test/helpers/smtp-server.ts';
import { createTestApp } from '../../../test/helpers/test-app.ts';
import { loadConfig } from '../../config.ts';
import { withTransaction } from '../../db/transaction.ts';
import { createFixedClock } from '../../lib/clock.ts';
import { createImageInfo } from '../../media/image-info.ts';
import { registerNotificationRoutes } from './notification-routes.tsx';
import { createNotifications } from './notifications.ts';

const start = new Date('2026-03-02T09:00:00.000Z');
const HOUR = 3_600_000;
type Context = { after: (fn: () => Promise<void>) => void };

/**
 * The forget routes on an app of their own, with a `deleteCommentsByEmail` that records its calls:
 * the comments service that will supply the real one is not wired into Masthead yet.
 */
async function setUp(context: Context) {
  const smtp = await startSmtpServer();
  const clock = createFixedClock(start);
  const t = await createTestApp({ clock, env: { SMTP_URL: smtp.url } });
  const masthead = t.masthead;
  const deleted: string[] = [];
  const withComments = new Set(['ada@example.com']);
  const notifications = createNotifications({
    database: masthead.database,
    outbox: masthead.outbox,
    clock,
    secret: masthead.secret,
    siteUrl: 'https://news.example',
    i18n: masthead.i18n,
    deleteCommentsByEmail: async (email) => {
      deleted.push(email);
      return withComments.has(email) ? 3 : 0;
    },
    hasCommentsByEmail: async (email) => withComments.has(email),
  });
  const app = Fastify();
  await app.register(fastifyFormbody);
  await app.register(fastifyRateLimit, { global: false });
  await registerNotificationRoutes(app, {
    ...notifications,
    site: {
      config: loadConfig({ env: { SITE_URL: 'https://news.example' }, cwd: tmpdir() }),
      services: masthead.services,
      urls: masthead.urls,
      cache: masthead.cache,
      i18n: masthead.i18n,
      images: createImageInfo({ mediaDir: tmpdir() }),
      notifications,
      comments: masthead.comments,
      captcha: masthead.captcha,
      subscribe: masthead.subscribe,
    },
  });
  context.after(async () => {
    await app.close();
    await t.close();
    await smtp.close();
  });
  const mailsTo = async (address: string): Promise<ReceivedMail[]> => {
    await masthead.deliverMail();
    return smtp.messages.filter((mail) => mail.envelope.to.includes(address));
  };
  const ask = (email: string) =>
    app.inject({
      method: 'POST',
      url: '/comments/forget',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({ email }).toString(),
    });
  return { masthead, app, clock, deleted, notifications, mailsTo, ask };
}

const confirmPath = (mail: ReceivedMail): string => {
  const found = /https:\/\/news\.example(\/comments\/forget\/confirm\?token=[\w.-]+)/.exec(
    mail.parsed.text ?? '',
  );
  assert.ok(found?.[1], `no confirmation link in: ${mail.parsed.text}`);
  return found[1];
};

describe('delete my comments by email link', () => {
  it('should show a form with a labelled email field when the reader opens it', async (context) => {
    const { app } = await setUp(context);

    const response = await app.inject({ method: 'GET', url: '/comments/forget' });

    assert.equal(response.statusCode, 200);
    assert.equal(response.headers['cache-control'], 'no-store');
    assert.match(response.body, /<label for="forget-email">Email address<\/label>/);
    assert.match(response.body, /<input id="forget-email" type="email" name="email"/);
  });

  it('should answer the same page and mail only a known address when asked', async (context) => {
    const { ask, mailsTo } = await setUp(context);

    const known = await ask('Ada@Example.com');
    const unknown = await ask('nobody@example.com');

    assert.equal(known.statusCode, 200);
    assert.equal(unknown.statusCode, 200);
    const withoutAddress = (body: string) => body.replace(/Ada@Example\.com|nobody@example\.com/g, 'ADDRESS');
    assert.equal(withoutAddress(known.body), withoutAddress(unknown.body));
    assert.match(known.body, /If there are comments written with Ada@Example\.com/);
    assert.equal((await mailsTo('ada@example.com')).length, 1);
    assert.equal((await mailsTo('nobody@example.com')).length, 0);
  });

  it('should send at most one link an hour when an address is asked for repeatedly', async (context) => {
    const { clock, ask, mailsTo } = await setUp(context);

    await ask('ada@example.com');
    clock.advance(HOUR - 1);
    await ask('ada@example.com');
    const withinHour = (await mailsTo('ada@example.com')).length;
    clock.advance(1);
    await ask('ada@example.com');

    assert.equal(withinHour, 1);
    assert.equal((await mailsTo('ada@example.com')).length, 2);
  });

  it('should show the form again with the error when the address is malformed', async (context) => {
    const { ask } = await setUp(context);

    const response = await ask('not an address');

    assert.equal(response.statusCode, 422);
    assert.match(response.body, /Enter an email address such as name@example\.com\./);
    assert.match(response.body, /aria-invalid="true"/);
    assert.match(response.body, /value="not an address"/);
  });

  it('should delete the comments and the subscription when the reader confirms from the link', async (context) => {
    const { masthead, app, deleted, notifications, ask, mailsTo } = await setUp(context);
    await withTransaction(masthead.database.db, (trx) =>
      notifications.notifier.requestOptIn(trx, {
        email: 'ada@example.com',
        name: 'Ada',
        language: 'en',
        article: { title: 'Harbour reopens', url: 'https://news.example/' },
      }),
    );
    await ask('ada@example.com');
    const mail = (await mailsTo('ada@example.com')).find((m) => m.parsed.subject?.startsWith('Delete'));
    assert.ok(mail);

    const page = await app.inject({ method: 'GET', url: confirmPath(mail) });
    const deletedByGet = [...deleted];
    const action = /<form method="post" action="([^"]+)"/.exec(page.body)?.[1]?.replace(/&amp;/g, '&');
    assert.ok(action);
    const done = await app.inject({ method: 'POST', url: action });

    assert.equal(mail.parsed.subject, 'Delete your comments on news.example');
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /Delete my comments<\/button>/);
    assert.deepEqual(deletedByGet, [], 'opening the link with GET must not delete');
    assert.equal(done.statusCode, 200);
    assert.match(done.body, /3 comments written with ada@example\.com were deleted\./);
    assert.deepEqual(deleted, ['ada@example.com']);
    const subscriber = await masthead.database.db
      .selectFrom('reply_subscribers')
      .selectAll()
      .where('email', '=', 'ada@example.com')
      .executeTakeFirst();
    assert.equal(subscriber, undefined);
  });

  it('should refuse a link that was changed or is older than 24 hours', async (context) => {
    const { app, clock, deleted, ask, mailsTo } = await setUp(context);
    await ask('ada@example.com');
    const [mail] = await mailsTo('ada@example.com');
    assert.ok(mail);
    const path = confirmPath(mail);

    const tampered = await app.inject({
      method: 'POST',
      url: path.replace(/.$/, (c) => (c === 'A' ? 'B' : 'A')),
    });
    clock.advance(24 * HOUR);
    const expired = await app.inject({ method: 'POST', url: path });

    assert.equal(tampered.statusCode, 400);
    assert.match(tampered.body, /This link does not work/);
    assert.equal(expired.statusCode, 410);
    assert.match(expired.body, /<a href="\/comments\/forget">Ask for a new link<\/a>/);
    assert.deepEqual(deleted, []);
  });
});
