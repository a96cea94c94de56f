import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ar } from '../../src/locales/ar.ts';
import { fr } from '../../src/locales/fr.ts';
import {
  articlePath,
  attr,
  byTag,
  get,
  htmlElement,
  pathOf,
  SITE,
  text,
  withClass,
} from '../site/site-helpers.ts';
import {
  type CommentsSite,
  commentItem,
  commentSection,
  DAY,
  fieldError,
  formValue,
  idFrom,
  openComments,
  START,
} from './comment-helpers.ts';

const MESSAGES = {
  body: 'Please enter your comment!',
  name: 'Please enter your name here',
  email: 'You have entered an incorrect email address!',
  url: 'Please enter a web address starting with http:// or https://, or leave it empty.',
};

/** The general messages of a re-rendered form (those that belong to no field). */
const generalErrors = (doc: Parameters<typeof withClass>[0]): string[] =>
  withClass(doc, 'form-errors').flatMap((box) => byTag(box, 'p').map((p) => text(p)));

describe('comment form without JavaScript: field messages', () => {
  // Refused forms store nothing, so these tests share one site; each checks its own response.
  let shared: CommentsSite;
  before(async () => {
    shared = await openComments(null);
  });
  after(() => shared.close());

  it('should show "Please enter your comment!" beside the comment field when the comment is empty', async () => {
    const site = shared;

    const res = await site.postForm(await site.fields({ body: ' \n ' }));

    assert.equal(res.status, 422);
    assert.equal(fieldError(res.doc, 'body'), MESSAGES.body);
    assert.equal(fieldError(res.doc, 'name'), '');
    assert.equal(fieldError(res.doc, 'email'), '');
    assert.equal(fieldError(res.doc, 'url'), '');
    const textarea = byTag(res.doc, 'textarea').find((el) => el.attribs.name === 'body');
    assert.equal(attr(textarea, 'aria-invalid'), 'true');
    assert.match(attr(textarea, 'aria-describedby') ?? '', /\bcomment-body-error\b/);
    assert.equal(res.headers['cache-control'], 'no-store');
  });

  it('should show "Please enter your name here" beside the name field when the name is empty', async () => {
    const site = shared;

    const res = await site.postForm(await site.fields({ name: '   ' }));

    assert.equal(res.status, 422);
    assert.equal(fieldError(res.doc, 'name'), MESSAGES.name);
    assert.equal(fieldError(res.doc, 'body'), '');
    assert.equal(fieldError(res.doc, 'email'), '');
  });

  it('should show the incorrect email message beside the email field when the email is malformed or missing', async () => {
    const site = shared;

    const malformed = await site.postForm(await site.fields({ email: 'ada@' }));
    const missing = await site.postForm(await site.fields({ email: '' }));
    const noDot = await site.postForm(await site.fields({ email: 'ada@localhost' }));

    for (const res of [malformed, missing, noDot]) {
      assert.equal(res.status, 422);
      assert.equal(fieldError(res.doc, 'email'), MESSAGES.email);
      assert.equal(fieldError(res.doc, 'name'), '');
    }
  });

  it('should show the web address message beside the website field when the website is not an http(s) URL', async () => {
    const site = shared;

    for (const url of [
      'javascript:alert(1)',
      'ftp://files.example/x',
      'not a web address',
      'https://localhost',
    ]) {
      const res = await site.postForm(await site.fields({ url }));

      assert.equal(res.status, 422, url);
      assert.equal(fieldError(res.doc, 'url'), MESSAGES.url, url);
      assert.equal(formValue(res.doc, 'url'), url, 'the website typed is kept');
    }
  });

  it('should show every message at once and keep every value when all fields are wrong', async () => {
    const site = shared;

    const res = await site.postForm(
      await site.fields({
        body: '',
        name: '',
        email: 'not-an-email',
        url: 'www no scheme',
        notify_replies: '1',
      }),
    );

    assert.equal(res.status, 422);
    assert.deepEqual(
      ['body', 'name', 'email', 'url'].map((field) => fieldError(res.doc, field)),
      [MESSAGES.body, MESSAGES.name, MESSAGES.email, MESSAGES.url],
    );
    assert.equal(formValue(res.doc, 'email'), 'not-an-email');
    assert.equal(formValue(res.doc, 'url'), 'www no scheme');
    assert.equal(formValue(res.doc, 'article_id'), site.article.id);
  });

  it('should keep the comment text, name, email, website and notify box when another field is wrong', async () => {
    const site = shared;
    const body = 'Line one of a long comment.\n\nLine <two> & "three".';

    const res = await site.postForm(
      await site.fields({
        body,
        name: 'Ada <Reader>',
        email: 'ada@example',
        url: 'https://ada.example/blog',
        notify_replies: '1',
      }),
    );

    assert.equal(res.status, 422);
    assert.equal(formValue(res.doc, 'body'), body);
    assert.equal(formValue(res.doc, 'name'), 'Ada <Reader>');
    assert.equal(formValue(res.doc, 'email'), 'ada@example');
    assert.equal(formValue(res.doc, 'url'), 'https://ada.example/blog');
    const notify = byTag(res.doc, 'input').find((el) => el.attribs.name === 'notify_replies');
    assert.ok(notify && 'checked' in notify.attribs, 'the notify box stays ticked');
    assert.doesNotMatch(res.text, /<Reader>/, 'the kept name is escaped');
  });

  it('should give the Arabic catalog’s messages on an Arabic article when the form says lang=ar', async () => {
    const site = shared;
    const article = await site.publish({ title: 'الميناء يعيد فتح أبوابه', language: 'ar' });

    const res = await site.postForm(
      await site.fields({ body: '', name: '', email: 'x', lang: 'ar' }, article),
    );

    assert.equal(res.status, 422);
    assert.equal(attr(htmlElement(res.doc), 'lang'), 'ar');
    assert.equal(attr(htmlElement(res.doc), 'dir'), 'rtl');
    assert.equal(fieldError(res.doc, 'body'), ar.comments.errors.COMMENT_BODY_REQUIRED);
    assert.equal(fieldError(res.doc, 'name'), ar.comments.errors.COMMENT_NAME_REQUIRED);
    assert.equal(fieldError(res.doc, 'email'), ar.comments.errors.COMMENT_EMAIL_INVALID);
    assert.notEqual(ar.comments.errors.COMMENT_BODY_REQUIRED, MESSAGES.body);
  });

  it('should give the French catalog’s messages when the form says lang=fr', async () => {
    const site = shared;
    const article = await site.publish({ title: 'Le port rouvre', language: 'fr' });

    const res = await site.postForm(
      await site.fields({ name: '', url: 'ftp://x.example', lang: 'fr' }, article),
    );

    assert.equal(res.status, 422);
    assert.equal(fieldError(res.doc, 'name'), fr.comments.errors.COMMENT_NAME_REQUIRED);
    assert.equal(fieldError(res.doc, 'url'), fr.comments.errors.COMMENT_URL_INVALID);
    assert.equal(text(byTag(res.doc, 'h1')[0]), fr.comments.fixTitle);
  });

  it('should accept a comment without an email when the email is optional', async (context) => {
    const site = await openComments(context, { settings: { require_email: false } });
    const page = await site.page();
    const emailInput = byTag(commentSection(page.doc), 'input').find((el) => el.attribs.name === 'email');

    const res = await site.postForm(await site.fields({ email: '' }));
    const malformed = await site.postForm(await site.fields({ email: 'ada@' }));

    assert.ok(emailInput && !('required' in emailInput.attribs), 'the email field is not marked required');
    assert.equal(res.status, 303);
    const stored = await site.stored(idFrom(res.location));
    assert.equal(stored.author_email, null);
    assert.equal(stored.status, 'approved');
    assert.equal(malformed.status, 422, 'an email given must still be valid');
    assert.equal(fieldError(malformed.doc, 'email'), MESSAGES.email);
  });
});

