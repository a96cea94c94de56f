import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { approvedComment, openRules } from '../comments/moderation-helpers.ts';
import { publish } from '../site/site-helpers.ts';
import {
  accountCsrf,
  createNewsletters,
  mailsTo,
  openSubscribeSite,
  postForm,
  type SubscribeSite,
  sendArticleNow,
  signIn,
  subscribeAndConfirm,
} from './subscribe-helpers.ts';

const ADA = 'ada@example.com';
const BO = 'bo@example.com';

type Ctx = Parameters<typeof openSubscribeSite>[0];

/** A site where comments need no wait and a cheap CAPTCHA, with Ada and Bo subscribed to one newsletter. */
async function readerSite(ctx: Ctx): Promise<SubscribeSite> {
  const site = await openSubscribeSite(ctx, { env: { CAPTCHA_DIFFICULTY: '100', TRUST_PROXY: '127.0.0.1' } });
  await site.t.masthead.comments.settings.update(openRules);
  await createNewsletters(site.t, [{ name: 'Breaking news', slug: 'breaking' }]);
  await subscribeAndConfirm(site, ADA, ['breaking']);
  await subscribeAndConfirm(site, BO, ['breaking']);
  return site;
}

/** Publishes an article now and sends it to the newsletter's readers. */
async function publishAndSend(site: SubscribeSite, title: string) {
  const article = await publish(site.t, { title, published_at: new Date() });
  await sendArticleNow(site, article.id);
  return article;
}

const subscriberId = async (site: SubscribeSite, email: string): Promise<string> => {
  const row = await site.t.masthead.database.db
    .selectFrom('subscribers')
    .select('id')
    .where('email', '=', email)
    .executeTakeFirst();
  assert.ok(row, `no subscriber ${email}`);
  return row.id;
};

/** How many rows the database holds about a reader (by the id they had, which outlives the row). */
const rowsAbout = async (site: SubscribeSite, email: string, id: string) => {
  const { db } = site.t.masthead.database;
  const subscriber = await db.selectFrom('subscribers').select('id').where('id', '=', id).executeTakeFirst();
  const count = async (query: { execute: () => Promise<unknown[]> }) => (await query.execute()).length;
  return {
    subscribers: subscriber ? 1 : 0,
    subscriptions: await count(
      db.selectFrom('subscriptions').select('newsletter_id').where('subscriber_id', '=', id),
    ),
    consents: await count(db.selectFrom('consents').select('id').where('subscriber_id', '=', id)),
    sessions: await count(db.selectFrom('sessions').select('id_hash').where('principal_id', '=', id)),
    deliveries: await count(
      db.selectFrom('newsletter_deliveries').select('send_id').where('email', '=', email),
    ),
  };
};

describe('Accounts: downloading one’s data', () => {
  it('should download subscriber, newsletters, consents, deliveries and comments as a private JSON attachment', async (ctx) => {
    const site = await readerSite(ctx);
    const article = await publishAndSend(site, 'Harbour reopens');
    await approvedComment(site.t, article, { body: 'Good news for the ferry.', name: 'Ada', email: ADA });
    const cookie = await signIn(site, ADA);

    const res = await site.t.masthead.app.inject({
      method: 'GET',
      url: '/account/data',
      headers: { cookie },
    });

    assert.equal(res.statusCode, 200);
    assert.match(String(res.headers['content-type']), /^application\/json/);
    assert.match(String(res.headers['content-disposition']), /^attachment; filename="my-data\.json"$/);
    assert.match(String(res.headers['cache-control']), /no-store/);
    const data = res.json() as Record<string, unknown> & {
      subscriber: { email: string; confirmed_at: string | null; last_login_at: string | null };
      consents: { source: string; newsletters: string[]; requested_at: string; confirmed_at: string }[];
      deliveries: { subject: string; state: string; sent_at: string | null }[];
      comments: unknown[];
    };
    assert.equal(data.subscriber.email, ADA);
    assert.ok(data.subscriber.confirmed_at && data.subscriber.last_login_at);
    assert.deepEqual(data.newsletters, ['breaking']);
    assert.deepEqual(
      data.consents.map((c) => [c.source, c.newsletters]),
      [['api', ['breaking']]],
    );
    assert.ok(data.consents[0]?.requested_at && data.consents[0]?.confirmed_at);
    assert.deepEqual(
      data.deliveries.map((d) => [d.subject, d.state]),
      [['Harbour reopens', 'sent']],
    );
    assert.ok(data.deliveries[0]?.sent_at);
    assert.equal(data.comments.length, 1);
    assert.match(JSON.stringify(data.comments), /Good news for the ferry\./);
    assert.doesNotMatch(res.body, /bo@example\.com/, 'nothing about another reader');
  });

  it('should send a signed-out reader to the login page instead of any data', async (ctx) => {
    const site = await readerSite(ctx);

    const res = await site.t.masthead.app.inject({ method: 'GET', url: '/account/data' });

    assert.equal(res.statusCode, 303);
    assert.equal(res.headers.location, '/account/login');
  });
});

