import assert from 'node:assert/strict';
import { type Actor, runAs, type StaffRole, staffRoles, systemActor } from '../../src/auth/actor.ts';
import type { TestApp } from '../helpers/test-app.ts';

export type StaffActor = Extract<Actor, { kind: 'staff' }>;

/** A signed-in staff member: who they are to the services, and the headers their browser sends. */
export type SignedIn = { actor: StaffActor; headers: Record<string, string> };

const PASSWORD = 'a long enough passphrase for tests';

/**
 * One staff account of each role, added as the CLI does and signed in at `POST /api/admin/session`:
 * each answers the session cookie and CSRF token to send, and the actor the services see.
 *
 * @example
 * const staff = await signInEachRole(t);
 * await t.masthead.app.inject({ method: 'POST', url: '/api/admin/tags', headers: staff.author.headers, payload });
 */
export async function signInEachRole(t: TestApp): Promise<Record<StaffRole, SignedIn>> {
  const signedIn: Partial<Record<StaffRole, SignedIn>> = {};
  for (const role of staffRoles) {
    const email = `${role}@news.example`;
    const user = await runAs(systemActor, () =>
      t.masthead.staff.create({ email, name: `The ${role}`, role, password: PASSWORD }),
    );
    const res = await t.masthead.app.inject({
      method: 'POST',
      url: '/api/admin/session',
      payload: { email, password: PASSWORD },
    });
    assert.equal(res.statusCode, 200, res.body);
    const cookie = res.cookies.find((c) => c.name === 'masthead_staff');
    assert.ok(cookie, 'no session cookie was set');
    signedIn[role] = {
      actor: { kind: 'staff', id: user.id, role, email },
      headers: { cookie: `masthead_staff=${cookie.value}`, 'x-csrf-token': res.json().session.csrf_token },
    };
  }
  return signedIn as Record<StaffRole, SignedIn>;
}
