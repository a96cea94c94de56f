import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { createChallenge, extractParams } from 'altcha-lib/v1';
import type { Challenge } from 'altcha-lib/v1/types';
import { z } from 'zod';
import type { Config } from '../config.ts';
import type { Clock } from '../lib/clock.ts';
import { deriveKey } from '../lib/secret.ts';
import type { CaptchaResult, CaptchaVerifyInput } from './captcha.ts';
import type { CaptchaSpentRepository } from './captcha-spent-repository.ts';

/*
 * ALTCHA's v1 proof of work (https://altcha.org/docs/v2/server-integration/): the challenge is
 * SHA-256(salt + secret number) and the browser finds the number by trying 0..maxnumber. The salt
 * carries `?expires=<unix seconds>&` and the challenge is signed with HMAC, so the expiry cannot be
 * altered. altcha-lib 2.x keeps this format under `altcha-lib/v1`; its v2 format checks expiry
 * against Date.now() inside verifySolution with no way to pass a clock, while v1 lets us skip that
 * check and compare `expires` with the injected clock ourselves. The altcha 3 widget solves both.
 */

/** Longest payload worth decoding: a real one is about 250 characters. */
const MAX_PAYLOAD_LENGTH = 2000;

/** The widget's form field: base64 of this JSON (altcha 3.2 builds it in `createPayloadV1`). */
const payloadSchema = z.object({
  algorithm: z.literal('SHA-256'),
  challenge: z.string().regex(/^[0-9a-f]{64}$/),
  number: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
  salt: z.string().min(1).max(500),
  signature: z.string().regex(/^[0-9a-f]{64}$/),
});

type AltchaPayload = z.infer<typeof payloadSchema>;

function decodePayload(payload: string): AltchaPayload | undefined {
  if (payload.length > MAX_PAYLOAD_LENGTH) return undefined;
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(payload, 'base64').toString('utf8'));
  } catch {
    // Not base64 JSON: not something our widget sent.
    return undefined;
  }
  const parsed = payloadSchema.safeParse(decoded);
  return parsed.success ? parsed.data : undefined;
}

/** Constant time, so that response times say nothing about how much of a forged signature was right. */
const isSameHex = (a: string, b: string): boolean =>
  a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

/** What altcha-lib/v1's createChallenge computes for a given salt and number. */
function solutionOf(hmacKey: string, salt: string, number: number): { challenge: string; signature: string } {
  const delimited = salt.endsWith('&') ? salt : `${salt}&`;
  const challenge = createHash('sha256').update(`${delimited}${number}`).digest('hex');
  return { challenge, signature: createHmac('sha256', hmacKey).update(challenge).digest('hex') };
}

export type AltchaCaptcha = {
  createChallenge(): Promise<Challenge>;
  verify(input: CaptchaVerifyInput): Promise<CaptchaResult>;
};

/**
 * Issues and checks self-hosted proof-of-work challenges. Nothing leaves the server.
 *
 * @example
 * const altcha = createAltchaCaptcha({ config: config.captcha, secret, clock, spent });
 * const challenge = await altcha.createChallenge();
 * const result = await altcha.verify({ payload: body.altcha, remoteIp: request.ip });
 */
export function createAltchaCaptcha(options: {
  config: Config['captcha'];
  secret: string;
  clock: Clock;
  spent: CaptchaSpentRepository;
}): AltchaCaptcha {
  const { config, clock, spent } = options;
  // altcha-lib takes the HMAC key as a string and uses its UTF-8 bytes.
  const hmacKey = deriveKey(options.secret, 'captcha-hmac').toString('hex');

  return {
    createChallenge: () =>
      createChallenge({
        algorithm: 'SHA-256',
        hmacKey,
        maxnumber: config.difficulty,
        expires: new Date(clock.now().getTime() + config.expiresSeconds * 1000),
      }),

    async verify({ payload, executor }) {
      if (payload === undefined || payload.trim() === '') return { ok: false, code: 'CAPTCHA_MISSING' };
      const solution = decodePayload(payload.trim());
      if (!solution) return { ok: false, code: 'CAPTCHA_INVALID', detail: 'not an altcha payload' };
      const expires = Number(extractParams(solution).expires);
      if (!Number.isSafeInteger(expires)) return { ok: false, code: 'CAPTCHA_INVALID', detail: 'no expiry' };

      // Recomputed with the salt and number the browser sent: a wrong number gives another
      // challenge, a changed salt (or expiry) another signature. Altcha v1's own algorithm
      // (SHA-256 of salt + number, HMAC-SHA-256 of that), with node:crypto's synchronous hashes:
      // WebCrypto's thread-pool round trips cost 30 times more, inside the comment's transaction.
      const expected = solutionOf(hmacKey, solution.salt, solution.number);
      if (expected.challenge !== solution.challenge)
        return { ok: false, code: 'CAPTCHA_INVALID', detail: 'wrong solution' };
      if (!isSameHex(expected.signature, solution.signature))
        return { ok: false, code: 'CAPTCHA_INVALID', detail: 'bad signature' };

      const now = clock.now();
      const expiresAt = new Date(expires * 1000);
      if (expiresAt.getTime() < now.getTime()) return { ok: false, code: 'CAPTCHA_EXPIRED' };
      const isFirstUse = await spent.spend({
        key: `altcha:${solution.challenge}`,
        expiresAt,
        now,
        ...(executor ? { executor } : {}),
      });
      return isFirstUse ? { ok: true } : { ok: false, code: 'CAPTCHA_REPLAYED' };
    },
  };
}
