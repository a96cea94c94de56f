import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseDocument } from 'htmlparser2';
import { sql } from 'kysely';
import { createFixedClock } from '../../src/lib/clock.ts';
import type { TestApp } from '../helpers/test-app.ts';
import { attr, byTag, get, text, withClass } from '../site/site-helpers.ts';
import {
  adminApi,
  approvedComment,
  articlePage,
  commentItem,
  linkIn,
  mailsTo,
  moderated,
  openCommentSite,
  PROXY,
  pendingComment,
  postForm,
} from './moderation-helpers.ts';

const DAY = 86_400_000;
const READER_IP = '203.0.113.77';
const FORGET_CONFIRM = '/comments/forget/confirm';

/** Every row of every table, as JSON text, with the table's name: what a database dump would show. */
async function everyRow(t: TestApp): Promise<{ table: string; row: string }[]> {
  const { db } = t.masthead.database;
  const rows: { table: string; row: string }[] = [];
  for (const table of await db.introspection.getTables()) {
    const name = table.schema ? `${table.schema}.${table.name}` : table.name;
    const result = await sql<Record<string, unknown>>`select * from ${sql.table(name)}`.execute(db);
    for (const row of result.rows) rows.push({ table: name, row: JSON.stringify(row) });
  }
  return rows;
}

/** The stored row of a comment, read straight from the database. */
async function storedRow(t: TestApp, id: string) {
  return t.masthead.database.db.selectFrom('comments').selectAll().where('id', '=', id).executeTakeFirst();
}

describe('Comment privacy: addresses', () => {
  it('should store a salted hash of the reader’s address and never the address itself', async (ctx) => {
    const { t, article } = await openCommentSite(ctx);

    const id = await approvedComment(t, article, { body: 'Where is my address?' }, { ip: READER_IP });
    const held = await pendingComment(t, article, { body: 'And here?' }, { ip: READER_IP });
    await t.masthead.app.inject({
      method: 'POST',
      url: `/api/comments/${id}/reports`,
      headers: { 'x-forwarded-for': READER_IP },
      payload: { reason: 'spam' },
    });
    const row = await storedRow(t, id);
    const rows = await everyRow(t);

    assert.ok(row);
    assert.match(row.ip_hash ?? '', /^[\w-]{32}$/);
    assert.equal((await storedRow(t, held))?.ip_hash, row.ip_hash, 'the same address hashes the same');
    for (const value of Object.values(row))
      assert.ok(!String(value).includes(READER_IP) && !String(value).includes(PROXY), `${value}`);
    assert.ok(
      rows.some(({ table, row: r }) => table.endsWith('comments') && r.includes(id)),
      'the dump missed the comments',
    );
    const leaks = rows.filter(({ row }) => row.includes(READER_IP) || row.includes(PROXY));
    assert.deepEqual(leaks, [], 'a raw address was stored');
    const [report] = await t.masthead.database.db.selectFrom('comment_reports').selectAll().execute();
    assert.equal(report?.reporter_hash, row.ip_hash, 'reports are keyed by the same hash');
  });

  it('should show moderators the hash but never the address', async (ctx) => {
    const { t, article } = await openCommentSite(ctx);
    const id = await pendingComment(t, article, { body: 'Moderators look here.' }, { ip: READER_IP });

    const answer = await adminApi(t, 'GET', `/comments/${id}`);

    assert.equal(answer.status, 200);
    assert.equal(answer.json.comments?.[0]?.ip_hash, (await storedRow(t, id))?.ip_hash);
    assert.doesNotMatch(answer.text, /203\.0\.113\.77|127\.0\.0\.1/);
  });

  it('should forget address hashes older than ip_retention_days when the purge runs', async (ctx) => {
    const clock = createFixedClock(new Date('2026-03-02T09:00:00.000Z'));
    const { t, article } = await openCommentSite(ctx, { clock, settings: { ip_retention_days: 30 } });
    const old = await approvedComment(t, article, { body: 'Written long ago.' }, { ip: READER_IP });
    clock.advance(29 * DAY);
    const recent = await approvedComment(t, article, { body: 'Written this month.' }, { ip: READER_IP });
    const { moderation } = t.masthead.comments;

    const tooEarly = await moderation.purgeIpHashes();
    const oldAfter29Days = await storedRow(t, old);
    clock.advance(2 * DAY);
    const purged = await moderation.purgeIpHashes();
    const oldAfter31Days = await storedRow(t, old);
    const recentAfter = await storedRow(t, recent);
    const ban = await adminApi(t, 'POST', '/comments/bans', { comment_id: old, by: ['ip'] });

    assert.equal(tooEarly, 0);
    assert.notEqual(oldAfter29Days?.ip_hash, null);
    assert.equal(purged, 1);
    assert.equal(oldAfter31Days?.ip_hash, null);
    assert.equal(oldAfter31Days?.user_agent, null);
    assert.equal(oldAfter31Days?.body, 'Written long ago.', 'the comment itself stays');
    assert.match(recentAfter?.ip_hash ?? '', /^[\w-]{32}$/);
    assert.equal(ban.status, 422);
    assert.equal(ban.json.errors?.[0]?.code, 'COMMENT_BAN_UNAVAILABLE');
  });
});

