import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createFixedClock } from '../../src/lib/clock.ts';
import type { TestApp } from '../helpers/test-app.ts';
import { articlePath, attr, byTag, get, type Page, text, withClass } from '../site/site-helpers.ts';
import {
  adminApi,
  approvedComment,
  articlePage,
  commentItem,
  moderate,
  openCommentSite,
  pendingComment,
  shownIds,
} from './moderation-helpers.ts';

const xCache = (page: Page) => page.headers['x-cache'];

/** X-Cache of each URL, requested now, checking each answered 200. */
async function cacheStates(t: TestApp, urls: string[]): Promise<Record<string, unknown>> {
  const states: Record<string, unknown> = {};
  for (const url of urls) {
    const page = await get(t, url);
    assert.equal(page.status, 200, url);
    states[url] = xCache(page);
  }
  return states;
}

describe('Comments and the page cache: invalidation', () => {
  it('should drop only the article page and the list showing its count when an approved comment is posted', async (ctx) => {
    const { t, article, other } = await openCommentSite(ctx);
    // One article a page: the home page lists only the newer article, page 2 the commented one.
    await t.masthead.services.settings.update({ articles_per_page: 1 });
    const [page, otherPage] = [articlePath(article), articlePath(other)];
    await cacheStates(t, [page, otherPage, '/', '/page/2/']);

    const id = await approvedComment(t, article, { body: 'Fresh off the press.' });
    const after = await articlePage(t, article);
    const rest = await cacheStates(t, [otherPage, '/']);
    const list = await get(t, '/page/2/');
    const again = await articlePage(t, article);

    assert.equal(xCache(after), 'MISS');
    assert.ok(commentItem(after.doc, id));
    assert.match(after.text, /Fresh off the press\./);
    assert.deepEqual(rest, { [otherPage]: 'HIT', '/': 'HIT' });
    assert.equal(xCache(list), 'MISS');
    assert.equal(text(withClass(list.doc, 'card-comments')[0]), '1 comment');
    assert.equal(xCache(again), 'HIT');
  });

  it('should drop the home page when the commented article is listed on it with its count', async (ctx) => {
    // The newer article leads the home page; the commented one is a card under "latest".
    const { t, article } = await openCommentSite(ctx);
    const before = await get(t, '/');

    await approvedComment(t, article, { body: 'On the front page.' });
    const after = await get(t, '/');

    assert.deepEqual(withClass(before.doc, 'card-comments'), []);
    assert.equal(xCache(after), 'MISS');
    assert.equal(text(withClass(after.doc, 'card-comments')[0]), '1 comment');
  });

  it('should keep the cached article page when a comment is held, and drop it when the comment is approved', async (ctx) => {
    const { t, article, other } = await openCommentSite(ctx);
    await t.masthead.services.settings.update({ articles_per_page: 1 });
    const page = articlePath(article);
    const cached = await articlePage(t, article);
    await cacheStates(t, [articlePath(other), '/']);

    const id = await pendingComment(t, article, { body: 'Awaiting a moderator.' });
    const whileHeld = await articlePage(t, article);
    await moderate(t, id, { status: 'approved' });
    const approved = await articlePage(t, article);
    const rest = await cacheStates(t, [articlePath(other), '/']);

    assert.equal(xCache(whileHeld), 'HIT');
    assert.equal(whileHeld.headers.etag, cached.headers.etag);
    assert.doesNotMatch(whileHeld.text, /Awaiting a moderator/);
    assert.equal(xCache(approved), 'MISS');
    assert.ok(commentItem(approved.doc, id));
    assert.notEqual(approved.headers.etag, cached.headers.etag);
    assert.deepEqual(rest, { [articlePath(other)]: 'HIT', '/': 'HIT' });
    assert.equal(xCache(await get(t, page)), 'HIT');
  });

  it('should keep the cached page when a change is one readers cannot see', async (ctx) => {
    const { t, article } = await openCommentSite(ctx);
    const held = await pendingComment(t, article, { body: 'Spam, really.' });
    await articlePage(t, article);

    await moderate(t, held, { status: 'spam' });
    const afterSpam = await articlePage(t, article);
    await adminApi(t, 'DELETE', `/comments/${held}`);
    const afterDelete = await articlePage(t, article);

    assert.equal(xCache(afterSpam), 'HIT');
    assert.equal(xCache(afterDelete), 'HIT');
  });

  it('should drop the article page when a moderator trashes, edits or features a shown comment', async (ctx) => {
    const { t, article } = await openCommentSite(ctx);
    const id = await approvedComment(t, article, { body: 'To be moderated.' });
    const changes = [{ is_featured: true }, { body: 'Edited by the desk.' }, { status: 'trash' }];

    const states: unknown[] = [];
    for (const change of changes) {
      await articlePage(t, article);
      await moderate(t, id, change);
      states.push(xCache(await articlePage(t, article)));
    }

    assert.deepEqual(states, ['MISS', 'MISS', 'MISS']);
    assert.deepEqual(shownIds((await articlePage(t, article)).doc), []);
  });

  it('should cache each comment page apart when ?cpage is asked for', async (ctx) => {
    const { t, article } = await openCommentSite(ctx, { settings: { threads_per_page: 1 } });
    const first = await approvedComment(t, article, { body: 'The first thread.' });
    const second = await approvedComment(t, article, { body: 'The second thread.' });

    const pageOne = await articlePage(t, article);
    const pageTwo = await articlePage(t, article, '?cpage=2');
    const pageTwoAgain = await articlePage(t, article, '?cpage=2');
    const pageOneAgain = await articlePage(t, article, '?utm_source=newsletter');
    const third = await approvedComment(t, article, { body: 'The third thread.' });
    const afterComment = [await articlePage(t, article), await articlePage(t, article, '?cpage=2')];

    assert.deepEqual([xCache(pageOne), xCache(pageTwo), xCache(pageTwoAgain)], ['MISS', 'MISS', 'HIT']);
    assert.deepEqual(shownIds(pageOne.doc), [first]);
    assert.deepEqual(shownIds(pageTwo.doc), [second]);
    assert.notEqual(pageOne.headers.etag, pageTwo.headers.etag);
    assert.equal(xCache(pageOneAgain), 'HIT', 'another query string shares page one');
    assert.deepEqual(shownIds(pageOneAgain.doc), [first]);
    assert.deepEqual(
      afterComment.map((page) => xCache(page)),
      ['MISS', 'MISS'],
    );
    assert.deepEqual(shownIds((await articlePage(t, article, '?cpage=3')).doc), [third]);
  });
});

