import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { startSiteverifyFake } from '../helpers/captcha-fakes.ts';
import { attr, byTag, SITE, text, withClass } from '../site/site-helpers.ts';
import { commentSection, formValue, idFrom, openComments } from './comment-helpers.ts';

const MESSAGES = {
  CAPTCHA_INVALID: 'The anti-spam check did not pass. Please send your comment again.',
  CAPTCHA_EXPIRED: 'The anti-spam check expired. It has renewed itself: please send your comment again.',
  CAPTCHA_REPLAYED: 'The anti-spam check was already used. Please send your comment again.',
};

type Payload = { algorithm: string; challenge: string; number: number; salt: string; signature: string };
const decode = (payload: string): Payload => JSON.parse(Buffer.from(payload, 'base64').toString('utf8'));
const encode = (payload: Payload): string => Buffer.from(JSON.stringify(payload)).toString('base64');

/** The general messages of a re-rendered form (those that belong to no field). */
const generalErrors = (doc: Parameters<typeof withClass>[0]): string[] =>
  withClass(doc, 'form-errors').flatMap((box) => byTag(box, 'p').map((p) => text(p)));

describe('altcha through the comment endpoints', () => {
  it('should approve the comment when the challenge is solved', async (context) => {
    const site = await openComments(context);
    const altcha = await site.solve();

    const res = await site.postForm(await site.fields({ altcha }));

    assert.match(decode(altcha).salt, /[?&]expires=\d+/);
    assert.equal(res.status, 303);
    const stored = await site.stored(idFrom(res.location));
    assert.equal(stored.status, 'approved');
    assert.equal(stored.hold_reason, null);
  });

  it('should hold the comment as no_captcha, never refuse it, when the form comes without JavaScript', async (context) => {
    const site = await openComments(context);

    const form = await site.postForm(await site.fields({ altcha: '', body: 'Written with JavaScript off.' }));
    const { altcha: _dropped, ...withoutField } = await site.fields();
    const json = await site.postJson(withoutField);

    assert.equal(form.status, 303);
    assert.match(form.location ?? '', /\/comments\/[0-9a-f-]{36}\/pending\?hash=/);
    const stored = await site.stored(idFrom(form.location));
    assert.equal(stored.status, 'pending');
    assert.equal(stored.hold_reason, 'no_captcha');
    assert.equal(stored.body, 'Written with JavaScript off.');
    assert.equal(json.status, 201);
    assert.equal((await site.stored(json.body.comments[0].id)).hold_reason, 'no_captcha');
    const queue = await site.queue('pending');
    assert.deepEqual(queue.map((c) => c.hold_reason).sort(), ['no_captcha', 'no_captcha']);
  });

  it('should refuse a wrong number with 422 CAPTCHA_INVALID on altcha and keep the text', async (context) => {
    const site = await openComments(context);
    const solved = decode(await site.solve());
    const wrong = encode({ ...solved, number: solved.number + 1 });
    const body = 'My carefully written comment.\n\nSecond paragraph.';

    const form = await site.postForm(await site.fields({ altcha: wrong, body, name: 'Ada' }));
    const json = await site.postJson(await site.fields({ altcha: wrong }));

    assert.equal(form.status, 422);
    assert.deepEqual(generalErrors(form.doc), [MESSAGES.CAPTCHA_INVALID]);
    assert.equal(formValue(form.doc, 'body'), body);
    assert.equal(formValue(form.doc, 'name'), 'Ada');
    assert.equal(byTag(form.doc, 'altcha-widget').length, 1, 'a fresh widget to solve again');
    assert.equal(json.status, 422);
    assert.deepEqual(json.body.errors, [
      { code: 'CAPTCHA_INVALID', field: 'altcha', message: MESSAGES.CAPTCHA_INVALID },
    ]);
    assert.deepEqual(await site.queue('approved'), []);
    assert.deepEqual(await site.queue('pending'), []);
  });

  it('should refuse a tampered payload with CAPTCHA_INVALID when its expiry, signature or encoding is changed', async (context) => {
    const site = await openComments(context);
    const solved = decode(await site.solve());
    const later = solved.salt.replace(/expires=(\d+)/, (_, s: string) => `expires=${Number(s) + 3600}`);
    const tampered = [
      encode({ ...solved, salt: later }),
      encode({ ...solved, signature: 'f'.repeat(64) }),
      encode({ ...solved, challenge: '0'.repeat(64) }),
      encode({ ...solved, algorithm: 'SHA-1' }),
      'not base64 json',
      Buffer.from('{"number":1}').toString('base64'),
    ];

    for (const altcha of tampered) {
      const res = await site.postJson(await site.fields({ altcha }));

      assert.equal(res.status, 422, altcha);
      assert.deepEqual(
        res.body.errors.map((e: { code: string; field: string }) => [e.code, e.field]),
        [['CAPTCHA_INVALID', 'altcha']],
      );
    }
    assert.notEqual(later, solved.salt);
  });

  it('should refuse a solution posted a second time with CAPTCHA_REPLAYED', async (context) => {
    const site = await openComments(context);
    const altcha = await site.solve();

    const first = await site.postForm(await site.fields({ altcha }));
    const again = await site.postForm(await site.fields({ altcha, body: 'Another comment, same solution.' }));
    const json = await site.postJson(await site.fields({ altcha }));

    assert.equal(first.status, 303);
    assert.equal(again.status, 422);
    assert.deepEqual(generalErrors(again.doc), [MESSAGES.CAPTCHA_REPLAYED]);
    assert.equal(formValue(again.doc, 'body'), 'Another comment, same solution.');
    assert.equal(json.status, 422);
    assert.equal(json.body.errors[0].code, 'CAPTCHA_REPLAYED');
    assert.equal(json.body.errors[0].field, 'altcha');
  });

  it('should not spend the solution when the comment is refused for another reason', async (context) => {
    const site = await openComments(context);
    const altcha = await site.solve();
    const first = await site.submit();
    const { body: firstBody } = await site.stored(first);

    const badField = await site.postJson(await site.fields({ altcha, name: '' }));
    const duplicate = await site.postJson(await site.fields({ altcha, body: firstBody }));
    const fixed = await site.postJson(await site.fields({ altcha, body: 'Now it is new.' }));

    assert.equal(badField.status, 422);
    assert.equal(duplicate.status, 409);
    assert.equal(fixed.status, 201, fixed.text);
    assert.equal(fixed.body.comments[0].status, 'approved');
  });

  it('should refuse with CAPTCHA_EXPIRED and keep the text when the challenge has expired', async (context) => {
    const site = await openComments(context, { env: { CAPTCHA_EXPIRES: '5' } });
    const stale = await site.solve();
    const inTime = await site.solve();
    const accepted = await site.postJson(await site.fields({ altcha: inTime }));
    site.clock.advance(6_000);

    const form = await site.postForm(await site.fields({ altcha: stale, body: 'Slow writer here.' }));
    const json = await site.postJson(await site.fields({ altcha: stale }));
    const renewed = await site.postForm(await site.fields({ body: 'Slow writer here.' }));

    assert.equal(accepted.status, 201, 'a challenge used within 5 s is accepted');
    assert.equal(form.status, 422);
    assert.deepEqual(generalErrors(form.doc), [MESSAGES.CAPTCHA_EXPIRED]);
    assert.equal(formValue(form.doc, 'body'), 'Slow writer here.');
    assert.equal(json.status, 422);
    assert.deepEqual(json.body.errors, [
      { code: 'CAPTCHA_EXPIRED', field: 'altcha', message: MESSAGES.CAPTCHA_EXPIRED },
    ]);
    assert.equal(renewed.status, 303, 'a new challenge solved after the expiry is accepted');
    assert.equal((await site.stored(idFrom(renewed.location))).status, 'approved');
  });

  it('should let the widget fetch a fresh challenge with the configured expiry when the page renders', async (context) => {
    const site = await openComments(context, { env: { CAPTCHA_EXPIRES: '5' } });

    const page = await site.page();
    const challenge = await site.t.masthead.app.inject({ method: 'GET', url: '/api/captcha/challenge' });

    const widget = byTag(commentSection(page.doc), 'altcha-widget')[0];
    assert.equal(attr(widget, 'challenge'), '/api/captcha/challenge');
    assert.equal(attr(widget, 'name'), 'altcha');
    assert.equal(challenge.statusCode, 200);
    const { salt } = challenge.json() as { salt: string };
    const expires = Number(/expires=(\d+)/.exec(salt)?.[1]);
    assert.equal(expires, site.clock.now().getTime() / 1000 + 5);
  });
});