describe('Comment privacy: "delete my comments"', () => {
  it('should offer a labelled email form that no cache keeps', async (ctx) => {
    const { t } = await openCommentSite(ctx, { smtp: true });

    const page = await get(t, '/comments/forget');

    assert.equal(page.status, 200);
    assert.equal(page.headers['cache-control'], 'no-store');
    const form = byTag(withClass(page.doc, 'notice')[0] ?? page.doc, 'form')[0];
    assert.equal(attr(form, 'method'), 'post');
    const input = byTag(form ?? page.doc, 'input').find((el) => attr(el, 'name') === 'email');
    assert.equal(attr(input, 'type'), 'email');
    assert.equal(
      text(byTag(form ?? page.doc, 'label').find((el) => attr(el, 'for') === attr(input, 'id'))),
      'Email address',
    );
  });

  it('should answer 422 with the message beside the field when the address is malformed', async (ctx) => {
    const { t } = await openCommentSite(ctx, { smtp: true });

    const res = await postForm(t, '/comments/forget', { email: 'not an address' });
    const doc = parseDocument(res.body);

    assert.equal(res.statusCode, 422);
    assert.equal(text(withClass(doc, 'field-error')[0]), 'Enter an email address such as name@example.com.');
    assert.equal(
      attr(
        byTag(doc, 'input').find((el) => attr(el, 'name') === 'email'),
        'value',
      ),
      'not an address',
    );
  });

  it('should delete the reader’s comments and erase in place the one others replied to when the mailed link is confirmed', async (ctx) => {
    const site = await openCommentSite(ctx, { smtp: true });
    const { t, article } = site;
    const ada = { name: 'Ada Lovelace', email: 'ada@example.com' };
    const alone = await approvedComment(
      t,
      article,
      { ...ada, body: 'A comment nobody answered.' },
      { ip: READER_IP },
    );
    const answered = await approvedComment(
      t,
      article,
      { ...ada, body: 'A comment with a reply.' },
      { ip: READER_IP },
    );
    const held = await pendingComment(
      t,
      article,
      { ...ada, body: 'A comment still held.' },
      { ip: READER_IP },
    );
    const reply = await approvedComment(t, article, {
      name: 'Bo',
      email: 'bo@example.com',
      body: 'Bo answers Ada.',
      parent_id: answered,
    });
    const cached = await articlePage(t, article);

    const asked = await postForm(t, '/comments/forget', { email: 'Ada@Example.com' });
    const stranger = await postForm(t, '/comments/forget', { email: 'nobody@example.com' });
    const [mail, ...more] = await mailsTo(site, ada.email);
    assert.ok(mail, 'no mail with the deletion link');
    const link = linkIn(mail, FORGET_CONFIRM);
    const confirmPage = await get(t, link);
    const stillThere = await adminApi(t, 'GET', `/comments/${alone}`);
    const done = await postForm(t, link, {});
    const page = await articlePage(t, article);

    assert.equal(asked.statusCode, 200);
    assert.match(asked.body, /<h1>Check your email<\/h1>/);
    assert.equal(stranger.statusCode, 200);
    assert.match(stranger.body, /<h1>Check your email<\/h1>/, 'an unknown address is not told apart');
    assert.deepEqual(await mailsTo(site, 'nobody@example.com'), []);
    assert.deepEqual(more, []);
    assert.equal(mail.parsed.subject, 'Delete your comments on news.example');
    assert.equal(confirmPage.status, 200);
    assert.equal(stillThere.status, 200, 'opening the link with GET deleted something');
    assert.equal(done.statusCode, 200);
    assert.match(done.body, /3 comments written with ada@example\.com were deleted\./);

    assert.equal((await adminApi(t, 'GET', `/comments/${alone}`)).status, 404);
    assert.equal((await adminApi(t, 'GET', `/comments/${held}`)).status, 404);
    const erased = await moderated(t, answered);
    assert.equal(erased.author_email, null);
    assert.equal(erased.ip_hash, null);
    assert.equal(erased.body, '');
    assert.equal((await moderated(t, reply)).body, 'Bo answers Ada.');

    assert.equal(page.headers['x-cache'], 'MISS');
    assert.notEqual(page.headers.etag, cached.headers.etag);
    assert.equal(commentItem(page.doc, alone), undefined);
    const thread = commentItem(page.doc, answered);
    assert.ok(thread, 'the answered comment lost its place in the thread');
    assert.equal(text(withClass(thread, 'comment-erased')[0]), 'This comment was deleted by its author.');
    assert.equal(text(withClass(thread, 'comment-author')[0]), 'Deleted');
    assert.ok(commentItem(thread, reply), 'the reply is no longer under the erased comment');
    assert.match(text(commentItem(thread, reply)), /Bo answers Ada\./);
    assert.doesNotMatch(page.text, /Ada Lovelace|A comment with a reply|A comment nobody answered/);
  });

  it('should delete nothing when the confirmation carries a forged link', async (ctx) => {
    const site = await openCommentSite(ctx, { smtp: true });
    const id = await approvedComment(site.t, site.article, { body: 'Keep me.', email: 'ada@example.com' });

    const res = await postForm(site.t, `${FORGET_CONFIRM}?token=forged.token`, {});

    assert.equal(res.statusCode, 400);
    assert.equal((await moderated(site.t, id)).body, 'Keep me.');
  });
});
