import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { describe, it } from 'node:test';
import { byTag, text, withAttr, withClass } from '../site/site-helpers.ts';
import {
  adminApi,
  approvedComment,
  articlePage,
  commentItem,
  featuredIds,
  moderate,
  moderated,
  openCommentSite,
  pendingComment,
  postComment,
  queue,
  scriptsInComments,
  shownIds,
} from './moderation-helpers.ts';

describe('Comment moderation: queues', () => {
  it('should list each held comment with its hold reason when the pending queue is asked for', async (ctx) => {
    const { t, article } = await openCommentSite(ctx, { settings: { suspect_words: ['casino'] } });
    const suspect = await postComment(t, article, { body: 'Best casino bonus in town.' });
    const unsolved = await pendingComment(t, article, { body: 'Sent with JavaScript off.' });
    const approved = await approvedComment(t, article, { body: 'A fair point about the harbour.' });

    const pending = await queue(t, 'status=pending');
    const approvedQueue = await queue(t, 'status=approved');

    const suspectId = suspect.json.comments?.[0]?.id;
    assert.deepEqual(new Set(pending.ids), new Set([suspectId, unsolved]));
    const byId = new Map((pending.json.comments ?? []).map((c) => [c.id, c]));
    assert.equal(byId.get(suspectId ?? '')?.hold_reason, 'suspect_word');
    assert.equal(byId.get(suspectId ?? '')?.hold_detail, 'casino');
    assert.equal(byId.get(unsolved)?.hold_reason, 'no_captcha');
    assert.deepEqual(approvedQueue.ids, [approved]);
    assert.equal(approvedQueue.json.comments?.[0]?.hold_reason, null);
  });

  it('should hold the pending queue when no status is given', async (ctx) => {
    const { t, article } = await openCommentSite(ctx);
    const held = await pendingComment(t, article, { body: 'Waiting for a moderator.' });
    await approvedComment(t, article, { body: 'Already published.' });

    const answer = await queue(t, '');

    assert.deepEqual(answer.ids, [held]);
  });

  it('should list only one article’s comments, a page at a time, when article, page and limit are given', async (ctx) => {
    const { t, article, other } = await openCommentSite(ctx);
    const held: string[] = [];
    for (const n of [1, 2, 3]) held.push(await pendingComment(t, article, { body: `Held comment ${n}` }));
    const elsewhere = await pendingComment(t, other, { body: 'On the budget story.' });

    const first = await queue(t, `status=pending&article=${article.id}&limit=2`);
    const second = await queue(t, `status=pending&article=${article.id}&limit=2&page=2`);
    const all = await queue(t, 'status=pending');

    assert.deepEqual(first.json.meta?.pagination, {
      page: 1,
      limit: 2,
      pages: 2,
      total: 3,
      next: 2,
      prev: null,
    });
    assert.deepEqual(second.json.meta?.pagination, {
      page: 2,
      limit: 2,
      pages: 2,
      total: 3,
      next: null,
      prev: 1,
    });
    assert.deepEqual(new Set([...first.ids, ...second.ids]), new Set(held));
    assert.equal(first.ids.length, 2);
    assert.ok(!first.ids.includes(elsewhere) && !second.ids.includes(elsewhere));
    assert.equal(all.json.meta?.pagination.total, 4);
  });

  it('should answer 422 naming the field when the queue is asked for an unknown status', async (ctx) => {
    const { t } = await openCommentSite(ctx);

    const answer = await adminApi(t, 'GET', '/comments?status=published');
    const badArticle = await adminApi(t, 'GET', '/comments?article=harbour');

    assert.equal(answer.status, 422);
    assert.equal(answer.json.errors?.[0]?.field, 'status');
    assert.equal(badArticle.status, 422);
    assert.equal(badArticle.json.errors?.[0]?.field, 'article');
  });
});

