import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { describe, it } from 'node:test';
import { parseDocument } from 'htmlparser2';
import type { TestApp } from '../helpers/test-app.ts';
import { attr, byTag, get, pathOf, text, withAttr, withClass } from '../site/site-helpers.ts';
import {
  adminApi,
  approvedComment,
  moderate,
  moderated,
  openCommentSite,
  pendingComment,
  postComment,
  postForm,
  queue,
} from './moderation-helpers.ts';

/** A reader's report through the JSON API, from `ip`. */
async function report(t: TestApp, id: string, payload: unknown, ip = '203.0.113.50') {
  const res = await t.masthead.app.inject({
    method: 'POST',
    url: `/api/comments/${id}/reports`,
    headers: { 'x-forwarded-for': ip },
    payload: payload as Record<string, unknown>,
  });
  return { status: res.statusCode, json: res.json() };
}

describe('Comment bans', () => {
  it('should refuse the next comment from a banned email with COMMENT_BANNED when a moderator bans it', async (ctx) => {
    const { t, article } = await openCommentSite(ctx);
    await approvedComment(t, article, { body: 'Before the ban.', email: 'troll@example.com' });

    const ban = await adminApi(t, 'POST', '/comments/bans', { email: 'Troll@Example.com', reason: 'abuse' });
    const refused = await postComment(t, article, { body: 'After the ban.', email: 'TROLL@example.com' });
    const someoneElse = await postComment(t, article, {
      body: 'Unrelated reader.',
      email: 'kind@example.com',
    });

    assert.equal(ban.status, 201);
    assert.deepEqual(ban.json, { banned: [{ kind: 'email' }] });
    assert.equal(refused.status, 403);
    assert.equal(refused.json.errors?.[0]?.code, 'COMMENT_BANNED');
    assert.equal(refused.json.errors?.[0]?.message, 'You cannot comment on this site.');
    assert.equal(someoneElse.status, 201);
    assert.equal((await queue(t, 'status=pending')).ids.length, 0, 'the refused comment was stored');
  });

  it('should refuse the banned reader on the no-JavaScript form with a 403 page keeping the text', async (ctx) => {
    const { t, article } = await openCommentSite(ctx);
    await adminApi(t, 'POST', '/comments/bans', { email: 'troll@example.com' });

    const res = await postForm(t, '/comments', {
      article_id: article.id,
      name: 'Troll',
      email: 'troll@example.com',
      body: 'Let me in.',
    });
    const doc = parseDocument(res.body);

    assert.equal(res.statusCode, 403);
    assert.match(res.body, /You cannot comment on this site\./);
    assert.equal(text(byTag(doc, 'textarea').find((el) => el.attribs.name === 'body')), 'Let me in.');
  });

  it('should refuse comments from the same address but not from others when a comment is banned by IP', async (ctx) => {
    const { t, article } = await openCommentSite(ctx);
    const id = await approvedComment(t, article, { body: 'Trouble.' }, { ip: '203.0.113.7' });

    const ban = await adminApi(t, 'POST', '/comments/bans', { comment_id: id, by: ['ip'] });
    const sameAddress = await postComment(
      t,
      article,
      { body: 'New name, same place.', email: 'new@example.com' },
      { ip: '203.0.113.7' },
    );
    const otherAddress = await postComment(
      t,
      article,
      { body: 'A neighbour.', email: 'other@example.com' },
      { ip: '203.0.113.8' },
    );
    const bans = await adminApi(t, 'GET', '/comments/bans');

    assert.equal(ban.status, 201);
    assert.deepEqual(ban.json, { banned: [{ kind: 'ip' }] });
    assert.equal(sameAddress.status, 403);
    assert.equal(sameAddress.json.errors?.[0]?.code, 'COMMENT_BANNED');
    assert.equal(otherAddress.status, 201);
    const listed = bans.json.bans as { kind: string; value: string }[];
    assert.equal(listed.length, 1);
    assert.equal(listed[0]?.kind, 'ip');
    assert.equal(listed[0]?.value, (await moderated(t, id)).ip_hash, 'the ban holds the hash');
    assert.doesNotMatch(bans.text, /203\.0\.113\.7/);
  });

  it('should ban both the email and the address when a comment is banned by both', async (ctx) => {
    const { t, article } = await openCommentSite(ctx);
    const id = await approvedComment(
      t,
      article,
      { body: 'Trouble.', email: 'both@example.com' },
      { ip: '203.0.113.9' },
    );

    const ban = await adminApi(t, 'POST', '/comments/bans', { comment_id: id, by: ['email', 'ip'] });
    const byEmail = await postComment(
      t,
      article,
      { body: 'Elsewhere.', email: 'both@example.com' },
      { ip: '192.0.2.1' },
    );
    const byAddress = await postComment(
      t,
      article,
      { body: 'Same desk.', email: 'x@example.com' },
      { ip: '203.0.113.9' },
    );

    assert.deepEqual(ban.json, { banned: [{ kind: 'email' }, { kind: 'ip' }] });
    assert.equal(byEmail.status, 403);
    assert.equal(byAddress.status, 403);
  });

  it('should accept the reader again when a moderator lifts the ban', async (ctx) => {
    const { t, article } = await openCommentSite(ctx);
    await adminApi(t, 'POST', '/comments/bans', { email: 'forgiven@example.com' });
    const [ban] = (await adminApi(t, 'GET', '/comments/bans')).json.bans as { id: string }[];
    assert.ok(ban);

    const lifted = await adminApi(t, 'DELETE', `/comments/bans/${ban.id}`);
    const posted = await postComment(t, article, {
      body: 'Thanks for the second chance.',
      email: 'forgiven@example.com',
    });
    const again = await adminApi(t, 'DELETE', `/comments/bans/${ban.id}`);
    const notAnId = await adminApi(t, 'DELETE', '/comments/bans/no-such-ban');

    assert.equal(lifted.status, 204);
    assert.equal(posted.status, 201);
    assert.deepEqual((await adminApi(t, 'GET', '/comments/bans')).json.bans, []);
    assert.equal(again.status, 404);
    assert.equal(again.json.errors?.[0]?.code, 'BAN_NOT_FOUND');
    assert.equal(notAnId.status, 404);
  });

  it('should answer 422 naming the field when a staff comment with no email or address is banned', async (ctx) => {
    const { t, article } = await openCommentSite(ctx);
    const parent = await approvedComment(t, article, { body: 'A question for the desk.' });
    const staff = await adminApi(t, 'POST', `/comments/${parent}/replies`, { body: 'The answer.' });
    const staffId = staff.json.comments?.[0]?.id ?? '';

    const byEmail = await adminApi(t, 'POST', '/comments/bans', { comment_id: staffId, by: ['email'] });
    const byIp = await adminApi(t, 'POST', '/comments/bans', { comment_id: staffId, by: ['ip'] });

    for (const answer of [byEmail, byIp]) {
      assert.equal(answer.status, 422, answer.text);
      assert.equal(answer.json.errors?.[0]?.code, 'COMMENT_BAN_UNAVAILABLE');
      assert.equal(answer.json.errors?.[0]?.field, 'by');
    }
    assert.deepEqual((await adminApi(t, 'GET', '/comments/bans')).json.bans, []);
  });

  it('should answer 422 or 404 when a ban request is malformed or names no comment', async (ctx) => {
    const { t } = await openCommentSite(ctx);

    const badEmail = await adminApi(t, 'POST', '/comments/bans', { email: 'not-an-address' });
    const noKind = await adminApi(t, 'POST', '/comments/bans', { comment_id: randomUUID(), by: [] });
    const missing = await adminApi(t, 'POST', '/comments/bans', { comment_id: randomUUID(), by: ['ip'] });

    assert.equal(badEmail.status, 422);
    assert.equal(noKind.status, 422);
    assert.equal(missing.status, 404);
    assert.equal(missing.json.errors?.[0]?.code, 'COMMENT_NOT_FOUND');
  });
});

