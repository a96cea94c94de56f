import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { solveChallenge as solveWidgetStyle } from 'altcha-lib';
import { deriveKey as deriveShaKey } from 'altcha-lib/algorithms/sha';
import { solveChallenge } from 'altcha-lib/v1';
import type { Challenge } from 'altcha-lib/v1/types';
import { createTestApp, type TestApp } from '../../test/helpers/test-app.ts';
import { withTransaction } from '../db/transaction.ts';
import { createFixedClock } from '../lib/clock.ts';
import type { Captcha, CaptchaResult } from './captcha.ts';

const DIFFICULTY = 5000;
const EXPIRES_SECONDS = 600;

/** The widget's field: base64 of the JSON payload. */
const encode = (payload: object): string => Buffer.from(JSON.stringify(payload)).toString('base64');

/** Solves a challenge the way altcha-lib's v1 API does, and builds the widget's payload from it. */
async function solve(challenge: Challenge): Promise<string> {
  const solution = await solveChallenge(challenge.challenge, challenge.salt, challenge.algorithm, DIFFICULTY)
    .promise;
  assert.ok(solution, 'no solution found');
  return encode({ ...challenge, number: solution.number, took: solution.took });
}

/** The payload as JSON, to tamper with. */
const decode = (payload: string) => JSON.parse(Buffer.from(payload, 'base64').toString('utf8'));

const failure = (result: CaptchaResult) => (result.ok ? 'ok' : result.code);

