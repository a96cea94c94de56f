import type { CaptchaProvider, Config } from '../config.ts';
import type { Database } from '../db/connection.ts';
import type { Executor } from '../db/transaction.ts';
import type { Clock } from '../lib/clock.ts';
import { NotFoundError } from '../lib/errors.ts';
import { createAltchaCaptcha } from './altcha-captcha.ts';
import { captchaAssetUrl } from './captcha-assets.ts';
import { captchaProviderFacts } from './captcha-providers.ts';
import { createCaptchaSpentRepository } from './captcha-spent-repository.ts';
import { createSiteverifyCaptcha, RECAPTCHA_ACTION } from './siteverify-captcha.ts';

export type CaptchaFailure =
  | 'CAPTCHA_MISSING'
  | 'CAPTCHA_INVALID'
  | 'CAPTCHA_EXPIRED'
  | 'CAPTCHA_REPLAYED'
  | 'CAPTCHA_UNAVAILABLE';

/** `detail` says why, for logs and moderators (never shown to the reader, never branched on). */
export type CaptchaResult = { ok: true } | { ok: false; code: CaptchaFailure; detail?: string };

export type CaptchaVerifyInput = {
  /** The widget's form field, as sent (see `captchaPayloadFrom`). */
  payload: string | undefined;
  remoteIp: string;
  /** Pass the comment's transaction: the solution is then spent only if the comment is saved. */
  executor?: Executor;
};

export type CaptchaWidget = {
  provider: CaptchaProvider;
  /** altcha's is an ES module: `<script type="module">`; the providers' are classic `async defer` scripts. */
  scriptUrl: string;
  isModuleScript: boolean;
  /** altcha: its stylesheet, worth a `<link rel="stylesheet">` in the head (the script adds it otherwise). */
  styleUrl?: string;
  /** The form field the widget fills in. */
  field: string;
  siteKey?: string;
  challengeUrl?: string;
  expiresSeconds?: number;
  /** recaptcha-v3: the action to pass to grecaptcha.execute; siteverify must echo it. */
  action?: string;
  /** recaptcha-v3: the site's own script that asks for a token when the form is submitted. */
  helperScriptUrl?: string;
};

export type CaptchaVerifier = {
  provider: CaptchaProvider;
  /** What the page needs to render the widget. */
  widget: CaptchaWidget;
  verify(input: CaptchaVerifyInput): Promise<CaptchaResult>;
};

export type Captcha = CaptchaVerifier & {
  /** altcha: a fresh signed challenge; any other provider: NotFoundError (there is none to give). */
  createChallenge(): Promise<unknown>;
};

export const CAPTCHA_CHALLENGE_URL = '/api/captcha/challenge';

/**
 * The site's CAPTCHA: self-hosted proof of work (altcha) by default, or reCAPTCHA v2/v3, hCaptcha
 * or Turnstile, behind one `verify`. Every solution or token is accepted once.
 *
 * @example
 * const captcha = createCaptchaVerifier({ config: config.captcha, database, secret, clock });
 * const result = await captcha.verify({ payload: captchaPayloadFrom(body, captcha.provider), remoteIp: request.ip });
 * if (!result.ok) throw ValidationError.field('captcha', result.code, messageFor(result.code));
 */
export function createCaptchaVerifier(options: {
  config: Config['captcha'];
  database: Database;
  secret: string;
  clock: Clock;
  fetch?: typeof fetch;
}): Captcha {
  const { config, clock } = options;
  const spent = createCaptchaSpentRepository({ database: options.database });
  const { provider } = config;
  const field = captchaProviderFacts[provider].field;

  if (provider === 'altcha') {
    const altcha = createAltchaCaptcha({ config, secret: options.secret, clock, spent });
    return {
      provider,
      widget: {
        provider,
        scriptUrl: captchaAssetUrl(provider, 'altcha.js'),
        isModuleScript: true,
        styleUrl: captchaAssetUrl(provider, 'altcha.css'),
        field,
        challengeUrl: CAPTCHA_CHALLENGE_URL,
        expiresSeconds: config.expiresSeconds,
      },
      verify: altcha.verify,
      createChallenge: altcha.createChallenge,
    };
  }

  const siteverify = createSiteverifyCaptcha({
    config,
    clock,
    spent,
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });
  const siteKey = config.siteKey ?? '';
  const { scriptUrl } = captchaProviderFacts[provider];
  return {
    provider,
    widget: {
      provider,
      scriptUrl:
        provider === 'recaptcha-v3' ? `${scriptUrl}?render=${encodeURIComponent(siteKey)}` : scriptUrl,
      isModuleScript: false,
      field,
      siteKey,
      ...(provider === 'recaptcha-v3'
        ? { action: RECAPTCHA_ACTION, helperScriptUrl: captchaAssetUrl(provider, 'recaptcha-v3.js') }
        : {}),
    },
    verify: siteverify.verify,
    createChallenge: async () => {
      throw new NotFoundError(
        'captcha_challenge',
        `This site uses ${provider}, which issues its own challenges.`,
      );
    },
  };
}

/**
 * The CAPTCHA field of a submitted form, by provider: `altcha`, `g-recaptcha-response`,
 * `h-captcha-response` or `cf-turnstile-response`. Anything but a string counts as missing.
 *
 * @example
 * const payload = captchaPayloadFrom(request.body as Record<string, unknown>, captcha.provider);
 */
export function captchaPayloadFrom(
  body: Record<string, unknown>,
  provider: CaptchaProvider,
): string | undefined {
  const value = body[captchaProviderFacts[provider].field];
  return typeof value === 'string' ? value : undefined;
}
