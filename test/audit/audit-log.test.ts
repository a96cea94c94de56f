import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { ArticleView } from '../../src/articles/article.ts';
import type { AuditAction, AuditEntry } from '../../src/audit/audit.ts';
import { recordAudit } from '../../src/audit/audit-service.ts';
import { type Actor, runAs, type StaffRole, systemActor } from '../../src/auth/actor.ts';
import { withTransaction } from '../../src/db/transaction.ts';
import { createFixedClock } from '../../src/lib/clock.ts';
import { AppError } from '../../src/lib/errors.ts';
import { newId } from '../../src/lib/ids.ts';
import { assertApiError, assertStatus, createApiClient } from '../api/api-client.ts';
import { type SignedIn, signInEachRole } from '../auth/staff-sessions.ts';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';

const START = new Date('2026-03-02T09:00:00Z');

describe('Audit log', () => {
  let t: TestApp;
  let staff: Record<StaffRole, SignedIn>;
  const clock = createFixedClock(START);
  /** The signed-in member of `role`, as the services see them. */
  const who = (role: StaffRole) => staff[role].actor;
  const as = <T>(actor: Actor, work: () => Promise<T>) => runAs(actor, work);

  /** Every entry about one target (or of one action), oldest first, read as the system. */
  async function entries(filter: { targetId?: string; action?: AuditAction }): Promise<AuditEntry[]> {
    const { entries: found } = await as(systemActor, () =>
      t.masthead.services.audit.list({ action: filter.action, page: { page: 1, limit: 100 } }),
    );
    return found.filter((entry) => !filter.targetId || entry.target?.id === filter.targetId).reverse();
  }

  before(async () => {
    t = await createTestApp({ clock, env: { API_RATE_LIMIT: '0' } });
    staff = await signInEachRole(t);
  });
  after(() => t.close());

  describe('articles', () => {
    it('should record who created, published, unpublished and deleted an article, with when and what', async () => {
      const articles = t.masthead.services.articles;
      const [draft] = await as(who('author'), () =>
        articles.create('article', [{ title: 'Harbour reopens' }]),
      );
      const { id } = draft as ArticleView;
      clock.advance(60_000);
      await as(who('author'), () => articles.publish('article', id));
      clock.advance(60_000);
      await as(who('editor'), () => articles.unpublish('article', id));
      clock.advance(60_000);
      await as(who('editor'), () => articles.remove('article', id));

      const found = await entries({ targetId: id });

      assert.deepEqual(
        found.map((e) => [e.action, e.actor.label, e.at.toISOString()]),
        [
          ['article.created', 'author@news.example', '2026-03-02T09:00:00.000Z'],
          ['article.published', 'author@news.example', '2026-03-02T09:01:00.000Z'],
          ['article.unpublished', 'editor@news.example', '2026-03-02T09:02:00.000Z'],
          ['article.deleted', 'editor@news.example', '2026-03-02T09:03:00.000Z'],
        ],
      );
      assert.deepEqual(found[0]?.actor, {
        kind: 'staff',
        id: who('author').id,
        label: 'author@news.example',
      });
      assert.deepEqual(found[3]?.target, { type: 'article', id });
      assert.equal(found[3]?.summary.title, 'Harbour reopens');
    });

    it('should record the schedule and then the system publishing it when its time comes', async () => {
      const articles = t.masthead.services.articles;
      const at = new Date(clock.now().getTime() + 3_600_000);
      const [draft] = await as(who('author'), () => articles.create('article', [{ title: 'Budget night' }]));
      const { id } = draft as ArticleView;
      await as(who('author'), () => articles.schedule('article', id, at));
      clock.advance(3_600_000);

      await articles.publishDue(id);

      const found = await entries({ targetId: id });
      assert.deepEqual(
        found.map((e) => [e.action, e.actor.kind]),
        [
          ['article.created', 'staff'],
          ['article.scheduled', 'staff'],
          ['article.published', 'system'],
        ],
      );
      assert.equal(found[1]?.summary.published_at, at.toISOString());
    });

    it('should record nothing when a batch fails part-way and is rolled back', async () => {
      const before = (await entries({ action: 'article.created' })).length;

      const refused = await as(who('author'), () =>
        t.masthead.services.articles.create('article', [
          { title: 'Written first' },
          { title: 'Ghost story', authors: ['nobody-at-all'] },
        ]),
      ).catch((error: unknown) => error);

      assert.ok(refused instanceof AppError && refused.status === 422);
      assert.equal((await entries({ action: 'article.created' })).length, before);
    });
  });

  describe('settings, tokens, newsletters, comments and subscribers', () => {
    it('should record a settings change with each value before and after', async () => {
      const was = (await t.masthead.services.settings.get()).title;

      await as(who('administrator'), () =>
        t.masthead.services.settings.update({ title: 'The Harbour Gazette' }),
      );

      const [entry] = (await entries({ action: 'settings.changed' })).slice(-1);
      assert.equal(entry?.actor.label, 'administrator@news.example');
      assert.deepEqual(entry?.target, { type: 'settings', id: 'site' });
      assert.deepEqual(entry?.summary.changes, { title: { from: was, to: 'The Harbour Gazette' } });
    });

    it('should record tokens created and revoked, never their secret', async () => {
      const { token, secret } = await as(who('administrator'), () =>
        t.masthead.services.tokens.create({ name: 'Deploy bot', scope: 'read' }),
      );
      await as(who('administrator'), () => t.masthead.services.tokens.revoke(token.id));

      const found = await entries({ targetId: token.id });

      assert.deepEqual(
        found.map((e) => e.action),
        ['token.created', 'token.revoked'],
      );
      assert.deepEqual(found[0]?.summary, { name: 'Deploy bot', scope: 'read' });
      assert.ok(!JSON.stringify(found).includes(secret));
    });

    it('should record newsletters created and deleted through the Admin API as the token', async () => {
      const admin = createApiClient(t.masthead.app, t.adminAuth);
      const created = await admin.post('/api/admin/newsletters', {
        newsletters: [{ name: 'Evening briefing' }],
      });
      assertStatus(created, 201);
      const { id } = created.body.newsletters[0];
      assertStatus(await admin.delete(`/api/admin/newsletters/${id}`), 204);

      const found = await entries({ targetId: id });

      assert.deepEqual(
        found.map((e) => [e.action, e.actor.kind, e.summary.name]),
        [
          ['newsletter.created', 'token', 'Evening briefing'],
          ['newsletter.deleted', 'token', 'Evening briefing'],
        ],
      );
    });

    it('should record a bulk moderation action with the comments it touched', async () => {
      const ids = [newId(), newId()];

      await as(who('editor'), () => t.masthead.comments.moderation.bulk({ ids, action: 'spam' }));

      const [entry] = (await entries({ action: 'comments.bulk' })).slice(-1);
      assert.equal(entry?.actor.label, 'editor@news.example');
      assert.deepEqual(entry?.summary, { action: 'spam', count: 0, comment_ids: [] });
    });

    it('should record a subscriber import with how many were imported', async () => {
      const admin = createApiClient(t.masthead.app, t.adminAuth);
      const res = await admin.send({
        method: 'POST',
        url: '/api/admin/subscribers/import',
        headers: { 'content-type': 'text/csv' },
        payload: 'email,name\nann@example.org,Ann\nbob@example.org,Bob\n',
      });
      assertStatus(res, 200);

      const [entry] = (await entries({ action: 'subscribers.imported' })).slice(-1);
      assert.equal(entry?.actor.kind, 'token');
      assert.deepEqual(entry?.summary, { lines: 2, imported: 2, updated: 0 });
    });

    it('should record staff created, re-roled and disabled by the administrator who did it', async () => {
      const send = (method: 'POST' | 'PATCH' | 'DELETE', url: string, payload?: unknown) =>
        t.masthead.app.inject({
          method,
          url: `/api/admin${url}`,
          headers: staff.administrator.headers,
          ...(payload === undefined ? {} : { payload: payload as string }),
        });
      const created = await send('POST', '/staff', {
        staff: [
          {
            email: 'cub@news.example',
            name: 'Cub Reporter',
            role: 'contributor',
            password: 'a long enough passphrase for tests',
          },
        ],
      });
      assert.equal(created.statusCode, 201, created.body);
      const { id } = created.json().staff[0];
      assert.equal((await send('PATCH', `/staff/${id}`, { staff: [{ role: 'author' }] })).statusCode, 200);
      assert.equal((await send('DELETE', `/staff/${id}`)).statusCode, 204);

      const found = await entries({ targetId: id });

      assert.deepEqual(
        found.map((e) => [e.action, e.actor.label]),
        [
          ['staff.created', 'administrator@news.example'],
          ['staff.role_changed', 'administrator@news.example'],
          ['staff.disabled', 'administrator@news.example'],
        ],
      );
    });

    it('should record a staff change as the current actor when the staff accounts call recordAudit', async () => {
      const { database } = t.masthead;
      const staffId = newId();

      await as(who('administrator'), () =>
        withTransaction(database.db, (trx) =>
          recordAudit({
            executor: trx,
            dialect: database.dialect,
            at: clock.now(),
            action: 'staff.role_changed',
            target: { type: 'staff', id: staffId },
            summary: { from: 'author', to: 'editor' },
          }),
        ),
      );

      const [entry] = await entries({ targetId: staffId });
      assert.equal(entry?.action, 'staff.role_changed');
      assert.equal(entry?.actor.id, who('administrator').id);
      assert.deepEqual(entry?.summary, { from: 'author', to: 'editor' });
    });
  });

  describe('reading it', () => {
    it('should answer the log, newest first and filtered, only when an administrator asks', async () => {
      const read = (role: StaffRole, query = '') =>
        t.masthead.app.inject({
          method: 'GET',
          url: `/api/admin/audit${query}`,
          headers: staff[role].headers,
        });

      const byAdministrator = await read(
        'administrator',
        `?action=settings.changed&actor=${who('administrator').id}&limit=1`,
      );
      const byEditor = await read('editor');

      assert.equal(byAdministrator.statusCode, 200);
      const body = byAdministrator.json();
      assert.equal(body.audit_log.length, 1);
      assert.equal(body.audit_log[0].action, 'settings.changed');
      assert.equal(body.audit_log[0].actor.label, 'administrator@news.example');
      assert.equal(body.meta.pagination.limit, 1);
      assert.equal(byEditor.statusCode, 403);
      assert.equal(byEditor.json().errors[0].code, 'FORBIDDEN_ROLE');
    });

    it('should answer an admin token and refuse a read-only token with 403 FORBIDDEN_ROLE', async () => {
      const asAdmin = await createApiClient(t.masthead.app, t.adminAuth).get('/api/admin/audit?limit=5');
      const asReader = await createApiClient(t.masthead.app, t.readAuth).get('/api/admin/audit');

      assertStatus(asAdmin, 200);
      assert.ok(asAdmin.body.audit_log.length > 0);
      assertApiError(asReader, { status: 403, code: 'FORBIDDEN_ROLE' });
    });

    it('should answer 422 naming the field when the action filter is not a recorded action', async () => {
      const res = await createApiClient(t.masthead.app, t.adminAuth).get(
        '/api/admin/audit?action=article.read',
      );

      assertApiError(res, { status: 422, field: 'action' });
    });
  });
});
