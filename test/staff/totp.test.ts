import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createFixedClock } from '../../src/lib/clock.ts';
import {
  addStaff,
  asBrowser,
  type Browser,
  codeOf,
  openStaffSite,
  PASSWORD,
  postLogin,
  type StaffSite,
  signIn,
  totpCode,
} from './staff-helpers.ts';

const STEP = 30_000;

/** Ada, signed in, with two-factor sign-in enrolled and confirmed; answers her base32 secret. */
async function withTotp(ctx: Parameters<typeof openStaffSite>[0]) {
  const clock = createFixedClock(new Date('2026-03-02T09:00:00.000Z'));
  const site = await openStaffSite(ctx, { clock });
  await site.t.masthead.services.settings.update({ title: 'Harbour Herald' });
  await addStaff(site, { email: 'ada@example.com' });
  const browser = await signIn(site, 'ada@example.com');
  const enrolled = await asBrowser(site, browser, { method: 'POST', url: '/api/admin/session/totp' });
  assert.equal(enrolled.statusCode, 200, enrolled.body);
  const { secret, uri } = enrolled.json().totp;
  const confirmed = await asBrowser(site, browser, {
    method: 'POST',
    url: '/api/admin/session/totp/confirm',
    payload: { code: totpCode(secret, clock.now()) },
  });
  assert.equal(confirmed.statusCode, 200, confirmed.body);
  clock.advance(STEP);
  return { site, clock, browser, secret: secret as string, uri: uri as string };
}

const login = (site: StaffSite, body: Record<string, unknown>) =>
  postLogin(site, { email: 'ada@example.com', password: PASSWORD, ...body });