describe('Comment moderation: status changes', () => {
  it('should show a held comment on the article page when a moderator approves it', async (ctx) => {
    const { t, article } = await openCommentSite(ctx);
    const id = await pendingComment(t, article, { body: 'The ferry should run at night too.' });
    const before = await articlePage(t, article);

    const updated = await moderate(t, id, { status: 'approved' });
    const after = await articlePage(t, article);

    assert.equal(commentItem(before.doc, id), undefined);
    assert.equal(updated.status, 'approved');
    assert.match(text(commentItem(after.doc, id)), /The ferry should run at night too\./);
    assert.deepEqual((await queue(t, 'status=pending')).ids, []);
  });

  it('should take a comment off the article page when a moderator moves it to the trash', async (ctx) => {
    const { t, article } = await openCommentSite(ctx);
    const id = await approvedComment(t, article, { body: 'Something to regret.' });
    const before = await articlePage(t, article);

    const updated = await moderate(t, id, { status: 'trash' });
    const after = await articlePage(t, article);

    assert.ok(commentItem(before.doc, id));
    assert.equal(updated.status, 'trash');
    assert.equal(commentItem(after.doc, id), undefined);
    assert.doesNotMatch(after.text, /Something to regret/);
    assert.deepEqual((await queue(t, 'status=trash')).ids, [id]);
  });

  it('should hide a comment as spam and bring it back when a moderator approves it from spam', async (ctx) => {
    const { t, article } = await openCommentSite(ctx);
    const id = await approvedComment(t, article, { body: 'Looks like spam, is not.' });

    await moderate(t, id, { status: 'spam' });
    const asSpam = await articlePage(t, article);
    const spamQueue = await queue(t, 'status=spam');
    const restored = await moderate(t, id, { status: 'approved' });
    const back = await articlePage(t, article);

    assert.equal(commentItem(asSpam.doc, id), undefined);
    assert.deepEqual(spamQueue.ids, [id]);
    assert.equal(restored.status, 'approved');
    assert.ok(commentItem(back.doc, id));
    assert.deepEqual((await queue(t, 'status=spam')).ids, []);
  });

  it('should re-render an edited body as escaped Markdown-lite when a moderator edits it', async (ctx) => {
    const { t, article } = await openCommentSite(ctx);
    const id = await approvedComment(t, article, { body: 'Original words.' });

    const updated = await moderate(t, id, {
      body: '**Edited** by the desk <script>alert(1)</script> [source](https://example.org/report)',
    });
    const page = await articlePage(t, article);

    assert.match(updated.body_html, /<strong>Edited<\/strong>/);
    assert.match(updated.body_html, /&lt;script&gt;alert\(1\)&lt;\/script&gt;/);
    assert.match(updated.body_html, /<a href="https:\/\/example\.org\/report" rel="nofollow ugc noopener">/);
    assert.equal(
      updated.body,
      '**Edited** by the desk <script>alert(1)</script> [source](https://example.org/report)',
    );
    const shown = commentItem(page.doc, id);
    assert.match(text(shown), /Edited by the desk <script>alert\(1\)<\/script> source/);
    assert.doesNotMatch(page.text, /Original words/);
    assert.deepEqual(scriptsInComments(page.doc), []);
  });

  it('should list a comment among the featured and stop when is_featured is set and then cleared', async (ctx) => {
    const { t, article } = await openCommentSite(ctx);
    const id = await approvedComment(t, article, { body: 'The best comment of the day.' });
    const plain = await approvedComment(t, article, { body: 'An ordinary comment.' });

    const featured = await moderate(t, id, { is_featured: true });
    const withFeatured = await articlePage(t, article);
    const unfeatured = await moderate(t, id, { is_featured: false });
    const without = await articlePage(t, article);

    assert.equal(featured.is_featured, true);
    assert.deepEqual(featuredIds(withFeatured.doc), [id]);
    const block = withClass(withFeatured.doc, 'comments-featured')[0];
    assert.equal(text(block && byTag(block, 'h3')[0]), 'Featured comments');
    assert.deepEqual(shownIds(withFeatured.doc), [id, plain], 'a featured comment stays in its thread too');
    const ids = withAttr(withFeatured.doc, 'id').map((el) => el.attribs.id);
    assert.deepEqual(
      ids.filter((x, n) => ids.indexOf(x) !== n),
      [],
      'an id is used twice on the page',
    );
    assert.equal(unfeatured.is_featured, false);
    assert.deepEqual(withClass(without.doc, 'comments-featured'), []);
  });

  it('should answer 422 naming the field when a change carries a bad value', async (ctx) => {
    const { t, article } = await openCommentSite(ctx);
    const id = await pendingComment(t, article, { body: 'Held for now.' });

    const badStatus = await adminApi(t, 'PATCH', `/comments/${id}`, { status: 'published' });
    const badFeatured = await adminApi(t, 'PATCH', `/comments/${id}`, { is_featured: 'yes' });
    const emptyBody = await adminApi(t, 'PATCH', `/comments/${id}`, { body: '' });
    const unknown = await adminApi(t, 'PATCH', `/comments/${id}`, { author_email: 'x@example.com' });

    assert.equal(badStatus.status, 422);
    assert.equal(badStatus.json.errors?.[0]?.field, 'status');
    assert.match(badStatus.json.errors?.[0]?.message ?? '', /pending, approved, spam, trash/);
    assert.equal(badFeatured.status, 422);
    assert.equal(badFeatured.json.errors?.[0]?.field, 'is_featured');
    assert.equal(emptyBody.status, 422);
    assert.equal(emptyBody.json.errors?.[0]?.field, 'body');
    assert.equal(unknown.status, 422);
    assert.equal(unknown.json.errors?.[0]?.code, 'UNKNOWN_FIELD');
    assert.equal(unknown.json.errors?.[0]?.field, 'author_email');
    assert.equal((await moderated(t, id)).status, 'pending');
  });

  it('should answer 404 when the comment does not exist', async (ctx) => {
    const { t } = await openCommentSite(ctx);
    const missing = randomUUID();

    const answers = [
      await adminApi(t, 'GET', `/comments/${missing}`),
      await adminApi(t, 'PATCH', `/comments/${missing}`, { status: 'approved' }),
      await adminApi(t, 'DELETE', `/comments/${missing}`),
      await adminApi(t, 'POST', `/comments/${missing}/replies`, { body: 'Hello?' }),
      await adminApi(t, 'GET', '/comments/no-such-comment'),
      await adminApi(t, 'PATCH', '/comments/no-such-comment', { status: 'approved' }),
    ];

    for (const answer of answers) {
      assert.equal(answer.status, 404, answer.text);
      assert.equal(answer.json.errors?.[0]?.code, 'COMMENT_NOT_FOUND');
    }
  });
});

