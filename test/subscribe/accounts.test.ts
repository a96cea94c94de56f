import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createFixedClock } from '../../src/lib/clock.ts';
import { byTag, get } from '../site/site-helpers.ts';
import {
  accountCsrf,
  createNewsletters,
  loginLink,
  mailsTo,
  openLoginLink as openLink,
  openSubscribeSite,
  postForm,
  type SubscribeSite,
  signIn,
  subscribeAndConfirm,
} from './subscribe-helpers.ts';

const ADA = 'ada@example.com';
const LOGIN = '/account/login';
const MINUTE = 60_000;

type Ctx = Parameters<typeof openSubscribeSite>[0];

/** A site on a clock that stands still, with two newsletters and Ada subscribed to the morning one. */
async function accountSite(ctx: Ctx) {
  const clock = createFixedClock(new Date('2026-03-02T09:00:00.000Z'));
  const site = await openSubscribeSite(ctx, { clock });
  await site.t.masthead.services.settings.update({ title: 'Harbour Herald' });
  const [morning, evening] = await createNewsletters(site.t, [
    { name: 'Morning briefing', slug: 'morning' },
    { name: 'Evening edition', slug: 'evening' },
  ]);
  assert.ok(morning && evening);
  await subscribeAndConfirm(site, ADA, ['morning']);
  return { ...site, clock, morning, evening };
}

const accountPage = (site: SubscribeSite, cookie: string) => get(site.t, '/account', { cookie });

/** Slugs of the newsletters the account page shows as chosen. */
const chosenOn = async (site: SubscribeSite, cookie: string) =>
  byTag((await accountPage(site, cookie)).doc, 'input')
    .filter((el) => el.attribs.name === 'newsletters' && 'checked' in el.attribs)
    .map((el) => el.attribs.value);

describe('Accounts: magic-link login', () => {
  it('should answer the same page for a known and an unknown address', async (ctx) => {
    const site = await accountSite(ctx);

    const known = await postForm(site.t, LOGIN, { email: ADA });
    const unknown = await postForm(site.t, LOGIN, { email: 'nobody@example.com' });

    assert.equal(known.statusCode, 200);
    assert.equal(unknown.statusCode, 200);
    assert.equal(known.body, unknown.body);
    assert.match(known.body, /Check your inbox/);
  });

  it('should sign in with a session cookie that is HttpOnly, SameSite=Lax, Secure and site-wide', async (ctx) => {
    const site = await accountSite(ctx);
    const { res, session } = await openLink(site, await loginLink(site, ADA));

    assert.equal(res.statusCode, 303);
    assert.equal(res.headers.location, '/account');
    assert.ok(session);
    assert.equal(session.httpOnly, true);
    assert.equal(session.sameSite, 'Lax');
    assert.equal(session.secure, true);
    assert.equal(session.path, '/');
    const flag = res.cookies.find((c) => c.name === 'masthead_signed_in');
    assert.equal(flag?.value, '1');
    assert.notEqual(flag?.httpOnly, true, 'the page script may read the signed-in flag');
  });

  it('should not mark the cookie Secure when the site is served over plain http', async (ctx) => {
    const site = await openSubscribeSite(ctx, { env: { SITE_URL: 'http://news.example' } });

    const { session } = await openLink(site, await loginLink(site, ADA));

    assert.equal(session?.secure, undefined);
    assert.equal(session?.httpOnly, true);
  });

  it('should answer the same page and mail nothing more when an address asks for a sixth link in an hour', async (ctx) => {
    const site = await accountSite(ctx);
    const pages = [];
    for (let i = 0; i < 6; i += 1) pages.push((await postForm(site.t, LOGIN, { email: ADA })).body);
    await site.t.masthead.deliverMail();

    assert.equal(new Set(pages).size, 1);
    assert.equal(
      mailsTo(site.smtp, ADA).filter((m) => /^Sign in to /.test(m.parsed.subject ?? '')).length,
      5,
    );
  });

  it('should keep the cookie for the 30 days of the session when the clock is injected', async (ctx) => {
    const site = await accountSite(ctx);

    const { session } = await openLink(site, await loginLink(site, ADA));

    assert.equal(session?.maxAge, 30 * 86_400);
  });

  it('should refuse a link the second time with 400 and a page saying it was used', async (ctx) => {
    const site = await accountSite(ctx);
    const link = await loginLink(site, ADA);
    await openLink(site, link);

    const again = await openLink(site, link);

    assert.equal(again.res.statusCode, 400);
    assert.match(again.res.body, /That sign-in link has already been used/);
    assert.equal(again.session, undefined);
  });

  it('should refuse a link with 410 when it is opened after 15 minutes', async (ctx) => {
    const site = await accountSite(ctx);
    const link = await loginLink(site, ADA);
    site.clock.advance(16 * MINUTE);

    const late = await openLink(site, link);

    assert.equal(late.res.statusCode, 410);
    assert.match(late.res.body, /That sign-in link has expired/);
    assert.equal(late.session, undefined);
  });

  it('should start a new session at each login and end the old one only in the browser that logs in again', async (ctx) => {
    const site = await accountSite(ctx);
    const phone = await signIn(site, ADA);
    const laptop = await signIn(site, ADA);

    const bothWork = [(await accountPage(site, phone)).status, (await accountPage(site, laptop)).status];
    const again = await openLink(site, await loginLink(site, ADA), laptop);
    const oldLaptop = await accountPage(site, laptop);

    assert.notEqual(phone, laptop);
    assert.deepEqual(bothWork, [200, 200]);
    assert.notEqual(again.cookie, laptop);
    assert.equal(oldLaptop.status, 303, 'the session the browser had before logging in again ends');
    assert.equal((await accountPage(site, again.cookie)).status, 200);
    assert.equal((await accountPage(site, phone)).status, 200);
  });

  it('should end the session at logout so that /account sends the reader to the login page', async (ctx) => {
    const site = await accountSite(ctx);
    const cookie = await signIn(site, ADA);

    const out = await postForm(site.t, '/account/logout', { csrf: await accountCsrf(site, cookie) }, cookie);
    const after = await accountPage(site, cookie);

    assert.equal(out.statusCode, 303);
    assert.equal(out.headers.location, LOGIN);
    assert.ok(out.cookies.some((c) => c.name === 'masthead_reader' && c.value === ''));
    assert.equal(after.status, 303);
    assert.equal(after.headers.location, LOGIN);
  });

  it('should answer /account/me with the reader when signed in and 401 otherwise', async (ctx) => {
    const site = await accountSite(ctx);
    const cookie = await signIn(site, ADA);
    const me = (headers: Record<string, string>) =>
      site.t.masthead.app.inject({ method: 'GET', url: '/account/me', headers });

    const signedIn = await me({ cookie });
    const anonymous = await me({});
    const forged = await me({ cookie: `masthead_reader=${'A'.repeat(43)}` });

    assert.equal(signedIn.statusCode, 200);
    assert.deepEqual(signedIn.json(), { email: ADA, name: '' });
    assert.match(String(signedIn.headers['cache-control']), /no-store/);
    assert.equal(anonymous.statusCode, 401);
    assert.equal(forged.statusCode, 401);
  });
});

