import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { ArticleView } from '../../src/articles/article.ts';
import { type Actor, runAs, type StaffRole, staffRoles, systemActor } from '../../src/auth/actor.ts';
import { can } from '../../src/auth/permissions.ts';
import { AppError } from '../../src/lib/errors.ts';
import type { Masthead } from '../../src/masthead.ts';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';
import { adminRoutes } from './admin-routes.ts';
import {
  createFixtures,
  type Fixtures,
  type MatrixRequest,
  type MatrixRow,
  matrixEnv,
  setUpMatrix,
} from './role-matrix.ts';
import { type SignedIn, signInEachRole } from './staff-sessions.ts';

const isAtLeast = (role: StaffRole, least: StaffRole) =>
  staffRoles.indexOf(role) >= staffRoles.indexOf(least);

/** What a call came to: 'allowed', or the code of the refusal (any other failure is shown whole). */
async function outcome(work: () => Promise<unknown>): Promise<string> {
  try {
    await work();
    return 'allowed';
  } catch (error) {
    if (error instanceof AppError && error.status === 403) return error.code;
    throw error;
  }
}

describe('Role permissions', () => {
  let t: TestApp;
  let fx: Fixtures;
  let staff: Record<StaffRole, SignedIn>;
  /** The signed-in member of `role`, as the services see them. */
  const who = (role: StaffRole) => staff[role].actor;
  const as = <T>(actor: Actor, work: () => Promise<T>) => runAs(actor, work);

  before(async () => {
    t = await createTestApp({ env: matrixEnv });
    fx = createFixtures(t, await setUpMatrix(t));
    staff = await signInEachRole(t);
  });
  after(() => t.close());

  describe('articles, through the service as each role', () => {
    const articles = () => t.masthead.services.articles;

    it('should refuse with FORBIDDEN_ROLE when a contributor edits a colleague’s draft', async () => {
      const draft = await fx.article({ owner: fx.other });

      const result = await outcome(() =>
        as(who('contributor'), () => articles().update('article', draft.id, { title: 'Mine now' })),
      );

      assert.equal(result, 'FORBIDDEN_ROLE');
      assert.equal((await articles().get({ kind: 'article', ref: draft.id })).title, draft.title);
    });

    it('should let a contributor write their own draft and record them as its creator', async () => {
      const [draft] = await as(who('contributor'), () =>
        articles().create('article', [{ title: 'First draft' }]),
      );
      const edited = await as(who('contributor'), () =>
        articles().update('article', (draft as ArticleView).id, { standfirst: 'Now with a standfirst' }),
      );

      assert.equal(edited.createdBy, who('contributor').id);
      assert.equal(edited.standfirst, 'Now with a standfirst');
      assert.equal(edited.status, 'draft');
    });

    it('should refuse with FORBIDDEN_ROLE when a contributor publishes, schedules or deletes once published their own article', async () => {
      const draft = await fx.article({ owner: who('contributor') });
      const published = await fx.article({ owner: who('contributor'), status: 'published' });
      const tomorrow = new Date(Date.now() + 86_400_000);

      const results = [
        await outcome(() => as(who('contributor'), () => articles().publish('article', draft.id))),
        await outcome(() => as(who('contributor'), () => articles().schedule('article', draft.id, tomorrow))),
        await outcome(() =>
          as(who('contributor'), () => articles().update('article', draft.id, { status: 'published' })),
        ),
        await outcome(() =>
          as(who('contributor'), () => articles().create('article', [{ title: 'Out', status: 'published' }])),
        ),
        await outcome(() => as(who('contributor'), () => articles().unpublish('article', published.id))),
        await outcome(() => as(who('contributor'), () => articles().remove('article', published.id))),
      ];

      assert.deepEqual(results, Array(6).fill('FORBIDDEN_ROLE'));
      assert.equal((await articles().get({ kind: 'article', ref: draft.id })).status, 'draft');
    });

    it('should publish when an author publishes their own article, and refuse a colleague’s', async () => {
      const own = await fx.article({ owner: who('author') });
      const theirs = await fx.article({ owner: fx.other });

      const published = await as(who('author'), () => articles().publish('article', own.id));
      const refused = await outcome(() => as(who('author'), () => articles().publish('article', theirs.id)));

      assert.equal(published.status, 'published');
      assert.equal(refused, 'FORBIDDEN_ROLE');
      assert.equal((await articles().get({ kind: 'article', ref: theirs.id })).status, 'draft');
    });

    it('should publish anyone’s article when an editor publishes it', async () => {
      const theirs = await fx.article({ owner: fx.other });
      const nobodys = await fx.article({ owner: null });

      const results = [
        (await as(who('editor'), () => articles().publish('article', theirs.id))).status,
        (await as(who('editor'), () => articles().publish('article', nobodys.id))).status,
      ];

      assert.deepEqual(results, ['published', 'published']);
    });

    it('should refuse with FORBIDDEN_ROLE when a contributor names a tag that does not exist yet', async () => {
      const known = await fx.tag();

      const withKnown = await outcome(() =>
        as(who('contributor'), () => articles().create('article', [{ title: 'Tagged', tags: [known.name] }])),
      );
      const withNew = await outcome(() =>
        as(who('contributor'), () =>
          articles().create('article', [{ title: 'Tagged', tags: ['Brand new tag'] }]),
        ),
      );

      assert.deepEqual([withKnown, withNew], ['allowed', 'FORBIDDEN_ROLE']);
    });
  });

  describe('settings, through the service as each role', () => {
    it('should refuse an editor and accept an administrator when they change the settings', async () => {
      const settings = () => t.masthead.services.settings;

      const byEditor = await outcome(() =>
        as(who('editor'), () => settings().update({ title: 'Editor’s Gazette' })),
      );
      const byAdministrator = await as(who('administrator'), () =>
        settings().update({ title: 'The Gazette' }),
      );

      assert.equal(byEditor, 'FORBIDDEN_ROLE');
      assert.equal(byAdministrator.title, 'The Gazette');
    });
  });

  describe('every guarded service, as each role', () => {
    const calls: { name: string; least: StaffRole; call: (m: Masthead) => Promise<unknown> }[] = [
      {
        name: 'tokens.create',
        least: 'administrator',
        call: ({ services }) => services.tokens.create({ name: 'CI' }),
      },
      { name: 'tokens.list', least: 'administrator', call: ({ services }) => services.tokens.list() },
      {
        name: 'tokens.revoke',
        least: 'administrator',
        call: async ({ services }) => {
          const { token } = await as(systemActor, () => services.tokens.create({ name: 'Old' }));
          await services.tokens.revoke(token.id);
        },
      },
      {
        name: 'audit.list',
        least: 'administrator',
        call: ({ services }) => services.audit.list({ page: { page: 1, limit: 5 } }),
      },
      {
        name: 'settings.update',
        least: 'administrator',
        call: ({ services }) => services.settings.update({ articles_per_page: 12 }),
      },
      {
        name: 'comment settings update',
        least: 'administrator',
        call: ({ comments }) => comments.settings.update({ max_depth: 4 }),
      },
      {
        name: 'people.create',
        least: 'editor',
        call: ({ services }) => services.people.create({ name: 'New Writer' }),
      },
      {
        name: 'categories.create',
        least: 'editor',
        call: ({ services }) => services.taxonomy.categories.create({ name: 'Arts' }),
      },
      {
        name: 'tags.create',
        least: 'author',
        call: ({ services }) => services.taxonomy.tags.create({ name: 'Ferries' }),
      },
      {
        name: 'pages create',
        least: 'editor',
        call: ({ services }) => services.articles.create('page', [{ title: 'Imprint' }]),
      },
      {
        name: 'newsletters.createMany',
        least: 'editor',
        call: ({ subscribe }) => subscribe.newsletters.createMany([{ name: 'Digest' }]),
      },
      {
        name: 'subscribers list',
        least: 'editor',
        call: ({ subscribe }) => subscribe.directory.list({ page: { page: 1, limit: 5 } }),
      },
      { name: 'subscribers export', least: 'editor', call: ({ subscribe }) => subscribe.csv.export() },
      { name: 'subscribers import', least: 'editor', call: ({ subscribe }) => subscribe.csv.import([]) },
      {
        name: 'suppressions.add',
        least: 'editor',
        call: ({ subscribe }) => subscribe.suppressions.add({ email: 'x@example.org', reason: 'bounced' }),
      },
      {
        name: 'comment queue',
        least: 'editor',
        call: ({ comments }) => comments.moderation.list({ status: 'pending' }, { page: 1, limit: 5 }),
      },
      {
        name: 'comments bulk',
        least: 'editor',
        call: async ({ comments }) =>
          comments.moderation.bulk({ ids: [await fx.comment()], action: 'trash' }),
      },
    ];
    for (const { name, least, call } of calls) {
      it(`should allow ${least} and above and refuse the roles below when they call ${name}`, async () => {
        const expected = Object.fromEntries(
          staffRoles.map((role) => [role, isAtLeast(role, least) ? 'allowed' : 'FORBIDDEN_ROLE']),
        );
        const actual: Record<string, string> = {};
        for (const role of staffRoles)
          actual[role] = await outcome(() => as(who(role), () => call(t.masthead)));
        assert.deepEqual(actual, expected);
      });
    }

    it('should allow everything when the system (CLI, jobs) calls, and only reads for a read-only token', () => {
      const readToken: Actor = { kind: 'token', id: 'token', scope: 'read' };
      const adminToken: Actor = { kind: 'token', id: 'token', scope: 'admin' };

      assert.equal(can(systemActor, 'audit.read'), true);
      assert.equal(can(adminToken, 'staff.manage'), true);
      assert.deepEqual(
        [can(readToken, 'subscribers.read'), can(readToken, 'comments.read'), can(readToken, 'audit.read')],
        [true, true, false],
      );
      assert.equal(can(readToken, 'articles.create'), false);
    });
  });

  describe('every Admin API route, over HTTP', () => {
    const send = (request: MatrixRequest, headers: Record<string, string>) =>
      t.masthead.app.inject({
        method: request.method,
        url: `/api/admin${request.url}`,
        headers: { ...request.headers, ...headers },
        ...(request.payload === undefined ? {} : { payload: request.payload as string }),
      });
    const verdict = (res: { statusCode: number; body: string }): string => {
      if (res.statusCode >= 200 && res.statusCode < 300) return 'allowed';
      if (res.statusCode === 403) return JSON.parse(res.body).errors[0].code;
      return `${res.statusCode} ${res.body.slice(0, 200)}`;
    };
    /** Staff by their role; the admin token may do anything; the read token reads what an editor reads. */
    const expectedFor = (row: MatrixRow, isRead: boolean) => ({
      ...Object.fromEntries(
        staffRoles.map((role) => [role, isAtLeast(role, row.least) ? 'allowed' : 'FORBIDDEN_ROLE']),
      ),
      'admin token': 'allowed',
      'read token': !isRead ? 'TOKEN_READ_ONLY' : row.readToken === 'refused' ? 'FORBIDDEN_ROLE' : 'allowed',
    });

    for (const row of adminRoutes) {
      it(`should allow ${row.least} and above and refuse the roles below when they call ${row.name}`, async () => {
        const actual: Record<string, string> = {};
        for (const role of staffRoles) {
          const { actor, headers } = staff[role];
          actual[role] = verdict(await send(await row.request(fx, actor), headers));
        }
        actual['admin token'] = verdict(await send(await row.request(fx, fx.other), t.adminAuth));
        const asReadToken = await row.request(fx, fx.other);
        actual['read token'] = verdict(await send(asReadToken, t.readAuth));

        assert.deepEqual(actual, expectedFor(row, asReadToken.method === 'GET'));
      });
    }
  });
});
