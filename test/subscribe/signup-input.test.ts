import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseDocument } from 'htmlparser2';
import { attr, byTag, type Doc, one, text, withAttr } from '../site/site-helpers.ts';
import { createNewsletters, openSubscribeSite, postForm, type SubscribeSite } from './subscribe-helpers.ts';

const ADA = 'ada@example.com';

async function newsletterSite(ctx: Parameters<typeof openSubscribeSite>[0]): Promise<SubscribeSite> {
  const site = await openSubscribeSite(ctx);
  await createNewsletters(site.t, [
    { name: 'Morning briefing', slug: 'morning' },
    { name: 'Evening edition', slug: 'evening' },
  ]);
  return site;
}

/** `POST /api/subscribe` with a raw body, as any client could send it. */
const rawSignup = (site: SubscribeSite, payload: string, contentType = 'application/json') =>
  site.t.masthead.app.inject({
    method: 'POST',
    url: '/api/subscribe',
    headers: contentType ? { 'content-type': contentType } : {},
    payload,
  });

const queued = (site: SubscribeSite) =>
  site.t.masthead.database.db.selectFrom('outbox').select(['recipient', 'subject']).execute();

type Field = { code: string; message: string; field?: string };

/** Every way the JSON API is sent something wrong, and the field its answer must name. */
const badBodies: [string, string, string][] = [
  ['a malformed address', JSON.stringify({ email: 'ada@' }), 'email'],
  [
    'an address with a line break',
    JSON.stringify({ email: 'ada@example.com\r\nbcc: x@evil.example' }),
    'email',
  ],
  ['CR/LF in the name', JSON.stringify({ email: ADA, name: 'Ada\r\nBcc: victim@evil.example' }), 'name'],
  ['a lone LF in the name', JSON.stringify({ email: ADA, name: 'Ada\nX-Injected: 1' }), 'name'],
  ['a 101-character name', JSON.stringify({ email: ADA, name: 'a'.repeat(101) }), 'name'],
  ['a 300-character address', JSON.stringify({ email: `${'a'.repeat(288)}@example.com` }), 'email'],
  ['an unknown newsletter slug', JSON.stringify({ email: ADA, newsletters: ['nope'] }), 'newsletters[0]'],
  [
    'a second slug unknown',
    JSON.stringify({ email: ADA, newsletters: ['morning', 'nope'] }),
    'newsletters[1]',
  ],
  ['newsletters that are not a list', JSON.stringify({ email: ADA, newsletters: { a: 1 } }), 'newsletters'],
  ['an address that is not a string', JSON.stringify({ email: 42 }), 'email'],
  ['a JSON list', JSON.stringify([ADA]), 'body'],
  ['a JSON string', JSON.stringify(ADA), 'body'],
  ['a JSON number', '12', 'body'],
  ['JSON null', 'null', 'email'],
  ['an empty object', '{}', 'email'],
];

describe('Signup: bad input through the API', () => {
  for (const [what, payload, field] of badBodies)
    it(`should answer 422 naming ${field} and queue no mail when the body has ${what}`, async (ctx) => {
      const site = await newsletterSite(ctx);

      const answer = await rawSignup(site, payload);

      assert.equal(answer.statusCode, 422, answer.body);
      const errors = (answer.json() as { errors: Field[] }).errors;
      assert.equal(errors[0]?.field, field, answer.body);
      assert.ok(errors[0]?.code && errors[0]?.message, answer.body);
      assert.deepEqual(await queued(site), []);
    });

  it('should answer 422 naming the address when the body is empty and untyped', async (ctx) => {
    const site = await newsletterSite(ctx);

    const answer = await rawSignup(site, '', '');

    assert.equal(answer.statusCode, 422, answer.body);
    assert.equal((answer.json() as { errors: Field[] }).errors[0]?.field, 'email');
  });

  it('should answer a client error, never a 500, when the body is empty, broken or huge JSON', async (ctx) => {
    const site = await newsletterSite(ctx);

    const empty = await rawSignup(site, '');
    const broken = await rawSignup(site, '{"email":');
    const huge = await rawSignup(site, JSON.stringify({ email: ADA, name: 'a'.repeat(2_000_000) }));
    const xml = await rawSignup(site, '<email>ada@example.com</email>', 'application/xml');

    assert.deepEqual(
      [empty, broken, huge, xml].map((answer) => answer.statusCode),
      [400, 400, 413, 415],
    );
    assert.equal((empty.json() as { errors: Field[] }).errors[0]?.code, 'EMPTY_BODY');
    assert.deepEqual(await queued(site), []);
  });

  it('should answer 422 when the site has no newsletter to subscribe to', async (ctx) => {
    const site = await openSubscribeSite(ctx);

    const answer = await rawSignup(site, JSON.stringify({ email: ADA }));

    assert.equal(answer.statusCode, 422);
    assert.equal((answer.json() as { errors: Field[] }).errors[0]?.code, 'NO_NEWSLETTERS');
  });
});