describe('Comment reports', () => {
  it('should record a report with each reason and list them for moderators', async (ctx) => {
    const { t, article } = await openCommentSite(ctx, { settings: { report_threshold: 10 } });
    const id = await approvedComment(t, article, { body: 'Controversial.' });
    const reasons = ['spam', 'abuse', 'off_topic', 'illegal'];

    const answers = [];
    for (const [n, reason] of reasons.entries())
      answers.push(await report(t, id, { reason, note: `note ${reason}` }, `203.0.113.${n + 1}`));
    const comment = await moderated(t, id);

    for (const answer of answers) {
      assert.equal(answer.status, 201);
      assert.deepEqual(answer.json, { reports: [{ comment_id: id, is_new: true }] });
    }
    assert.equal(comment.report_count, 4);
    assert.deepEqual(
      comment.reports.map((r) => [r.reason, r.note]),
      reasons.map((reason) => [reason, `note ${reason}`]),
    );
    assert.equal(comment.reported_at, null, 'below the threshold it is not in the reported queue');
  });

  it('should answer 422 naming the field when the reason is missing or unknown', async (ctx) => {
    const { t, article } = await openCommentSite(ctx);
    const id = await approvedComment(t, article, { body: 'Fine words.' });

    const unknown = await report(t, id, { reason: 'boring' });
    const missing = await report(t, id, { note: 'no reason given' });

    for (const answer of [unknown, missing]) {
      assert.equal(answer.status, 422);
      assert.equal(answer.json.errors?.[0]?.field, 'reason');
    }
    assert.equal((await moderated(t, id)).report_count, 0);
  });

  it('should count a reader once when the same reader reports a comment twice', async (ctx) => {
    const { t, article } = await openCommentSite(ctx, { settings: { report_threshold: 2 } });
    const id = await approvedComment(t, article, { body: 'Reported twice.' });

    const first = await report(t, id, { reason: 'spam' }, '203.0.113.20');
    const second = await report(t, id, { reason: 'abuse' }, '203.0.113.20');

    assert.equal(first.status, 201);
    assert.equal(second.status, 200);
    assert.deepEqual(second.json, { reports: [{ comment_id: id, is_new: false }] });
    const comment = await moderated(t, id);
    assert.equal(comment.report_count, 1);
    assert.equal(comment.reported_at, null);
    assert.deepEqual((await queue(t, 'status=reported')).ids, []);
  });

  it('should answer 404 when the comment is not approved or does not exist', async (ctx) => {
    const { t, article } = await openCommentSite(ctx);
    const held = await pendingComment(t, article, { body: 'Nobody sees this yet.' });

    const answers = [
      await report(t, held, { reason: 'spam' }),
      await report(t, randomUUID(), { reason: 'spam' }),
      await report(t, 'no-such-comment', { reason: 'spam' }),
    ];

    for (const answer of answers) assert.equal(answer.status, 404);
  });

  it('should put a comment in the reported queue with its reports when the threshold is reached', async (ctx) => {
    const { t, article } = await openCommentSite(ctx, { settings: { report_threshold: 2 } });
    const id = await approvedComment(t, article, { body: 'Borderline remark.' });
    const other = await approvedComment(t, article, { body: 'Harmless remark.' });

    await report(t, id, { reason: 'abuse', note: 'insults a neighbour' }, '203.0.113.31');
    await report(t, other, { reason: 'spam' }, '203.0.113.31');
    const belowThreshold = await queue(t, 'status=reported');
    await report(t, id, { reason: 'off_topic' }, '203.0.113.32');
    const reported = await queue(t, 'status=reported');
    const onArticle = await queue(t, `status=reported&article=${article.id}`);

    assert.deepEqual(belowThreshold.ids, []);
    assert.deepEqual(reported.ids, [id]);
    assert.deepEqual(onArticle.ids, [id]);
    const [listed] = reported.json.comments ?? [];
    assert.equal(listed?.report_count, 2);
    assert.notEqual(listed?.reported_at, null);
    assert.deepEqual(
      listed?.reports.map((r) => [r.reason, r.note]),
      [
        ['abuse', 'insults a neighbour'],
        ['off_topic', ''],
      ],
    );
  });

  it('should clear the reported queue when a moderator keeps the comment or trashes it', async (ctx) => {
    const { t, article } = await openCommentSite(ctx, { settings: { report_threshold: 2 } });
    const kept = await approvedComment(t, article, { body: 'Sharp but fair.' });
    const trashed = await approvedComment(t, article, { body: 'Over the line.' });
    for (const id of [kept, trashed])
      for (const ip of ['203.0.113.41', '203.0.113.42']) await report(t, id, { reason: 'abuse' }, ip);
    const before = await queue(t, 'status=reported');

    await moderate(t, kept, { status: 'approved' });
    await moderate(t, trashed, { status: 'trash' });
    const after = await queue(t, 'status=reported');

    assert.deepEqual(new Set(before.ids), new Set([kept, trashed]));
    assert.deepEqual(after.ids, []);
    assert.equal((await moderated(t, kept)).status, 'approved');
    assert.equal((await moderated(t, kept)).reported_at, null);
  });
});

