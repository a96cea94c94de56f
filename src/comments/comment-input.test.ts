import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ValidationError } from '../lib/errors.ts';
import { BODY_MAX, NAME_MAX, parseSubmission } from './comment-input.ts';

const ARTICLE = '01890000-0000-7000-8000-000000000001';
const PARENT = '01890000-0000-7000-8000-000000000002';

const form = (overrides: Record<string, unknown> = {}) => ({
  article_id: ARTICLE,
  name: 'Ada Reader',
  email: 'ada@example.com',
  body: 'A thoughtful remark.',
  ...overrides,
});

/** The [code, field] pairs a submission is refused with, or [] when it is accepted. */
function refusals(raw: unknown, isEmailRequired = true): [string, string | undefined][] {
  try {
    parseSubmission(raw, { isEmailRequired });
    return [];
  } catch (error) {
    assert.ok(error instanceof ValidationError);
    assert.equal(error.status, 422);
    return error.details.map((detail) => [detail.code, detail.field]);
  }
}

describe('parseSubmission', () => {
  it('should read a well-formed form into a submission when every field is right', () => {
    const submission = parseSubmission(
      form({
        parent_id: PARENT,
        url: ' https://Ada.Example/blog ',
        notify_replies: 'on',
        homepage: '',
        form_time: '123.sig',
      }),
      { isEmailRequired: true },
    );

    assert.deepEqual(submission, {
      articleId: ARTICLE,
      parentId: PARENT,
      name: 'Ada Reader',
      email: 'ada@example.com',
      url: 'https://ada.example/blog',
      body: 'A thoughtful remark.',
      notifyReplies: true,
      honeypot: '',
      formTime: '123.sig',
    });
  });

  it('should report every wrong field at once with the English message readers know', () => {
    try {
      parseSubmission(
        { article_id: ARTICLE, body: '', name: '', email: 'nope', url: 'javascript:alert(1)' },
        {
          isEmailRequired: true,
        },
      );
      assert.fail('accepted');
    } catch (error) {
      assert.ok(error instanceof ValidationError);
      assert.deepEqual(error.details, [
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
      ]);
    }
  });

  it('should refuse a missing email only when the email is required', () => {
    assert.deepEqual(refusals(form({ email: '' })), [['COMMENT_EMAIL_REQUIRED', 'email']]);
    assert.deepEqual(refusals(form({ email: '  ' }), false), []);
    assert.deepEqual(refusals(form({ email: 'bad@' }), false), [['COMMENT_EMAIL_INVALID', 'email']]);
  });

  it('should accept the addresses the HTML standard accepts and refuse the rest', () => {
    for (const email of ['a@b.co', 'first.last+tag@sub.example.org', "o'neil@example.ie"])
      assert.deepEqual(refusals(form({ email })), [], email);
    for (const email of [
      'plain',
      'a@b',
      'a@-b.com',
      'a b@example.com',
      '@example.com',
      `${'a'.repeat(250)}@x.co`,
    ])
      assert.deepEqual(refusals(form({ email })), [['COMMENT_EMAIL_INVALID', 'email']], email);
  });

  it('should lower-case the email and tick notifications only when there is an address', () => {
    const withEmail = parseSubmission(form({ email: ' Ada@EXAMPLE.com ', notify_replies: '1' }), {
      isEmailRequired: true,
    });
    const without = parseSubmission(form({ email: '', notify_replies: '1' }), { isEmailRequired: false });

    assert.equal(withEmail.email, 'ada@example.com');
    assert.equal(withEmail.notifyReplies, true);
    assert.equal(without.email, null);
    assert.equal(without.notifyReplies, false);
  });

  it('should read the notify box as ticked only for the values a checkbox or JSON sends', () => {
    const ticked = (value: unknown) =>
      parseSubmission(form({ notify_replies: value }), { isEmailRequired: true }).notifyReplies;

    assert.deepEqual(['1', 'on', 'true', 'yes', true].map(ticked), [true, true, true, true, true]);
    assert.deepEqual(['', '0', 'off', 'false', false, 1, undefined].map(ticked), Array(7).fill(false));
  });

  it('should accept only http(s) web addresses with a dotted host as the website', () => {
    for (const url of ['http://ada.example', 'https://ada.example/a?b=c#d', 'HTTPS://ADA.EXAMPLE'])
      assert.deepEqual(refusals(form({ url })), [], url);
    for (const url of [
      'javascript:alert(1)',
      'data:text/html,hi',
      'ftp://ada.example',
      'https://localhost',
      'ada.example',
      '//ada.example',
      `https://ada.example/${'a'.repeat(500)}`,
    ])
      assert.deepEqual(refusals(form({ url })), [['COMMENT_URL_INVALID', 'url']], url);
  });

  it('should store the website in its normal form and an empty one as none', () => {
    const normal = parseSubmission(form({ url: 'https://ada.example/"><script>' }), {
      isEmailRequired: true,
    });
    const empty = parseSubmission(form({ url: '   ' }), { isEmailRequired: true });

    assert.equal(normal.url, 'https://ada.example/%22%3E%3Cscript%3E');
    assert.equal(empty.url, null);
  });

  it('should refuse a comment or a name past its length limit', () => {
    assert.deepEqual(refusals(form({ body: 'x'.repeat(BODY_MAX) })), []);
    assert.deepEqual(refusals(form({ body: 'x'.repeat(BODY_MAX + 1) })), [['COMMENT_BODY_TOO_LONG', 'body']]);
    assert.deepEqual(refusals(form({ name: '名'.repeat(NAME_MAX) })), []);
    assert.deepEqual(
      refusals(form({ name: '😀'.repeat(NAME_MAX) })),
      [],
      'the limit counts characters, not UTF-16 units',
    );
    assert.deepEqual(refusals(form({ name: 'n'.repeat(NAME_MAX + 1) })), [['COMMENT_NAME_TOO_LONG', 'name']]);
  });

  it('should strip bidi overrides and control characters from the name and refuse a name left empty', () => {
    const submission = parseSubmission(form({ name: '  evil\u202Egpj.exe\u0000  \n Reader ' }), {
      isEmailRequired: true,
    });

    assert.equal(submission.name, 'evilgpj.exe Reader');
    assert.deepEqual(refusals(form({ name: '\u202E\u2066\u200F' })), [['COMMENT_NAME_REQUIRED', 'name']]);
  });

  it('should keep the comment’s line breaks but drop control characters and bidi overrides', () => {
    const submission = parseSubmission(form({ body: '  Line one\r\nLine two\u0007\u202E\n\ttabbed  ' }), {
      isEmailRequired: true,
    });

    assert.equal(submission.body, 'Line one\nLine two\n\ttabbed');
  });

  it('should refuse an article or parent that is not an id', () => {
    assert.deepEqual(refusals(form({ article_id: 'harbour-story' })), [
      ['COMMENT_ARTICLE_INVALID', 'article_id'],
    ]);
    assert.deepEqual(refusals(form({ parent_id: '42' })), [['COMMENT_PARENT_INVALID', 'parent_id']]);
    assert.equal(parseSubmission(form({ parent_id: '' }), { isEmailRequired: true }).parentId, null);
  });

  it('should count a field that is not a string as missing, whatever was sent', () => {
    assert.deepEqual(refusals({ ...form(), body: 42, name: ['Ada'], email: { x: 1 } }), [
      ['COMMENT_BODY_REQUIRED', 'body'],
      ['COMMENT_NAME_REQUIRED', 'name'],
      ['COMMENT_EMAIL_REQUIRED', 'email'],
    ]);
    for (const raw of [null, undefined, 'text', 7])
      assert.deepEqual(
        refusals(raw).map(([, field]) => field),
        ['article_id', 'body', 'name', 'email'],
      );
  });
});