describe('Accounts: the account page', () => {
  it('should show the newsletters the reader receives', async (ctx) => {
    const site = await accountSite(ctx);
    const cookie = await signIn(site, ADA);

    const page = await accountPage(site, cookie);

    assert.equal(page.status, 200);
    assert.match(String(page.headers['cache-control']), /no-store/);
    assert.match(page.text, /Signed in as ada@example\.com\./);
    assert.deepEqual(await chosenOn(site, cookie), ['morning']);
  });

  it('should change the newsletters when the form carries the session’s CSRF token', async (ctx) => {
    const site = await accountSite(ctx);
    const cookie = await signIn(site, ADA);

    const saved = await postForm(
      site.t,
      '/account/newsletters',
      { csrf: await accountCsrf(site, cookie), name: 'Ada L.', newsletters: 'evening' },
      cookie,
    );
    const me = await site.t.masthead.app.inject({ method: 'GET', url: '/account/me', headers: { cookie } });

    assert.equal(saved.statusCode, 303);
    assert.equal(saved.headers.location, '/account?saved=newsletters');
    assert.deepEqual(await chosenOn(site, cookie), ['evening']);
    assert.deepEqual(me.json(), { email: ADA, name: 'Ada L.' });
  });

  it('should refuse with 403 and change nothing when the CSRF token is missing or another session’s', async (ctx) => {
    const site = await accountSite(ctx);
    const cookie = await signIn(site, ADA);
    const otherCookie = await signIn(site, 'bo@example.com');
    const change = { name: 'Mallory', newsletters: ['evening'] };

    const missing = await postForm(site.t, '/account/newsletters', change, cookie);
    const foreign = await postForm(
      site.t,
      '/account/newsletters',
      { ...change, csrf: await accountCsrf(site, otherCookie) },
      cookie,
    );
    const forged = await postForm(
      site.t,
      '/account/newsletters',
      { ...change, csrf: 'x'.repeat(43) },
      cookie,
    );

    assert.deepEqual([missing.statusCode, foreign.statusCode, forged.statusCode], [403, 403, 403]);
    assert.match(missing.body, /Please try again/);
    assert.deepEqual(await chosenOn(site, cookie), ['morning']);
    const me = await site.t.masthead.app.inject({ method: 'GET', url: '/account/me', headers: { cookie } });
    assert.equal((me.json() as { name: string }).name, '');
  });

  it('should send a signed-out form to the login page and change nothing', async (ctx) => {
    const site = await accountSite(ctx);

    const answer = await postForm(site.t, '/account/newsletters', { newsletters: 'evening' });

    assert.equal(answer.statusCode, 303);
    assert.equal(answer.headers.location, LOGIN);
  });

  it('should switch reply notifications on and off in reply_subscribers', async (ctx) => {
    const site = await accountSite(ctx);
    const cookie = await signIn(site, ADA);
    const csrf = await accountCsrf(site, cookie);
    const row = () =>
      site.t.masthead.database.db
        .selectFrom('reply_subscribers')
        .select(['confirmed_at', 'unsubscribed_at'])
        .where('email', '=', ADA)
        .executeTakeFirst();
    const checked = async () =>
      'checked' in
      (byTag((await accountPage(site, cookie)).doc, 'input').find((el) => el.attribs.id === 'account-replies')
        ?.attribs ?? {});

    const on = await postForm(site.t, '/account/notifications', { csrf, replies: '1' }, cookie);
    const afterOn = await row();
    const isOnShown = await checked();
    site.clock.advance(MINUTE);
    const off = await postForm(site.t, '/account/notifications', { csrf }, cookie);
    const afterOff = await row();

    assert.equal(on.statusCode, 303);
    assert.equal(on.headers.location, '/account?saved=replies');
    assert.ok(afterOn?.confirmed_at, 'receiving');
    assert.equal(afterOn?.unsubscribed_at, null);
    assert.equal(isOnShown, true);
    assert.equal(off.statusCode, 303);
    assert.ok(afterOff?.unsubscribed_at, 'unsubscribed');
    assert.equal(await checked(), false);
  });
});
