import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { runAs, systemActor } from '../../src/auth/actor.ts';
import { newId } from '../../src/lib/ids.ts';
import { articlePath } from '../site/site-helpers.ts';
import {
  call,
  createArticle,
  firstError,
  type Newsroom,
  openNewsroom,
  START,
  saveArticle,
} from './newsroom-helpers.ts';

describe('Article revisions', () => {
  let desk: Newsroom;
  const revisionsOf = async (id: string, who = desk.staff.editor) => {
    const res = await call(desk, who, 'GET', `/api/admin/articles/${id}/revisions`);
    assert.equal(res.status, 200, res.text);
    return res.json;
  };
  const kindsOf = async (id: string) =>
    (await revisionsOf(id)).revisions.map((r: { kind: string; title: string }) => `${r.kind}:${r.title}`);

  before(async () => {
    desk = await openNewsroom();
  });
  after(() => desk.close());

  it('should list the creation and every save, newest first, with who made each', async () => {
    const { author } = desk.staff;
    const article = await createArticle(desk, author, { title: 'First headline' });
    desk.clock.advance(60_000);
    await saveArticle(desk, author, article.id, { title: 'Second headline' });
    desk.clock.advance(60_000);
    await saveArticle(desk, author, article.id, { title: 'Third headline' });

    const listed = await revisionsOf(article.id, author);

    assert.deepEqual(
      listed.revisions.map((r: { kind: string; title: string; created_at: string }) => [
        r.kind,
        r.title,
        r.created_at,
      ]),
      [
        ['save', 'Third headline', new Date(START.getTime() + 120_000).toISOString()],
        ['save', 'Second headline', new Date(START.getTime() + 60_000).toISOString()],
        ['create', 'First headline', START.toISOString()],
      ],
    );
    assert.deepEqual(listed.revisions[0].created_by, { id: author.id, name: author.name });
    assert.deepEqual(Object.keys(listed.revisions[0]).sort(), [
      'created_at',
      'created_by',
      'id',
      'kind',
      'title',
    ]);
    assert.equal(listed.meta.pagination.total, 3);
  });

  it('should name publish, schedule and unpublish revisions, and leave the actor out for a token', async () => {
    const article = await createArticle(desk, 'token', { title: 'Ferry strike' });
    const id = article.id;
    const tomorrow = new Date(desk.clock.now().getTime() + 86_400_000).toISOString();

    await call(desk, 'token', 'POST', `/api/admin/articles/${id}/schedule`, { published_at: tomorrow });
    await call(desk, 'token', 'POST', `/api/admin/articles/${id}/publish`);
    await call(desk, 'token', 'POST', `/api/admin/articles/${id}/unpublish`);
    const listed = await revisionsOf(id);

    assert.deepEqual(
      listed.revisions.map((r: { kind: string }) => r.kind),
      ['unpublish', 'publish', 'schedule', 'create'],
    );
    assert.ok(listed.revisions.every((r: { created_by: unknown }) => r.created_by === null));
  });

  it('should replace an autosave by the next one of the same person within ten minutes, and start anew after a save, a colleague or ten minutes', async () => {
    const { author, editor } = desk.staff;
    const article = await createArticle(desk, author, { title: 'Storm' });
    const autosave = async (who: typeof author, title: string, afterMs: number) => {
      desk.clock.advance(afterMs);
      await saveArticle(desk, who, article.id, { title }, { isAutosave: true });
    };

    await autosave(author, 'Storm c', 3_000);
    await autosave(author, 'Storm cl', 3_000);
    await autosave(author, 'Storm closes', 3_000);
    const afterTyping = await kindsOf(article.id);
    desk.clock.advance(3_000);
    await saveArticle(desk, author, article.id, { title: 'Storm closes port' });
    await autosave(author, 'Storm closes the port', 3_000);
    await autosave(editor, 'Storm closes the port (ed)', 3_000);
    await autosave(editor, 'Storm closes the port (ed.)', 9 * 60_000);
    await autosave(editor, 'Storm closes the port, again', 10 * 60_000 + 1);
    const listed = await revisionsOf(article.id);

    assert.deepEqual(afterTyping, ['autosave:Storm closes', 'create:Storm']);
    assert.deepEqual(
      listed.revisions.map((r: { kind: string; title: string }) => `${r.kind}:${r.title}`),
      [
        'autosave:Storm closes the port, again',
        'autosave:Storm closes the port (ed.)',
        'autosave:Storm closes the port',
        'save:Storm closes port',
        'autosave:Storm closes',
        'create:Storm',
      ],
    );
    assert.equal(listed.revisions[1].created_by.id, editor.id);
    assert.equal(
      listed.revisions[1].created_at,
      new Date(desk.clock.now().getTime() - 10 * 60_000 - 1).toISOString(),
    );
  });

  it('should show one revision with its snapshot under the article JSON names', async () => {
    const { editor } = desk.staff;
    const article = await createArticle(desk, editor, {
      title: 'Harbour reopens',
      standfirst: 'Boats are back.',
      body_html: '<p>Old words</p>',
      tags: ['Harbour'],
      featured_image_url: '/media/harbour.webp',
      featured_image_alt: 'The harbour',
      comments_open: false,
    });
    const [created] = (await revisionsOf(article.id)).revisions;

    const res = await call(desk, editor, 'GET', `/api/admin/articles/${article.id}/revisions/${created.id}`);

    assert.equal(res.status, 200, res.text);
    const [revision] = res.json.revisions;
    assert.equal(revision.id, created.id);
    assert.equal(revision.kind, 'create');
    assert.deepEqual(revision.created_by, { id: editor.id, name: editor.name });
    const snapshot = revision.article;
    assert.equal(snapshot.title, 'Harbour reopens');
    assert.equal(snapshot.standfirst, 'Boats are back.');
    assert.equal(snapshot.body_html, '<p>Old words</p>');
    assert.equal(snapshot.status, 'draft');
    assert.equal(snapshot.comments_open, false);
    assert.equal(snapshot.featured_image_url, 'https://news.example/media/harbour.webp');
    assert.equal(snapshot.featured_image_alt, 'The harbour');
    assert.deepEqual(
      snapshot.tags.map((tag: { slug: string; name: string }) => [tag.slug, tag.name]),
      [['harbour', 'Harbour']],
    );
    for (const field of [
      'slug',
      'language',
      'seo_title',
      'send_email',
      'authors',
      'categories',
      'primary_category',
    ])
      assert.ok(field in snapshot, `${field} is in the snapshot`);
  });

  it('should restore the old title and body of a published article and keep it published, with a restore revision and an audit entry', async () => {
    const { editor } = desk.staff;
    const article = await createArticle(desk, editor, {
      title: 'Harbour wall repaired',
      body_html: '<p>Old words about the wall.</p>',
      status: 'published',
    });
    desk.clock.advance(60_000);
    const changed = await saveArticle(desk, editor, article.id, {
      title: 'Harbour wall collapses',
      body_html: '<p>New words.</p>',
    });
    const path = articlePath({ slug: article.slug, publishedAt: new Date(article.published_at) });
    const before = await desk.site.t.masthead.app.inject({ method: 'GET', url: path });
    const [, created] = (await revisionsOf(article.id)).revisions;
    desk.clock.advance(60_000);

    const res = await call(
      desk,
      editor,
      'POST',
      `/api/admin/articles/${article.id}/revisions/${created.id}/restore`,
      {
        updated_at: changed.updated_at,
      },
    );

    assert.equal(res.status, 200, res.text);
    const [restored] = res.json.articles;
    assert.equal(restored.title, 'Harbour wall repaired');
    assert.equal(restored.body_html, '<p>Old words about the wall.</p>');
    assert.equal(restored.status, 'published');
    assert.equal(restored.published_at, article.published_at);
    assert.equal(restored.revision, changed.revision + 1);
    assert.deepEqual(
      (await revisionsOf(article.id)).revisions.slice(0, 2).map((r: { kind: string }) => r.kind),
      ['restore', 'save'],
    );
    const page = await desk.site.t.masthead.app.inject({ method: 'GET', url: path });
    assert.match(before.body, /New words\./);
    assert.match(page.body, /Old words about the wall\./);
    const { entries } = await runAs(systemActor, () =>
      desk.site.t.masthead.services.audit.list({ page: { page: 1, limit: 5 }, action: 'article.restored' }),
    );
    const entry = entries.find((e) => e.target?.id === article.id);
    assert.ok(entry, 'an article.restored entry was written');
    assert.equal(entry.actor.label, editor.email);
    assert.equal(entry.summary.revision_id, created.id);
  });

  it('should restore sections, tags and bylines that still exist, and leave out a tag deleted since', async () => {
    const { editor } = desk.staff;
    for (const name of ['News', 'Sport'])
      await call(desk, 'token', 'POST', '/api/admin/categories', { categories: [{ name }] });
    await call(desk, 'token', 'POST', '/api/admin/people', { people: [{ name: 'Jo Reporter' }] });
    const article = await createArticle(desk, editor, {
      title: 'Regatta',
      categories: ['news', 'sport'],
      primary_category: 'sport',
      tags: ['Boats', 'Rowing'],
      authors: ['jo-reporter'],
    });
    await saveArticle(desk, editor, article.id, { categories: ['news'], tags: ['Weather'], authors: [] });
    await call(desk, 'token', 'DELETE', '/api/admin/tags/rowing');
    const [, created] = (await revisionsOf(article.id)).revisions;

    const res = await call(
      desk,
      editor,
      'POST',
      `/api/admin/articles/${article.id}/revisions/${created.id}/restore`,
    );

    assert.equal(res.status, 200, res.text);
    const [restored] = res.json.articles;
    assert.deepEqual(
      [
        restored.primary_category.slug,
        restored.categories.map((c: { slug: string }) => c.slug),
        restored.tags.map((t: { slug: string }) => t.slug),
        restored.authors.map((p: { slug: string }) => p.slug),
      ],
      ['sport', ['sport', 'news'], ['boats'], ['jo-reporter']],
    );
    const tags = await call(desk, 'token', 'GET', '/api/admin/tags?limit=100');
    assert.equal(
      tags.json.tags.some((t: { slug: string }) => t.slug === 'rowing'),
      false,
    );
  });

  it('should refuse a restore with 409 when the article changed since the client read it', async () => {
    const { author } = desk.staff;
    const article = await createArticle(desk, author, { title: 'Budget agreed' });
    desk.clock.advance(1_000);
    await saveArticle(desk, author, article.id, { title: 'Budget agreed at last' });
    const [, created] = (await revisionsOf(article.id)).revisions;

    const res = await call(
      desk,
      author,
      'POST',
      `/api/admin/articles/${article.id}/revisions/${created.id}/restore`,
      {
        updated_at: article.updated_at,
      },
    );
    const after = await call(desk, author, 'GET', `/api/admin/articles/${article.id}`);

    assert.equal(res.status, 409, res.text);
    assert.equal(firstError(res).code, 'UPDATE_COLLISION');
    assert.equal(after.json.articles[0].title, 'Budget agreed at last');
    assert.equal((await revisionsOf(article.id)).revisions.length, 2);
  });

  it('should refuse with 403 a contributor who reads the revisions of a colleague’s article, and let them read their own', async () => {
    const { author, contributor } = desk.staff;
    const theirs = await createArticle(desk, author, { title: 'Author’s story' });
    const own = await createArticle(desk, contributor, { title: 'Contributor’s story' });
    const [ownCreated] = (await revisionsOf(own.id, contributor)).revisions;
    const [theirCreated] = (await revisionsOf(theirs.id)).revisions;

    const refusals = [
      await call(desk, contributor, 'GET', `/api/admin/articles/${theirs.id}/revisions`),
      await call(desk, contributor, 'GET', `/api/admin/articles/${theirs.id}/revisions/${theirCreated.id}`),
      await call(
        desk,
        contributor,
        'POST',
        `/api/admin/articles/${theirs.id}/revisions/${theirCreated.id}/restore`,
      ),
    ];
    const allowed = await call(
      desk,
      contributor,
      'GET',
      `/api/admin/articles/${own.id}/revisions/${ownCreated.id}`,
    );

    assert.deepEqual(
      refusals.map((res) => [res.status, firstError(res).code]),
      Array(3).fill([403, 'FORBIDDEN_ROLE']),
    );
    assert.equal(allowed.status, 200, allowed.text);
  });

  it('should answer 404 for a revision that does not exist or belongs to another article', async () => {
    const { editor } = desk.staff;
    const one = await createArticle(desk, editor, { title: 'One' });
    const other = await createArticle(desk, editor, { title: 'Other' });
    const [otherCreated] = (await revisionsOf(other.id)).revisions;

    const answers = [
      await call(desk, editor, 'GET', `/api/admin/articles/${one.id}/revisions/${newId()}`),
      await call(desk, editor, 'GET', `/api/admin/articles/${one.id}/revisions/${otherCreated.id}`),
      await call(desk, editor, 'GET', `/api/admin/articles/${one.id}/revisions/not-an-id`),
      await call(desk, editor, 'POST', `/api/admin/articles/${one.id}/revisions/${otherCreated.id}/restore`),
    ];

    assert.deepEqual(
      answers.map((res) => [res.status, firstError(res).code]),
      Array(4).fill([404, 'REVISION_NOT_FOUND']),
    );
    assert.equal(
      (await call(desk, editor, 'GET', `/api/admin/articles/${one.id}`)).json.articles[0].title,
      'One',
    );
  });

  it('should page the revisions fifty at a time', async () => {
    const article = await createArticle(desk, 'token', { title: 'Live blog' });
    for (let i = 1; i <= 51; i += 1) {
      desk.clock.advance(1_000);
      await saveArticle(desk, 'token', article.id, { standfirst: `Update ${i}` });
    }

    const first = await revisionsOf(article.id);
    const second = await call(
      desk,
      desk.staff.editor,
      'GET',
      `/api/admin/articles/${article.id}/revisions?page=2`,
    );

    assert.equal(first.revisions.length, 50);
    assert.deepEqual(first.meta.pagination, { page: 1, limit: 50, pages: 2, total: 52, next: 2, prev: null });
    assert.deepEqual(
      second.json.revisions.map((r: { kind: string }) => r.kind),
      ['save', 'create'],
    );
  });

  it('should name the staff member who created an article in its JSON, and nobody when a token did', async () => {
    const { author } = desk.staff;
    const byAuthor = await createArticle(desk, author, { title: 'Mine' });
    const byToken = await createArticle(desk, 'token', { title: 'Imported' });

    const listed = await call(desk, desk.staff.editor, 'GET', '/api/admin/articles?limit=100');

    assert.deepEqual(byAuthor.created_by, { id: author.id, name: author.name });
    assert.equal(byToken.created_by, null);
    const fromList = listed.json.articles.find((a: { id: string }) => a.id === byAuthor.id);
    assert.deepEqual(fromList.created_by, { id: author.id, name: author.name });
  });
});
