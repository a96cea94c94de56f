import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  asBrowser,
  type Browser,
  codeOf,
  openSuiteSite,
  PASSWORD,
  postLogin,
  type StaffSite,
  signIn,
  signInNew,
} from './staff-helpers.ts';

describe('Staff directory in the Admin API', () => {
  let site: StaffSite;
  let admin: Browser;
  let close: () => Promise<void>;
  const call = (method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, payload?: unknown) =>
    asBrowser(site, admin, { method, url, payload });
  const create = (item: Record<string, unknown>) => call('POST', '/api/admin/staff', { staff: [item] });

  before(async () => {
    ({ site, close } = await openSuiteSite());
    admin = await signInNew(site, 'ada@example.com', 'administrator');
  });
  after(() => close());

  it('should add an account that signs in at once, and show it without any secret', async () => {
    const created = await create({
      email: 'linus@example.com',
      name: 'Linus',
      role: 'author',
      password: PASSWORD,
    });
    const login = await postLogin(site, { email: 'linus@example.com', password: PASSWORD });

    assert.equal(created.statusCode, 201, created.body);
    const [json] = created.json().staff;
    assert.deepEqual(Object.keys(json).sort(), [
      'created_at',
      'disabled_at',
      'email',
      'id',
      'is_pending',
      'name',
      'role',
      'totp_enabled',
      'updated_at',
    ]);
    assert.equal(login.statusCode, 200);
  });

  it('should name the field when the input is wrong', async () => {
    const cases = [
      [{ email: 'nope', name: 'N', role: 'author', password: PASSWORD }, 'email'],
      [{ email: 'n1@example.com', name: 'N', role: 'chief', password: PASSWORD }, 'role'],
      [{ email: 'n2@example.com', name: '', role: 'author', password: PASSWORD }, 'name'],
      [{ email: 'n3@example.com', name: 'N', role: 'author', password: 'short' }, 'password'],
      [{ email: 'n4@example.com', name: 'N', role: 'author', password: 'x'.repeat(257) }, 'password'],
      [
        {
          email: 'longer.address@example.com',
          name: 'N',
          role: 'author',
          password: 'Longer.Address@example.com',
        },
        'password',
      ],
    ] as const;

    for (const [item, field] of cases) {
      const answer = await create(item);
      assert.equal(answer.statusCode, 422, `${field}: ${answer.body}`);
      assert.equal(answer.json().errors[0].field, field);
    }
  });

  it('should refuse a second account with the same address however it is typed (409 STAFF_EMAIL_TAKEN)', async () => {
    const answer = await create({
      email: ' ADA@example.com',
      name: 'Ada 2',
      role: 'author',
      password: PASSWORD,
    });

    assert.deepEqual([answer.statusCode, codeOf(answer)], [409, 'STAFF_EMAIL_TAKEN']);
  });

  it('should read one account, change its role, disable it and enable it again', async () => {
    const [margaret] = (
      await create({
        email: 'margaret@example.com',
        name: 'Margaret',
        role: 'contributor',
        password: PASSWORD,
      })
    ).json().staff;
    const url = `/api/admin/staff/${margaret.id}`;
    const session = await signIn(site, 'margaret@example.com');

    const read = await call('GET', url);
    const promoted = await call('PATCH', url, { staff: [{ role: 'editor', name: 'Margaret H.' }] });
    const disabled = await call('DELETE', url);
    const refused = await postLogin(site, { email: 'margaret@example.com', password: PASSWORD });
    const sessionAfter = await asBrowser(site, session, { url: '/api/admin/session' });
    const enabled = await call('PATCH', url, { staff: [{ disabled: false }] });

    assert.equal(read.json().staff[0].email, 'margaret@example.com');
    assert.deepEqual(
      [promoted.json().staff[0].role, promoted.json().staff[0].name],
      ['editor', 'Margaret H.'],
    );
    assert.equal(disabled.statusCode, 204);
    assert.equal(codeOf(refused), 'LOGIN_FAILED');
    assert.equal(codeOf(sessionAfter), 'SESSION_INVALID');
    assert.equal(enabled.json().staff[0].disabled_at, null);
    assert.equal(
      (await postLogin(site, { email: 'margaret@example.com', password: PASSWORD })).statusCode,
      200,
    );
  });

  it('should refuse to demote or disable the last administrator (409 LAST_ADMINISTRATOR)', async () => {
    const me = (await call('GET', '/api/admin/session')).json().session.staff;

    const demoted = await call('PATCH', `/api/admin/staff/${me.id}`, { staff: [{ role: 'editor' }] });
    const disabled = await call('DELETE', `/api/admin/staff/${me.id}`);

    assert.deepEqual([demoted.statusCode, codeOf(demoted)], [409, 'LAST_ADMINISTRATOR']);
    assert.deepEqual([disabled.statusCode, codeOf(disabled)], [409, 'LAST_ADMINISTRATOR']);
  });

  it('should answer 404 STAFF_NOT_FOUND for an unknown id', async () => {
    const answer = await call('GET', '/api/admin/staff/0190c3a4-0000-7000-8000-000000000000');
    const notAnId = await call('GET', '/api/admin/staff/not-an-id');

    assert.deepEqual([answer.statusCode, codeOf(answer)], [404, 'STAFF_NOT_FOUND']);
    assert.equal(codeOf(notAnId), 'STAFF_NOT_FOUND');
  });

  it('should record who added, re-roled and disabled staff in the audit log', async () => {
    const [person] = (
      await create({ email: 'audited@example.com', name: 'Audited', role: 'author', password: PASSWORD })
    ).json().staff;
    await call('PATCH', `/api/admin/staff/${person.id}`, { staff: [{ role: 'editor' }] });
    await call('DELETE', `/api/admin/staff/${person.id}`);

    const { entries } = await site.t.masthead.services.audit.list({ page: { page: 1, limit: 100 } });
    const mine = entries.filter((entry) => entry.target?.id === person.id);

    assert.deepEqual(mine.map((entry) => entry.action).sort(), [
      'staff.created',
      'staff.disabled',
      'staff.role_changed',
    ]);
    assert.ok(mine.every((entry) => entry.actor.label === 'ada@example.com'));
  });
});
