import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { fr } from '../../src/locales/fr.ts';
import { articlePath, SITE } from '../site/site-helpers.ts';
import { type CommentsSite, commentItem, openComments } from './comment-helpers.ts';

const PUBLIC_KEYS = [
  'article_id',
  'author_name',
  'author_url',
  'body_html',
  'created_at',
  'depth',
  'id',
  'is_featured',
  'is_staff',
  'parent_id',
  'status',
  'url',
];

describe('comment JSON API: refusals', () => {
  // Refused comments store nothing, so these tests share one site.
  let site: CommentsSite;
  before(async () => {
    site = await openComments(null);
  });
  after(() => site.close());

  it('should answer 422 with every wrong field at once when the whole form is wrong', async () => {
    const res = await site.postJson(
      await site.fields({ body: '', name: '', email: 'ada.example.com', url: 'javascript:alert(1)' }),
    );

    assert.equal(res.status, 422);
    assert.match(String(res.headers['content-type']), /^application\/json/);
    assert.deepEqual(res.body, {
      errors: [
        { code: 'COMMENT_BODY_REQUIRED', field: 'body', message: 'Please enter your comment!' },
        { code: 'COMMENT_NAME_REQUIRED', field: 'name', message: 'Please enter your name here' },
        {
          code: 'COMMENT_EMAIL_INVALID',
          field: 'email',
          message: 'You have entered an incorrect email address!',
        },
        {
          code: 'COMMENT_URL_INVALID',
          field: 'url',
          message: 'Please enter a web address starting with http:// or https://, or leave it empty.',
        },
      ],
    });
  });

  it('should name each field alone when only that field is wrong', async () => {
    const cases: [Record<string, string>, string, string][] = [
      [{ body: '' }, 'body', 'COMMENT_BODY_REQUIRED'],
      [{ body: 'x'.repeat(10_001) }, 'body', 'COMMENT_BODY_TOO_LONG'],
      [{ name: '' }, 'name', 'COMMENT_NAME_REQUIRED'],
      [{ name: 'n'.repeat(81) }, 'name', 'COMMENT_NAME_TOO_LONG'],
      [{ email: '' }, 'email', 'COMMENT_EMAIL_REQUIRED'],
      [{ email: 'two@@example.com' }, 'email', 'COMMENT_EMAIL_INVALID'],
      [{ url: 'data:text/html,<script>alert(1)</script>' }, 'url', 'COMMENT_URL_INVALID'],
      [{ parent_id: 'not-an-id' }, 'parent_id', 'COMMENT_PARENT_INVALID'],
      [{ article_id: '' }, 'article_id', 'COMMENT_ARTICLE_INVALID'],
    ];

    for (const [overrides, field, code] of cases) {
      const res = await site.postJson(await site.fields(overrides));

      assert.equal(res.status, 422, `${field}: ${res.text}`);
      assert.deepEqual(
        res.body.errors.map((e: { code: string; field: string }) => [e.code, e.field]),
        [[code, field]],
      );
      assert.ok(res.body.errors[0].message, `${code} has a message`);
    }
  });

  it('should translate the messages but not the codes when the form says lang=fr', async () => {
    const res = await site.postJson(await site.fields({ body: '', email: 'x', lang: 'fr' }));

    assert.equal(res.status, 422);
    assert.deepEqual(res.body.errors, [
      { code: 'COMMENT_BODY_REQUIRED', field: 'body', message: fr.comments.errors.COMMENT_BODY_REQUIRED },
      { code: 'COMMENT_EMAIL_INVALID', field: 'email', message: fr.comments.errors.COMMENT_EMAIL_INVALID },
    ]);
  });

  it('should count a field sent as a number or a list as missing, not fail', async () => {
    const res = await site.postJson({ ...(await site.fields()), body: 42, name: ['Ada'], email: { a: 1 } });

    assert.equal(res.status, 422);
    assert.deepEqual(
      res.body.errors.map((e: { field: string }) => e.field),
      ['body', 'name', 'email'],
    );
  });

  it('should answer 422 on article_id when the article does not exist', async () => {
    const res = await site.postJson(
      await site.fields({ article_id: '01890000-0000-7000-8000-000000000000' }),
    );

    assert.equal(res.status, 422);
    assert.deepEqual(res.body.errors, [
      {
        code: 'COMMENT_ARTICLE_INVALID',
        field: 'article_id',
        message: 'This comment does not belong to an article.',
      },
    ]);
  });
});

