import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DomUtils } from 'htmlparser2';
import {
  attr,
  byTag,
  type Doc,
  type El,
  get,
  SITE,
  text,
  withAttr,
  withClass,
} from '../site/site-helpers.ts';
import {
  type CommentsSite,
  commentItem,
  commentSection,
  formValue,
  idFrom,
  openComments,
  threadIds,
} from './comment-helpers.ts';

const MINUTE = 60_000;

/** Posts a comment a minute after the last one, so that every comment has its own time. */
async function later(site: CommentsSite, overrides: Record<string, string> = {}): Promise<string> {
  site.clock.advance(MINUTE);
  return site.submit(overrides);
}

/** The comment ids of the `<li>` elements directly inside a list. */
const itemsOf = (list: El | undefined): string[] =>
  (list?.children ?? [])
    .filter((child): child is El => DomUtils.isTag(child) && child.name === 'li')
    .map((li) => (li.attribs.id ?? '').replace(/^comment-/, ''));

/** The ids of the comments directly inside a comment's reply list. */
const repliesOf = (doc: Doc, id: string): string[] =>
  itemsOf(
    commentItem(doc, id)?.children.find((child): child is El => DomUtils.isTag(child) && child.name === 'ol'),
  );

/** The ids of the top-level threads on a page, in order. */
const topLevel = (doc: Doc): string[] => itemsOf(withClass(commentSection(doc), 'comment-list')[0]);

const heading = (doc: Doc): string => text(withAttr(commentSection(doc), 'id', 'comments-heading')[0]);

describe('comment threads', () => {
  it('should nest replies under their parent, level by level, when readers reply', async (context) => {
    const site = await openComments(context);
    const root = await later(site);
    const reply = await later(site, { parent_id: root });
    const replyToReply = await later(site, { parent_id: reply });
    const second = await later(site, { parent_id: root });

    const { doc } = await site.page();

    assert.deepEqual(topLevel(doc), [root]);
    assert.deepEqual(repliesOf(doc, root), [reply, second]);
    assert.deepEqual(repliesOf(doc, reply), [replyToReply]);
    assert.match(attr(commentItem(doc, replyToReply), 'class') ?? '', /\bdepth-2\b/);
    const stored = await site.stored(replyToReply);
    assert.deepEqual([stored.parent_id, stored.depth], [reply, 2]);
  });

  it('should put a reply to the deepest comment beside it, under its parent, when max_depth is reached', async (context) => {
    const site = await openComments(context, { settings: { max_depth: 3 } });
    const level0 = await later(site);
    const level1 = await later(site, { parent_id: level0 });
    const level2 = await later(site, { parent_id: level1 });

    const deeper = await later(site, { parent_id: level2 });
    const { doc } = await site.page();

    const stored = await site.stored(deeper);
    assert.deepEqual([stored.parent_id, stored.depth], [level1, 2]);
    assert.deepEqual(repliesOf(doc, level1), [level2, deeper]);
    assert.deepEqual(repliesOf(doc, level2), []);
  });

  it('should keep threads five levels deep by default', async (context) => {
    const site = await openComments(context);
    const chain = [await later(site)];
    for (let level = 1; level <= 5; level += 1)
      chain.push(await later(site, { parent_id: chain.at(-1) as string }));

    const depths = [];
    for (const id of chain) depths.push((await site.stored(id)).depth);

    assert.deepEqual(depths, [0, 1, 2, 3, 4, 4]);
    assert.equal((await site.stored(chain[5] as string)).parent_id, chain[3]);
  });

  it('should offer no reply links and keep replies top-level when max_depth is 1', async (context) => {
    const site = await openComments(context, { settings: { max_depth: 1 } });
    const root = await later(site);

    const reply = await later(site, { parent_id: root });
    const { doc } = await site.page();

    assert.equal(withAttr(commentSection(doc), 'data-reply-to').length, 0);
    assert.deepEqual(topLevel(doc), [root, reply]);
    assert.equal((await site.stored(reply)).parent_id, null);
  });

  it('should refuse a parent that is on another article, pending, spam or unknown with 422 on parent_id', async (context) => {
    const site = await openComments(context);
    const other = await site.publish({ title: 'Another story' });
    const elsewhere = await site.submit({}, other);
    await site.settings({ hold_all: true });
    const pending = await later(site);
    await site.settings({ hold_all: false });
    const spam = await later(site, { homepage: 'bot' });

    const statuses = [];
    for (const parent_id of [elsewhere, pending, spam, '01890000-0000-7000-8000-000000000000']) {
      const res = await site.postJson(await site.fields({ parent_id }));
      statuses.push([res.status, res.body.errors?.[0]?.code, res.body.errors?.[0]?.field]);
    }

    assert.deepEqual(statuses, Array(4).fill([422, 'COMMENT_PARENT_INVALID', 'parent_id']));
  });

  it('should show the parent message and keep the text when a no-JS reply’s parent is gone', async (context) => {
    const site = await openComments(context);
    const parent = await later(site);
    await site.admin.patch(`/api/admin/comments/${parent}`, { status: 'trash' });

    const res = await site.postForm(await site.fields({ parent_id: parent, body: 'My reply.' }));

    assert.equal(res.status, 422);
    assert.match(text(withClass(res.doc, 'form-errors')[0]), /The comment you replied to is not available\./);
    assert.equal(formValue(res.doc, 'body'), 'My reply.');
    assert.equal(formValue(res.doc, 'parent_id'), parent);
  });

  it('should reply without JavaScript through the reply page of a comment', async (context) => {
    const site = await openComments(context);
    const parent = await later(site, { name: 'Ada' });
    const replyPage = await get(site.t, `/comments/reply/${parent}`);
    const form = byTag(replyPage.doc, 'form').find((f) => f.attribs.id === 'respond');
    assert.ok(form);
    const hidden = Object.fromEntries(
      byTag(form, 'input')
        .filter((el) => el.attribs.type === 'hidden')
        .map((el) => [el.attribs.name ?? '', el.attribs.value ?? '']),
    );

    site.clock.advance(MINUTE);
    const res = await site.postForm({
      ...hidden,
      body: 'Replying without scripts.',
      name: 'Bo',
      email: 'bo@example.com',
      altcha: await site.solve(),
    });

    assert.equal(replyPage.status, 200);
    assert.equal(text(byTag(form, 'h3')[0]), 'Reply to Ada');
    assert.equal(hidden.parent_id, parent);
    assert.equal(res.status, 303);
    const reply = idFrom(res.location);
    assert.deepEqual(repliesOf((await site.page()).doc, parent), [reply]);
  });
});

