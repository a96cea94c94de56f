import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  type FakeProvider,
  type SiteverifyFake,
  startSiteverifyFake,
} from '../../test/helpers/captcha-fakes.ts';
import { createTestApp, type TestApp } from '../../test/helpers/test-app.ts';
import type { CaptchaProvider, Config } from '../config.ts';
import { createFixedClock } from '../lib/clock.ts';
import { type Captcha, type CaptchaResult, captchaPayloadFrom, createCaptchaVerifier } from './captcha.ts';

const SECRET = 'fake-secret-key';
const IP = '203.0.113.50';

const failure = (result: CaptchaResult) => (result.ok ? 'ok' : result.code);

const providers: { provider: CaptchaProvider; fake: FakeProvider; field: string }[] = [
  { provider: 'recaptcha-v2', fake: 'recaptcha', field: 'g-recaptcha-response' },
  { provider: 'hcaptcha', fake: 'hcaptcha', field: 'h-captcha-response' },
  { provider: 'turnstile', fake: 'turnstile', field: 'cf-turnstile-response' },
];

describe('third-party CAPTCHA providers', () => {
  let t: TestApp;
  let fake: SiteverifyFake;
  const clock = createFixedClock(new Date('2026-03-02T09:00:00.000Z'));
  let tokenCount = 0;
  const newToken = () => `token-${++tokenCount}-${'x'.repeat(40)}`;

  const verifierFor = (
    provider: CaptchaProvider,
    overrides: Partial<Config['captcha']> = {},
    fetchImpl?: typeof fetch,
  ): Captcha =>
    createCaptchaVerifier({
      config: {
        provider,
        siteKey: 'site-key',
        secretKey: SECRET,
        verifyUrl: fake.urlFor(provider.split('-')[0] as FakeProvider),
        expiresSeconds: 600,
        difficulty: 50_000,
        recaptchaMinScore: 0.5,
        ...overrides,
      },
      database: t.masthead.database,
      secret: t.masthead.secret,
      clock,
      ...(fetchImpl ? { fetch: fetchImpl } : {}),
    });

  before(async () => {
    t = await createTestApp({ clock });
    fake = await startSiteverifyFake({ secret: SECRET });
  });
  after(async () => {
    await fake.stop();
    await t.close();
  });

  for (const { provider, fake: fakeName, field } of providers) {
    describe(provider, () => {
      it(`should accept a token when ${provider} siteverify confirms it`, async () => {
        const token = newToken();
        fake.issue(token);

        const result = await verifierFor(provider).verify({ payload: token, remoteIp: IP });

        assert.deepEqual(result, { ok: true });
        const sent = fake.requests.at(-1);
        assert.equal(sent?.provider, fakeName);
        assert.equal(sent?.form.secret, SECRET);
        assert.equal(sent?.form.response, token);
        assert.equal(sent?.form.remoteip, IP);
        assert.deepEqual(fake.rejected, []);
      });

      it(`should take the token from the ${field} field when the form is posted`, () => {
        const others = {
          altcha: 'x',
          'g-recaptcha-response': 'x',
          'h-captcha-response': 'x',
          'cf-turnstile-response': 'x',
        };
        const body = { ...others, [field]: 'the-token' };

        assert.equal(captchaPayloadFrom(body, provider), 'the-token');
        assert.equal(captchaPayloadFrom({ [field]: ['a', 'b'] }, provider), undefined);
        assert.equal(verifierFor(provider).widget.field, field);
      });

      it(`should refuse with CAPTCHA_INVALID when ${provider} does not know the token`, async () => {
        const result = await verifierFor(provider).verify({ payload: 'made-up', remoteIp: IP });

        assert.equal(failure(result), 'CAPTCHA_INVALID');
      });

      it('should refuse with CAPTCHA_REPLAYED when the same token is sent twice', async () => {
        const token = newToken();
        fake.issue(token);
        const captcha = verifierFor(provider);

        const first = await captcha.verify({ payload: token, remoteIp: IP });
        const second = await captcha.verify({ payload: token, remoteIp: IP });

        assert.deepEqual(first, { ok: true });
        assert.equal(failure(second), 'CAPTCHA_REPLAYED');
      });

      it(`should refuse with CAPTCHA_EXPIRED when ${provider} says a token never seen here is used or old`, async () => {
        const token = newToken();
        fake.issue(token);
        fake.markUsed(token);

        const result = await verifierFor(provider).verify({ payload: token, remoteIp: IP });

        assert.equal(failure(result), 'CAPTCHA_EXPIRED');
      });

      it('should refuse with CAPTCHA_MISSING without asking the provider when no token is sent', async () => {
        const before = fake.requests.length;

        const result = await verifierFor(provider).verify({ payload: '', remoteIp: IP });

        assert.equal(failure(result), 'CAPTCHA_MISSING');
        assert.equal(fake.requests.length, before);
      });

      it('should answer CAPTCHA_UNAVAILABLE when the secret key is wrong', async () => {
        const token = newToken();
        fake.issue(token);

        const result = await verifierFor(provider, { secretKey: 'wrong' }).verify({
          payload: token,
          remoteIp: IP,
        });

        assert.deepEqual(result, { ok: false, code: 'CAPTCHA_UNAVAILABLE', detail: 'invalid-input-secret' });
      });

      it(`should answer CAPTCHA_UNAVAILABLE when ${provider} cannot be reached`, async () => {
        const stopped = await startSiteverifyFake({ secret: SECRET });
        const url = stopped.urlFor(fakeName);
        await stopped.stop();

        const result = await verifierFor(provider, { verifyUrl: url }).verify({
          payload: newToken(),
          remoteIp: IP,
        });

        assert.equal(failure(result), 'CAPTCHA_UNAVAILABLE');
      });
    });
  }

  describe('recaptcha-v3', () => {
    it('should accept a token when its score is high enough and its action is the comment action', async () => {
      const token = newToken();
      fake.issue(token, { score: 0.9, action: 'comment' });

      assert.deepEqual(await verifierFor('recaptcha-v3').verify({ payload: token, remoteIp: IP }), {
        ok: true,
      });
    });

    it('should refuse with CAPTCHA_INVALID when the score is below RECAPTCHA_MIN_SCORE', async () => {
      const token = newToken();
      fake.issue(token, { score: 0.3, action: 'comment' });

      const result = await verifierFor('recaptcha-v3', { recaptchaMinScore: 0.5 }).verify({
        payload: token,
        remoteIp: IP,
      });

      assert.deepEqual(result, { ok: false, code: 'CAPTCHA_INVALID', detail: 'score 0.3 below 0.5' });
    });

    it('should refuse with CAPTCHA_INVALID when the token was made for another action', async () => {
      const token = newToken();
      fake.issue(token, { score: 0.9, action: 'login' });

      const result = await verifierFor('recaptcha-v3').verify({ payload: token, remoteIp: IP });

      assert.equal(failure(result), 'CAPTCHA_INVALID');
    });

    it('should load the script with the site key and name the action when the page renders it', () => {
      const { widget } = verifierFor('recaptcha-v3');

      assert.equal(widget.scriptUrl, 'https://www.google.com/recaptcha/api.js?render=site-key');
      assert.equal(widget.action, 'comment');
      assert.equal(widget.field, 'g-recaptcha-response');
    });
  });

  it('should answer CAPTCHA_UNAVAILABLE when siteverify does not answer in time', async () => {
    const timesOut: typeof fetch = async () => {
      throw new DOMException('The operation was aborted due to timeout', 'TimeoutError');
    };

    const result = await verifierFor('turnstile', {}, timesOut).verify({ payload: newToken(), remoteIp: IP });

    assert.deepEqual(result, {
      ok: false,
      code: 'CAPTCHA_UNAVAILABLE',
      detail: 'siteverify unreachable: TimeoutError',
    });
  });

  it('should answer CAPTCHA_UNAVAILABLE when siteverify answers with an error status', async () => {
    const failing: typeof fetch = async () => new Response('oops', { status: 502 });

    const result = await verifierFor('hcaptcha', {}, failing).verify({ payload: newToken(), remoteIp: IP });

    assert.deepEqual(result, {
      ok: false,
      code: 'CAPTCHA_UNAVAILABLE',
      detail: 'siteverify answered HTTP 502',
    });
  });
});
