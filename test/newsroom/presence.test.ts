import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  call,
  createArticle,
  firstError,
  type Member,
  type Newsroom,
  openNewsroom,
} from './newsroom-helpers.ts';

describe('Who is editing an article', () => {
  let desk: Newsroom;
  const beat = (who: Member | 'token', id: string) =>
    call(desk, who, 'PUT', `/api/admin/articles/${id}/presence`);
  const editorsSeenBy = async (who: Member | 'token', id: string) => {
    const res = await beat(who, id);
    assert.equal(res.status, 200, res.text);
    return res.json.editors;
  };

  before(async () => {
    desk = await openNewsroom();
  });
  after(() => desk.close());

  it('should show the second editor the first one, and the first the second, from when each came', async () => {
    const { author, editor } = desk.staff;
    const article = await createArticle(desk, author, { title: 'Two hands' });
    const authorCame = desk.clock.now().toISOString();

    const first = await editorsSeenBy(author, article.id);
    desk.clock.advance(5_000);
    const second = await editorsSeenBy(editor, article.id);
    desk.clock.advance(5_000);
    const firstAgain = await editorsSeenBy(author, article.id);

    assert.deepEqual(first, []);
    assert.deepEqual(second, [{ id: author.id, name: author.name, since: authorCame }]);
    assert.deepEqual(firstAgain, [
      { id: editor.id, name: editor.name, since: new Date(Date.parse(authorCame) + 5_000).toISOString() },
    ]);
  });

  it('should forget an editor whose last heartbeat is more than 30 seconds old, and start their stretch anew when they return', async () => {
    const { author, editor } = desk.staff;
    const article = await createArticle(desk, author, { title: 'Gone quiet' });
    await editorsSeenBy(author, article.id);
    desk.clock.advance(29_000);
    const stillThere = await editorsSeenBy(editor, article.id);
    desk.clock.advance(2_000);
    const gone = await editorsSeenBy(editor, article.id);
    await editorsSeenBy(author, article.id);
    const back = await editorsSeenBy(editor, article.id);

    assert.deepEqual(
      stillThere.map((e: { id: string }) => e.id),
      [author.id],
    );
    assert.deepEqual(gone, []);
    assert.deepEqual(back, [{ id: author.id, name: author.name, since: desk.clock.now().toISOString() }]);
  });

  it('should forget the caller at once when they close the article (204)', async () => {
    const { author, editor } = desk.staff;
    const article = await createArticle(desk, author, { title: 'Closed tab' });
    await editorsSeenBy(author, article.id);

    const left = await call(desk, author, 'DELETE', `/api/admin/articles/${article.id}/presence`);
    const seen = await editorsSeenBy(editor, article.id);

    assert.equal(left.status, 204, left.text);
    assert.equal(left.text, '');
    assert.deepEqual(seen, []);
  });

  it('should list the editors to an API token without recording the token', async () => {
    const { author, editor } = desk.staff;
    const article = await createArticle(desk, author, { title: 'Robot reads' });
    await editorsSeenBy(author, article.id);

    const toToken = await editorsSeenBy('token', article.id);
    const toEditor = await editorsSeenBy(editor, article.id);
    const tokenLeaves = await call(desk, 'token', 'DELETE', `/api/admin/articles/${article.id}/presence`);

    assert.deepEqual(
      toToken.map((e: { id: string }) => e.id),
      [author.id],
    );
    assert.deepEqual(
      toEditor.map((e: { id: string }) => e.id),
      [author.id],
    );
    assert.equal(tokenLeaves.status, 204);
  });

  it('should refuse with 403 someone who may not edit the article, and answer 404 for an unknown one', async () => {
    const { author, contributor } = desk.staff;
    const article = await createArticle(desk, author, { title: 'Not yours' });

    const refused = await beat(contributor, article.id);
    const leaveRefused = await call(
      desk,
      contributor,
      'DELETE',
      `/api/admin/articles/${article.id}/presence`,
    );
    const unknown = await beat(author, 'no-such-article');
    const seen = await editorsSeenBy(author, article.id);

    assert.deepEqual([refused.status, firstError(refused).code], [403, 'FORBIDDEN_ROLE']);
    assert.equal(leaveRefused.status, 403);
    assert.deepEqual([unknown.status, firstError(unknown).code], [404, 'ARTICLE_NOT_FOUND']);
    assert.deepEqual(seen, []);
  });
});
