import assert from 'node:assert/strict';
import { solveChallenge } from 'altcha-lib/v1';
import type { Masthead } from '../../src/masthead.ts';

type Challenge = { algorithm: string; challenge: string; maxnumber: number; salt: string; signature: string };

/**
 * An altcha payload that passes, as the widget sends it: a fresh challenge from the app, solved
 * with altcha-lib's own solver (real proof of work; keep CAPTCHA_DIFFICULTY modest in tests).
 *
 * @example
 * const altcha = await solvedAltcha(t.masthead);
 */
export async function solvedAltcha(masthead: Pick<Masthead, 'captcha'>): Promise<string> {
  const challenge = (await masthead.captcha.createChallenge()) as Challenge;
  const solution = await solveChallenge(
    challenge.challenge,
    challenge.salt,
    challenge.algorithm,
    challenge.maxnumber,
  ).promise;
  assert.ok(solution, 'the altcha challenge could not be solved');
  return Buffer.from(JSON.stringify({ ...challenge, number: solution.number })).toString('base64');
}
