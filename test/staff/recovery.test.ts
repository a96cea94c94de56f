import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createFixedClock } from '../../src/lib/clock.ts';
import {
  addStaff,
  asBrowser,
  codeOf,
  mailedToken,
  openStaffSite,
  PASSWORD,
  postLogin,
  type StaffSite,
  signIn,
} from './staff-helpers.ts';

const NEW_PASSWORD = 'a brand new passphrase';
const HOUR = 3_600_000;
const RESET = '/admin/reset-password';
const INVITATION = '/admin/invitation';

const start = () => createFixedClock(new Date('2026-03-02T09:00:00.000Z'));
const post = (site: StaffSite, url: string, payload: unknown) =>
  site.t.masthead.app.inject({ method: 'POST', url, payload: payload as Record<string, unknown> });
const requestReset = (site: StaffSite, email: string) => post(site, '/api/admin/password-resets', { email });
const reset = (site: StaffSite, token: string, password: string) =>
  post(site, `/api/admin/password-resets/${token}`, { password });

describe('Staff password reset by email', () => {
  it('should answer 202 with the same body for a staff address and an unknown one, and mail only the staff member', async (ctx) => {
    const site = await openStaffSite(ctx);
    await site.t.masthead.services.settings.update({ title: 'Harbour Herald' });
    await addStaff(site, { email: 'ada@example.com' });

    const known = await requestReset(site, 'ada@example.com');
    const unknown = await requestReset(site, 'nobody@example.com');
    await site.t.masthead.deliverMail();
    const mail = await site.smtp.waitForMail((m) => m.envelope.to.includes('ada@example.com'));

    assert.equal(known.statusCode, 202);
    assert.equal(unknown.statusCode, 202);
    assert.equal(known.body, unknown.body);
    assert.equal(mail.parsed.subject, 'Reset your password for Harbour Herald');
    assert.match(
      mail.parsed.text ?? '',
      /https:\/\/news\.example\/admin\/reset-password#token=[A-Za-z0-9_-]{43}/,
    );
    assert.ok(!site.smtp.messages.some((m) => m.envelope.to.includes('nobody@example.com')));
  });

  it('should set the new password through the link, end every session, and refuse the link a second time', async (ctx) => {
    const site = await openStaffSite(ctx);
    await addStaff(site, { email: 'ada@example.com' });
    const browser = await signIn(site, 'ada@example.com');
    await requestReset(site, 'ada@example.com');
    const token = await mailedToken(site, 'ada@example.com', RESET);

    const done = await reset(site, token, NEW_PASSWORD);
    const again = await reset(site, token, 'yet another passphrase');

    assert.equal(done.statusCode, 204, done.body);
    assert.equal(codeOf(await asBrowser(site, browser, { url: '/api/admin/session' })), 'SESSION_INVALID');
    assert.equal(
      codeOf(await postLogin(site, { email: 'ada@example.com', password: PASSWORD })),
      'LOGIN_FAILED',
    );
    assert.equal(
      (await postLogin(site, { email: 'ada@example.com', password: NEW_PASSWORD })).statusCode,
      200,
    );
    assert.deepEqual([again.statusCode, codeOf(again)], [410, 'LINK_USED']);
  });

  it('should refuse a link older than an hour with 410 LINK_EXPIRED', async (ctx) => {
    const clock = start();
    const site = await openStaffSite(ctx, { clock });
    await addStaff(site, { email: 'ada@example.com' });
    await requestReset(site, 'ada@example.com');
    const token = await mailedToken(site, 'ada@example.com', RESET);

    clock.advance(HOUR + 1000);
    const late = await reset(site, token, NEW_PASSWORD);

    assert.deepEqual([late.statusCode, codeOf(late)], [410, 'LINK_EXPIRED']);
  });

  it('should refuse a password that breaks the rules and keep the link usable', async (ctx) => {
    const site = await openStaffSite(ctx);
    await addStaff(site, { email: 'ada@example.com' });
    await requestReset(site, 'ada@example.com');
    const token = await mailedToken(site, 'ada@example.com', RESET);

    const short = await reset(site, token, 'too short');
    const email = await reset(site, token, 'ADA@example.com');
    const good = await reset(site, token, NEW_PASSWORD);

    assert.deepEqual(
      [short.statusCode, codeOf(short), short.json().errors[0].field],
      [422, 'PASSWORD_TOO_SHORT', 'password'],
    );
    assert.equal(codeOf(email), 'PASSWORD_IS_EMAIL');
    assert.equal(good.statusCode, 204);
  });

  it('should refuse a made-up link and a link replaced by a newer one with 404 LINK_INVALID', async (ctx) => {
    const site = await openStaffSite(ctx);
    await addStaff(site, { email: 'ada@example.com' });
    await requestReset(site, 'ada@example.com');
    const older = await mailedToken(site, 'ada@example.com', RESET);
    await requestReset(site, 'ada@example.com');
    const newer = await mailedToken(site, 'ada@example.com', RESET);

    const madeUp = await reset(site, 'A'.repeat(43), NEW_PASSWORD);
    const replaced = await reset(site, older, NEW_PASSWORD);

    assert.notEqual(older, newer);
    assert.deepEqual([madeUp.statusCode, codeOf(madeUp)], [404, 'LINK_INVALID']);
    assert.deepEqual([replaced.statusCode, codeOf(replaced)], [404, 'LINK_INVALID']);
  });
});