describe('comment order, pages and counts', () => {
  it('should list threads oldest first by default and newest first when order is newest', async (context) => {
    const site = await openComments(context);
    const first = await later(site);
    const second = await later(site);
    const third = await later(site);
    const reply = await later(site, { parent_id: first });
    const oldest = await site.page();

    const changed = await site.admin.patch('/api/admin/comments/settings', { order: 'newest' });
    const newest = await site.page();

    assert.equal(changed.status, 200, changed.text);
    assert.deepEqual(topLevel(oldest.doc), [first, second, third]);
    assert.deepEqual(topLevel(newest.doc), [third, second, first], 'the cached page follows the new order');
    assert.deepEqual(repliesOf(newest.doc, first), [reply], 'replies stay under their thread');
  });

  it('should page top-level threads by threads_per_page and keep replies with their thread', async (context) => {
    const site = await openComments(context, { settings: { threads_per_page: 2 } });
    const threads = [];
    for (let n = 0; n < 5; n += 1) threads.push(await later(site));
    const reply = await later(site, { parent_id: threads[0] as string });

    const [page1, page2, page3] = [
      await site.page(),
      await site.page('?cpage=2'),
      await site.page('?cpage=3'),
    ];
    assert.ok(page1 && page2 && page3);
    const pages = [page1, page2, page3];

    assert.deepEqual(
      pages.map((p) => topLevel(p.doc)),
      [threads.slice(0, 2), threads.slice(2, 4), threads.slice(4)],
    );
    assert.deepEqual(repliesOf(page1.doc, threads[0] as string), [reply]);
    const nav = withClass(commentSection(page2.doc), 'comment-pages')[0];
    assert.match(text(nav), /Page 2 of 3/);
    const [prev, next] = ['prev', 'next'].map((rel) =>
      byTag(nav ?? page2.doc, 'a').find((a) => a.attribs.rel === rel),
    );
    assert.match(attr(prev, 'href') ?? '', /\/harbour-reopens-after-the-storm\/#comments$/);
    assert.match(attr(next, 'href') ?? '', /\/harbour-reopens-after-the-storm\/\?cpage=3#comments$/);
    for (const page of pages) assert.equal(heading(page.doc), '6 comments');
  });

  it('should redirect to the page that holds the new comment when it is not on the first page', async (context) => {
    const site = await openComments(context, { settings: { threads_per_page: 2 } });
    const threads = [];
    for (let n = 0; n < 4; n += 1) threads.push(await later(site));

    site.clock.advance(MINUTE);
    const topLevelPost = await site.postForm(await site.fields());
    site.clock.advance(MINUTE);
    const replyPost = await site.postForm(await site.fields({ parent_id: threads[3] as string }));
    const firstPageReply = await site.postForm(await site.fields({ parent_id: threads[0] as string }));

    assert.match(topLevelPost.location ?? '', /\?cpage=3#comment-[0-9a-f-]{36}$/);
    assert.match(replyPost.location ?? '', /\?cpage=2#comment-[0-9a-f-]{36}$/);
    assert.doesNotMatch(firstPageReply.location ?? '', /cpage/);
    const page3 = await get(site.t, `${new URL(topLevelPost.location ?? '', SITE).pathname}?cpage=3`);
    assert.ok(commentItem(page3.doc, idFrom(topLevelPost.location)));
  });

  it('should count approved comments and replies in the heading, not held ones', async (context) => {
    const site = await openComments(context);
    const empty = await site.page('', await site.publish({ title: 'Quiet story' }));
    const first = await later(site);
    const one = await site.page('', await site.publish({ title: 'One comment story' }));
    await later(site, { parent_id: first });
    await site.settings({ hold_all: true });
    await later(site);

    const { doc } = await site.page();

    assert.equal(heading(empty.doc), '0 comments');
    assert.equal(
      text(withClass(commentSection(empty.doc), 'comments-empty')[0]),
      'No comments yet. Start the conversation.',
    );
    assert.equal(heading(one.doc), '0 comments', 'counts belong to their own article');
    assert.equal(heading(doc), '2 comments');
    assert.equal(threadIds(doc).length, 2);
  });

  it('should say "1 comment" when there is one', async (context) => {
    const site = await openComments(context);
    await later(site);

    assert.equal(heading((await site.page()).doc), '1 comment');
  });
});

describe('featured comments and staff replies', () => {
  it('should show a featured comment in the featured block with its badge when a moderator features it', async (context) => {
    const site = await openComments(context);
    const plain = await later(site);
    const chosen = await later(site, { body: 'The best comment here.' });

    const res = await site.admin.patch(`/api/admin/comments/${chosen}`, { is_featured: true });
    const { doc } = await site.page();

    assert.equal(res.status, 200, res.text);
    assert.equal(res.body.comments[0].is_featured, true);
    const block = withClass(commentSection(doc), 'comments-featured')[0];
    assert.ok(block, 'a featured block');
    assert.equal(text(byTag(block, 'h3')[0]), 'Featured comments');
    assert.match(text(block), /The best comment here\./);
    assert.doesNotMatch(text(block), new RegExp((await site.stored(plain)).body.replace(/[().]/g, '\\$&')));
    assert.ok(
      withClass(commentItem(doc, chosen) ?? block, 'comment-badge').some((b) => text(b) === 'Featured'),
    );
  });

  it('should show no featured block when the moderator unfeatures the comment', async (context) => {
    const site = await openComments(context);
    const chosen = await later(site);
    await site.admin.patch(`/api/admin/comments/${chosen}`, { is_featured: true });

    await site.admin.patch(`/api/admin/comments/${chosen}`, { is_featured: false });
    const { doc } = await site.page();

    assert.equal(withClass(commentSection(doc), 'comments-featured').length, 0);
  });

  it('should mark a staff reply "Staff" and nest it under the comment it answers', async (context) => {
    const site = await openComments(context);
    const question = await later(site, { body: 'When does the ferry run again?' });

    const res = await site.admin.post(`/api/admin/comments/${question}/replies`, {
      body: 'From Monday, says the harbour master.',
      name: 'The Newsroom',
    });
    const { doc } = await site.page();

    assert.equal(res.status, 201, res.text);
    const staff = res.body.comments[0];
    assert.equal(staff.is_staff, true);
    assert.equal(staff.status, 'approved');
    assert.deepEqual(repliesOf(doc, question), [staff.id]);
    const item = commentItem(doc, staff.id);
    assert.match(attr(item, 'class') ?? '', /\bis-staff\b/);
    assert.ok(withClass(item ?? doc, 'comment-badge').some((b) => text(b) === 'Staff'));
    assert.equal(text(withClass(item ?? doc, 'comment-author')[0]), 'The Newsroom');
    const questionBody = withClass(commentItem(doc, question) ?? doc, 'comment-body')[0];
    const questionBadges = withClass(
      withClass(questionBody ?? doc, 'comment-meta')[0] ?? doc,
      'comment-badge',
    );
    assert.deepEqual(
      questionBadges.map((b) => text(b)),
      [],
      'the reader’s comment is not marked',
    );
  });
});
