import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  asBrowser,
  type Browser,
  codeOf,
  openSuiteSite,
  type StaffSite,
  signInNew,
} from '../staff/staff-helpers.ts';

type TokenJson = { id: string; name: string; scope: string; created_at: string; secret?: string };

describe('API tokens in the Admin API', () => {
  let site: StaffSite;
  let admin: Browser;
  let editor: Browser;
  let close: () => Promise<void>;
  const call = (who: Browser, method: 'GET' | 'POST' | 'DELETE', url: string, payload?: unknown) =>
    asBrowser(site, who, { method, url: `/api/admin${url}`, payload });
  const create = (who: Browser, item: Record<string, unknown>) =>
    call(who, 'POST', '/tokens', { tokens: [item] });
  const withToken = (secret: string, method: 'GET' | 'POST', url: string, payload?: unknown) =>
    site.t.masthead.app.inject({
      method,
      url: `/api/admin${url}`,
      headers: { authorization: `Bearer ${secret}` },
      ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }),
    });

  before(async () => {
    ({ site, close } = await openSuiteSite());
    admin = await signInNew(site, 'ada@example.com', 'administrator');
    editor = await signInNew(site, 'eddie@example.com', 'editor');
  });
  after(() => close());

  it('should show the secret once when an administrator creates a token, and never in the list', async () => {
    const created = await create(admin, { name: 'Wire feed', scope: 'read' });
    const listed = await call(admin, 'GET', '/tokens');

    assert.equal(created.statusCode, 201, created.body);
    assert.equal(created.headers['cache-control'], 'no-store');
    const [token] = created.json().tokens as TokenJson[];
    assert.ok(token);
    assert.deepEqual(Object.keys(token).sort(), [
      'created_at',
      'id',
      'last_used_at',
      'name',
      'scope',
      'secret',
    ]);
    assert.equal(token.name, 'Wire feed');
    assert.equal(token.scope, 'read');
    assert.match(token.secret ?? '', /^mh_[A-Za-z0-9_-]{43}$/);
    assert.equal(listed.statusCode, 200);
    const mine = (listed.json().tokens as TokenJson[]).find((entry) => entry.id === token.id);
    assert.deepEqual(mine && Object.keys(mine).sort(), ['created_at', 'id', 'last_used_at', 'name', 'scope']);
    assert.ok(!listed.body.includes(token.secret ?? 'no secret'), 'the list leaks the secret');
  });

  it('should authenticate requests with the new token, and answer 401 once it is revoked', async () => {
    const created = await create(admin, { name: 'Publishing robot' });
    const [token] = created.json().tokens as TokenJson[];
    const secret = token?.secret ?? '';

    const read = await withToken(secret, 'GET', '/articles');
    const write = await withToken(secret, 'POST', '/tags', { tags: [{ name: 'Robots' }] });
    const used = (await call(admin, 'GET', '/tokens')).json().tokens as {
      id: string;
      last_used_at: string;
    }[];
    const revoked = await call(admin, 'DELETE', `/tokens/${token?.id}`);
    const afterwards = await withToken(secret, 'GET', '/articles');
    const listed = (await call(admin, 'GET', '/tokens')).json().tokens as TokenJson[];
    const again = await call(admin, 'DELETE', `/tokens/${token?.id}`);

    assert.equal(token?.scope, 'admin');
    assert.equal(read.statusCode, 200, read.body);
    assert.equal(write.statusCode, 201, write.body);
    assert.ok(used.find((entry) => entry.id === token?.id)?.last_used_at, 'last use not recorded');
    assert.equal(revoked.statusCode, 204, revoked.body);
    assert.equal(afterwards.statusCode, 401);
    assert.equal(codeOf(afterwards), 'TOKEN_INVALID');
    assert.ok(!listed.some((entry) => entry.id === token?.id), 'a revoked token is still listed');
    assert.equal(again.statusCode, 404);
  });

  it('should let a read-only token read and refuse it any write', async () => {
    const [token] = (await create(admin, { name: 'Reader', scope: 'read' })).json().tokens as TokenJson[];

    const read = await withToken(token?.secret ?? '', 'GET', '/articles');
    const write = await withToken(token?.secret ?? '', 'POST', '/tags', { tags: [{ name: 'Nope' }] });

    assert.equal(read.statusCode, 200);
    assert.equal(write.statusCode, 403);
    assert.equal(codeOf(write), 'TOKEN_READ_ONLY');
  });

  it('should refuse an editor with 403 FORBIDDEN_ROLE and create or revoke nothing', async () => {
    const [existing] = (await create(admin, { name: 'Kept' })).json().tokens as TokenJson[];
    const before = (await call(admin, 'GET', '/tokens')).json().tokens as TokenJson[];

    const answers = [
      await call(editor, 'GET', '/tokens'),
      await create(editor, { name: 'Sneaky' }),
      await call(editor, 'DELETE', `/tokens/${existing?.id}`),
    ];
    const afterwards = (await call(admin, 'GET', '/tokens')).json().tokens as TokenJson[];

    assert.deepEqual(
      answers.map((answer) => [answer.statusCode, codeOf(answer)]),
      [
        [403, 'FORBIDDEN_ROLE'],
        [403, 'FORBIDDEN_ROLE'],
        [403, 'FORBIDDEN_ROLE'],
      ],
    );
    assert.deepEqual(
      afterwards.map((entry) => entry.id),
      before.map((entry) => entry.id),
    );
  });

  it('should name the field when the input is wrong', async () => {
    const cases = [
      [{ tokens: [{ name: '' }] }, 'name'],
      [{ tokens: [{ name: 'x'.repeat(101) }] }, 'name'],
      [{ tokens: [{ name: 'Feed', scope: 'write' }] }, 'scope'],
      [{ tokens: [{ name: 'Feed', secret: 'mine' }] }, 'secret'],
      [{ name: 'Feed' }, 'tokens'],
    ] as const;

    for (const [payload, field] of cases) {
      const answer = await call(admin, 'POST', '/tokens', payload);
      assert.equal(answer.statusCode, 422, `${field}: ${answer.body}`);
      assert.equal(answer.json().errors[0].field, field, answer.body);
    }
    assert.equal((await call(admin, 'DELETE', '/tokens/not-an-id')).statusCode, 404);
  });

  it('should record who created and who revoked a token in the audit log', async () => {
    const [token] = (await create(admin, { name: 'Audited', scope: 'read' })).json().tokens as TokenJson[];
    await call(admin, 'DELETE', `/tokens/${token?.id}`);

    const entryFor = async (action: string) => {
      const answer = await call(admin, 'GET', `/audit?action=${action}&limit=100`);
      assert.equal(answer.statusCode, 200, answer.body);
      const entries = answer.json().audit_log as {
        actor: { kind: string; label: string };
        target: { type: string; id: string } | null;
        summary: Record<string, unknown>;
      }[];
      return entries.find((entry) => entry.target?.id === token?.id);
    };
    const created = await entryFor('token.created');
    const revoked = await entryFor('token.revoked');

    assert.deepEqual(created?.actor.label, 'ada@example.com');
    assert.deepEqual(created?.target, { type: 'token', id: token?.id });
    assert.deepEqual(created?.summary, { name: 'Audited', scope: 'read' });
    assert.deepEqual(revoked?.actor.label, 'ada@example.com');
    assert.ok(!JSON.stringify([created, revoked]).includes(token?.secret ?? 'no secret'));
  });
});
