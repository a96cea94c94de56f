import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createFixedClock } from '../../src/lib/clock.ts';
import {
  addStaff,
  asBrowser,
  codeOf,
  openStaffSite,
  PASSWORD,
  postLogin,
  STAFF_COOKIE,
  sessionCookie,
  signIn,
} from './staff-helpers.ts';

const HOUR = 3_600_000;
const start = () => createFixedClock(new Date('2026-03-02T09:00:00.000Z'));

describe('Staff sign-in', () => {
  it('should set a new HttpOnly, SameSite=Strict, Secure, site-wide session cookie when the password is right', async (ctx) => {
    const site = await openStaffSite(ctx);
    await addStaff(site, { email: 'ada@example.com', name: 'Ada Lovelace', role: 'editor' });

    const answer = await postLogin(site, { email: ' Ada@Example.com ', password: PASSWORD });

    assert.equal(answer.statusCode, 200, answer.body);
    const session = answer.json().session;
    assert.equal(session.staff.email, 'ada@example.com');
    assert.equal(session.staff.role, 'editor');
    assert.match(session.csrf_token, /^[A-Za-z0-9_-]{43}$/);
    assert.equal(answer.headers['cache-control'], 'no-store');
    const cookie = sessionCookie(answer);
    assert.ok(cookie);
    assert.match(cookie.value, /^[A-Za-z0-9_-]{43}$/);
    assert.equal(cookie.httpOnly, true);
    assert.equal(cookie.sameSite, 'Strict');
    assert.equal(cookie.secure, true);
    assert.equal(cookie.path, '/');
  });

  it('should not mark the cookie Secure when the site is served over plain http', async (ctx) => {
    const site = await openStaffSite(ctx, { env: { SITE_URL: 'http://news.example' } });
    await addStaff(site, { email: 'ada@example.com' });

    const answer = await postLogin(site, { email: 'ada@example.com', password: PASSWORD });

    assert.equal(answer.statusCode, 200);
    assert.equal(sessionCookie(answer)?.secure, undefined);
  });

  it('should give the same 401 LOGIN_FAILED when the address is unknown, the password wrong, or the account disabled or pending', async (ctx) => {
    const site = await openStaffSite(ctx);
    await addStaff(site, { email: 'ada@example.com' });
    const gone = await addStaff(site, { email: 'gone@example.com' });
    await site.t.masthead.staff.disable(gone.id);
    await site.t.masthead.staff.invite({ email: 'invited@example.com', role: 'author' });

    const answers = [
      await postLogin(site, { email: 'nobody@example.com', password: PASSWORD }),
      await postLogin(site, { email: 'ada@example.com', password: `${PASSWORD}!` }),
      await postLogin(site, { email: 'gone@example.com', password: PASSWORD }),
      await postLogin(site, { email: 'invited@example.com', password: PASSWORD }),
      await postLogin(site, { email: 'not an address', password: PASSWORD }),
    ];

    for (const answer of answers) {
      assert.equal(answer.statusCode, 401);
      assert.equal(answer.body, answers[0]?.body);
      assert.equal(codeOf(answer), 'LOGIN_FAILED');
      assert.equal(sessionCookie(answer), undefined);
    }
  });

  it('should store only an argon2id hash of the password', async (ctx) => {
    const site = await openStaffSite(ctx);
    const user = await addStaff(site, { email: 'ada@example.com' });

    const row = await site.t.masthead.database.db
      .selectFrom('staff_users')
      .selectAll()
      .where('id', '=', user.id)
      .executeTakeFirstOrThrow();

    assert.match(String(row.password_hash), /^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    assert.ok(!JSON.stringify(row).includes(PASSWORD));
  });

  it('should give a new session id at every login and end the session the browser had before', async (ctx) => {
    const site = await openStaffSite(ctx);
    await addStaff(site, { email: 'ada@example.com' });
    const before = await signIn(site, 'ada@example.com');

    const after = await signIn(site, 'ada@example.com', { cookie: before.cookie });

    assert.notEqual(after.token, before.token);
    assert.notEqual(after.csrf, before.csrf);
    assert.equal(codeOf(await asBrowser(site, before, { url: '/api/admin/session' })), 'SESSION_INVALID');
    assert.equal((await asBrowser(site, after, { url: '/api/admin/session' })).statusCode, 200);
  });

  it('should keep a session alive while it is used and end it after 12 hours without a request', async (ctx) => {
    const clock = start();
    const site = await openStaffSite(ctx, { clock });
    await addStaff(site, { email: 'ada@example.com' });
    const browser = await signIn(site, 'ada@example.com');
    const whoAmI = () => asBrowser(site, browser, { url: '/api/admin/session' });

    clock.advance(11 * HOUR);
    const afterEleven = await whoAmI();
    clock.advance(11 * HOUR);
    const afterTwentyTwo = await whoAmI();
    clock.advance(12 * HOUR + 1000);
    const afterIdle = await whoAmI();

    assert.equal(afterEleven.statusCode, 200);
    assert.equal(afterTwentyTwo.statusCode, 200, 'the request at 11 hours extended the session');
    assert.equal(afterIdle.statusCode, 401);
    assert.equal(codeOf(afterIdle), 'SESSION_INVALID');
    const cleared = sessionCookie(afterIdle);
    assert.equal(cleared?.value, '', 'the dead cookie is cleared');
  });

  it('should answer who is signed in, with the CSRF token, and refuse that question to an API token', async (ctx) => {
    const site = await openStaffSite(ctx);
    await addStaff(site, { email: 'ada@example.com', name: 'Ada Lovelace' });
    const browser = await signIn(site, 'ada@example.com');

    const mine = await asBrowser(site, browser, { url: '/api/admin/session' });
    const token = await site.t.masthead.app.inject({ url: '/api/admin/session', headers: site.t.adminAuth });

    assert.equal(mine.statusCode, 200);
    assert.equal(mine.json().session.staff.name, 'Ada Lovelace');
    assert.equal(mine.json().session.csrf_token, browser.csrf);
    assert.equal(token.statusCode, 401);
    assert.equal(codeOf(token), 'STAFF_SESSION_REQUIRED');
  });

  it('should end only this session at logout, and every session of the account at logout everywhere', async (ctx) => {
    const site = await openStaffSite(ctx);
    await addStaff(site, { email: 'ada@example.com' });
    await addStaff(site, { email: 'grace@example.com' });
    const laptop = await signIn(site, 'ada@example.com');
    const phone = await signIn(site, 'ada@example.com');
    const grace = await signIn(site, 'grace@example.com');
    const isIn = async (browser: typeof laptop) =>
      (await asBrowser(site, browser, { url: '/api/admin/session' })).statusCode === 200;

    const logout = await asBrowser(site, laptop, { method: 'DELETE', url: '/api/admin/session' });
    const stillIn = { laptop: await isIn(laptop), phone: await isIn(phone) };
    const tablet = await signIn(site, 'ada@example.com');
    const everywhere = await asBrowser(site, phone, { method: 'DELETE', url: '/api/admin/sessions' });

    assert.equal(logout.statusCode, 204);
    assert.equal(sessionCookie(logout)?.value, '');
    assert.deepEqual(stillIn, { laptop: false, phone: true });
    assert.equal(everywhere.statusCode, 204);
    assert.equal(await isIn(phone), false);
    assert.equal(await isIn(tablet), false);
    assert.equal(await isIn(grace), true, "another person's session is untouched");
  });

  it('should end the sessions of an account when it is disabled', async (ctx) => {
    const site = await openStaffSite(ctx);
    await addStaff(site, { email: 'ada@example.com' });
    const grace = await addStaff(site, { email: 'grace@example.com', role: 'author' });
    const browser = await signIn(site, 'grace@example.com');

    await site.t.masthead.staff.disable(grace.id);

    assert.equal(codeOf(await asBrowser(site, browser, { url: '/api/admin/session' })), 'SESSION_INVALID');
  });

  it('should keep answering 401 TOKEN_MISSING when a request carries neither a token nor a session cookie', async (ctx) => {
    const site = await openStaffSite(ctx);

    const answer = await site.t.masthead.app.inject({ url: '/api/admin/articles' });

    assert.equal(answer.statusCode, 401);
    assert.equal(codeOf(answer), 'TOKEN_MISSING');
    assert.equal(STAFF_COOKIE, 'masthead_staff');
  });
});