describe('comment JSON API: accepted comments', () => {
  it('should answer 201 with the comment and no email, IP or user agent when it is approved', async (context) => {
    const site = await openComments(context);

    const res = await site.postJson(
      await site.fields({
        name: 'Ada',
        email: 'Ada@Example.com',
        url: 'https://ada.example',
        body: 'Hi *all*',
      }),
      { 'user-agent': 'TestBrowser/1.0' },
    );

    assert.equal(res.status, 201, res.text);
    assert.equal(res.headers['cache-control'], 'no-store');
    assert.deepEqual(Object.keys(res.body), ['comments']);
    const [comment] = res.body.comments;
    assert.deepEqual(Object.keys(comment).sort(), PUBLIC_KEYS);
    assert.doesNotMatch(res.text, /ada@example\.com|127\.0\.0\.1|TestBrowser/i);
    assert.equal(comment.status, 'approved');
    assert.equal(comment.article_id, site.article.id);
    assert.equal(comment.author_name, 'Ada');
    assert.equal(comment.author_url, 'https://ada.example/');
    assert.equal(comment.body_html, '<p>Hi <em>all</em></p>\n');
    assert.equal(comment.depth, 0);
    assert.equal(comment.parent_id, null);
    assert.equal(comment.url, `${SITE}${articlePath(site.article)}#comment-${comment.id}`);
    const stored = await site.stored(comment.id);
    assert.equal(stored.author_email, 'ada@example.com', 'moderators see the email, lower-cased');
    assert.equal(stored.user_agent, 'TestBrowser/1.0');
    assert.notEqual(stored.ip_hash, '127.0.0.1');
    assert.match(stored.ip_hash, /^[\w-]{32}$/, 'the IP is stored only as a hash');
    const page = await site.page();
    assert.ok(commentItem(page.doc, comment.id), 'the comment is on the article page');
  });

  it('should answer status pending and store it held when a layer holds the comment', async (context) => {
    const site = await openComments(context, { settings: { suspect_words: ['casino'] } });

    const res = await site.postJson(await site.fields({ body: 'Try the casino tonight' }));

    assert.equal(res.status, 201);
    assert.equal(res.body.comments[0].status, 'pending');
    const stored = await site.stored(res.body.comments[0].id);
    assert.equal(stored.status, 'pending');
    assert.equal(stored.hold_reason, 'suspect_word');
  });

  it('should answer pending, never spam, when the comment is stored as spam', async (context) => {
    const site = await openComments(context);

    const res = await site.postJson(await site.fields({ homepage: 'http://bots.example' }));

    assert.equal(res.status, 201);
    assert.equal(res.body.comments[0].status, 'pending', 'a bot is not told it was caught');
    assert.equal((await site.stored(res.body.comments[0].id)).status, 'spam');
  });

  it('should accept a comment without an email when the email is optional', async (context) => {
    const site = await openComments(context, { settings: { require_email: false } });

    const res = await site.postJson(await site.fields({ email: '', notify_replies: '1' }));

    assert.equal(res.status, 201, res.text);
    const stored = await site.stored(res.body.comments[0].id);
    assert.equal(stored.author_email, null);
    assert.equal(stored.notify_replies, false, 'no notifications without an address');
  });

  it('should place a reply under its parent when parent_id is sent', async (context) => {
    const site = await openComments(context);
    const parent = await site.submit();

    const res = await site.postJson(await site.fields({ parent_id: parent }));

    assert.equal(res.status, 201, res.text);
    assert.equal(res.body.comments[0].parent_id, parent);
    assert.equal(res.body.comments[0].depth, 1);
  });
});
