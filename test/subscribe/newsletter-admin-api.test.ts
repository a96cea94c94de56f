import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { newId } from '../../src/lib/ids.ts';
import {
  type ApiClient,
  assertApiError,
  assertStatus,
  createApiClient,
  createFactories,
  type Json,
  uuidPattern,
} from '../api/api-client.ts';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';
import { insertSend } from './subscribe-helpers.ts';

describe('Admin API: newsletters, suppressions and sends', () => {
  let t: TestApp;
  let admin: ApiClient;
  let reader: ApiClient;
  let make: ReturnType<typeof createFactories>;

  const createNewsletter = async (fields: Record<string, unknown>): Promise<Json> => {
    const res = await admin.post('/api/admin/newsletters', { newsletters: [fields] });
    assertStatus(res, 201);
    return res.body.newsletters[0];
  };

  before(async () => {
    t = await createTestApp();
    admin = createApiClient(t.masthead.app, t.adminAuth);
    reader = createApiClient(t.masthead.app, t.readAuth);
    make = createFactories(admin);
  });
  after(() => t.close());

  describe('newsletters', () => {
    it('should create, read, list, update and delete a newsletter when the newsroom manages them', async () => {
      const politics = await make.category({ name: 'Politics' });

      const created = await createNewsletter({
        name: 'Morning Briefing',
        categories: ['politics'],
        cadence: 'daily',
      });

      assert.match(created.id, uuidPattern);
      assert.equal(created.slug, 'morning-briefing');
      assert.deepEqual(created.categories, [politics.id]);
      assert.deepEqual(
        [created.cadence, created.send_hour, created.send_weekday, created.track_opens, created.track_clicks],
        ['daily', 7, 1, false, false],
      );
      const bySlug = await reader.get('/api/admin/newsletters/slug/morning-briefing');
      assertStatus(bySlug, 200);
      assert.equal(bySlug.body.newsletters[0].id, created.id);
      assert.equal(bySlug.body.newsletters[0].subscriber_count, 0);
      const list = await reader.get('/api/admin/newsletters');
      assert.ok(list.body.newsletters.some((n: Json) => n.id === created.id));
      assert.equal(typeof list.body.meta.pagination.total, 'number');

      const updated = await admin.patch(`/api/admin/newsletters/${created.id}`, {
        newsletters: [{ send_hour: 6, track_clicks: true, categories: [] }],
      });
      assertStatus(updated, 200);
      assert.deepEqual(
        [updated.body.newsletters[0].send_hour, updated.body.newsletters[0].track_clicks],
        [6, true],
      );
      assert.deepEqual(updated.body.newsletters[0].categories, []);

      assertStatus(await admin.delete('/api/admin/newsletters/morning-briefing'), 204);
      assertApiError(await admin.get(`/api/admin/newsletters/${created.id}`), {
        status: 404,
        code: 'NEWSLETTER_NOT_FOUND',
      });
    });

    it('should refuse with 422 naming categories[1] when a category is unknown', async () => {
      await make.category({ name: 'Sport' });

      const res = await admin.post('/api/admin/newsletters', {
        newsletters: [{ name: 'Games', categories: ['sport', 'no-such-section'] }],
      });

      assertApiError(res, { status: 422, code: 'UNKNOWN_CATEGORY', field: 'categories[1]' });
    });

    it('should refuse with 409 on slug when the slug is taken, and 403 with a read-only token', async () => {
      await createNewsletter({ name: 'Weekend', slug: 'weekend' });

      assertApiError(
        await admin.post('/api/admin/newsletters', { newsletters: [{ name: 'W', slug: 'weekend' }] }),
        {
          status: 409,
          code: 'SLUG_TAKEN',
          field: 'slug',
        },
      );
      assertApiError(await reader.post('/api/admin/newsletters', { newsletters: [{ name: 'Nope' }] }), {
        status: 403,
      });
      assertApiError(
        await admin.post('/api/admin/newsletters', {
          newsletters: [{ name: 'Bad', cadence: 'hourly', send_hour: 24 }],
        }),
        { status: 422, field: /^(cadence|send_hour)$/ },
      );
    });

    it('should preview and test-send a newsletter when asked, and refuse a bad address', async () => {
      const newsletter = await createNewsletter({ name: 'Previewed' });
      const article = await make.article({
        title: 'Harbour reopens',
        body_html: '<p>Ships again.</p>',
        status: 'published',
      });

      const preview = await admin.get(
        `/api/admin/newsletters/${newsletter.slug}/preview?article=${article.id}`,
      );
      assertStatus(preview, 200);
      for (const key of ['subject', 'html', 'text']) assert.equal(typeof preview.body[key], 'string', key);

      const sent = await admin.post(`/api/admin/newsletters/${newsletter.slug}/test`, {
        email: 'editor@example.org',
        article: article.id,
      });
      assertStatus(sent, 202);
      assert.deepEqual(sent.body, { queued: true });
      assertApiError(
        await admin.post(`/api/admin/newsletters/${newsletter.slug}/test`, {
          email: 'a@example.org\r\nBcc: b@example.org',
        }),
        { status: 422, field: 'email' },
      );
      assertApiError(await admin.post('/api/admin/newsletters/nope/test', { email: 'editor@example.org' }), {
        status: 404,
      });
    });
  });

  describe('suppressions', () => {
    it('should add, list and remove a suppression when the provider webhook reports a bounce', async () => {
      const added = await admin.post('/api/admin/suppressions', {
        email: 'Gone@Example.org',
        reason: 'bounced',
        detail: '550 5.1.1 no such user',
      });
      assertStatus(added, 200);
      assert.deepEqual(
        { ...added.body.suppressions[0], created_at: undefined },
        {
          email: 'gone@example.org',
          reason: 'bounced',
          detail: '550 5.1.1 no such user',
          created_at: undefined,
        },
      );
      assertStatus(
        await admin.post('/api/admin/suppressions', { email: 'gone@example.org', reason: 'bounced' }),
        200,
      );

      const list = await admin.get('/api/admin/suppressions');
      assert.deepEqual(
        list.body.suppressions.map((s: Json) => s.email),
        ['gone@example.org'],
      );

      assertStatus(await admin.delete('/api/admin/suppressions/gone%40example.org'), 204);
      assertApiError(await admin.delete('/api/admin/suppressions/gone%40example.org'), { status: 404 });
    });

    it('should refuse with 422 naming the field when the webhook sends a bad address or reason', async () => {
      assertApiError(
        await admin.post('/api/admin/suppressions', { email: 'a@b.org\nx@y.org', reason: 'bounced' }),
        {
          status: 422,
          field: 'email',
        },
      );
      assertApiError(
        await admin.post('/api/admin/suppressions', { email: 'a@example.org', reason: 'bored' }),
        {
          status: 422,
          field: 'reason',
        },
      );
    });
  });

  describe('newsletter sends', () => {
    it('should show each send with its delivery counts when the newsroom follows progress', async () => {
      const newsletter = await createNewsletter({ name: 'Progress' });
      const sendId = await insertSend(t, {
        newsletterId: newsletter.id,
        dedupeKey: 'article:x',
        subject: 'Harbour reopens',
        states: ['sent', 'sent', 'queued', 'failed'],
      });

      const list = await admin.get('/api/admin/newsletter-sends?newsletter=progress&limit=5');
      const one = await admin.get(`/api/admin/newsletter-sends/${sendId}`);

      assertStatus(list, 200);
      assert.equal(list.body.newsletter_sends.length, 1);
      assert.deepEqual(one.body.newsletter_sends[0].counts, {
        total: 4,
        queued: 1,
        sending: 0,
        sent: 2,
        failed: 1,
        bounced: 0,
        skipped: 0,
      });
      assert.equal(one.body.newsletter_sends[0].newsletter.slug, 'progress');
      assertApiError(await admin.get(`/api/admin/newsletter-sends/${newId()}`), { status: 404 });
      assertApiError(await admin.get('/api/admin/newsletter-sends?limit=1000'), {
        status: 422,
        field: 'limit',
      });
    });
  });
});
