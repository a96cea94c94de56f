import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createFixedClock } from './clock.ts';
import { deriveKey } from './secret.ts';
import { createSignedTokens } from './signed-token.ts';

const start = new Date('2026-03-02T09:00:00.000Z');
const key = deriveKey('a-site-secret-of-at-least-32-characters', 'reply-notifications');

describe('signed tokens', () => {
  it('should accept a token for its own purpose when nothing changed', () => {
    const tokens = createSignedTokens({ key, clock: createFixedClock(start) });

    const token = tokens.sign('reply-unsubscribe', 'reader@example.com');

    assert.deepEqual(tokens.check(token, 'reply-unsubscribe'), {
      status: 'valid',
      email: 'reader@example.com',
    });
  });

  it('should refuse a token when it is used for another purpose', () => {
    const tokens = createSignedTokens({ key, clock: createFixedClock(start) });

    const token = tokens.sign('reply-unsubscribe', 'reader@example.com');

    assert.deepEqual(tokens.check(token, 'reply-manage'), { status: 'invalid' });
    assert.deepEqual(tokens.check(token, 'comments-forget'), { status: 'invalid' });
  });

  it('should refuse a token when its payload, signature or key was changed', () => {
    const tokens = createSignedTokens({ key, clock: createFixedClock(start) });
    const token = tokens.sign('reply-manage', 'reader@example.com');
    const [payload, signature] = token.split('.') as [string, string];
    const otherPayload = Buffer.from(JSON.stringify({ p: 'reply-manage', e: 'victim@example.com' })).toString(
      'base64url',
    );
    const flipped = signature.replace(/.$/, (c) => (c === 'A' ? 'B' : 'A'));
    const otherKey = createSignedTokens({
      key: deriveKey('another-secret-of-at-least-32-chars!', 'x'),
      clock: createFixedClock(start),
    });

    for (const tampered of [
      `${otherPayload}.${signature}`,
      `${payload}.${flipped}`,
      `${payload}.${signature.slice(0, 10)}`,
      `${payload}.${signature}.extra`,
      payload,
      '',
      'x'.repeat(5000),
      otherKey.sign('reply-manage', 'reader@example.com'),
    ])
      assert.deepEqual(tokens.check(tampered, 'reply-manage'), { status: 'invalid' }, tampered.slice(0, 40));
    assert.deepEqual(tokens.check(undefined, 'reply-manage'), { status: 'invalid' });
    assert.deepEqual(tokens.check(['a', 'b'], 'reply-manage'), { status: 'invalid' });
  });

  it('should report a token expired when its lifetime has passed', () => {
    const clock = createFixedClock(start);
    const tokens = createSignedTokens({ key, clock });
    const token = tokens.sign('reply-confirm', 'reader@example.com', 48 * 3_600_000);

    clock.advance(48 * 3_600_000 - 1);
    const justBefore = tokens.check(token, 'reply-confirm');
    clock.advance(1);
    const atExpiry = tokens.check(token, 'reply-confirm');

    assert.equal(justBefore.status, 'valid');
    assert.deepEqual(atExpiry, { status: 'expired', email: 'reader@example.com' });
  });
});
