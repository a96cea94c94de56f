import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTestApp, type TestApp } from '../../test/helpers/test-app.ts';
import { createFixedClock } from '../lib/clock.ts';
import {
  type AppError,
  ForbiddenError,
  NotFoundError,
  UnauthorizedError,
  ValidationError,
} from '../lib/errors.ts';

async function rejectsWith(
  promise: Promise<unknown>,
  type: new (...args: never[]) => AppError,
  expected: { code: string; status: number; field?: string },
): Promise<void> {
  await assert.rejects(promise, (error: unknown) => {
    assert.ok(error instanceof type, `expected ${type.name}, got ${String(error)}`);
    assert.equal(error.code, expected.code);
    assert.equal(error.status, expected.status);
    if (expected.field !== undefined) assert.equal(error.field, expected.field);
    return true;
  });
}

describe('API token service', () => {
  let t: TestApp;
  const clock = createFixedClock(new Date('2026-03-02T09:00:00.000Z'));
  const tokens = () => t.masthead.services.tokens;
  const bearer = (secret: string) => `Bearer ${secret}`;

  before(async () => {
    t = await createTestApp({ clock });
  });
  after(() => t.close());

  it('should show the secret once and store only its hash when a token is created', async () => {
    const { token, secret } = await tokens().create({ name: 'Hash only' });

    const rows = await t.masthead.database.db
      .selectFrom('api_tokens')
      .selectAll()
      .where('id', '=', token.id)
      .execute();

    assert.match(secret, /^mh_[A-Za-z0-9_-]{43}$/);
    assert.equal(rows.length, 1);
    const stored = JSON.stringify(rows[0]);
    assert.ok(!stored.includes(secret), 'the secret is stored');
    assert.ok(!stored.includes(secret.slice(3)), 'the random part of the secret is stored');
    assert.match(String(rows[0]?.token_hash), /^[0-9a-f]{64}$/);
  });

  it('should never list a secret when tokens are listed', async () => {
    const { secret } = await tokens().create({ name: 'Listed' });

    const listed = await tokens().list();

    assert.ok(listed.some((token) => token.name === 'Listed'));
    assert.ok(!JSON.stringify(listed).includes(secret.slice(3)));
  });

  it('should give a different secret to each token when two are created with the same name', async () => {
    const first = await tokens().create({ name: 'Twin' });
    const second = await tokens().create({ name: 'Twin' });

    assert.notEqual(first.secret, second.secret);
  });

  it('should refuse with a field error when the name is empty or longer than 100 characters', async () => {
    await rejectsWith(tokens().create({ name: '   ' }), ValidationError, {
      code: 'FIELD_INVALID',
      status: 422,
      field: 'name',
    });
    await rejectsWith(tokens().create({ name: 'x'.repeat(101) }), ValidationError, {
      code: 'FIELD_INVALID',
      status: 422,
      field: 'name',
    });
  });

  it('should return the token when its secret is presented as a bearer token, in any case of "Bearer"', async () => {
    const { token, secret } = await tokens().create({ name: 'Presented' });

    const found = await tokens().authenticate({ header: `bearer ${secret}`, needs: 'admin' });

    assert.equal(found.id, token.id);
    assert.equal(found.scope, 'admin');
  });

  it('should refuse with TOKEN_MISSING when there is no bearer token', async () => {
    await rejectsWith(tokens().authenticate({ header: undefined, needs: 'read' }), UnauthorizedError, {
      code: 'TOKEN_MISSING',
      status: 401,
    });
    await rejectsWith(
      tokens().authenticate({ header: 'Basic dXNlcjpwYXNz', needs: 'read' }),
      UnauthorizedError,
      {
        code: 'TOKEN_MISSING',
        status: 401,
      },
    );
  });

  it('should refuse with TOKEN_INVALID when the secret is unknown', async () => {
    await rejectsWith(
      tokens().authenticate({ header: bearer('mh_not-a-real-token'), needs: 'read' }),
      UnauthorizedError,
      {
        code: 'TOKEN_INVALID',
        status: 401,
      },
    );
  });

  it('should refuse with TOKEN_INVALID when the token has been revoked', async () => {
    const { token, secret } = await tokens().create({ name: 'Revoked' });

    await tokens().revoke(token.id);

    await rejectsWith(tokens().authenticate({ header: bearer(secret), needs: 'read' }), UnauthorizedError, {
      code: 'TOKEN_INVALID',
      status: 401,
    });
    assert.deepEqual((await tokens().list()).find((x) => x.id === token.id)?.revokedAt, clock.now());
  });

  it('should report TOKEN_NOT_FOUND when a token is revoked twice or does not exist', async () => {
    const { token } = await tokens().create({ name: 'Revoked twice' });
    await tokens().revoke(token.id);

    await rejectsWith(tokens().revoke(token.id), NotFoundError, { code: 'TOKEN_NOT_FOUND', status: 404 });
    await rejectsWith(tokens().revoke('not-a-uuid'), NotFoundError, { code: 'TOKEN_NOT_FOUND', status: 404 });
  });

  it('should refuse with ForbiddenError TOKEN_READ_ONLY when a read token asks to write', async () => {
    const { secret } = await tokens().create({ name: 'Reader', scope: 'read' });

    await rejectsWith(tokens().authenticate({ header: bearer(secret), needs: 'admin' }), ForbiddenError, {
      code: 'TOKEN_READ_ONLY',
      status: 403,
    });
  });

  it('should let a read token read and an admin token read when reading is all that is needed', async () => {
    const reader = await tokens().create({ name: 'Reader only', scope: 'read' });
    const admin = await tokens().create({ name: 'Admin reads too' });

    assert.equal(
      (await tokens().authenticate({ header: bearer(reader.secret), needs: 'read' })).id,
      reader.token.id,
    );
    assert.equal(
      (await tokens().authenticate({ header: bearer(admin.secret), needs: 'read' })).id,
      admin.token.id,
    );
  });

  it('should record when a token was last used, at most once a minute', async () => {
    const { token, secret } = await tokens().create({ name: 'Touched' });
    const lastUsed = async () => (await tokens().list()).find((x) => x.id === token.id)?.lastUsedAt;
    const firstUse = clock.now();

    await tokens().authenticate({ header: bearer(secret), needs: 'read' });
    clock.advance(30_000);
    await tokens().authenticate({ header: bearer(secret), needs: 'read' });
    const afterTwoUses = await lastUsed();
    clock.advance(31_000);
    await tokens().authenticate({ header: bearer(secret), needs: 'read' });

    assert.deepEqual(afterTwoUses, firstUse);
    assert.deepEqual(await lastUsed(), clock.now());
  });
});