describe('Comments and the page cache: nothing per reader in the page', () => {
  it('should send each CAPTCHA challenge fresh and uncached', async (ctx) => {
    const { t } = await openCommentSite(ctx);

    const responses = [];
    for (let n = 0; n < 2; n += 1)
      responses.push(await t.masthead.app.inject({ method: 'GET', url: '/api/captcha/challenge' }));

    for (const res of responses) {
      assert.equal(res.statusCode, 200);
      assert.equal(res.headers['cache-control'], 'no-store');
      assert.equal(res.headers['x-cache'], undefined);
    }
    const [a, b] = responses.map((res) => res.json() as { salt: string; challenge: string });
    assert.notEqual(a?.challenge, b?.challenge);
  });

  it('should give two different readers the same cacheable article page', async (ctx) => {
    const { t, article } = await openCommentSite(ctx);
    await approvedComment(t, article, { body: 'Something to read.' });

    const ada = await articlePage(t, article);
    const bo = await get(t, articlePath(article), {
      'user-agent': 'Another browser/2.0',
      'x-forwarded-for': '192.0.2.77',
      cookie: 'session=abc',
      'accept-language': 'fr',
    });

    assert.equal(bo.headers.etag, ada.headers.etag);
    assert.ok(bo.raw.equals(ada.raw));
    assert.match(String(ada.headers['cache-control']), /^public, /);
    assert.equal(ada.headers['set-cookie'], undefined);
    const widget = byTag(ada.doc, 'altcha-widget')[0];
    assert.equal(attr(widget, 'challenge'), '/api/captcha/challenge', 'the page fetches its challenge');
    assert.doesNotMatch(ada.text, /"signature"|maxnumber/);
  });

  it('should render the same bytes for different readers when the page cache is off', async (ctx) => {
    const clock = createFixedClock(new Date('2026-03-02T09:00:00.000Z'));
    const { t, article } = await openCommentSite(ctx, { env: { PAGE_CACHE: 'off' }, clock });
    await approvedComment(t, article, { body: 'Rendered twice.' });

    const ada = await articlePage(t, article);
    const bo = await get(t, articlePath(article), {
      'user-agent': 'Another browser/2.0',
      'x-forwarded-for': '192.0.2.78',
      cookie: 'session=xyz',
    });

    assert.equal(xCache(ada), 'MISS');
    assert.equal(xCache(bo), 'MISS');
    assert.equal(bo.headers.etag, ada.headers.etag);
    assert.equal(bo.text, ada.text);
  });
});