describe('Comment moderation: bulk actions and deletion', () => {
  it('should change every listed comment when a bulk approve, spam or trash is sent', async (ctx) => {
    const { t, article } = await openCommentSite(ctx);
    const a = await pendingComment(t, article, { body: 'First held.' });
    const b = await pendingComment(t, article, { body: 'Second held.' });
    const c = await pendingComment(t, article, { body: 'Third held.' });

    const approve = await adminApi(t, 'POST', '/comments/bulk', { ids: [a, b], action: 'approve' });
    const page = await articlePage(t, article);
    const spam = await adminApi(t, 'POST', '/comments/bulk', { ids: [b, c], action: 'spam' });
    const trash = await adminApi(t, 'POST', '/comments/bulk', { ids: [a, c, randomUUID()], action: 'trash' });

    assert.deepEqual(approve.json, { updated: 2 });
    assert.deepEqual(shownIds(page.doc), [a, b]);
    assert.deepEqual(spam.json, { updated: 2 });
    assert.deepEqual(trash.json, { updated: 2 }, 'an unknown id is skipped');
    assert.equal((await moderated(t, a)).status, 'trash');
    assert.equal((await moderated(t, b)).status, 'spam');
    assert.equal((await moderated(t, c)).status, 'trash');
    assert.deepEqual(shownIds((await articlePage(t, article)).doc), []);
  });

  it('should delete every listed comment when a bulk delete is sent', async (ctx) => {
    const { t, article } = await openCommentSite(ctx);
    const a = await approvedComment(t, article, { body: 'Going away.' });
    const b = await pendingComment(t, article, { body: 'Also going away.' });
    const kept = await approvedComment(t, article, { body: 'Staying.' });

    const answer = await adminApi(t, 'POST', '/comments/bulk', { ids: [a, b], action: 'delete' });
    const page = await articlePage(t, article);

    assert.deepEqual(answer.json, { updated: 2 });
    assert.equal((await adminApi(t, 'GET', `/comments/${a}`)).status, 404);
    assert.equal((await adminApi(t, 'GET', `/comments/${b}`)).status, 404);
    assert.deepEqual(shownIds(page.doc), [kept]);
  });

  it('should answer 422 naming the field when a bulk action is unknown or has no ids', async (ctx) => {
    const { t, article } = await openCommentSite(ctx);
    const id = await pendingComment(t, article, { body: 'Held.' });

    const badAction = await adminApi(t, 'POST', '/comments/bulk', { ids: [id], action: 'publish' });
    const noIds = await adminApi(t, 'POST', '/comments/bulk', { ids: [], action: 'approve' });
    const badId = await adminApi(t, 'POST', '/comments/bulk', { ids: ['not-an-id'], action: 'approve' });

    assert.equal(badAction.status, 422);
    assert.equal(badAction.json.errors?.[0]?.field, 'action');
    assert.equal(noIds.status, 422);
    assert.equal(noIds.json.errors?.[0]?.field, 'ids');
    assert.equal(badId.status, 422);
    assert.equal(badId.json.errors?.[0]?.field, 'ids[0]');
    assert.equal((await moderated(t, id)).status, 'pending');
  });

  it('should remove a comment for good when it is deleted', async (ctx) => {
    const { t, article } = await openCommentSite(ctx);
    const id = await approvedComment(t, article, { body: 'Deleted by the desk.' });

    const answer = await adminApi(t, 'DELETE', `/comments/${id}`);
    const page = await articlePage(t, article);

    assert.equal(answer.status, 204);
    assert.equal((await adminApi(t, 'GET', `/comments/${id}`)).status, 404);
    assert.equal(commentItem(page.doc, id), undefined);
    assert.equal((await adminApi(t, 'DELETE', `/comments/${id}`)).status, 404);
  });
});

