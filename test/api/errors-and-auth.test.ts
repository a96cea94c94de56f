import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';
import {
  type ApiClient,
  assertApiError,
  assertStatus,
  createApiClient,
  createFactories,
} from './api-client.ts';

const JSON_TYPE = { 'content-type': 'application/json' };

describe('Admin API errors and authentication', () => {
  let t: TestApp;
  /** A second site whose BODY_LIMIT is 2 KiB, for the 413 case. */
  let small: TestApp;
  let admin: ApiClient;
  let anonymous: ApiClient;
  let reader: ApiClient;

  before(async () => {
    [t, small] = await Promise.all([createTestApp(), createTestApp({ env: { BODY_LIMIT: '2048' } })]);
    admin = createApiClient(t.masthead.app, t.adminAuth);
    anonymous = createApiClient(t.masthead.app);
    reader = createApiClient(t.masthead.app, t.readAuth);
    const make = createFactories(admin);
    await make.article({ title: 'Existing story' });
    await make.tag({ name: 'Existing tag' });
  });

  after(() => Promise.all([t.close(), small.close()]));

  describe('tokens', () => {
    it('should answer 401 TOKEN_MISSING when no token is sent to any Admin API method', async () => {
      const attempts = [
        anonymous.get('/api/admin/articles'),
        anonymous.get('/api/admin/settings'),
        anonymous.post('/api/admin/articles', { articles: [{ title: 'No token' }] }),
        anonymous.patch('/api/admin/articles/existing-story', { articles: [{ title: 'No token' }] }),
        anonymous.delete('/api/admin/tags/existing-tag'),
        anonymous.get('/api/admin/articles', { headers: { authorization: 'Basic dXNlcjpwYXNz' } }),
        anonymous.get('/api/admin/articles', { headers: { authorization: 'Bearer ' } }),
      ];

      for (const res of await Promise.all(attempts))
        assertApiError(res, { status: 401, code: 'TOKEN_MISSING' });
      assertStatus(await admin.get('/api/admin/tags/slug/existing-tag'), 200);
      assert.equal(
        (await admin.get('/api/admin/articles/existing-story')).body.articles[0].title,
        'Existing story',
      );
    });

    it('should answer 401 TOKEN_INVALID when the token is wrong', async () => {
      const wrong = { authorization: 'Bearer mh_not-a-real-token' };

      const read = await anonymous.get('/api/admin/articles', { headers: wrong });
      const write = await anonymous.post(
        '/api/admin/articles',
        { articles: [{ title: 'Wrong token' }] },
        { headers: wrong },
      );

      assertApiError(read, { status: 401, code: 'TOKEN_INVALID' });
      assertApiError(write, { status: 401, code: 'TOKEN_INVALID' });
      assertStatus(await admin.get('/api/admin/articles/wrong-token'), 404);
    });

    it('should answer 401 TOKEN_INVALID when a token that worked has been revoked', async () => {
      const { token, secret } = await t.masthead.services.tokens.create({ name: 'soon revoked' });
      const headers = { authorization: `Bearer ${secret}` };
      assertStatus(await anonymous.get('/api/admin/articles', { headers }), 200);

      await t.masthead.services.tokens.revoke(token.id);

      assertApiError(await anonymous.get('/api/admin/articles', { headers }), {
        status: 401,
        code: 'TOKEN_INVALID',
      });
      assertApiError(await anonymous.post('/api/admin/tags', { tags: [{ name: 'Revoked' }] }, { headers }), {
        status: 401,
        code: 'TOKEN_INVALID',
      });
    });

    it('should let a read-only token read but answer 403 TOKEN_READ_ONLY when it writes', async () => {
      const read = await reader.get('/api/admin/articles');
      const writes = await Promise.all([
        reader.post('/api/admin/articles', { articles: [{ title: 'Read only attempt' }] }),
        reader.patch('/api/admin/articles/existing-story', { articles: [{ title: 'Read only edit' }] }),
        reader.post('/api/admin/articles/existing-story/publish'),
        reader.delete('/api/admin/tags/existing-tag'),
        reader.put('/api/admin/settings', { settings: { title: 'Read only site' } }),
      ]);

      assertStatus(read, 200);
      assert.ok(read.body.articles.some((a: { slug: string }) => a.slug === 'existing-story'));
      for (const res of writes) assertApiError(res, { status: 403, code: 'TOKEN_READ_ONLY' });
      assertStatus(await admin.get('/api/admin/articles/read-only-attempt'), 404);
      const story = (await admin.get('/api/admin/articles/existing-story')).body.articles[0];
      assert.equal(story.title, 'Existing story');
      assert.equal(story.status, 'draft');
      assertStatus(await admin.get('/api/admin/tags/slug/existing-tag'), 200);
      assert.equal((await admin.get('/api/admin/settings')).body.settings.title, 'Masthead');
    });
  });

  describe('request bodies', () => {
    it('should answer 400 INVALID_JSON naming the body when the JSON is malformed', async () => {
      const res = await admin.send({
        method: 'POST',
        url: '/api/admin/articles',
        headers: JSON_TYPE,
        payload: '{"articles": [{"title": "x"',
      });

      assertApiError(res, { status: 400, code: 'INVALID_JSON', field: 'body' });
    });

    it('should answer 400 INVALID_UTF8 when the body is not valid UTF-8', async () => {
      const item = Buffer.from([
        0x7b, 0x22, 0x74, 0x69, 0x74, 0x6c, 0x65, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0x22, 0x7d,
      ]);
      const payload = Buffer.concat([Buffer.from('{"articles":['), item, Buffer.from(']}')]);

      const res = await admin.send({
        method: 'POST',
        url: '/api/admin/articles',
        headers: JSON_TYPE,
        payload,
      });

      assertApiError(res, { status: 400, code: 'INVALID_UTF8', field: 'body' });
      const list = await admin.get('/api/admin/articles?limit=100');
      assert.ok(
        !list.body.articles.some((a: { title: string }) => a.title.includes('\uFFFD')),
        'no damaged title stored',
      );
    });

    it('should answer 400 EMPTY_BODY when the body is empty with a JSON content type', async () => {
      const res = await admin.send({
        method: 'POST',
        url: '/api/admin/articles',
        headers: JSON_TYPE,
        payload: '',
      });

      assertApiError(res, { status: 400, code: 'EMPTY_BODY', field: 'body' });
    });

    it('should answer 415 when the body is sent as text/plain', async () => {
      const res = await admin.send({
        method: 'POST',
        url: '/api/admin/articles',
        headers: { 'content-type': 'text/plain' },
        payload: '{"articles":[{"title":"Sent as text"}]}',
      });

      assertApiError(res, { status: 415, field: 'body' });
      assertStatus(await admin.get('/api/admin/articles/sent-as-text'), 404);
    });

    it('should answer 415 UNSUPPORTED_MEDIA_TYPE when the body is a form', async () => {
      const res = await admin.send({
        method: 'POST',
        url: '/api/admin/articles',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        payload: 'title=Sent+as+a+form',
      });

      assertApiError(res, { status: 415, code: 'UNSUPPORTED_MEDIA_TYPE', field: 'body' });
    });

    it('should accept JSON when the content type carries a charset parameter', async () => {
      // RFC 8259 §11 defines no charset parameter, but RFC 9110 allows parameters and most clients send one.
      const res = await admin.send({
        method: 'POST',
        url: '/api/admin/articles',
        headers: { 'content-type': 'application/json; charset=utf-8' },
        payload: JSON.stringify({ articles: [{ title: 'Sent with a charset' }] }),
      });

      assertStatus(res, 201);
      assert.equal(res.body.articles[0].slug, 'sent-with-a-charset');
    });

    it('should answer 413 BODY_TOO_LARGE when the body is over BODY_LIMIT', async () => {
      const smallAdmin = createApiClient(small.masthead.app, small.adminAuth);

      const tooLarge = await smallAdmin.post('/api/admin/articles', {
        articles: [{ title: 'Far too long', body_html: `<p>${'a'.repeat(4000)}</p>` }],
      });
      const underLimit = await smallAdmin.post('/api/admin/articles', {
        articles: [{ title: 'Short enough' }],
      });

      assertApiError(tooLarge, { status: 413, code: 'BODY_TOO_LARGE', field: 'body' });
      assertStatus(underLimit, 201);
      assertStatus(await smallAdmin.get('/api/admin/articles/far-too-long'), 404);
    });

    it('should answer 422 when the body is a JSON array or uses the wrong envelope key', async () => {
      const array = await admin.post('/api/admin/articles', [{ title: 'In a bare array' }]);
      const wrongKey = await admin.post('/api/admin/articles', { posts: [{ title: 'Under posts' }] });
      const notAList = await admin.post('/api/admin/articles', { articles: { title: 'Not a list' } });
      const emptyList = await admin.post('/api/admin/articles', { articles: [] });

      assertApiError(array, { status: 422, field: 'body' });
      assertApiError(wrongKey, { status: 422 });
      const fields = wrongKey.body.errors.map((e: { field: string }) => e.field);
      assert.ok(fields.includes('posts'), `the stray key is named: ${fields.join(', ')}`);
      assert.ok(fields.includes('articles'), `the missing key is named: ${fields.join(', ')}`);
      assertApiError(notAList, { status: 422, field: 'articles' });
      assertApiError(emptyList, { status: 422, field: 'articles' });
    });

    it('should answer 422 FIELD_TOO_LONG when a batch holds more than 100 items', async () => {
      const articles = Array.from({ length: 101 }, (_, i) => ({ title: `Batch item ${i}` }));

      const res = await admin.post('/api/admin/articles', { articles });

      assertApiError(res, { status: 422, code: 'FIELD_TOO_LONG', field: 'articles' });
      assertStatus(await admin.get('/api/admin/articles/batch-item-0'), 404);
    });

    it('should answer 422 UNKNOWN_FIELD naming the field when a field is not writable', async () => {
      const single = await admin.post('/api/admin/articles', {
        articles: [{ title: 'Colourful', colour: 'red' }],
      });
      const batch = await admin.post('/api/admin/articles', {
        articles: [{ title: 'Plain' }, { title: 'Has an id', id: randomUUID() }],
      });
      const readOnly = await admin.patch('/api/admin/articles/existing-story', {
        articles: [{ revision: 99 }],
      });

      assertApiError(single, { status: 422, code: 'UNKNOWN_FIELD', field: 'colour' });
      assert.match(single.body.errors[0].message, /colour/);
      assertApiError(batch, { status: 422, code: 'UNKNOWN_FIELD', field: 'articles[1].id' });
      assertApiError(readOnly, { status: 422, code: 'UNKNOWN_FIELD', field: 'revision' });
      assertStatus(await admin.get('/api/admin/articles/plain'), 404);
    });

    it('should answer 422 FIELD_INVALID, not FIELD_REQUIRED, when a field has the wrong type', async () => {
      const numberTitle = await admin.post('/api/admin/articles', { articles: [{ title: 12345 }] });
      const stringFlag = await admin.post('/api/admin/articles', {
        articles: [{ title: 'Flag', featured: 'yes' }],
      });

      assertApiError(numberTitle, { status: 422, code: 'FIELD_INVALID', field: 'title' });
      assertApiError(stringFlag, { status: 422, code: 'FIELD_INVALID', field: 'featured' });
    });

    it('should answer 422 FIELD_REQUIRED when the title is missing', async () => {
      const res = await admin.post('/api/admin/articles', { articles: [{ standfirst: 'No headline' }] });

      assertApiError(res, { status: 422, code: 'FIELD_REQUIRED', field: 'title' });
    });

    it('should answer 422 FIELD_TOO_LONG when a title has 10,000 characters', async () => {
      const res = await admin.post('/api/admin/articles', { articles: [{ title: 'x'.repeat(10_000) }] });

      assertApiError(res, { status: 422, code: 'FIELD_TOO_LONG', field: 'title' });
      assert.ok(res.text.length < 2000, 'the error does not echo the whole value back');
    });

    it('should answer 422 and pollute no prototype when a body carries __proto__ or constructor keys', async () => {
      const bodies = [
        {
          url: '/api/admin/articles',
          body: '{"articles":[{"title":"Proto","__proto__":{"polluted":true}}]}',
          field: '__proto__',
        },
        {
          url: '/api/admin/articles',
          body: '{"__proto__":{"polluted":true},"articles":[{"title":"Proto"}]}',
          field: '__proto__',
        },
        {
          url: '/api/admin/articles',
          body: '{"articles":[{"title":"Ctor","constructor":{"prototype":{"polluted":true}}}]}',
          field: 'constructor',
        },
        {
          url: '/api/admin/settings',
          body: '{"settings":{"__proto__":{"polluted":true}}}',
          field: 'settings.__proto__',
        },
        {
          url: '/api/admin/articles/existing-story/publish',
          body: '{"__proto__":{"polluted":true}}',
          field: '__proto__',
        },
      ];

      for (const { url, body, field } of bodies) {
        const method = url.endsWith('settings') ? 'PATCH' : 'POST';
        const res = await admin.send({ method, url, headers: JSON_TYPE, payload: body });
        assertApiError(res, { status: 422, code: 'UNKNOWN_FIELD', field });
      }
      assert.equal(({} as Record<string, unknown>).polluted, undefined);
      assert.equal(Object.hasOwn(Object.prototype, 'polluted'), false);
      assertStatus(await admin.get('/api/admin/articles/proto'), 404);
      assert.equal((await admin.get('/api/admin/articles/existing-story')).body.articles[0].status, 'draft');
    });
  });

  describe('references and routes', () => {
    it('should answer 422 INVALID_REFERENCE naming id when the :ref is neither an id nor a slug', async () => {
      const attempts = [
        admin.get('/api/admin/articles/Bad%20Slug'),
        admin.patch('/api/admin/articles/Bad%20Slug', { articles: [{ title: 'x' }] }),
        admin.delete('/api/admin/articles/bad_slug'),
        admin.post('/api/admin/articles/--/publish'),
        admin.get('/api/admin/tags/Bad%20Slug'),
        admin.get('/api/admin/people/%3Cscript%3E'),
        admin.get(`/api/admin/categories/${'a'.repeat(121)}`),
      ];

      for (const res of await Promise.all(attempts))
        assertApiError(res, { status: 422, code: 'INVALID_REFERENCE', field: 'id' });
    });

    it('should answer 404 naming the resource when a well-formed id is unknown', async () => {
      const id = randomUUID();
      const cases = [
        ['articles', 'ARTICLE_NOT_FOUND'],
        ['pages', 'PAGE_NOT_FOUND'],
        ['tags', 'TAG_NOT_FOUND'],
        ['categories', 'CATEGORY_NOT_FOUND'],
        ['people', 'AUTHOR_NOT_FOUND'],
      ] as const;

      for (const [key, code] of cases) {
        assertApiError(await admin.get(`/api/admin/${key}/${id}`), { status: 404, code });
        assertApiError(await admin.delete(`/api/admin/${key}/${id}`), { status: 404, code });
      }
      assertApiError(await admin.post(`/api/admin/articles/${id}/publish`), {
        status: 404,
        code: 'ARTICLE_NOT_FOUND',
      });
      assertApiError(await admin.patch(`/api/admin/articles/${id}`, { articles: [{ title: 'Ghost' }] }), {
        status: 404,
        code: 'ARTICLE_NOT_FOUND',
      });
    });

    it('should answer 404 NOT_FOUND in JSON when the route does not exist', async () => {
      const res = await admin.get('/api/admin/nothing-here');
      const wrongMethod = await admin.put('/api/admin/articles', { articles: [{ title: 'x' }] });

      assertApiError(res, { status: 404, code: 'NOT_FOUND' });
      assertApiError(wrongMethod, { status: 404, code: 'NOT_FOUND' });
    });

    it('should answer 422 naming page when a query parameter is repeated', async () => {
      const res = await admin.get('/api/admin/articles?page=1&page=2');

      assertApiError(res, { status: 422, field: 'page' });
    });

    it('should answer in the JSON error envelope when the path has a malformed percent-encoding', async () => {
      const res = await admin.get('/api/admin/articles/%FF');

      assertApiError(res, { status: 400 });
    });

    it('should answer in the JSON error envelope when a path parameter is longer than the router accepts', async () => {
      const res = await admin.get(`/api/admin/articles/${'a'.repeat(600)}`);

      // 414 from the router, or 404 when the public site's catch-all route takes the long path.
      assert.ok([404, 414, 422].includes(res.status), `status ${res.status}`);
      assertApiError(res, { status: res.status });
    });
  });
});