describe('Comment reports without JavaScript', () => {
  it('should offer a form with a labelled radio button for each reason when the report page is opened', async (ctx) => {
    const { t, article } = await openCommentSite(ctx);
    const id = await approvedComment(t, article, { body: 'Report me if you must.' });

    const page = await get(t, `/comments/report/${id}`);

    assert.equal(page.status, 200);
    assert.equal(page.headers['cache-control'], 'no-store');
    const form = byTag(page.doc, 'form').find(
      (el) => pathOf(attr(el, 'action') ?? '') === `/comments/report/${id}`,
    );
    assert.ok(form, 'no report form');
    assert.equal(attr(form, 'method'), 'post');
    const radios = byTag(form, 'input').filter((el) => attr(el, 'type') === 'radio');
    assert.deepEqual(
      radios.map((el) => attr(el, 'value')),
      ['spam', 'abuse', 'off_topic', 'illegal'],
    );
    const labels = radios.map((radio) => text(withAttr(form, 'for', attr(radio, 'id'))[0]));
    assert.deepEqual(labels, ['Spam or advertising', 'Abusive or harassing', 'Off-topic', 'Illegal content']);
    for (const radio of radios) assert.equal(attr(radio, 'name'), 'reason');
    assert.equal(text(byTag(form, 'legend')[0]), 'Why should a moderator look at this comment?');
    assert.equal(text(withClass(page.doc, 'comment-text')[0]), 'Report me if you must.');
  });

  it('should answer a 422 page asking for a reason when the form is sent without one', async (ctx) => {
    const { t, article } = await openCommentSite(ctx);
    const id = await approvedComment(t, article, { body: 'Reported without a reason.' });

    const res = await postForm(t, `/comments/report/${id}`, { note: 'just because' }, '203.0.113.60');
    const doc = parseDocument(res.body);

    assert.equal(res.statusCode, 422);
    const alert = withAttr(doc, 'role', 'alert')[0];
    assert.equal(text(alert), 'Choose a reason.');
    assert.equal(attr(byTag(doc, 'fieldset')[0], 'aria-describedby'), attr(alert, 'id'));
    assert.equal((await moderated(t, id)).report_count, 0);
  });

  it('should thank the reader and record the report when the form is sent with a reason', async (ctx) => {
    const { t, article } = await openCommentSite(ctx);
    const id = await approvedComment(t, article, { body: 'Reported with a reason.' });

    const res = await postForm(
      t,
      `/comments/report/${id}`,
      { reason: 'illegal', note: 'a leak' },
      '203.0.113.61',
    );

    assert.equal(res.statusCode, 200);
    assert.match(res.body, /Thank you\. A moderator will look at this comment\./);
    const comment = await moderated(t, id);
    assert.deepEqual(
      comment.reports.map((r) => [r.reason, r.note]),
      [['illegal', 'a leak']],
    );
  });

  it('should answer 404 when the report page is asked for a comment readers cannot see', async (ctx) => {
    const { t, article } = await openCommentSite(ctx);
    const held = await pendingComment(t, article, { body: 'Still held.' });

    const page = await get(t, `/comments/report/${held}`);
    const sent = await postForm(t, `/comments/report/${held}`, { reason: 'spam' });

    assert.equal(page.status, 404);
    assert.equal(sent.statusCode, 404);
  });
});
