import type { ArticleView } from '../../src/articles/article.ts';
import { runAs, type StaffRole, systemActor } from '../../src/auth/actor.ts';
import { newId } from '../../src/lib/ids.ts';
import { openRules, pendingComment } from '../comments/moderation-helpers.ts';
import type { TestApp } from '../helpers/test-app.ts';
import { multipartBody, pngImage } from '../media/media-helpers.ts';
import type { StaffActor } from './staff-sessions.ts';

/** Environment for an app whose comment fixtures are posted through the public form. */
export const matrixEnv = { API_RATE_LIMIT: '0', CAPTCHA_DIFFICULTY: '100', TRUST_PROXY: '127.0.0.1' };

export type MatrixRequest = {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  url: string;
  payload?: unknown;
  headers?: Record<string, string>;
};

/** Fresh things to act on, made as the system (or as `owner`, whose own article it then is). */
export type Fixtures = ReturnType<typeof createFixtures>;

/**
 * One route of the Admin API and the least role that may call it. `readToken: 'refused'` marks the
 * reads a read-only token may not make; its writes are all refused by the token check.
 */
export type MatrixRow = {
  name: string;
  least: StaffRole;
  readToken?: 'refused';
  request: (fx: Fixtures, actor: StaffActor) => Promise<MatrixRequest>;
};

let counter = 0;
/** A name no other fixture has. */
export const unique = (stem: string) => {
  counter += 1;
  return `${stem} ${counter}`;
};

/**
 * Builders of fresh fixtures for each request of the matrix, so that one role's delete never
 * leaves another role a 404.
 *
 * @example
 * const fx = createFixtures(t, await setUpMatrix(t));
 * const draft = await fx.article({ owner: staff.author });
 */
export function createFixtures(t: TestApp, commentable: ArticleView) {
  const { services, subscribe, comments } = t.masthead;
  const asSystem = <T>(work: () => Promise<T>) => runAs(systemActor, work);
  /** A small PNG as multipart/form-data, ready to post. */
  const upload = async () =>
    multipartBody({ files: [{ bytes: await pngImage(8, 8), name: 'dot.png', type: 'image/png' }] });
  return {
    /** A colleague whose articles are "someone else's" to every role under test. */
    other: { kind: 'staff', id: newId(), role: 'author', email: 'colleague@news.example' } as StaffActor,
    async article(options: { owner: StaffActor | null; status?: 'draft' | 'published' }) {
      // The owner's id is what makes it theirs; created with every right, whatever their role.
      const creator = options.owner ? { ...options.owner, role: 'administrator' as const } : systemActor;
      const [article] = await runAs(creator, () =>
        services.articles.create('article', [{ title: unique('Story'), status: options.status ?? 'draft' }]),
      );
      return article as ArticleView;
    },
    /** A fresh article of `owner` and the id of its first revision (its creation). */
    async revision(options: { owner: StaffActor | null }) {
      const creator = options.owner ? { ...options.owner, role: 'administrator' as const } : systemActor;
      const [article] = await runAs(creator, () =>
        services.articles.create('article', [{ title: unique('Story') }]),
      );
      const articleId = (article as ArticleView).id;
      const { revisions } = await asSystem(() =>
        services.articles.revisions.list('article', articleId, { page: 1, limit: 1 }),
      );
      return { articleId, id: (revisions[0] as { id: string }).id };
    },
    /** A fresh article of `owner` with one correction note, and the note's id. */
    async note(options: { owner: StaffActor | null; status?: 'draft' | 'published' }) {
      const creator = options.owner ? { ...options.owner, role: 'administrator' as const } : systemActor;
      const [article] = await runAs(creator, () =>
        services.articles.create('article', [{ title: unique('Story'), status: options.status ?? 'draft' }]),
      );
      const articleId = (article as ArticleView).id;
      const [note] = await asSystem(() =>
        services.articles.notes.add('article', articleId, [
          { kind: 'correction', text: 'A name was wrong.' },
        ]),
      );
      return { articleId, id: (note as { id: string }).id };
    },
    page: async () =>
      (
        await asSystem(() => services.articles.create('page', [{ title: unique('About') }]))
      )[0] as ArticleView,
    category: () => asSystem(() => services.taxonomy.categories.create({ name: unique('Section') })),
    tag: () => asSystem(() => services.taxonomy.tags.create({ name: unique('Tag') })),
    person: () => asSystem(() => services.people.create({ name: unique('Writer') })),
    token: async () => (await asSystem(() => services.tokens.create({ name: unique('Token') }))).token,
    newsletter: async () =>
      (await asSystem(() => subscribe.newsletters.createMany([{ name: unique('Briefing') }])))[0] as {
        id: string;
        slug: string;
      },
    async subscriber() {
      const email = `${unique('reader').replace(' ', '')}@example.org`;
      await asSystem(() => subscribe.csv.import([{ line: 2, email, name: 'Reader', newsletterIds: [] }]));
      const { subscribers } = await asSystem(() =>
        subscribe.directory.list({ q: email, page: { page: 1, limit: 1 } }),
      );
      return subscribers[0] as { id: string; email: string };
    },
    async suppression() {
      const email = `${unique('bounced').replace(' ', '')}@example.org`;
      await asSystem(() => subscribe.suppressions.add({ email, reason: 'bounced' }));
      return email;
    },
    comment: () => pendingComment(t, commentable, { body: unique('A comment') }),
    staffMember: () =>
      asSystem(() =>
        t.masthead.staff.create({
          email: `${unique('desk').replace(' ', '')}@news.example`,
          name: 'Desk',
          role: 'author',
          password: 'a long enough passphrase for tests',
        }),
      ),
    upload,
    async media() {
      const { payload, contentType } = await upload();
      const res = await t.masthead.app.inject({
        method: 'POST',
        url: '/api/admin/media',
        headers: { ...t.adminAuth, 'content-type': contentType },
        payload,
      });
      return res.json().media[0] as { id: string };
    },
    async ban() {
      const email = `${unique('troll').replace(' ', '')}@example.org`;
      await asSystem(() => comments.moderation.ban({ email }));
      const bans = await asSystem(() => comments.moderation.bans());
      return (bans.find((ban) => ban.value === email) as { id: string }).id;
    },
  };
}

/** Opens comments to the test's posts and publishes the article they go under. */
export async function setUpMatrix(t: TestApp): Promise<ArticleView> {
  await t.masthead.comments.settings.update(openRules);
  const [article] = await t.masthead.services.articles.create('article', [
    { title: 'Harbour reopens', status: 'published' },
  ]);
  return article as ArticleView;
}