describe('Accounts: deleting an account', () => {
  it('should delete the subscriber with subscriptions, consents, deliveries and every session', async (ctx) => {
    const site = await readerSite(ctx);
    await publishAndSend(site, 'First story');
    const phone = await signIn(site, ADA);
    const laptop = await signIn(site, ADA);
    const ada = await subscriberId(site, ADA);
    const before = await rowsAbout(site, ADA, ada);

    const res = await postForm(
      site.t,
      '/account/delete',
      { csrf: await accountCsrf(site, laptop), confirm: '1' },
      laptop,
    );
    const me = (cookie: string) =>
      site.t.masthead.app.inject({ method: 'GET', url: '/account/me', headers: { cookie } });

    assert.deepEqual(before, { subscribers: 1, subscriptions: 1, consents: 1, sessions: 2, deliveries: 1 });
    assert.equal(res.statusCode, 200);
    assert.match(res.body, /Your account is deleted/);
    assert.ok(res.cookies.some((c) => c.name === 'masthead_reader' && c.value === ''));
    assert.deepEqual(await rowsAbout(site, ADA, ada), {
      subscribers: 0,
      subscriptions: 0,
      consents: 0,
      sessions: 0,
      deliveries: 0,
    });
    assert.equal((await me(laptop)).statusCode, 401);
    assert.equal((await me(phone)).statusCode, 401, 'signed out everywhere');
    assert.equal(
      (await rowsAbout(site, BO, await subscriberId(site, BO))).subscriptions,
      1,
      'others untouched',
    );
  });

  it('should leave the address out of the next newsletter send', async (ctx) => {
    const site = await readerSite(ctx);
    const cookie = await signIn(site, ADA);
    await postForm(
      site.t,
      '/account/delete',
      { csrf: await accountCsrf(site, cookie), confirm: '1' },
      cookie,
    );

    await publishAndSend(site, 'After the deletion');

    assert.equal(mailsTo(site.smtp, BO).filter((m) => m.parsed.subject === 'After the deletion').length, 1);
    assert.equal(mailsTo(site.smtp, ADA).filter((m) => m.parsed.subject === 'After the deletion').length, 0);
    const deliveries = await site.t.masthead.database.db
      .selectFrom('newsletter_deliveries')
      .select('email')
      .execute();
    assert.deepEqual(
      deliveries.map((row) => row.email),
      [BO],
    );
  });

  it('should refuse to delete without the confirmation box or the CSRF token and keep the account', async (ctx) => {
    const site = await readerSite(ctx);
    const cookie = await signIn(site, ADA);
    const csrf = await accountCsrf(site, cookie);

    const unticked = await postForm(site.t, '/account/delete', { csrf }, cookie);
    const forged = await postForm(site.t, '/account/delete', { confirm: '1' }, cookie);

    assert.equal(unticked.statusCode, 422);
    assert.match(unticked.body, /Tick the box to confirm that you want to delete your account\./);
    assert.equal(forged.statusCode, 403);
    assert.equal((await rowsAbout(site, ADA, await subscriberId(site, ADA))).subscriptions, 1);
  });
});
