import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTestApp, type TestApp } from '../../test/helpers/test-app.ts';
import { createFixedClock } from '../lib/clock.ts';
import { NotFoundError } from '../lib/errors.ts';
import {
  createSuppressionService,
  type SuppressionService,
  suppressionInputSchema,
} from './suppression-service.ts';

describe('suppression service', () => {
  let t: TestApp;
  let suppressions: SuppressionService;
  const clock = createFixedClock(new Date('2026-03-01T08:00:00Z'));

  before(async () => {
    t = await createTestApp();
    suppressions = createSuppressionService({ database: t.masthead.database, clock });
  });
  after(() => t.close());

  it('should store the address normalised and keep the first date when the same event comes twice', async () => {
    const first = await suppressions.add({
      email: ' Gone@Example.ORG ',
      reason: 'bounced',
      detail: '550 5.1.1',
    });
    clock.advance(1000);

    const again = await suppressions.add({
      email: 'gone@example.org',
      reason: 'bounced',
      detail: '550 5.1.1',
    });

    assert.equal(first.email, 'gone@example.org');
    assert.deepEqual(again, first);
    assert.equal((await suppressions.list({ page: 1, limit: 50 })).pagination.total, 1);
  });

  it('should replace an unsubscribe with a bounce or complaint but never the reverse', async () => {
    await suppressions.add({ email: 'left@example.org', reason: 'unsubscribed' });

    const complained = await suppressions.add({
      email: 'left@example.org',
      reason: 'complained',
      detail: 'abuse',
    });
    const stillComplained = await suppressions.add({ email: 'left@example.org', reason: 'unsubscribed' });

    assert.equal(complained.reason, 'complained');
    assert.equal(stillComplained.reason, 'complained');
    assert.equal(stillComplained.detail, 'abuse');
  });

  it('should tell which addresses are suppressed among many when asked in any case', async () => {
    const many = Array.from({ length: 2500 }, (_, i) => `reader${i}@example.org`);

    const found = await suppressions.suppressedAmong(t.masthead.database.db, [
      ...many,
      'GONE@example.org',
      'left@example.org',
    ]);

    assert.deepEqual([...found].sort(), ['gone@example.org', 'left@example.org']);
  });

  it('should let the address receive mail again when it is removed, and 404 when it is not listed', async () => {
    await suppressions.add({ email: 'fixed@example.org', reason: 'bounced' });

    await suppressions.remove('Fixed@example.org');

    assert.equal(await suppressions.get('fixed@example.org'), undefined);
    await assert.rejects(suppressions.remove('fixed@example.org'), NotFoundError);
  });

  it('should refuse a webhook body whose email holds a line break or two addresses', () => {
    for (const email of [
      'a@example.org\r\nBcc: b@example.org',
      'a@example.org, b@example.org',
      'a@example.org\n',
    ]) {
      assert.equal(suppressionInputSchema.safeParse({ email, reason: 'bounced' }).success, false, email);
    }
    assert.equal(
      suppressionInputSchema.safeParse({ email: `${'a'.repeat(250)}@example.org`, reason: 'bounced' })
        .success,
      false,
    );
    assert.equal(
      suppressionInputSchema.safeParse({ email: 'a@example.org', reason: 'bored' }).success,
      false,
    );
    assert.deepEqual(suppressionInputSchema.parse({ email: ' A@Example.org ', reason: 'complained' }), {
      email: 'a@example.org',
      reason: 'complained',
    });
  });
});
