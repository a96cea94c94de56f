import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { parse } from 'csv-parse/sync';
import {
  type ApiClient,
  assertApiError,
  assertStatus,
  createApiClient,
  type Json,
} from '../api/api-client.ts';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';

describe('Admin API: subscribers, CSV import and export', () => {
  let t: TestApp;
  let admin: ApiClient;

  const createNewsletter = async (fields: Record<string, unknown>): Promise<Json> => {
    const res = await admin.post('/api/admin/newsletters', { newsletters: [fields] });
    assertStatus(res, 201);
    return res.body.newsletters[0];
  };
  const importCsv = (csv: string, query = '') =>
    admin.send({
      method: 'POST',
      url: `/api/admin/subscribers/import${query}`,
      headers: { 'content-type': 'text/csv; charset=utf-8' },
      payload: csv,
    });

  before(async () => {
    t = await createTestApp();
    admin = createApiClient(t.masthead.app, t.adminAuth);
  });
  after(() => t.close());

  it('should import the good lines and report the bad ones by line number when a CSV is posted', async () => {
    await createNewsletter({ name: 'City', slug: 'city' });
    await createNewsletter({ name: 'Culture', slug: 'culture' });
    const csv = [
      'email,name,newsletters',
      'ann@example.org,Ann Smith,city',
      'broken-address,Bad,city',
      'bob@example.org,"Bob',
      'Injected",city',
      'cleo@example.org,Cleo,opera',
      'ANN@example.org,Ann twice,',
      'dev@example.org,Dev Smithers,',
    ].join('\r\n');

    const res = await importCsv(csv, '?newsletters=culture');

    assertStatus(res, 200);
    assert.deepEqual(
      res.body.rejected.map((r: Json) => [r.line, r.field]),
      [
        [3, 'email'],
        [4, 'name'],
        [6, 'newsletters'],
        [7, 'email'],
      ],
    );
    assert.deepEqual([res.body.imported, res.body.updated], [2, 0]);

    const search = await admin.get('/api/admin/subscribers?q=smith');
    assertStatus(search, 200);
    const found = search.body.subscribers.map((s: Json) => [s.email, s.newsletters]).sort();
    assert.deepEqual(found, [
      ['ann@example.org', ['city']],
      ['dev@example.org', ['culture']],
    ]);
    const ann = search.body.subscribers.find((s: Json) => s.email === 'ann@example.org');
    assert.equal(typeof ann.confirmed_at, 'string');
    assert.equal(ann.suppressed, null);
    const ofCulture = await admin.get('/api/admin/subscribers?newsletter=culture');
    assert.deepEqual(
      ofCulture.body.subscribers.map((s: Json) => s.email),
      ['dev@example.org'],
    );
    const one = await admin.get(`/api/admin/subscribers/${ann.id}`);
    assert.equal(one.body.subscribers[0].name, 'Ann Smith');
  });

  it('should refuse a CSV that is not sent as text/csv, has no email column or names an unknown default', async () => {
    assertApiError(await admin.post('/api/admin/subscribers/import', { email: 'a@example.org' }), {
      status: 415,
    });
    assertApiError(await importCsv('name\nAnn\n'), { status: 422, code: 'CSV_NO_EMAIL_COLUMN' });
    assertApiError(await importCsv('email\na@example.org\n', '?newsletters=opera'), {
      status: 422,
      field: 'newsletters',
    });
    assertApiError(await admin.get('/api/admin/subscribers?newsletter=opera'), {
      status: 422,
      field: 'newsletter',
    });
    assertApiError(await importCsv(`email\n${'a@example.org\n'.repeat(100_000)}`), {
      status: 413,
      field: 'body',
    });
    const notUtf8 = await admin.send({
      method: 'POST',
      url: '/api/admin/subscribers/import',
      headers: { 'content-type': 'text/csv' },
      payload: Buffer.from([0x65, 0x6d, 0x61, 0x69, 0x6c, 0x0a, 0xff, 0xfe, 0x0a]),
    });
    assertApiError(notUtf8, { status: 400, code: 'INVALID_UTF8', field: 'body' });
  });

  it('should export a CSV that imports back without a change when exported and imported again', async () => {
    await admin.post('/api/admin/suppressions', { email: 'dev@example.org', reason: 'complained' });

    const exported = await admin.get('/api/admin/subscribers/export');

    assertStatus(exported, 200);
    assert.match(String(exported.headers['content-type']), /^text\/csv; charset=utf-8/);
    assert.equal(exported.headers['content-disposition'], 'attachment; filename="subscribers.csv"');
    const rows = parse(exported.text, { columns: true }) as Record<string, string>[];
    const dev = rows.find((r) => r.email === 'dev@example.org');
    assert.deepEqual(
      [dev?.name, dev?.newsletters, dev?.suppressed],
      ['Dev Smithers', 'culture', 'complained'],
    );
    const again = await importCsv(exported.text);
    assertStatus(again, 200);
    assert.deepEqual(again.body, { imported: 0, updated: rows.length, rejected: [] });
    assert.equal((await admin.get('/api/admin/subscribers/export')).text, exported.text);
  });

  it('should delete a subscriber when asked, then answer 404 for them', async () => {
    const { body } = await admin.get('/api/admin/subscribers?q=dev%40example.org');
    const id = body.subscribers[0].id;

    assertStatus(await admin.delete(`/api/admin/subscribers/${id}`), 204);

    assertApiError(await admin.get(`/api/admin/subscribers/${id}`), { status: 404 });
    assertApiError(await admin.delete(`/api/admin/subscribers/${id}`), { status: 404 });
  });
});