describe('Comment moderation: staff replies', () => {
  it('should publish a staff reply at once, marked as staff and nested under its parent', async (ctx) => {
    const { t, article } = await openCommentSite(ctx);
    await t.masthead.services.settings.update({ title: 'Harbour Herald' });
    const parent = await approvedComment(t, article, { body: 'When does the ferry return?' });

    const answer = await adminApi(t, 'POST', `/comments/${parent}/replies`, { body: 'On *Monday*.' });
    const named = await adminApi(t, 'POST', `/comments/${parent}/replies`, {
      body: 'Confirmed by the harbour master.',
      name: 'Ada Reporter',
    });
    const page = await articlePage(t, article);

    assert.equal(answer.status, 201, answer.text);
    const reply = answer.json.comments?.[0];
    assert.ok(reply);
    assert.equal(reply.status, 'approved');
    assert.equal(reply.is_staff, true);
    assert.equal(reply.parent_id, parent);
    assert.equal(reply.author_name, 'Harbour Herald');
    assert.equal(reply.author_email, null);
    assert.equal(named.json.comments?.[0]?.author_name, 'Ada Reporter');
    const thread = commentItem(page.doc, parent);
    assert.ok(thread);
    const nested = commentItem(thread, reply.id);
    assert.ok(nested, 'the staff reply is not inside its parent’s thread');
    assert.match(nested.attribs.class ?? '', /\bis-staff\b/);
    assert.equal(text(withClass(nested, 'comment-badge')[0]), 'Staff');
    assert.match(text(nested), /On Monday\./);
  });

  it('should answer 422 naming the field when a staff reply has no body', async (ctx) => {
    const { t, article } = await openCommentSite(ctx);
    const parent = await approvedComment(t, article, { body: 'A question.' });

    const answer = await adminApi(t, 'POST', `/comments/${parent}/replies`, { body: '' });

    assert.equal(answer.status, 422);
    assert.equal(answer.json.errors?.[0]?.field, 'body');
  });
});