/** The /subscribe page's form and what it shows about each field. */
function formOf(doc: Doc) {
  const form = one(
    byTag(doc, 'form').filter((el) => el.attribs.action === '/subscribe'),
    'subscribe form',
  );
  const input = (id: string) => one(withAttr(form, 'id', id), `#${id}`);
  return {
    email: input('subscribe-page-email'),
    name: input('subscribe-page-name'),
    emailError: text(input('subscribe-page-email-error')),
    nameError: text(input('subscribe-page-name-error')),
    checked: byTag(form, 'input')
      .filter((el) => el.attribs.name === 'newsletters' && 'checked' in el.attribs)
      .map((el) => el.attribs.value),
  };
}

describe('Signup: bad input through the form', () => {
  it('should show the form again with 422, everything typed and the error beside the address', async (ctx) => {
    const site = await newsletterSite(ctx);

    const answer = await postForm(site.t, '/subscribe', {
      email: 'ada@example',
      name: 'Ada Lovelace',
      source: 'page',
      newsletters: 'evening',
    });

    assert.equal(answer.statusCode, 422, answer.body.slice(0, 300));
    assert.match(String(answer.headers['cache-control']), /no-store/);
    const form = formOf(parseDocument(answer.body));
    assert.equal(attr(form.email, 'value'), 'ada@example');
    assert.equal(attr(form.email, 'aria-invalid'), 'true');
    assert.equal(attr(form.email, 'aria-describedby'), 'subscribe-page-email-error');
    assert.equal(form.emailError, 'Enter an email address such as reader@example.com.');
    assert.equal(attr(form.name, 'value'), 'Ada Lovelace');
    assert.equal(form.nameError, '');
    assert.deepEqual(form.checked, ['evening']);
    assert.deepEqual(await queued(site), []);
  });

  it('should keep the address and name the name field when the name holds a line break', async (ctx) => {
    const site = await newsletterSite(ctx);

    const answer = await postForm(site.t, '/subscribe', {
      email: ADA,
      name: 'Ada\r\nBcc: victim@evil.example',
      newsletters: ['morning', 'evening'],
    });

    assert.equal(answer.statusCode, 422);
    const form = formOf(parseDocument(answer.body));
    assert.equal(attr(form.email, 'value'), ADA);
    assert.equal(attr(form.name, 'aria-invalid'), 'true');
    assert.equal(form.nameError, 'Enter your name on one line, in at most 100 characters.');
    assert.deepEqual(form.checked, ['evening', 'morning']);
    assert.deepEqual(await queued(site), []);
  });

  it('should name the newsletter list when the form sends an unknown newsletter', async (ctx) => {
    const site = await newsletterSite(ctx);

    const answer = await postForm(site.t, '/subscribe', { email: ADA, newsletters: ['morning', 'gone'] });

    assert.equal(answer.statusCode, 422);
    assert.match(answer.body, /That newsletter does not exist\. Choose one from the list\./);
    assert.equal(attr(formOf(parseDocument(answer.body)).email, 'value'), ADA);
    assert.deepEqual(await queued(site), []);
  });

  it('should answer 422, never a 500, when the form sends fields as repeated or missing', async (ctx) => {
    const site = await newsletterSite(ctx);

    const twice = await postForm(site.t, '/subscribe', { email: [ADA, 'bo@example.com'] });
    const nothing = await postForm(site.t, '/subscribe', {});

    assert.equal(twice.statusCode, 422);
    assert.equal(nothing.statusCode, 422);
    assert.deepEqual(await queued(site), []);
  });
});