describe('altcha CAPTCHA', () => {
  let t: TestApp;
  // Deliberately in the past: verification must follow this clock, not the machine's.
  const clock = createFixedClock(new Date('2026-03-02T09:00:00.000Z'));
  const captcha = (): Captcha => t.masthead.captcha;
  const newChallenge = async () => (await captcha().createChallenge()) as Challenge;
  const verify = (payload: string | undefined) => captcha().verify({ payload, remoteIp: '203.0.113.9' });

  before(async () => {
    t = await createTestApp({
      clock,
      env: { CAPTCHA_DIFFICULTY: String(DIFFICULTY), CAPTCHA_EXPIRES: String(EXPIRES_SECONDS) },
    });
  });
  after(() => t.close());

  it('should answer a signed, uncacheable challenge when the widget asks for one', async () => {
    const res = await t.masthead.app.inject({ method: 'GET', url: '/api/captcha/challenge' });

    assert.equal(res.statusCode, 200);
    assert.equal(res.headers['cache-control'], 'no-store');
    assert.match(String(res.headers['content-type']), /^application\/json/);
    const body = res.json();
    assert.deepEqual(Object.keys(body).sort(), ['algorithm', 'challenge', 'maxnumber', 'salt', 'signature']);
    assert.equal(body.algorithm, 'SHA-256');
    assert.equal(body.maxnumber, DIFFICULTY);
    assert.match(body.challenge, /^[0-9a-f]{64}$/);
    assert.match(body.signature, /^[0-9a-f]{64}$/);
    const expires = clock.now().getTime() / 1000 + EXPIRES_SECONDS;
    assert.match(body.salt, new RegExp(`^[0-9a-f]{24}\\?expires=${expires}&$`));
  });

  it('should accept a solution when it was found with altcha-lib solveChallenge', async () => {
    const payload = await solve(await newChallenge());

    assert.deepEqual(await verify(payload), { ok: true });
  });

  it('should accept the payload the altcha 3 widget submits when it solved a challenge', async () => {
    // altcha 3.2 turns a v1 challenge into v2 parameters (createChallengeFromV1 in its bundle), solves
    // them with its SHA worker counting in "string" mode, and posts a v1 payload back.
    const challenge = await newChallenge();
    const solution = await solveWidgetStyle({
      challenge: {
        parameters: {
          algorithm: challenge.algorithm,
          cost: 1,
          keyLength: 32,
          keyPrefix: challenge.challenge,
          nonce: Buffer.from(challenge.salt).toString('hex'),
          salt: '',
        },
        signature: challenge.signature,
      },
      counterMode: 'string',
      deriveKey: deriveShaKey,
    });
    assert.ok(solution);
    const payload = encode({
      algorithm: challenge.algorithm,
      challenge: challenge.challenge,
      number: solution.counter,
      salt: challenge.salt,
      signature: challenge.signature,
      took: solution.time ?? 0,
    });

    assert.deepEqual(await verify(payload), { ok: true });
  });

  it('should refuse with CAPTCHA_MISSING when the form carries no solution', async () => {
    assert.equal(failure(await verify(undefined)), 'CAPTCHA_MISSING');
    assert.equal(failure(await verify('')), 'CAPTCHA_MISSING');
    assert.equal(failure(await verify('   ')), 'CAPTCHA_MISSING');
  });

  it('should refuse with CAPTCHA_INVALID when the number is wrong', async () => {
    const payload = decode(await solve(await newChallenge()));

    const result = await verify(encode({ ...payload, number: payload.number + 1 }));

    assert.equal(failure(result), 'CAPTCHA_INVALID');
  });

  it('should refuse with CAPTCHA_INVALID when the signature was tampered with', async () => {
    const payload = decode(await solve(await newChallenge()));
    const flipped = `${payload.signature.slice(0, -1)}${payload.signature.endsWith('0') ? '1' : '0'}`;

    assert.equal(failure(await verify(encode({ ...payload, signature: flipped }))), 'CAPTCHA_INVALID');
  });

  it('should refuse with CAPTCHA_INVALID when the expiry in the salt was pushed back', async () => {
    const payload = decode(await solve(await newChallenge()));
    const salt = payload.salt.replace(/expires=\d+/, 'expires=9999999999');

    assert.equal(failure(await verify(encode({ ...payload, salt }))), 'CAPTCHA_INVALID');
  });

  it('should refuse with CAPTCHA_INVALID when the payload is not a solution at all', async () => {
    // The widget's own test mode sends this; it proves nothing.
    const testMode = encode({ challenge: null, solution: null, test: true });

    for (const payload of ['not base64 json', encode({ hello: 'world' }), testMode, 'x'.repeat(5000)])
      assert.equal(failure(await verify(payload)), 'CAPTCHA_INVALID', payload.slice(0, 40));
  });

  it('should refuse with CAPTCHA_REPLAYED when a solution is used a second time', async () => {
    const payload = await solve(await newChallenge());

    const first = await verify(payload);
    const second = await verify(payload);

    assert.deepEqual(first, { ok: true });
    assert.equal(failure(second), 'CAPTCHA_REPLAYED');
  });

  it('should refuse with CAPTCHA_EXPIRED when the clock has passed CAPTCHA_EXPIRES', async () => {
    const payload = await solve(await newChallenge());
    const issuedAt = clock.now();

    clock.advance((EXPIRES_SECONDS + 1) * 1000);
    const result = await verify(payload);
    clock.set(issuedAt);

    assert.equal(failure(result), 'CAPTCHA_EXPIRED');
  });

  it('should accept a solution again when the transaction that spent it was rolled back', async () => {
    const payload = await solve(await newChallenge());

    await assert.rejects(
      withTransaction(t.masthead.database.db, async (trx) => {
        assert.deepEqual(await captcha().verify({ payload, remoteIp: '', executor: trx }), { ok: true });
        throw new Error('the comment could not be saved');
      }),
      /could not be saved/,
    );

    assert.deepEqual(await verify(payload), { ok: true });
  });

  it('should purge spent solutions when they have expired', async () => {
    const { db } = t.masthead.database;
    await verify(await solve(await newChallenge()));
    const issuedAt = clock.now();

    clock.advance((EXPIRES_SECONDS + 120) * 1000);
    await verify(await solve(await newChallenge()));
    // The purge runs beside the request, not inside it.
    let rows = await db.selectFrom('captcha_spent').select('key_hash').execute();
    for (let i = 0; i < 50 && rows.length !== 1; i++) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      rows = await db.selectFrom('captcha_spent').select('key_hash').execute();
    }
    clock.set(issuedAt);

    assert.equal(rows.length, 1);
  });
});
