import type { CaptchaProvider } from '../config.ts';

/** Content-Security-Policy sources a provider's widget needs, by directive. */
export type CspSources = Partial<Record<'script-src' | 'frame-src' | 'connect-src', string[]>>;

type ProviderFacts = {
  /** The form field the provider's widget fills in. */
  field: string;
  /** Where the widget's script loads from (recaptcha-v3 adds `?render=SITE_KEY`). */
  scriptUrl: string;
  /** The provider's siteverify endpoint (CAPTCHA_VERIFY_URL overrides it). */
  verifyUrl: string;
  csp: CspSources;
};

const recaptchaCsp: CspSources = {
  // https://developers.google.com/recaptcha/docs/faq (Content Security Policy)
  'script-src': ['https://www.google.com/recaptcha/', 'https://www.gstatic.com/recaptcha/'],
  'frame-src': ['https://www.google.com/recaptcha/', 'https://recaptcha.google.com/recaptcha/'],
};

const recaptcha = {
  // https://developers.google.com/recaptcha/docs/verify
  field: 'g-recaptcha-response',
  scriptUrl: 'https://www.google.com/recaptcha/api.js',
  verifyUrl: 'https://www.google.com/recaptcha/api/siteverify',
  csp: recaptchaCsp,
};

/** Everything Masthead needs to know about each provider, in one table. */
export const captchaProviderFacts: Record<CaptchaProvider, ProviderFacts> = {
  altcha: { field: 'altcha', scriptUrl: '/assets/captcha/altcha.js', verifyUrl: '', csp: {} },
  'recaptcha-v2': recaptcha,
  'recaptcha-v3': recaptcha,
  hcaptcha: {
    // https://docs.hcaptcha.com/#verify-the-user-response-server-side
    field: 'h-captcha-response',
    scriptUrl: 'https://js.hcaptcha.com/1/api.js',
    verifyUrl: 'https://api.hcaptcha.com/siteverify',
    // https://docs.hcaptcha.com/#content-security-policy-settings (style-src: the site's https: covers it)
    csp: {
      'script-src': ['https://hcaptcha.com', 'https://*.hcaptcha.com'],
      'frame-src': ['https://hcaptcha.com', 'https://*.hcaptcha.com'],
      'connect-src': ['https://hcaptcha.com', 'https://*.hcaptcha.com'],
    },
  },
  turnstile: {
    // https://developers.cloudflare.com/turnstile/get-started/server-side-validation/
    field: 'cf-turnstile-response',
    scriptUrl: 'https://challenges.cloudflare.com/turnstile/v0/api.js',
    verifyUrl: 'https://challenges.cloudflare.com/turnstile/v0/siteverify',
    // https://developers.cloudflare.com/turnstile/reference/content-security-policy/
    csp: {
      'script-src': ['https://challenges.cloudflare.com'],
      'frame-src': ['https://challenges.cloudflare.com'],
    },
  },
};

type Directives = Record<string, Iterable<string> | null>;

/**
 * Adds the sources the configured provider's widget needs to the site's CSP directives; for
 * altcha (self-hosted) it adds nothing. A directive the site leaves unset starts from `'self'`.
 *
 * @example
 * contentSecurityPolicy: { directives: withCaptchaCsp('turnstile', { 'frame-src': ['https://player.vimeo.com'] }) }
 */
export function withCaptchaCsp<T extends Directives>(provider: CaptchaProvider, directives: T): T {
  const merged: Directives = { ...directives };
  for (const [directive, sources] of Object.entries(captchaProviderFacts[provider].csp)) {
    merged[directive] = [...(directives[directive] ?? ["'self'"]), ...sources];
  }
  return merged as T;
}