describe('Staff invitations by email', () => {
  async function invite(site: StaffSite, email: string, role = 'editor') {
    const admin = await signIn(site, 'ada@example.com');
    return asBrowser(site, admin, {
      method: 'POST',
      url: '/api/admin/invitations',
      payload: { invitations: [{ email, role }] },
    });
  }

  it('should mail a link that sets the name and password once, after which the invitee signs in with the role', async (ctx) => {
    const site = await openStaffSite(ctx);
    await site.t.masthead.services.settings.update({ title: 'Harbour Herald' });
    await addStaff(site, { email: 'ada@example.com' });

    const invited = await invite(site, 'Grace@Example.com', 'editor');
    const beforeAccepting = await postLogin(site, { email: 'grace@example.com', password: NEW_PASSWORD });
    const token = await mailedToken(site, 'grace@example.com', INVITATION);
    const mail = site.smtp.messages.find((m) => m.envelope.to.includes('grace@example.com'));
    const accepted = await post(site, `/api/admin/invitations/${token}`, {
      name: 'Grace Hopper',
      password: NEW_PASSWORD,
    });
    const again = await post(site, `/api/admin/invitations/${token}`, {
      name: 'Mallory',
      password: 'mallory mallory',
    });
    const grace = await signIn(site, 'grace@example.com', { password: NEW_PASSWORD });

    assert.equal(invited.statusCode, 201, invited.body);
    assert.equal(invited.json().invitations[0].email, 'grace@example.com');
    assert.equal(invited.json().invitations[0].expires_at.length > 0, true);
    assert.equal(codeOf(beforeAccepting), 'LOGIN_FAILED');
    assert.equal(mail?.parsed.subject, 'You are invited to the newsroom of Harbour Herald');
    assert.match(mail?.parsed.text ?? '', /as Editor\./);
    assert.equal(accepted.statusCode, 200, accepted.body);
    assert.deepEqual([again.statusCode, codeOf(again)], [410, 'LINK_USED']);
    const me = grace.answer.json().session.staff;
    assert.deepEqual([me.name, me.role, me.is_pending], ['Grace Hopper', 'editor', false]);
  });

  it('should refuse an invitation link after 7 days with 410 LINK_EXPIRED', async (ctx) => {
    const clock = start();
    const site = await openStaffSite(ctx, { clock });
    await addStaff(site, { email: 'ada@example.com' });
    await invite(site, 'grace@example.com');
    const token = await mailedToken(site, 'grace@example.com', INVITATION);

    clock.advance(7 * 24 * HOUR + 1000);
    const late = await post(site, `/api/admin/invitations/${token}`, {
      name: 'Grace Hopper',
      password: NEW_PASSWORD,
    });

    assert.deepEqual([late.statusCode, codeOf(late)], [410, 'LINK_EXPIRED']);
  });

  it('should refuse to invite an address that already has an account (409 STAFF_EMAIL_TAKEN)', async (ctx) => {
    const site = await openStaffSite(ctx);
    await addStaff(site, { email: 'ada@example.com' });

    const answer = await invite(site, 'ada@example.com');

    assert.deepEqual(
      [answer.statusCode, codeOf(answer), answer.json().errors[0].field],
      [409, 'STAFF_EMAIL_TAKEN', 'email'],
    );
  });
});
