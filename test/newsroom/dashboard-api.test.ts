import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { runAs, type StaffRole, systemActor } from '../../src/auth/actor.ts';
import { type ApiClient, assertStatus, createApiClient, daysFromNow, type Json } from '../api/api-client.ts';
import { matrixEnv, setUpMatrix } from '../auth/role-matrix.ts';
import { type SignedIn, signInEachRole } from '../auth/staff-sessions.ts';
import { pendingComment } from '../comments/moderation-helpers.ts';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';

const titlesOf = (list: Json): string[] => list.articles.map((article: Json) => article.title);

describe('Admin API: GET /dashboard', () => {
  let t: TestApp;
  let admin: ApiClient;
  let staff: Record<StaffRole, SignedIn>;
  const dashboardOf = async (role: StaffRole | 'token'): Promise<Json> => {
    const headers = role === 'token' ? t.adminAuth : staff[role].headers;
    const res = await admin.get('/api/admin/dashboard', { headers });
    assertStatus(res, 200);
    return res.body.dashboard;
  };
  const draftAs = async (role: StaffRole, title: string) => {
    const res = await admin.post(
      '/api/admin/articles',
      { articles: [{ title }] },
      { headers: staff[role].headers },
    );
    assertStatus(res, 201);
  };

  before(async () => {
    t = await createTestApp({ env: matrixEnv });
    admin = createApiClient(t.masthead.app, t.adminAuth);
    staff = await signInEachRole(t);
    const commentable = await setUpMatrix(t);
    await pendingComment(t, commentable, { body: 'Is the ferry running on Sunday?' });
    await pendingComment(t, commentable, { body: 'Which pier does it leave from?' });
    await runAs(systemActor, () =>
      t.masthead.subscribe.csv.import([
        { line: 2, email: 'first.reader@example.org', name: 'First', newsletterIds: [] },
        { line: 3, email: 'second.reader@example.org', name: 'Second', newsletterIds: [] },
        { line: 4, email: 'third.reader@example.org', name: 'Third', newsletterIds: [] },
      ]),
    );
    await draftAs('contributor', 'Contributor draft one');
    await draftAs('contributor', 'Contributor draft two');
    await draftAs('author', 'Author draft');
    for (let n = 1; n <= 5; n += 1) await draftAs('editor', `Editor draft ${n}`);
    const scheduled = [
      { title: 'Scheduled in three days', status: 'scheduled', published_at: daysFromNow(3) },
      { title: 'Scheduled tomorrow', status: 'scheduled', published_at: daysFromNow(1) },
      { title: 'Scheduled in two days', status: 'scheduled', published_at: daysFromNow(2) },
    ];
    assertStatus(await admin.post('/api/admin/articles', { articles: scheduled }), 201);
    const published = [
      { title: 'Published last week', status: 'published', published_at: daysFromNow(-7) },
      { title: 'Published yesterday', status: 'published', published_at: daysFromNow(-1) },
    ];
    assertStatus(await admin.post('/api/admin/articles', { articles: published }), 201);
  });

  after(() => t.close());

  it("should count only the contributor's own drafts and hide comments and subscribers when a contributor asks", async () => {
    const dashboard = await dashboardOf('contributor');

    assert.equal(dashboard.drafts.scope, 'mine');
    assert.equal(dashboard.drafts.total, 2);
    assert.deepEqual(titlesOf(dashboard.drafts).sort(), ['Contributor draft one', 'Contributor draft two']);
    assert.equal(dashboard.comments, null);
    assert.equal(dashboard.subscribers, null);
  });

  it("should count only the author's own drafts when an author asks", async () => {
    const dashboard = await dashboardOf('author');

    assert.equal(dashboard.drafts.scope, 'mine');
    assert.deepEqual(titlesOf(dashboard.drafts), ['Author draft']);
    assert.equal(dashboard.drafts.total, 1);
    assert.equal(dashboard.comments, null);
  });

  it('should count every draft, pending comment and subscriber when an editor asks, listing five drafts at most', async () => {
    const dashboard = await dashboardOf('editor');

    assert.equal(dashboard.drafts.scope, 'all');
    assert.equal(dashboard.drafts.total, 8);
    assert.equal(dashboard.drafts.articles.length, 5);
    assert.deepEqual(dashboard.comments, { pending: 2 });
    assert.deepEqual(dashboard.subscribers, { total: 3 });
    const drafts = await admin.get('/api/admin/articles?status=draft&limit=1');
    assert.equal(dashboard.drafts.total, drafts.body.meta.pagination.total);
  });

  it('should list the schedule soonest first with each publication time', async () => {
    const dashboard = await dashboardOf('administrator');

    assert.equal(dashboard.scheduled.total, 3);
    assert.deepEqual(titlesOf(dashboard.scheduled), [
      'Scheduled tomorrow',
      'Scheduled in two days',
      'Scheduled in three days',
    ]);
    const times = dashboard.scheduled.articles.map((article: Json) => Date.parse(article.published_at));
    assert.ok(times.every((time: number) => time > Date.now()));
    assert.deepEqual(Object.keys(dashboard.scheduled.articles[0]).sort(), [
      'id',
      'language',
      'published_at',
      'status',
      'title',
      'updated_at',
    ]);
  });

  it('should list the most recently published article first and count them all', async () => {
    const dashboard = await dashboardOf('contributor');

    // setUpMatrix published "Harbour reopens" just now; then yesterday's and last week's.
    assert.deepEqual(titlesOf(dashboard.published), [
      'Harbour reopens',
      'Published yesterday',
      'Published last week',
    ]);
    assert.equal(dashboard.published.total, 3);
  });

  it('should follow new pending comments and count every draft for an API token', async () => {
    const before = await dashboardOf('token');
    const published = await t.masthead.services.articles.list({
      kind: 'article',
      statuses: ['published'],
      page: { page: 1, limit: 1 },
    });
    const commentable = published.articles[0];
    assert.ok(commentable);
    await pendingComment(t, commentable, { body: 'One more question about the timetable.' });

    const after = await dashboardOf('token');
    assert.equal(before.drafts.scope, 'all');
    assert.equal(after.comments.pending, before.comments.pending + 1);
  });
});
