import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { h } from 'preact';
import { render } from 'preact-render-to-string';
import type { CaptchaWidget as Widget } from './captcha.ts';
import { CaptchaWidget } from './captcha-widget.tsx';

const html = (widget: Widget) => render(h(CaptchaWidget, { widget }));

describe('CaptchaWidget', () => {
  it('should render the self-hosted altcha widget verifying on submit when the provider is altcha', () => {
    const markup = html({
      provider: 'altcha',
      scriptUrl: '/assets/captcha/altcha.js?v=1',
      isModuleScript: true,
      styleUrl: '/assets/captcha/altcha.css?v=1',
      field: 'altcha',
      challengeUrl: '/api/captcha/challenge',
      expiresSeconds: 600,
    });

    assert.equal(
      markup,
      '<link rel="stylesheet" href="/assets/captcha/altcha.css?v=1"/>' +
        '<script type="module" src="/assets/captcha/altcha.js?v=1"></script>' +
        '<altcha-widget challenge="/api/captcha/challenge" auto="onsubmit" name="altcha"></altcha-widget>',
    );
  });

  it("should render the provider's element and script when a third-party provider is configured", () => {
    const markup = html({
      provider: 'turnstile',
      scriptUrl: 'https://challenges.cloudflare.com/turnstile/v0/api.js',
      isModuleScript: false,
      field: 'cf-turnstile-response',
      siteKey: 'key"<',
    });

    assert.equal(
      markup,
      '<script src="https://challenges.cloudflare.com/turnstile/v0/api.js" async defer></script>' +
        '<div class="cf-turnstile" data-sitekey="key&quot;&lt;"></div>',
    );
  });

  it('should render a hidden token field and the glue script when the provider is recaptcha-v3', () => {
    const markup = html({
      provider: 'recaptcha-v3',
      scriptUrl: 'https://www.google.com/recaptcha/api.js?render=k',
      isModuleScript: false,
      field: 'g-recaptcha-response',
      siteKey: 'k',
      action: 'comment',
      helperScriptUrl: '/assets/captcha/recaptcha-v3.js?v=1',
    });

    assert.match(markup, /<script src="\/assets\/captcha\/recaptcha-v3\.js\?v=1" defer><\/script>/);
    assert.match(
      markup,
      /<div data-recaptcha-v3 data-sitekey="k" data-action="comment" hidden><input type="hidden" name="g-recaptcha-response" value\/><\/div>/,
    );
  });
});
