import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { DomUtils, parseDocument } from 'htmlparser2';
import {
  call,
  createArticle,
  firstError,
  type Member,
  type Newsroom,
  openNewsroom,
  saveArticle,
  visitPage,
} from './newsroom-helpers.ts';

describe('Preview links', () => {
  let desk: Newsroom;
  const previewOf = async (who: Member | 'token', id: string) => {
    const res = await call(desk, who, 'POST', `/api/admin/articles/${id}/preview`);
    assert.equal(res.status, 201, res.text);
    return res.json.preview as { url: string; expires_at: string };
  };
  const visit = (url: string) => visitPage(desk, url);

  before(async () => {
    // The page cache is on, as in production: a preview must never land in it.
    desk = await openNewsroom({ env: { PAGE_CACHE: '1' } });
  });
  after(() => desk.close());

  it('should show a draft through its signed link in the site’s theme, and nowhere else', async () => {
    const { author } = desk.staff;
    const draft = await createArticle(desk, author, {
      title: 'Secret plans for the harbour',
      standfirst: 'Nothing is decided yet.',
      body_html: '<p>The council meets on Friday.</p>',
    });

    const preview = await previewOf(author, draft.id);
    const page = await visit(preview.url);
    const publicPage = await visit(draft.url);

    assert.match(preview.url, /^https:\/\/news\.example\/preview\/[\w-]+\.[\w-]+$/);
    assert.equal(preview.expires_at, new Date(desk.clock.now().getTime() + 3_600_000).toISOString());
    assert.equal(page.statusCode, 200, page.body.slice(0, 300));
    const doc = parseDocument(page.body);
    const h1 = DomUtils.findOne((el) => el.name === 'h1', doc.children);
    assert.equal(h1 && DomUtils.textContent(h1), 'Secret plans for the harbour');
    assert.match(page.body, /<div class="body"><p>The council meets on Friday\.<\/p><\/div>/);
    assert.ok(
      DomUtils.findOne((el) => el.name === 'header' && el.attribs.class === 'masthead', doc.children),
    );
    assert.match(draft.url, /^https:\/\/news\.example\/2026\/03\/secret-plans-for-the-harbour\/$/);
    assert.equal(publicPage.statusCode, 404);
  });

  it('should keep a preview out of search engines and out of every cache', async () => {
    const { editor } = desk.staff;
    const draft = await createArticle(desk, editor, { title: 'Embargoed results' });
    const preview = await previewOf(editor, draft.id);

    const first = await visit(preview.url);
    await saveArticle(desk, editor, draft.id, { title: 'Embargoed results, revised' });
    const second = await visit(preview.url);

    for (const res of [first, second]) {
      assert.equal(res.statusCode, 200);
      assert.equal(res.headers['cache-control'], 'no-store');
      assert.equal(res.headers['x-robots-tag'], 'noindex');
      assert.equal(res.headers['x-cache'], undefined);
      const robots = DomUtils.findOne(
        (el) => el.name === 'meta' && el.attribs.name === 'robots',
        parseDocument(res.body).children,
      );
      assert.equal(robots?.attribs.content, 'noindex');
    }
    assert.match(second.body, /Embargoed results, revised/);
    assert.equal(desk.site.t.masthead.cache.size, 0);
  });

  it('should show a scheduled article too', async () => {
    const { editor } = desk.staff;
    const scheduled = await createArticle(desk, editor, {
      title: 'Tomorrow’s front page',
      status: 'scheduled',
      published_at: new Date(desk.clock.now().getTime() + 86_400_000).toISOString(),
    });

    const page = await visit((await previewOf(editor, scheduled.id)).url);

    assert.equal(page.statusCode, 200);
    assert.match(page.body, /Tomorrow’s front page/);
  });

  it('should answer the site’s 404 page for a tampered, a foreign or an expired link', async () => {
    const { editor } = desk.staff;
    const draft = await createArticle(desk, editor, { title: 'Short-lived' });
    const { url } = await previewOf(editor, draft.id);
    const token = url.split('/preview/')[1] as string;
    const [payload, signature] = token.split('.') as [string, string];
    const forged = `${Buffer.from(
      Buffer.from(payload, 'base64url')
        .toString('utf8')
        .replace(draft.id, '00000000-0000-7000-8000-000000000000'),
    ).toString('base64url')}.${signature}`;
    const flipped = `${payload}.${signature.slice(0, -1)}${signature.endsWith('A') ? 'B' : 'A'}`;

    const answers = [
      await visit(`/preview/${forged}`),
      await visit(`/preview/${flipped}`),
      await visit('/preview/not-a-token'),
    ];
    desk.clock.advance(3_600_000);
    answers.push(await visit(url));

    for (const res of answers) {
      assert.equal(res.statusCode, 404);
      assert.match(String(res.headers['content-type']), /^text\/html/);
      assert.match(res.body, /Page not found/);
      assert.doesNotMatch(res.body, /Short-lived/);
    }
  });

  it('should let only those who may edit the article make a link', async () => {
    const { author, contributor } = desk.staff;
    const theirs = await createArticle(desk, author, { title: 'Author’s draft' });
    const own = await createArticle(desk, contributor, { title: 'Contributor’s draft' });

    const refused = await call(desk, contributor, 'POST', `/api/admin/articles/${theirs.id}/preview`);
    const allowed = await call(desk, contributor, 'POST', `/api/admin/articles/${own.id}/preview`);

    assert.deepEqual([refused.status, firstError(refused).code], [403, 'FORBIDDEN_ROLE']);
    assert.equal(allowed.status, 201);
  });
});