describe('comment form without JavaScript: outcomes', () => {
  it('should redirect to the comment on the article page and show it there when it is approved', async (context) => {
    const site = await openComments(context);

    const res = await site.postForm(
      await site.fields({
        name: 'Ada <b>Bold</b> & Co',
        url: 'https://ada.example/',
        body: 'I *loved* this.\n\n> quoted\n\n<script>alert(1)</script>',
      }),
    );

    assert.equal(res.status, 303);
    const id = idFrom(res.location);
    assert.equal(res.location, `${SITE}${articlePath(site.article)}#comment-${id}`);
    const page = await site.page();
    const item = commentItem(page.doc, id);
    assert.ok(item, 'the comment is on the article page');
    const author = withClass(item, 'comment-author')[0];
    assert.equal(text(author), 'Ada <b>Bold</b> & Co');
    assert.equal(byTag(author ?? item, 'b').length, 0, 'the name is text, not markup');
    const link = byTag(author ?? item, 'a')[0];
    assert.equal(attr(link, 'href'), 'https://ada.example/');
    assert.equal(attr(link, 'rel'), 'nofollow ugc noopener');
    const body = withClass(item, 'comment-text')[0];
    assert.equal(text(byTag(body ?? item, 'em')[0]), 'loved');
    assert.equal(text(byTag(body ?? item, 'blockquote')[0]), 'quoted');
    assert.equal(byTag(item, 'script').length, 0);
    assert.match(text(body), /<script>alert\(1\)<\/script>/, 'typed HTML is shown as text');
  });

  it('should accept the comment when it is posted with the hidden fields of the article page’s own form', async (context) => {
    const site = await openComments(context);
    const page = await site.page();
    const form = byTag(commentSection(page.doc), 'form')[0];
    assert.ok(form);
    const hidden = Object.fromEntries(
      byTag(form, 'input')
        .filter((el) => el.attribs.type === 'hidden')
        .map((el) => [el.attribs.name ?? '', el.attribs.value ?? '']),
    );

    const res = await site.postForm({
      ...hidden,
      body: 'Posted from the page.',
      name: 'Bo',
      email: 'bo@example.com',
      homepage: '',
      altcha: await site.solve(),
    });

    assert.equal(attr(form, 'action'), `${SITE}/comments`);
    assert.equal(attr(form, 'method'), 'post');
    assert.equal(hidden.article_id, site.article.id);
    assert.ok(hidden.form_time, 'the page signs its render time');
    assert.equal(res.status, 303);
    assert.equal((await site.stored(idFrom(res.location))).status, 'approved');
  });

  it('should redirect to a page saying the comment awaits moderation when it is held', async (context) => {
    const site = await openComments(context, { settings: { hold_all: true } });

    const res = await site.postForm(await site.fields({ body: 'Held for a moderator.' }));

    assert.equal(res.status, 303);
    const id = idFrom(res.location);
    const location = new URL(res.location ?? '', SITE);
    assert.equal(location.pathname, `/comments/${id}/pending`);
    const pending = await get(site.t, `${location.pathname}${location.search}`);
    assert.equal(pending.status, 200);
    assert.match(text(byTag(pending.doc, 'main')[0]), /Your comment is awaiting moderation\./);
    assert.match(pending.text, /Held for a moderator\./);
    assert.equal(pending.headers['cache-control'], 'no-store');
    const article = await site.page();
    assert.equal(commentItem(article.doc, id), undefined, 'a held comment is not on the article page');
  });

  it('should answer 404 for the pending page when the hash is wrong or missing', async (context) => {
    const site = await openComments(context, { settings: { hold_all: true } });
    const res = await site.postForm(await site.fields());
    const id = idFrom(res.location);

    const wrong = await get(site.t, `/comments/${id}/pending?hash=AAAAAAAAAAAAAAAAAAAAAA`);
    const missing = await get(site.t, `/comments/${id}/pending`);

    assert.equal(wrong.status, 404);
    assert.equal(missing.status, 404);
  });

  it('should answer 404 for the pending page once the comment is approved', async (context) => {
    const site = await openComments(context, { settings: { hold_all: true } });
    const res = await site.postForm(await site.fields());
    const id = idFrom(res.location);
    const location = new URL(res.location ?? '', SITE);

    const approve = await site.admin.patch(`/api/admin/comments/${id}`, { status: 'approved' });
    const after = await get(site.t, `${location.pathname}${location.search}`);

    assert.equal(approve.status, 200);
    assert.equal(after.status, 404);
  });

  it('should refuse with 403 COMMENTS_CLOSED and keep the text when the article’s comments are closed', async (context) => {
    const site = await openComments(context);
    const closed = await site.admin.patch(`/api/admin/articles/${site.article.id}`, {
      articles: [{ comments_open: false }],
    });
    assert.equal(closed.status, 200, closed.text);

    const res = await site.postForm(await site.fields({ body: 'Too late?' }));
    const json = await site.postJson(await site.fields());
    const page = await site.page();

    assert.equal(res.status, 403);
    assert.deepEqual(generalErrors(res.doc), ['Comments are closed for this article.']);
    assert.equal(formValue(res.doc, 'body'), 'Too late?');
    assert.equal(json.status, 403);
    assert.equal(json.body.errors[0].code, 'COMMENTS_CLOSED');
    assert.equal(withClass(commentSection(page.doc), 'comments-closed').length, 1);
    assert.equal(byTag(commentSection(page.doc), 'form').length, 0, 'a closed article shows no form');
  });

  it('should close comments close_after_days after publication when the clock passes that day', async (context) => {
    const site = await openComments(context, {
      settings: { close_after_days: 7 },
      article: { published_at: START },
    });

    site.clock.advance(7 * DAY - 60_000);
    const lastDay = await site.postJson(await site.fields());
    site.clock.advance(2 * 60_000);
    const after = await site.postJson(await site.fields());
    const form = await site.postForm(await site.fields());

    assert.equal(lastDay.status, 201, lastDay.text);
    assert.equal(after.status, 403);
    assert.deepEqual(after.body.errors, [
      { code: 'COMMENTS_CLOSED', message: 'Comments are closed for this article.' },
    ]);
    assert.equal(form.status, 403);
  });

  it('should show the form while comments are open and the closed notice after close_after_days', async (context) => {
    const site = await openComments(context, {
      settings: { close_after_days: 7 },
      article: { published_at: START },
    });

    site.clock.advance(DAY);
    const open = commentSection((await site.page()).doc);
    site.clock.advance(7 * DAY);
    // The page is cached: a closing date passing changes no data, so the cache is dropped by hand here.
    site.t.masthead.cache.clear();
    const closed = commentSection((await site.page()).doc);

    assert.equal(byTag(open, 'form').length, 1, 'the form is shown on day 1');
    assert.equal(withClass(open, 'comments-closed').length, 0);
    assert.equal(byTag(closed, 'form').length, 0, 'no form once closed');
    assert.equal(text(withClass(closed, 'comments-closed')[0]), 'Comments are closed for this article.');
  });

  it('should refuse with 422 on article_id when the article does not exist', async (context) => {
    const site = await openComments(context);

    const unknown = await site.postForm(
      await site.fields({ article_id: '01890000-0000-7000-8000-000000000000' }),
    );
    const garbage = await site.postJson(await site.fields({ article_id: 'not-an-id' }));

    assert.equal(unknown.status, 422);
    assert.deepEqual(generalErrors(unknown.doc), ['This comment does not belong to an article.']);
    assert.equal(garbage.status, 422);
    assert.deepEqual(garbage.body.errors, [
      {
        code: 'COMMENT_ARTICLE_INVALID',
        field: 'article_id',
        message: 'This comment does not belong to an article.',
      },
    ]);
  });

  it('should refuse a comment on a draft as on an unknown article', async (context) => {
    const site = await openComments(context);
    const draft = await site.publish({ title: 'Not yet out', status: 'draft' });

    const res = await site.postJson(await site.fields({}, draft));

    assert.equal(res.status, 422);
    assert.equal(res.body.errors[0].field, 'article_id');
  });

  it('should link back to the article from the form page when a field was wrong', async (context) => {
    const site = await openComments(context);

    const res = await site.postForm(await site.fields({ body: '' }));

    const back = byTag(res.doc, 'a').find((a) => (a.attribs.href ?? '').endsWith('#comments'));
    assert.equal(pathOf(attr(back, 'href') ?? ''), articlePath(site.article));
    assert.match(text(back), /Harbour reopens after the storm/);
  });
});
