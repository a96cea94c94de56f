import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTestApp, type TestApp } from '../../test/helpers/test-app.ts';

/** The CSP header's directives by name. */
function cspOf(header: unknown): Map<string, string[]> {
  const directives = String(header)
    .split(';')
    .map((part) => part.trim().split(/\s+/))
    .filter((words) => words[0]);
  return new Map(directives.map(([name, ...sources]) => [name as string, sources]));
}

describe('CAPTCHA routes (altcha)', () => {
  let t: TestApp;
  const inject = (url: string) => t.masthead.app.inject({ method: 'GET', url });

  before(async () => {
    t = await createTestApp();
  });
  after(() => t.close());

  it('should describe a self-hosted widget when the provider is altcha', () => {
    const { widget } = t.masthead.captcha;

    assert.equal(widget.provider, 'altcha');
    assert.equal(widget.field, 'altcha');
    assert.equal(widget.isModuleScript, true);
    assert.match(widget.scriptUrl, /^\/assets\/captcha\/altcha\.js\?v=[0-9a-f]{10}$/);
    assert.match(widget.styleUrl ?? '', /^\/assets\/captcha\/altcha\.css\?v=[0-9a-f]{10}$/);
    assert.equal(widget.challengeUrl, '/api/captcha/challenge');
    assert.equal(widget.expiresSeconds, 600);
  });

  it('should serve the widget script as JavaScript cached for a year when it is asked for by version', async () => {
    const res = await inject(t.masthead.captcha.widget.scriptUrl);

    assert.equal(res.statusCode, 200);
    assert.equal(res.headers['content-type'], 'text/javascript; charset=utf-8');
    assert.equal(res.headers['cache-control'], 'public, max-age=31536000, immutable');
    assert.match(res.body, /customElements\.define\("altcha-widget"/);
    assert.match(res.body, /globalThis\.\$altcha\.algorithms\.set/, 'the boot script registers the worker');
    assert.match(res.body, /\.i18n\.set\("ar"/, 'the Arabic strings are bundled');
  });

  it('should serve a widget that needs nothing beyond the site CSP when it runs', async () => {
    const { body } = await inject(t.masthead.captcha.widget.scriptUrl);

    // Blob or data: workers would need worker-src blob:; an injected <style> would need 'unsafe-inline'.
    assert.doesNotMatch(body, /createObjectURL|data:text\/javascript|createElement\("style"\)/);
    assert.doesNotMatch(body, /\beval\(|new Function\(|importScripts\(/);
    // The only absolute URLs are links and XML namespaces, never something loaded.
    const hosts = new Set([...body.matchAll(/https?:\/\/([a-z0-9.-]+)/g)].map((m) => m[1]));
    assert.deepEqual([...hosts].sort(), ['altcha.org', 'svelte.dev', 'www.w3.org']);
  });

  it('should serve the worker and the stylesheet beside the script when the widget loads them', async () => {
    const version = t.masthead.captcha.widget.scriptUrl.split('?v=')[1];
    const worker = await inject(`/assets/captcha/sha-worker.js?v=${version}`);
    const css = await inject(`/assets/captcha/altcha.css?v=${version}`);

    assert.equal(worker.statusCode, 200);
    assert.equal(worker.headers['content-type'], 'text/javascript; charset=utf-8');
    assert.match(worker.body, /crypto\.subtle\.digest/);
    assert.equal(css.statusCode, 200);
    assert.equal(css.headers['content-type'], 'text/css; charset=utf-8');
  });

  it('should cache the script briefly when it is asked for without the current version', async () => {
    const res = await inject('/assets/captcha/altcha.js?v=old');

    assert.equal(res.statusCode, 200);
    assert.equal(res.headers['cache-control'], 'public, max-age=300');
  });

  it('should keep the site CSP to self when the provider is altcha', async () => {
    const res = await inject('/api/captcha/challenge');
    const csp = cspOf(res.headers['content-security-policy']);

    assert.deepEqual(csp.get('script-src'), ["'self'"]);
    assert.equal(csp.get('worker-src'), undefined, 'workers fall back to script-src');
    assert.deepEqual(csp.get('default-src'), ["'self'"]);
  });

  it('should answer 429 when one client asks for too many challenges', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 32; i++) {
      const res = await t.masthead.app.inject({
        method: 'GET',
        url: '/api/captcha/challenge',
        remoteAddress: '198.51.100.7',
      });
      statuses.push(res.statusCode);
    }
    const other = await t.masthead.app.inject({
      method: 'GET',
      url: '/api/captcha/challenge',
      remoteAddress: '198.51.100.8',
    });

    assert.equal(statuses.filter((s) => s === 200).length, 30);
    assert.equal(statuses.at(-1), 429);
    assert.equal(other.statusCode, 200, 'another client is not held back');
  });
});

describe('CAPTCHA routes (third-party provider)', () => {
  let t: TestApp;

  before(async () => {
    t = await createTestApp({
      env: {
        CAPTCHA_PROVIDER: 'turnstile',
        CAPTCHA_SITE_KEY: '1x00000000000000000000AA',
        CAPTCHA_SECRET_KEY: 's',
      },
    });
  });
  after(() => t.close());

  it('should answer 404 with a JSON error when the challenge is asked for and the provider is not altcha', async () => {
    const res = await t.masthead.app.inject({ method: 'GET', url: '/api/captcha/challenge' });

    assert.equal(res.statusCode, 404);
    assert.equal(res.json().errors[0].code, 'CAPTCHA_CHALLENGE_NOT_FOUND');
  });

  it("should allow the provider's script and frames in the CSP when a third-party provider is configured", async () => {
    const res = await t.masthead.app.inject({ method: 'GET', url: '/api/captcha/challenge' });
    const csp = cspOf(res.headers['content-security-policy']);

    assert.deepEqual(csp.get('script-src'), ["'self'", 'https://challenges.cloudflare.com']);
    assert.ok(csp.get('frame-src')?.includes('https://challenges.cloudflare.com'));
    assert.ok(csp.get('frame-src')?.includes('https://player.vimeo.com'), 'the site frames are kept');
  });

  it("should describe the provider's widget when a third-party provider is configured", () => {
    assert.deepEqual(t.masthead.captcha.widget, {
      provider: 'turnstile',
      scriptUrl: 'https://challenges.cloudflare.com/turnstile/v0/api.js',
      isModuleScript: false,
      field: 'cf-turnstile-response',
      siteKey: '1x00000000000000000000AA',
    });
  });
});

describe('CAPTCHA routes (recaptcha-v3)', () => {
  let t: TestApp;

  before(async () => {
    t = await createTestApp({
      env: { CAPTCHA_PROVIDER: 'recaptcha-v3', CAPTCHA_SITE_KEY: 'site-key', CAPTCHA_SECRET_KEY: 's' },
    });
  });
  after(() => t.close());

  it('should serve the script that asks for a token on submit when the provider is recaptcha-v3', async () => {
    const url = t.masthead.captcha.widget.helperScriptUrl ?? '';
    const res = await t.masthead.app.inject({ method: 'GET', url });

    assert.match(url, /^\/assets\/captcha\/recaptcha-v3\.js\?v=[0-9a-f]{10}$/);
    assert.equal(res.statusCode, 200);
    assert.equal(res.headers['content-type'], 'text/javascript; charset=utf-8');
    assert.match(res.body, /grecaptcha\.execute/);
    const altcha = await t.masthead.app.inject({ method: 'GET', url: '/assets/captcha/altcha.js' });
    assert.equal(altcha.statusCode, 404, 'the altcha widget is not served for another provider');
  });
});