describe('Staff sign-in: TOTP two-factor', () => {
  it('should enrol with a secret and an otpauth URI, and require nothing more until a code confirms it', async (ctx) => {
    const site = await openStaffSite(ctx);
    await site.t.masthead.services.settings.update({ title: 'Harbour Herald' });
    await addStaff(site, { email: 'ada@example.com' });
    const browser = await signIn(site, 'ada@example.com');

    const enrolled = await asBrowser(site, browser, { method: 'POST', url: '/api/admin/session/totp' });
    const { secret, uri } = enrolled.json().totp;
    const stillPasswordOnly = await postLogin(site, { email: 'ada@example.com', password: PASSWORD });

    assert.match(secret, /^[A-Z2-7]{32}$/);
    const url = new URL(uri);
    assert.equal(url.protocol, 'otpauth:');
    assert.equal(url.host, 'totp');
    assert.equal(decodeURIComponent(url.pathname), '/Harbour Herald:ada@example.com');
    assert.equal(url.searchParams.get('secret'), secret);
    assert.equal(url.searchParams.get('issuer'), 'Harbour Herald');
    assert.equal(stillPasswordOnly.statusCode, 200);
  });

  it('should refuse to confirm with a wrong code (422 TOTP_INVALID) and keep two-factor off', async (ctx) => {
    const site = await openStaffSite(ctx);
    await addStaff(site, { email: 'ada@example.com' });
    const browser = await signIn(site, 'ada@example.com');
    await asBrowser(site, browser, { method: 'POST', url: '/api/admin/session/totp' });

    const wrong = await asBrowser(site, browser, {
      method: 'POST',
      url: '/api/admin/session/totp/confirm',
      payload: { code: '000000' },
    });
    const session = await asBrowser(site, browser, { url: '/api/admin/session' });

    assert.equal(wrong.statusCode, 422);
    assert.equal(codeOf(wrong), 'TOTP_INVALID');
    assert.equal(wrong.json().errors[0].field, 'code');
    assert.equal(session.json().session.staff.totp_enabled, false);
  });

  it('should ask for the code (401 TOTP_REQUIRED) once the password is right, and sign in with it', async (ctx) => {
    const { site, clock, secret } = await withTotp(ctx);

    const withoutCode = await login(site, {});
    const withCode = await login(site, { totp: totpCode(secret, clock.now()) });

    assert.equal(withoutCode.statusCode, 401);
    assert.equal(codeOf(withoutCode), 'TOTP_REQUIRED');
    assert.equal(withCode.statusCode, 200, withCode.body);
    assert.equal(withCode.json().session.staff.totp_enabled, true);
  });

  it('should answer a wrong code, a reused code and a right code with a wrong password like a wrong password', async (ctx) => {
    const { site, clock, secret } = await withTotp(ctx);
    const wrongPassword = await login(site, { password: 'not the password at all' });
    const code = totpCode(secret, clock.now());

    const wrongCode = await login(site, { totp: code === '123456' ? '654321' : '123456' });
    const rightCodeWrongPassword = await login(site, { password: 'not the password at all', totp: code });
    const first = await login(site, { totp: code });
    const replayed = await login(site, { totp: code });

    for (const answer of [wrongCode, rightCodeWrongPassword, replayed]) {
      assert.equal(answer.statusCode, 401);
      assert.equal(answer.body, wrongPassword.body);
    }
    assert.equal(first.statusCode, 200);
  });

  it('should allow one time step of clock drift, and refuse a code two steps old', async (ctx) => {
    const { site, clock, secret } = await withTotp(ctx);
    const at = (steps: number) => new Date(clock.now().getTime() + steps * STEP);

    const aheadByOne = await login(site, { totp: totpCode(secret, at(1)) });
    clock.advance(4 * STEP);
    const twoStepsOld = await login(site, { totp: totpCode(secret, at(-2)) });
    const oneStepOld = await login(site, { totp: totpCode(secret, at(-1)) });

    assert.equal(aheadByOne.statusCode, 200);
    assert.equal(codeOf(twoStepsOld), 'LOGIN_FAILED');
    assert.equal(oneStepOld.statusCode, 200);
  });

  it('should not count asking for the code as a failed sign-in', async (ctx) => {
    const { site } = await withTotp(ctx);

    const answers = [];
    for (let i = 0; i < 8; i += 1) answers.push(codeOf(await login(site, {})));

    assert.deepEqual(answers, Array(8).fill('TOTP_REQUIRED'));
  });

  it('should store the TOTP secret encrypted', async (ctx) => {
    const { site, secret } = await withTotp(ctx);

    const row = await site.t.masthead.database.db
      .selectFrom('staff_users')
      .select('totp_secret')
      .where('email', '=', 'ada@example.com')
      .executeTakeFirstOrThrow();

    assert.match(String(row.totp_secret), /^v1\./);
    assert.ok(!String(row.totp_secret).includes(secret));
  });

  it('should refuse to turn two-factor off without the password, and turn it off with it', async (ctx) => {
    const { site, browser } = await withTotp(ctx);
    const off = (b: Browser, password: string) =>
      asBrowser(site, b, { method: 'DELETE', url: '/api/admin/session/totp', payload: { password } });

    const wrong = await off(browser, 'not the password at all');
    const stillOn = await login(site, {});
    const right = await off(browser, PASSWORD);
    const passwordOnly = await login(site, {});

    assert.deepEqual([wrong.statusCode, codeOf(wrong)], [422, 'PASSWORD_INCORRECT']);
    assert.equal(codeOf(stillOn), 'TOTP_REQUIRED');
    assert.equal(right.statusCode, 200);
    assert.equal(right.json().staff[0].totp_enabled, false);
    assert.equal(passwordOnly.statusCode, 200);
  });

  it('should refuse a second enrolment while two-factor is on (409 TOTP_ALREADY_ENABLED)', async (ctx) => {
    const { site, browser } = await withTotp(ctx);

    const again = await asBrowser(site, browser, { method: 'POST', url: '/api/admin/session/totp' });

    assert.deepEqual([again.statusCode, codeOf(again)], [409, 'TOTP_ALREADY_ENABLED']);
  });
});
