import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTestApp, type TestApp } from '../../test/helpers/test-app.ts';
import { DEMO_ADMIN_EMAIL, ensureDemoAdministrator } from './demo-staff.ts';

describe('the demo administrator', () => {
  let t: TestApp;
  before(async () => {
    t = await createTestApp();
  });
  after(() => t.close());

  it('should be added once to a newsroom without staff, with a password that signs in', async () => {
    const login = await ensureDemoAdministrator(t.masthead.staff);

    assert.ok(login);
    assert.equal(login.email, DEMO_ADMIN_EMAIL);
    assert.ok(login.password.length >= 16);
    const signedIn = await t.masthead.app.inject({
      method: 'POST',
      url: '/api/admin/session',
      payload: { email: login.email, password: login.password },
    });
    assert.equal(signedIn.statusCode, 200, signedIn.body);
    assert.equal(signedIn.json().session.staff.role, 'administrator');
    assert.equal(await ensureDemoAdministrator(t.masthead.staff), null);
  });
});