describe('Comment moderation: who may moderate', () => {
  it('should answer 401 without a token and 403 with a read-only token when a moderator action is tried', async (ctx) => {
    const { t, article } = await openCommentSite(ctx);
    const id = await pendingComment(t, article, { body: 'Not yet moderated.' });
    const writes: ['POST' | 'PATCH' | 'DELETE', string, unknown][] = [
      ['PATCH', `/comments/${id}`, { status: 'approved' }],
      ['POST', '/comments/bulk', { ids: [id], action: 'approve' }],
      ['DELETE', `/comments/${id}`, undefined],
      ['POST', `/comments/${id}/replies`, { body: 'Staff here.' }],
      ['POST', '/comments/bans', { email: 'troll@example.com' }],
      ['PATCH', '/comments/settings', { hold_all: true }],
    ];

    for (const [method, url, payload] of writes) {
      const anonymous = await adminApi(t, method, url, payload, {});
      const readOnly = await adminApi(t, method, url, payload, t.readAuth);
      assert.equal(anonymous.status, 401, `${method} ${url} without a token`);
      assert.equal(readOnly.status, 403, `${method} ${url} with a read-only token`);
    }
    const anonymousRead = await adminApi(t, 'GET', '/comments?status=pending', undefined, {});
    const readOnlyRead = await adminApi(t, 'GET', '/comments?status=pending', undefined, t.readAuth);

    assert.equal(anonymousRead.status, 401);
    assert.equal(readOnlyRead.status, 200);
    assert.equal((await moderated(t, id)).status, 'pending');
    assert.equal((await t.masthead.comments.settings.get()).hold_all, false);
    assert.deepEqual((await adminApi(t, 'GET', '/comments/bans')).json.bans, []);
  });
});

describe('Comment moderation: settings', () => {
  it('should read and change the comment rules when the settings are patched', async (ctx) => {
    const { t } = await openCommentSite(ctx);

    const before = await adminApi(t, 'GET', '/comments/settings');
    const patched = await adminApi(t, 'PATCH', '/comments/settings', {
      report_threshold: 2,
      suspect_words: ['casino'],
      order: 'newest',
    });
    const after = await adminApi(t, 'GET', '/comments/settings');

    assert.equal(before.status, 200);
    const settings = before.json.settings as Record<string, unknown>;
    assert.equal(settings.report_threshold, 3);
    assert.equal(settings.max_depth, 5);
    assert.equal(patched.status, 200);
    assert.deepEqual(after.json.settings, patched.json.settings);
    const changed = after.json.settings as Record<string, unknown>;
    assert.equal(changed.report_threshold, 2);
    assert.deepEqual(changed.suspect_words, ['casino']);
    assert.equal(changed.order, 'newest');
    assert.equal(changed.max_depth, 5, 'a field left out keeps its value');
  });

  it('should answer 422 naming the field when a setting has a bad value', async (ctx) => {
    const { t } = await openCommentSite(ctx);

    const depth = await adminApi(t, 'PATCH', '/comments/settings', { max_depth: 0 });
    const order = await adminApi(t, 'PATCH', '/comments/settings', { order: 'random' });
    const email = await adminApi(t, 'PATCH', '/comments/settings', { moderator_emails: ['not an email'] });
    const unknown = await adminApi(t, 'PATCH', '/comments/settings', { captcha: 'off' });

    assert.equal(depth.status, 422);
    assert.equal(depth.json.errors?.[0]?.field, 'max_depth');
    assert.equal(order.status, 422);
    assert.equal(order.json.errors?.[0]?.field, 'order');
    assert.equal(email.status, 422);
    assert.equal(email.json.errors?.[0]?.field, 'moderator_emails[0]');
    assert.equal(unknown.status, 422);
    assert.equal(unknown.json.errors?.[0]?.code, 'UNKNOWN_FIELD');
    assert.equal(unknown.json.errors?.[0]?.field, 'captcha');
    assert.equal((await t.masthead.comments.settings.get()).max_depth, 5);
  });

  it('should keep the comment rules out of the public settings API', async (ctx) => {
    const { t } = await openCommentSite(ctx);
    await adminApi(t, 'PATCH', '/comments/settings', { suspect_words: ['zanzibar-casino'] });

    const res = await t.masthead.app.inject({ method: 'GET', url: '/api/content/settings' });

    assert.equal(res.statusCode, 200);
    const settings = res.json().settings as Record<string, unknown>;
    for (const key of ['comments', 'suspect_words', 'banned_words', 'report_threshold', 'hold_first_time'])
      assert.ok(!(key in settings), `the public settings show "${key}"`);
    assert.doesNotMatch(res.body, /zanzibar-casino/);
  });
});
