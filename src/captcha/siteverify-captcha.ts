import { z } from 'zod';
import type { Config } from '../config.ts';
import type { Clock } from '../lib/clock.ts';
import type { CaptchaFailure, CaptchaResult, CaptchaVerifyInput } from './captcha.ts';
import { captchaProviderFacts } from './captcha-providers.ts';
import type { CaptchaSpentRepository } from './captcha-spent-repository.ts';

/*
 * reCAPTCHA v2/v3, hCaptcha and Turnstile share one documented siteverify API: POST form-encoded
 * `secret`, `response` and optionally `remoteip`; JSON back with `success` and `error-codes`.
 *   https://developers.google.com/recaptcha/docs/verify
 *   https://developers.google.com/recaptcha/docs/v3 (score, action)
 *   https://docs.hcaptcha.com/#verify-the-user-response-server-side
 *   https://developers.cloudflare.com/turnstile/get-started/server-side-validation/
 */

/** A reader waiting on a slow provider is worse off than a comment held for moderation. */
const VERIFY_TIMEOUT_MS = 3000;

/** Longer than any provider's token lives (reCAPTCHA and hCaptcha 2 minutes, Turnstile 5). */
const TOKEN_LIFETIME_MS = 10 * 60_000;

/** recaptcha-v3: the action the page passes to grecaptcha.execute, echoed back by siteverify. */
export const RECAPTCHA_ACTION = 'comment';

const responseSchema = z.object({
  success: z.boolean(),
  'error-codes': z.array(z.string()).optional(),
  score: z.number().optional(),
  action: z.string().optional(),
});

/** The reader cannot fix these: the site's keys are wrong or the provider failed. */
const operatorErrors = new Set([
  'missing-input-secret',
  'invalid-input-secret',
  'sitekey-secret-mismatch',
  'bad-request',
  'internal-error',
]);

/** "No longer valid": used before, or too old. Which one, only our own record can tell. */
const usedOrOldErrors = new Set([
  'timeout-or-duplicate',
  'already-seen-response',
  'invalid-or-already-seen-response',
  'expired-input-response',
]);

function failureFor(errorCodes: string[]): CaptchaFailure {
  if (errorCodes.some((code) => operatorErrors.has(code))) return 'CAPTCHA_UNAVAILABLE';
  // Our own record of accepted tokens is checked first, so a token refused here as used-or-old
  // was never accepted on this site: it has timed out (or was spent elsewhere).
  if (errorCodes.some((code) => usedOrOldErrors.has(code))) return 'CAPTCHA_EXPIRED';
  return 'CAPTCHA_INVALID';
}

export type SiteverifyCaptcha = { verify(input: CaptchaVerifyInput): Promise<CaptchaResult> };

/**
 * Checks a third-party provider's token with its siteverify endpoint. A network error, a timeout,
 * an error status or an unreadable answer is `CAPTCHA_UNAVAILABLE`, never a rejection: the comment
 * is then held for moderation rather than lost.
 *
 * @example
 * const turnstile = createSiteverifyCaptcha({ config: config.captcha, clock, spent });
 * const result = await turnstile.verify({ payload: body['cf-turnstile-response'], remoteIp: request.ip });
 */
export function createSiteverifyCaptcha(options: {
  config: Config['captcha'];
  clock: Clock;
  spent: CaptchaSpentRepository;
  fetch?: typeof fetch;
}): SiteverifyCaptcha {
  const { config, clock, spent } = options;
  const fetchImpl = options.fetch ?? fetch;
  const verifyUrl = config.verifyUrl ?? captchaProviderFacts[config.provider].verifyUrl;
  const isScored = config.provider === 'recaptcha-v3';

  async function askProvider(
    token: string,
    remoteIp: string,
  ): Promise<z.infer<typeof responseSchema> | string> {
    const form = new URLSearchParams({ secret: config.secretKey ?? '', response: token });
    if (remoteIp) form.set('remoteip', remoteIp);
    // hCaptcha checks the token was issued for this site key when it is sent.
    if (config.provider === 'hcaptcha' && config.siteKey) form.set('sitekey', config.siteKey);
    let response: Response;
    try {
      response = await fetchImpl(verifyUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
        body: form,
        signal: AbortSignal.timeout(VERIFY_TIMEOUT_MS),
      });
    } catch (error) {
      return `siteverify unreachable: ${error instanceof Error ? error.name : 'error'}`;
    }
    if (!response.ok) return `siteverify answered HTTP ${response.status}`;
    const parsed = responseSchema.safeParse(await response.json().catch(() => undefined));
    return parsed.success ? parsed.data : 'siteverify answer unreadable';
  }

  return {
    async verify({ payload, remoteIp, executor }) {
      const token = payload?.trim() ?? '';
      if (token === '') return { ok: false, code: 'CAPTCHA_MISSING' };
      const key = `${config.provider}:${token}`;
      const inTransaction = executor ? { executor } : {};
      if (await spent.isSpent({ key, ...inTransaction })) return { ok: false, code: 'CAPTCHA_REPLAYED' };

      const answer = await askProvider(token, remoteIp);
      if (typeof answer === 'string') return { ok: false, code: 'CAPTCHA_UNAVAILABLE', detail: answer };
      const errorCodes = answer['error-codes'] ?? [];
      if (!answer.success)
        return { ok: false, code: failureFor(errorCodes), detail: errorCodes.join(' ') || 'refused' };
      if (isScored) {
        const score = answer.score ?? 0;
        if (answer.action !== RECAPTCHA_ACTION)
          return { ok: false, code: 'CAPTCHA_INVALID', detail: `action ${answer.action ?? 'missing'}` };
        if (score < config.recaptchaMinScore)
          return {
            ok: false,
            code: 'CAPTCHA_INVALID',
            detail: `score ${score} below ${config.recaptchaMinScore}`,
          };
      }

      const now = clock.now();
      const expiresAt = new Date(now.getTime() + TOKEN_LIFETIME_MS);
      const isFirstUse = await spent.spend({ key, expiresAt, now, ...inTransaction });
      return isFirstUse ? { ok: true } : { ok: false, code: 'CAPTCHA_REPLAYED' };
    },
  };
}
