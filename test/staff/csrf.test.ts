import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  asBrowser,
  type Browser,
  codeOf,
  openSuiteSite,
  type StaffSite,
  signInNew,
} from './staff-helpers.ts';

describe('Staff sessions on the Admin API: CSRF and who may call what', () => {
  let site: StaffSite;
  let ada: Browser;
  let grace: Browser;
  let close: () => Promise<void>;
  const tag = (name: string) => ({ tags: [{ name }] });
  const tagNames = async () =>
    (await site.t.masthead.app.inject({ url: '/api/admin/tags?limit=100', headers: site.t.adminAuth }))
      .json()
      .tags.map((t: { name: string }) => t.name);

  before(async () => {
    ({ site, close } = await openSuiteSite());
    ada = await signInNew(site, 'ada@example.com', 'administrator');
    grace = await signInNew(site, 'grace@example.com', 'editor');
  });
  after(() => close());

  it('should refuse 403 CSRF_INVALID when a cookie-authenticated write carries no X-CSRF-Token', async () => {
    const answer = await asBrowser(
      site,
      { cookie: ada.cookie },
      { method: 'POST', url: '/api/admin/tags', payload: tag('No header') },
    );

    assert.equal(answer.statusCode, 403);
    assert.equal(codeOf(answer), 'CSRF_INVALID');
    assert.ok(!(await tagNames()).includes('No header'));
  });

  it("should refuse 403 CSRF_INVALID when the header is wrong or belongs to another person's session", async () => {
    const wrong = await asBrowser(
      site,
      { cookie: ada.cookie, csrf: 'x'.repeat(43) },
      { method: 'POST', url: '/api/admin/tags', payload: tag('Wrong token') },
    );
    const borrowed = await asBrowser(
      site,
      { cookie: ada.cookie, csrf: grace.csrf },
      { method: 'POST', url: '/api/admin/tags', payload: tag('Borrowed token') },
    );

    assert.deepEqual([wrong.statusCode, codeOf(wrong)], [403, 'CSRF_INVALID']);
    assert.deepEqual([borrowed.statusCode, codeOf(borrowed)], [403, 'CSRF_INVALID']);
    assert.ok(!(await tagNames()).includes('Borrowed token'));
  });

  it('should refuse logout without the CSRF token, so that another site cannot sign a person out', async () => {
    const answer = await asBrowser(
      site,
      { cookie: ada.cookie },
      { method: 'DELETE', url: '/api/admin/session' },
    );

    assert.equal(codeOf(answer), 'CSRF_INVALID');
    assert.equal((await asBrowser(site, ada, { url: '/api/admin/session' })).statusCode, 200);
  });

  it("should accept the write when the header carries the session's token", async () => {
    const answer = await asBrowser(site, ada, {
      method: 'POST',
      url: '/api/admin/tags',
      payload: tag('With token'),
    });

    assert.equal(answer.statusCode, 201, answer.body);
    assert.ok((await tagNames()).includes('With token'));
  });

  it('should read with the cookie alone: reads change nothing and need no CSRF token', async () => {
    const answer = await asBrowser(site, { cookie: ada.cookie }, { url: '/api/admin/tags' });

    assert.equal(answer.statusCode, 200);
  });

  it('should need no CSRF token when the request carries a Bearer token, even alongside a session cookie', async () => {
    const answer = await site.t.masthead.app.inject({
      method: 'POST',
      url: '/api/admin/tags',
      headers: { ...site.t.adminAuth, cookie: ada.cookie },
      payload: tag('Bearer write'),
    });

    assert.equal(answer.statusCode, 201, answer.body);
  });

  it('should sign in without a CSRF token: there is no session to protect yet', async () => {
    const answer = await site.t.masthead.app.inject({
      method: 'POST',
      url: '/api/admin/session',
      headers: { cookie: ada.cookie },
      payload: { email: 'grace@example.com', password: 'not the password at all' },
    });

    assert.equal(codeOf(answer), 'LOGIN_FAILED');
  });

  it('should let an administrator manage staff and refuse it to an editor with 403 FORBIDDEN_ROLE', async () => {
    const asAdmin = await asBrowser(site, ada, { url: '/api/admin/staff' });
    const asEditor = await asBrowser(site, grace, { url: '/api/admin/staff' });
    const editorInvites = await asBrowser(site, grace, {
      method: 'POST',
      url: '/api/admin/invitations',
      payload: { invitations: [{ email: 'new@example.com', role: 'administrator' }] },
    });

    assert.equal(asAdmin.statusCode, 200);
    assert.deepEqual(
      asAdmin
        .json()
        .staff.map((s: { email: string }) => s.email)
        .sort(),
      ['ada@example.com', 'grace@example.com'],
    );
    assert.deepEqual([asEditor.statusCode, codeOf(asEditor)], [403, 'FORBIDDEN_ROLE']);
    assert.deepEqual([editorInvites.statusCode, codeOf(editorInvites)], [403, 'FORBIDDEN_ROLE']);
  });

  it('should refuse the staff list to a read-only token and allow it to an admin token', async () => {
    const read = await site.t.masthead.app.inject({ url: '/api/admin/staff', headers: site.t.readAuth });
    const admin = await site.t.masthead.app.inject({ url: '/api/admin/staff', headers: site.t.adminAuth });

    assert.equal(read.statusCode, 403);
    assert.equal(admin.statusCode, 200);
  });
});