describe('third-party CAPTCHA through the comment endpoints', () => {
  const SECRET = 'turnstile-secret';
  const env = (verifyUrl: string) => ({
    CAPTCHA_PROVIDER: 'turnstile',
    CAPTCHA_SITE_KEY: 'turnstile-site-key',
    CAPTCHA_SECRET_KEY: SECRET,
    CAPTCHA_VERIFY_URL: verifyUrl,
  });

  it('should approve the comment when Turnstile siteverify confirms the token', async (context) => {
    const fake = await startSiteverifyFake({ secret: SECRET });
    context.after(() => fake.stop());
    const site = await openComments(context, { env: env(fake.urlFor('turnstile')) });
    fake.issue('turnstile-token-1');

    const res = await site.postForm(await site.fields({ 'cf-turnstile-response': 'turnstile-token-1' }));

    assert.equal(res.status, 303);
    assert.equal((await site.stored(idFrom(res.location))).status, 'approved');
    assert.deepEqual(
      fake.requests.map((r) => [r.provider, r.form.secret, r.form.response, r.form.remoteip]),
      [['turnstile', SECRET, 'turnstile-token-1', '127.0.0.1']],
    );
    assert.deepEqual(fake.rejected, []);
  });

  it('should render the Turnstile widget with the site key instead of altcha when Turnstile is configured', async (context) => {
    const fake = await startSiteverifyFake({ secret: SECRET });
    context.after(() => fake.stop());
    const site = await openComments(context, { env: env(fake.urlFor('turnstile')) });

    const section = commentSection((await site.page()).doc);

    assert.equal(byTag(section, 'altcha-widget').length, 0);
    assert.equal(attr(withClass(section, 'cf-turnstile')[0], 'data-sitekey'), 'turnstile-site-key');
  });

  it('should refuse an unknown or reused Turnstile token on its own field', async (context) => {
    const fake = await startSiteverifyFake({ secret: SECRET });
    context.after(() => fake.stop());
    const site = await openComments(context, { env: env(fake.urlFor('turnstile')) });
    fake.issue('turnstile-token-2');
    const first = await site.postJson(await site.fields({ 'cf-turnstile-response': 'turnstile-token-2' }));

    const unknown = await site.postJson(await site.fields({ 'cf-turnstile-response': 'never-issued' }));
    const reused = await site.postJson(await site.fields({ 'cf-turnstile-response': 'turnstile-token-2' }));

    assert.equal(first.status, 201);
    assert.equal(unknown.status, 422);
    assert.deepEqual(
      unknown.body.errors.map((e: { code: string; field: string }) => [e.code, e.field]),
      [['CAPTCHA_INVALID', 'cf-turnstile-response']],
    );
    assert.equal(reused.status, 422);
    assert.equal(reused.body.errors[0].code, 'CAPTCHA_REPLAYED');
  });

  it('should hold the comment as captcha_unavailable when Turnstile cannot be reached', async (context) => {
    const fake = await startSiteverifyFake({ secret: SECRET });
    const url = fake.urlFor('turnstile');
    await fake.stop();
    const site = await openComments(context, { env: env(url) });

    const res = await site.postForm(await site.fields({ 'cf-turnstile-response': 'any-token' }));

    assert.equal(res.status, 303);
    assert.match(res.location ?? '', new RegExp(`^${SITE}/comments/[0-9a-f-]{36}/pending\\?hash=`));
    const stored = await site.stored(idFrom(res.location));
    assert.equal(stored.status, 'pending');
    assert.equal(stored.hold_reason, 'captcha_unavailable');
    assert.match(stored.hold_detail ?? '', /siteverify unreachable/);
  });

  it('should hold the comment as no_captcha when the Turnstile field is missing', async (context) => {
    const fake = await startSiteverifyFake({ secret: SECRET });
    context.after(() => fake.stop());
    const site = await openComments(context, { env: env(fake.urlFor('turnstile')) });

    const res = await site.postJson(await site.fields());

    assert.equal(res.status, 201);
    assert.equal((await site.stored(res.body.comments[0].id)).hold_reason, 'no_captcha');
    assert.deepEqual(fake.requests, [], 'nothing to ask the provider');
  });
});
