import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  type AkismetFake,
  type SiteverifyFake,
  startAkismetFake,
  startSiteverifyFake,
} from './captcha-fakes.ts';

const form = (fields: Record<string, string>) => ({
  method: 'POST',
  headers: { 'content-type': 'application/x-www-form-urlencoded' },
  body: new URLSearchParams(fields),
});

describe('CAPTCHA and Akismet fakes', () => {
  let siteverify: SiteverifyFake;
  let akismet: AkismetFake;

  before(async () => {
    siteverify = await startSiteverifyFake({ secret: 'sekrit' });
    akismet = await startAkismetFake({ key: 'key' });
  });
  after(async () => {
    await siteverify.stop();
    await akismet.stop();
  });

  it('should refuse a JSON body when a client posts JSON to siteverify', async () => {
    const res = await fetch(siteverify.urlFor('turnstile'), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ secret: 'sekrit', response: 'token' }),
    });

    assert.equal(res.status, 415);
    assert.deepEqual(siteverify.rejected, ['content-type application/json']);
    siteverify.rejected.length = 0;
  });

  it('should refuse a GET when a client does not POST', async () => {
    const res = await fetch(`${siteverify.urlFor('recaptcha')}?secret=sekrit&response=token`);

    assert.equal(res.status, 405);
    siteverify.rejected.length = 0;
  });

  it('should name the missing field when secret or response is left out', async () => {
    const noSecret = await (await fetch(siteverify.urlFor('hcaptcha'), form({ response: 't' }))).json();
    const noResponse = await (await fetch(siteverify.urlFor('hcaptcha'), form({ secret: 'sekrit' }))).json();

    assert.deepEqual(noSecret, { success: false, 'error-codes': ['missing-input-secret'] });
    assert.deepEqual(noResponse, { success: false, 'error-codes': ['missing-input-response'] });
  });

  it('should accept an issued token once when it is verified', async () => {
    siteverify.issue('once');

    const first = await (
      await fetch(siteverify.urlFor('recaptcha'), form({ secret: 'sekrit', response: 'once' }))
    ).json();
    const second = await (
      await fetch(siteverify.urlFor('recaptcha'), form({ secret: 'sekrit', response: 'once' }))
    ).json();

    assert.equal(first.success, true);
    assert.deepEqual(second, { success: false, 'error-codes': ['timeout-or-duplicate'] });
  });

  it('should refuse a comment check when user_ip is missing', async () => {
    const res = await fetch(
      `${akismet.baseUrl}/1.1/comment-check`,
      form({ api_key: 'key', blog: 'https://x' }),
    );

    assert.equal(await res.text(), 'Missing required field: user_ip.');
    assert.equal(res.headers.get('x-akismet-debug-help'), 'Missing user_ip');
  });
});
