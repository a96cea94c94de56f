import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { accountKey, ipKey, lockSecondsAfter } from './login-backoff.ts';

describe('login backoff keys and locks', () => {
  it('should lock from the fifth failure for 1, 2, 4 … seconds and never for more than 15 minutes', () => {
    assert.deepEqual([1, 4, 5, 6, 7, 14, 15, 30].map(lockSecondsAfter), [0, 0, 1, 2, 4, 512, 900, 900]);
  });

  it('should key an account by its address as typed, trimmed and lower-cased, whether it exists or not', () => {
    assert.equal(accountKey('  Ada@Example.COM '), 'account:ada@example.com');
  });

  it('should key IPv4 as is, IPv4-mapped IPv6 as IPv4, and IPv6 by its /64', () => {
    assert.equal(ipKey('192.0.2.1'), 'ip:192.0.2.1');
    assert.equal(ipKey('::ffff:192.0.2.1'), 'ip:192.0.2.1');
    assert.equal(ipKey('2001:db8:1:2::7'), 'ip:2001:db8:1:2::/64');
    assert.equal(ipKey('2001:0DB8:0001:0002:ffff:1:2:3'), 'ip:2001:db8:1:2::/64');
    assert.equal(ipKey('::1'), 'ip:0:0:0:0::/64');
    assert.equal(ipKey('2001:db8::'), 'ip:2001:db8:0:0::/64');
  });
});
