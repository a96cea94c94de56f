import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { StaffRole } from '../../src/auth/actor.ts';
import {
  type ApiClient,
  assertApiError,
  assertStatus,
  createApiClient,
  createFactories,
  type Json,
} from '../api/api-client.ts';
import { type SignedIn, signInEachRole } from '../auth/staff-sessions.ts';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';

const titlesOf = (res: { body: Json }): string[] =>
  res.body.articles.map((article: Json) => article.title).sort();

describe('Admin API: the newsroom filters of GET /articles', () => {
  let t: TestApp;
  let admin: ApiClient;
  let staff: Record<StaffRole, SignedIn>;

  before(async () => {
    t = await createTestApp();
    admin = createApiClient(t.masthead.app, t.adminAuth);
    staff = await signInEachRole(t);
    const make = createFactories(admin);
    await make.person({ name: 'Rhea Reporter' });
    await make.person({ name: 'Sam Stringer' });
    await make.category({ name: 'Harbour' });
    await make.category({ name: 'Council' });
    await make.article({
      title: 'Ferry timetable changes',
      standfirst: 'New crossings from the north pier.',
      primary_category: 'harbour',
      authors: ['rhea-reporter'],
    });
    await make.article({
      title: 'Council budget vote',
      standfirst: 'A late amendment on the FERRY subsidy.',
      primary_category: 'council',
      authors: ['sam-stringer'],
    });
    await make.article({
      title: 'Harbour wall repaired',
      status: 'published',
      primary_category: 'harbour',
      authors: ['rhea-reporter'],
    });
    await make.article({ title: 'Rents up 100% in ten years' });
    await make.article({ title: 'Under_score in a title' });
    const mine = await admin.post(
      '/api/admin/articles',
      { articles: [{ title: 'Contributor notes on the ferry' }] },
      { headers: staff.contributor.headers },
    );
    assertStatus(mine, 201);
  });

  after(() => t.close());

  it('should match part of the title or the standfirst in any case when q is given', async () => {
    const res = await admin.get('/api/admin/articles?q=ferry');

    assertStatus(res, 200);
    assert.deepEqual(titlesOf(res), [
      'Contributor notes on the ferry',
      'Council budget vote',
      'Ferry timetable changes',
    ]);
    assert.equal(res.body.meta.pagination.total, 3);
  });

  it('should treat % and _ as plain characters when q holds them', async () => {
    assert.deepEqual(titlesOf(await admin.get(`/api/admin/articles?q=${encodeURIComponent('100%')}`)), [
      'Rents up 100% in ten years',
    ]);
    assert.deepEqual(titlesOf(await admin.get('/api/admin/articles?q=r_s')), ['Under_score in a title']);
    assert.deepEqual(titlesOf(await admin.get(`/api/admin/articles?q=${encodeURIComponent('%')}`)), [
      'Rents up 100% in ten years',
    ]);
  });

  it('should combine q with status, category and author when all are given', async () => {
    const drafts = await admin.get('/api/admin/articles?status=draft&q=harbour');
    assert.deepEqual(titlesOf(drafts), []);
    const published = await admin.get('/api/admin/articles?status=published&q=harbour');
    assert.deepEqual(titlesOf(published), ['Harbour wall repaired']);
    const inSection = await admin.get(
      '/api/admin/articles?category=harbour&author=rhea-reporter&status=draft',
    );
    assert.deepEqual(titlesOf(inSection), ['Ferry timetable changes']);
    const byAuthor = await admin.get('/api/admin/articles?author=sam-stringer&q=ferry');
    assert.deepEqual(titlesOf(byAuthor), ['Council budget vote']);
  });

  it("should list the signed-in staff member's own articles when created_by=me, and show created_by", async () => {
    const res = await admin.get('/api/admin/articles?created_by=me', { headers: staff.contributor.headers });

    assertStatus(res, 200);
    assert.deepEqual(titlesOf(res), ['Contributor notes on the ferry']);
    assert.equal(res.body.articles[0].created_by.id, staff.contributor.actor.id);
    const byId = await admin.get(`/api/admin/articles?created_by=${staff.contributor.actor.id}`);
    assert.deepEqual(titlesOf(byId), ['Contributor notes on the ferry']);
    const byToken = await admin.get('/api/admin/articles?q=timetable');
    assert.equal(byToken.body.articles[0].created_by, null);
  });

  it('should refuse with 422 when created_by is neither me nor an id, or a token asks for its own', async () => {
    assertApiError(await admin.get('/api/admin/articles?created_by=someone'), {
      status: 422,
      field: 'created_by',
    });
    assertApiError(await admin.get('/api/admin/articles?created_by=me'), {
      status: 422,
      field: 'created_by',
    });
  });

  it('should refuse with 422 when q is longer than 200 characters', async () => {
    assertApiError(await admin.get(`/api/admin/articles?q=${'a'.repeat(201)}`), { status: 422, field: 'q' });
  });

  it('should leave the public Content API without the newsroom filters', async () => {
    const content = createApiClient(t.masthead.app);
    const res = await content.get('/api/content/articles?q=ferry');
    assertApiError(res, { status: 422, field: 'q' });
  });
});
