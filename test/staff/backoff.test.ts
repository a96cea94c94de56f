import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createFixedClock } from '../../src/lib/clock.ts';
import {
  type Answer,
  addStaff,
  codeOf,
  openStaffSite,
  PASSWORD,
  postLogin,
  type StaffSite,
} from './staff-helpers.ts';

const start = () => createFixedClock(new Date('2026-03-02T09:00:00.000Z'));
const WRONG = 'not the password at all';
/** A different client address for each attempt, so that only the account's count matters. */
let nextIp = 1;
const freshIp = () => `198.51.100.${nextIp++ % 250}`;

const summary = (answer: Answer) => ({
  status: answer.statusCode,
  code: codeOf(answer),
  retryAfter: answer.headers['retry-after'],
});

async function fail(site: StaffSite, email: string, ip = freshIp()) {
  return postLogin(site, { email, password: WRONG }, { ip });
}

describe('Staff sign-in: brute-force backoff', () => {
  it('should lock an account after 5 failures for 1 second, then 2, 4 … seconds, with Retry-After', async (ctx) => {
    const clock = start();
    const site = await openStaffSite(ctx, { clock });
    await addStaff(site, { email: 'ada@example.com' });

    const firstFive = [];
    for (let i = 0; i < 5; i += 1) firstFive.push(summary(await fail(site, 'ada@example.com')));
    const lockedEvenWithTheRightPassword = await postLogin(
      site,
      { email: 'ada@example.com', password: PASSWORD },
      { ip: freshIp() },
    );
    clock.advance(1000);
    const sixth = summary(await fail(site, 'ada@example.com'));
    const lockedForTwo = summary(await fail(site, 'ada@example.com'));
    clock.advance(2000);
    const seventh = summary(await fail(site, 'ada@example.com'));
    const lockedForFour = summary(await fail(site, 'ada@example.com'));

    assert.deepEqual(
      firstFive.map((s) => s.code),
      Array(5).fill('LOGIN_FAILED'),
    );
    assert.deepEqual(summary(lockedEvenWithTheRightPassword), {
      status: 429,
      code: 'LOGIN_LOCKED',
      retryAfter: '1',
    });
    assert.equal(sixth.code, 'LOGIN_FAILED');
    assert.deepEqual(lockedForTwo, { status: 429, code: 'LOGIN_LOCKED', retryAfter: '2' });
    assert.equal(seventh.code, 'LOGIN_FAILED');
    assert.deepEqual(lockedForFour, { status: 429, code: 'LOGIN_LOCKED', retryAfter: '4' });
  });

  it('should answer exactly the same, step by step, for an unknown address as for a known one', async (ctx) => {
    const clock = start();
    const site = await openStaffSite(ctx, { clock });
    await addStaff(site, { email: 'ada@example.com' });
    const run = async (email: string) => {
      const steps = [];
      for (let i = 0; i < 7; i += 1) steps.push(await fail(site, email));
      clock.advance(1000);
      steps.push(await fail(site, email), await fail(site, email));
      return steps.map((answer) => ({ ...summary(answer), body: answer.body }));
    };

    const known = await run('ada@example.com');
    const unknown = await run('nobody@example.com');

    assert.deepEqual(unknown, known);
    assert.equal(known.at(-1)?.code, 'LOGIN_LOCKED');
  });

  it('should lock a client address that guesses across many accounts, and only that address', async (ctx) => {
    const site = await openStaffSite(ctx, { clock: start() });
    await addStaff(site, { email: 'ada@example.com' });
    const attacker = '203.0.113.7';

    for (let i = 0; i < 5; i += 1) await fail(site, `guess${i}@example.com`, attacker);
    const fromAttacker = await postLogin(
      site,
      { email: 'ada@example.com', password: PASSWORD },
      { ip: attacker },
    );
    const fromElsewhere = await postLogin(
      site,
      { email: 'ada@example.com', password: PASSWORD },
      { ip: freshIp() },
    );

    assert.deepEqual(summary(fromAttacker), { status: 429, code: 'LOGIN_LOCKED', retryAfter: '1' });
    assert.equal(fromElsewhere.statusCode, 200);
  });

  it('should count an IPv6 client by its /64, whatever address of it is used', async (ctx) => {
    const site = await openStaffSite(ctx, { clock: start() });

    for (let i = 1; i <= 5; i += 1) await fail(site, `guess${i}@example.com`, `2001:db8:1:2::${i}`);
    const sameNetwork = await fail(site, 'another@example.com', '2001:db8:1:2:ffff::9');
    const otherNetwork = await fail(site, 'another2@example.com', '2001:db8:1:3::1');

    assert.equal(codeOf(sameNetwork), 'LOGIN_LOCKED');
    assert.equal(codeOf(otherNetwork), 'LOGIN_FAILED');
  });

  it('should never lock for longer than 15 minutes', async (ctx) => {
    const clock = start();
    const site = await openStaffSite(ctx, { clock });
    let retryAfter = 0;

    for (let i = 0; i < 16; i += 1) {
      await fail(site, 'ada@example.com');
      const locked = await fail(site, 'ada@example.com');
      retryAfter = Number(locked.headers['retry-after'] ?? 0);
      clock.advance(retryAfter * 1000);
    }

    assert.equal(retryAfter, 900);
  });

  it('should forget the failures of an account when it signs in, and not count the sign-in against its address', async (ctx) => {
    const site = await openStaffSite(ctx, { clock: start() });
    await addStaff(site, { email: 'ada@example.com' });
    const office = '192.0.2.44';

    for (let i = 0; i < 4; i += 1) await fail(site, 'ada@example.com', office);
    const signIns = [];
    for (let i = 0; i < 3; i += 1)
      signIns.push(
        (await postLogin(site, { email: 'ada@example.com', password: PASSWORD }, { ip: office })).statusCode,
      );
    const failuresAgain = [];
    for (let i = 0; i < 4; i += 1) failuresAgain.push(codeOf(await fail(site, 'ada@example.com', freshIp())));

    assert.deepEqual(signIns, [200, 200, 200]);
    assert.deepEqual(failuresAgain, Array(4).fill('LOGIN_FAILED'), 'the account starts afresh');
    const counter = await site.t.masthead.database.db
      .selectFrom('staff_login_attempts')
      .select('failures')
      .where('key', '=', `ip:${office}`)
      .executeTakeFirstOrThrow();
    assert.equal(counter.failures, 4, 'the office address still holds its four failures, no more');
  });

  it('should count a burst of parallel guesses as it arrives, letting at most five through', async (ctx) => {
    const site = await openStaffSite(ctx, { clock: start() });
    await addStaff(site, { email: 'ada@example.com' });

    const answers = await Promise.all(Array.from({ length: 20 }, () => fail(site, 'ada@example.com')));

    const codes = answers.map(codeOf);
    assert.equal(codes.filter((code) => code === 'LOGIN_FAILED').length, 5);
    assert.equal(codes.filter((code) => code === 'LOGIN_LOCKED').length, 15);
  });

  it('should limit sign-in requests per client with RATE_LIMITED when the API rate limit is on', async (ctx) => {
    const site = await openStaffSite(ctx, { env: { API_RATE_LIMIT: '1200' } });

    const answers = [];
    for (let i = 0; i < 11; i += 1)
      answers.push(
        await postLogin(site, { email: `x${i}@example.com`, password: WRONG }, { ip: '192.0.2.99' }),
      );

    assert.equal(answers.at(-1)?.statusCode, 429);
    assert.equal(codeOf(answers.at(-1) as Answer), 'RATE_LIMITED');
  });
});
