import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ConfigError, loadConfig } from '../config.ts';
import { captchaPayloadFrom } from './captcha.ts';

const load = (env: Record<string, string>) => loadConfig({ env, cwd: '/nonexistent-masthead-dir' });

/** Runs `load` and returns the ConfigError it throws. */
function configErrorOf(env: Record<string, string>): ConfigError {
  try {
    load(env);
  } catch (error) {
    assert.ok(error instanceof ConfigError, `expected a ConfigError, got ${String(error)}`);
    assert.doesNotMatch(error.message, /[\r\n]/, 'the message is one line');
    return error;
  }
  assert.fail('expected loadConfig to throw a ConfigError');
}

describe('CAPTCHA and Akismet configuration', () => {
  it('should use self-hosted altcha and no Akismet when nothing is set', () => {
    const config = load({});

    assert.deepEqual(config.captcha, {
      provider: 'altcha',
      siteKey: undefined,
      secretKey: undefined,
      verifyUrl: undefined,
      expiresSeconds: 600,
      difficulty: 50_000,
      recaptchaMinScore: 0.5,
    });
    assert.deepEqual(config.akismet, { key: undefined, baseUrl: 'https://rest.akismet.com' });
  });

  it('should read every CAPTCHA and Akismet variable when they are set', () => {
    const config = load({
      CAPTCHA_PROVIDER: 'recaptcha-v3',
      CAPTCHA_SITE_KEY: 'site',
      CAPTCHA_SECRET_KEY: 'secret',
      CAPTCHA_VERIFY_URL: 'http://127.0.0.1:9999/recaptcha/api/siteverify',
      CAPTCHA_EXPIRES: '120',
      CAPTCHA_DIFFICULTY: '100000',
      RECAPTCHA_MIN_SCORE: '0.7',
      AKISMET_KEY: 'abc123',
      AKISMET_URL: 'http://127.0.0.1:9998/',
    });

    assert.deepEqual(config.captcha, {
      provider: 'recaptcha-v3',
      siteKey: 'site',
      secretKey: 'secret',
      verifyUrl: 'http://127.0.0.1:9999/recaptcha/api/siteverify',
      expiresSeconds: 120,
      difficulty: 100_000,
      recaptchaMinScore: 0.7,
    });
    assert.deepEqual(config.akismet, { key: 'abc123', baseUrl: 'http://127.0.0.1:9998' });
  });

  it('should name CAPTCHA_SITE_KEY when a third-party provider has no site key', () => {
    const error = configErrorOf({ CAPTCHA_PROVIDER: 'hcaptcha', CAPTCHA_SECRET_KEY: 'secret' });

    assert.equal(error.variable, 'CAPTCHA_SITE_KEY');
    assert.equal(
      error.message,
      'Configuration error: CAPTCHA_SITE_KEY: required when CAPTCHA_PROVIDER is hcaptcha',
    );
  });

  it('should name CAPTCHA_SECRET_KEY when a third-party provider has no secret key', () => {
    const error = configErrorOf({ CAPTCHA_PROVIDER: 'turnstile', CAPTCHA_SITE_KEY: 'site' });

    assert.equal(error.variable, 'CAPTCHA_SECRET_KEY');
  });

  it('should list the providers when CAPTCHA_PROVIDER is unknown', () => {
    const error = configErrorOf({ CAPTCHA_PROVIDER: 'recaptcha' });

    assert.equal(
      error.message,
      'Configuration error: CAPTCHA_PROVIDER: expected one of altcha, recaptcha-v2, recaptcha-v3, hcaptcha, turnstile (got "recaptcha")',
    );
  });

  it('should give one clear line when a number is out of range', () => {
    assert.equal(configErrorOf({ CAPTCHA_EXPIRES: '1' }).variable, 'CAPTCHA_EXPIRES');
    assert.equal(configErrorOf({ CAPTCHA_DIFFICULTY: '0' }).variable, 'CAPTCHA_DIFFICULTY');
    assert.equal(configErrorOf({ RECAPTCHA_MIN_SCORE: '1.5' }).variable, 'RECAPTCHA_MIN_SCORE');
    assert.equal(configErrorOf({ CAPTCHA_VERIFY_URL: 'ftp://x' }).variable, 'CAPTCHA_VERIFY_URL');
    assert.equal(configErrorOf({ AKISMET_URL: 'not a url' }).variable, 'AKISMET_URL');
  });

  it('should never echo a secret key when it is rejected', () => {
    const error = configErrorOf({ CAPTCHA_SECRET_KEY: '   ' });

    assert.equal(error.variable, 'CAPTCHA_SECRET_KEY');
    assert.doesNotMatch(error.message, /got/);
  });

  it('should take the altcha field when the provider is altcha', () => {
    assert.equal(captchaPayloadFrom({ altcha: 'eyJ9', 'g-recaptcha-response': 'x' }, 'altcha'), 'eyJ9');
    assert.equal(captchaPayloadFrom({}, 'altcha'), undefined);
  });
});
