import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { startAkismetFake } from '../helpers/captcha-fakes.ts';
import { articlePath, byTag, SITE, text, withClass } from '../site/site-helpers.ts';
import { commentItem, fieldError, formValue, idFrom, openComments, uniqueBody } from './comment-helpers.ts';

/** The general messages of a re-rendered form (those that belong to no field). */
const generalErrors = (doc: Parameters<typeof withClass>[0]): string[] =>
  withClass(doc, 'form-errors').flatMap((box) => byTag(box, 'p').map((p) => text(p)));

/** A held comment as the moderation queue shows it: [status, reason, detail]. */
const why = (comment: { status: string; hold_reason: string | null; hold_detail: string | null }) => [
  comment.status,
  comment.hold_reason,
  comment.hold_detail,
];

describe('spam layers: honeypot, time, links', () => {
  it('should store the comment as spam with reason honeypot when the hidden field is filled', async (context) => {
    const site = await openComments(context);

    const res = await site.postForm(await site.fields({ homepage: 'http://cheap-pills.example' }));

    assert.equal(res.status, 303);
    assert.match(res.location ?? '', /\/pending\?hash=/, 'a bot is shown the same page as a held reader');
    const spam = await site.queue('spam');
    assert.deepEqual(spam.map(why), [['spam', 'honeypot', null]]);
    assert.deepEqual(await site.queue('pending'), []);
    assert.equal(commentItem((await site.page()).doc, idFrom(res.location)), undefined);
  });

  it('should let a filled honeypot through when the honeypot layer is off', async (context) => {
    const site = await openComments(context, { settings: { honeypot: false } });

    const res = await site.postJson(await site.fields({ homepage: 'autofilled' }));

    assert.equal(res.status, 201);
    assert.equal(res.body.comments[0].status, 'approved');
  });

  it('should hold the comment as too_fast when it is sent sooner than min_seconds after the form was rendered', async (context) => {
    const site = await openComments(context, { settings: { min_seconds: 3 } });
    const quick = await site.fields();
    const patient = await site.fields();

    site.clock.advance(1_000);
    const early = await site.postJson(quick);
    site.clock.advance(2_000);
    const onTime = await site.postJson(patient);

    assert.equal(early.status, 201);
    assert.deepEqual(why(await site.stored(early.body.comments[0].id)), ['pending', 'too_fast', '1.0 s']);
    assert.equal(onTime.status, 201);
    assert.equal(onTime.body.comments[0].status, 'approved');
  });

  it('should hold the comment as too_fast when the signed form time is missing or forged', async (context) => {
    const site = await openComments(context, { settings: { min_seconds: 3 } });
    const genuine = site.t.masthead.comments.service.signFormTime();
    const [ms, signature] = genuine.split('.');
    const claimedOlder = `${Number(ms) - 60_000}.${signature}`;
    const unsigned = String(Number(ms) - 60_000);
    site.clock.advance(10_000);

    const results = [];
    for (const form_time of ['', claimedOlder, unsigned, 'garbage.value']) {
      const res = await site.postJson(await site.fields({ form_time }));
      assert.equal(res.status, 201, res.text);
      results.push(why(await site.stored(res.body.comments[0].id)));
    }

    assert.deepEqual(results, Array(4).fill(['pending', 'too_fast', 'no signed form time']));
  });

  it('should let a comment without a form time through when min_seconds is 0', async (context) => {
    const site = await openComments(context, { settings: { min_seconds: 0 } });

    const res = await site.postJson(await site.fields({ form_time: '' }));

    assert.equal(res.body.comments[0].status, 'approved');
  });

  it('should hold the comment as too_many_links with the count when it has more links than max_links', async (context) => {
    const site = await openComments(context, { settings: { max_links: 2 } });
    const threeLinks = 'See https://a.example/x, www.b.example and [this](https://c.example).';
    const twoLinks = 'See https://a.example/x and www.b.example today.';

    const held = await site.postJson(await site.fields({ body: threeLinks }));
    const passed = await site.postJson(await site.fields({ body: twoLinks }));
    await site.settings({ max_links: 3 });
    const raised = await site.postJson(await site.fields({ body: `${threeLinks} Again.` }));

    assert.deepEqual(why(await site.stored(held.body.comments[0].id)), ['pending', 'too_many_links', '3']);
    assert.equal(passed.body.comments[0].status, 'approved');
    assert.equal(raised.body.comments[0].status, 'approved');
  });
});

describe('spam layers: words', () => {
  it('should refuse a banned word with 422 COMMENT_BANNED_WORD on the body, matching whole words in any case', async (context) => {
    const site = await openComments(context, { settings: { banned_words: ['ass', 'viagra'] } });

    const shouted = await site.postJson(await site.fields({ body: 'What an ASS!' }));
    const inName = await site.postJson(await site.fields({ name: 'Viagra Seller' }));
    const form = await site.postForm(await site.fields({ body: 'You ass, I wrote all this.' }));
    const innocent = await site.postJson(
      await site.fields({ body: 'A first-class passage about classic bass fishing, assuredly.' }),
    );

    assert.equal(shouted.status, 422);
    assert.deepEqual(
      shouted.body.errors.map((e: { code: string; field: string }) => [e.code, e.field]),
      [['COMMENT_BANNED_WORD', 'body']],
    );
    assert.equal(shouted.body.errors[0].message, 'Your comment contains a word that is not allowed here.');
    assert.equal(inName.status, 422);
    assert.equal(inName.body.errors[0].code, 'COMMENT_BANNED_WORD');
    assert.equal(form.status, 422);
    assert.equal(fieldError(form.doc, 'body'), 'Your comment contains a word that is not allowed here.');
    assert.equal(formValue(form.doc, 'body'), 'You ass, I wrote all this.');
    assert.equal(innocent.status, 201, '"class", "bass" and "assuredly" do not match "ass"');
    assert.equal(innocent.body.comments[0].status, 'approved');
    assert.equal((await site.queue('pending')).length + (await site.queue('spam')).length, 0);
  });

  it('should accept the same words when the banned list is emptied', async (context) => {
    const site = await openComments(context, { settings: { banned_words: ['ass'] } });
    const refused = await site.postJson(await site.fields({ body: 'What an ass.' }));

    await site.settings({ banned_words: [] });
    const accepted = await site.postJson(await site.fields({ body: 'What an ass.' }));

    assert.equal(refused.status, 422);
    assert.equal(accepted.status, 201);
  });

  it('should hold a suspect word for moderation and show moderators which word matched', async (context) => {
    const site = await openComments(context, { settings: { suspect_words: ['crypto', 'Casino'] } });

    const held = await site.postForm(await site.fields({ body: 'Win big at the CASINO tonight!' }));
    const fine = await site.postJson(await site.fields({ body: 'Cryptography is a fine subject.' }));

    assert.equal(held.status, 303);
    const pending = await site.queue('pending');
    assert.deepEqual(pending.map(why), [['pending', 'suspect_word', 'Casino']]);
    assert.equal(pending[0].id, idFrom(held.location));
    assert.equal(fine.body.comments[0].status, 'approved');
  });

  it('should let a suspect word through when the suspect list is empty', async (context) => {
    const site = await openComments(context, { settings: { suspect_words: [] } });

    const res = await site.postJson(await site.fields({ body: 'Win big at the casino tonight!' }));

    assert.equal(res.body.comments[0].status, 'approved');
  });
});

describe('spam layers: duplicates and rate limits', () => {
  it('should refuse the same comment twice with 409 COMMENT_DUPLICATE and keep the text', async (context) => {
    const site = await openComments(context);
    const body = uniqueBody('Said once');
    await site.submit({ body });

    const json = await site.postJson(await site.fields({ body }));
    const form = await site.postForm(await site.fields({ body, email: 'other@example.com' }));
    const elsewhere = await site.postJson(
      await site.fields({ body }, await site.publish({ title: 'Another story' })),
    );

    assert.equal(json.status, 409);
    assert.deepEqual(json.body.errors, [
      {
        code: 'COMMENT_DUPLICATE',
        field: 'body',
        message: 'Duplicate comment detected; it looks as though you’ve already said that!',
      },
    ]);
    assert.equal(form.status, 409, 'the same address sending it under another email is still a duplicate');
    assert.equal(
      fieldError(form.doc, 'body'),
      'Duplicate comment detected; it looks as though you’ve already said that!',
    );
    assert.equal(formValue(form.doc, 'body'), body);
    assert.equal(elsewhere.status, 201, 'the same words under another article are not a duplicate');
  });

  it('should accept the same comment twice when the duplicate check is off', async (context) => {
    const site = await openComments(context, { settings: { duplicate_check: false } });
    const body = uniqueBody('Said twice');

    const first = await site.postJson(await site.fields({ body }));
    const second = await site.postJson(await site.fields({ body }));

    assert.equal(first.status, 201);
    assert.equal(second.status, 201);
  });

  it('should answer 429 after ip_rate_limit comments from one address within the window', async (context) => {
    const site = await openComments(context, { settings: { ip_rate_limit: 2 } });
    const from = (n: number) => site.fields({ email: `reader${n}@example.com` });

    const first = await site.postJson(await from(1));
    const second = await site.postJson(await from(2));
    const third = await site.postJson(await from(3));
    const form = await site.postForm(await from(4));
    site.clock.advance(10 * 60_000 + 1_000);
    const afterWindow = await site.postJson(await from(5));

    assert.deepEqual([first.status, second.status], [201, 201]);
    assert.equal(third.status, 429);
    assert.deepEqual(third.body.errors, [
      { code: 'COMMENT_RATE_LIMITED', message: 'You are posting comments too quickly. Slow down.' },
    ]);
    assert.equal(form.status, 429);
    assert.deepEqual(generalErrors(form.doc), ['You are posting comments too quickly. Slow down.']);
    assert.equal(afterWindow.status, 201, 'the limit lifts when the window has passed');
  });

  it('should count each client address apart when X-Forwarded-For comes from a trusted proxy', async (context) => {
    const site = await openComments(context, {
      settings: { ip_rate_limit: 2 },
      env: { TRUST_PROXY: '127.0.0.1' },
    });
    const send = async (n: number, ip: string) =>
      (await site.postJson(await site.fields({ email: `r${n}@example.com` }), { 'x-forwarded-for': ip }))
        .status;

    const statuses = [
      await send(1, '203.0.113.7'),
      await send(2, '203.0.113.7'),
      await send(3, '203.0.113.7'),
      await send(4, '198.51.100.20'),
    ];

    assert.deepEqual(statuses, [201, 201, 429, 201]);
  });

  it('should ignore X-Forwarded-For when no proxy is trusted', async (context) => {
    const site = await openComments(context, { settings: { ip_rate_limit: 2 } });
    const send = async (n: number, ip: string) =>
      (await site.postJson(await site.fields({ email: `r${n}@example.com` }), { 'x-forwarded-for': ip }))
        .status;

    const statuses = [
      await send(1, '203.0.113.7'),
      await send(2, '198.51.100.20'),
      await send(3, '192.0.2.33'),
    ];

    assert.deepEqual(statuses, [201, 201, 429], 'a forged header does not buy a fresh allowance');
  });

  it('should answer 429 after email_rate_limit comments from one email whatever the address', async (context) => {
    const site = await openComments(context, {
      settings: { email_rate_limit: 2 },
      env: { TRUST_PROXY: '127.0.0.1' },
    });
    const send = async (email: string, ip: string) =>
      (await site.postJson(await site.fields({ email }), { 'x-forwarded-for': ip })).status;

    const statuses = [
      await send('ada@example.com', '203.0.113.1'),
      await send('ADA@example.com', '203.0.113.2'),
      await send('ada@example.com', '203.0.113.3'),
      await send('bo@example.com', '203.0.113.4'),
    ];

    assert.deepEqual(statuses, [201, 201, 429, 201]);
  });

  it('should not limit anyone when both rate limits are 0', async (context) => {
    const site = await openComments(context, { settings: { ip_rate_limit: 0, email_rate_limit: 0 } });

    const statuses = [];
    for (let n = 0; n < 12; n += 1) statuses.push((await site.postJson(await site.fields())).status);

    assert.deepEqual(statuses, Array(12).fill(201));
  });
});

describe('spam layers: trust and moderation', () => {
  it('should hold a first-time commenter until approved_to_trust comments are approved', async (context) => {
    const site = await openComments(context, { settings: { hold_first_time: true, approved_to_trust: 2 } });
    const approve = async (id: string) => {
      const res = await site.admin.patch(`/api/admin/comments/${id}`, { status: 'approved' });
      assert.equal(res.status, 200, res.text);
    };

    const first = await site.postJson(await site.fields({ email: 'new@example.com' }));
    await approve(first.body.comments[0].id);
    const second = await site.postJson(await site.fields({ email: 'New@Example.com' }));
    const stranger = await site.postJson(await site.fields({ email: 'stranger@example.com' }));
    await approve(second.body.comments[0].id);
    const third = await site.postJson(await site.fields({ email: 'new@example.com' }));

    assert.deepEqual(why(await site.stored(first.body.comments[0].id)), ['approved', 'first_time', null]);
    assert.equal(second.body.comments[0].status, 'pending', 'one approval is not yet two');
    assert.equal((await site.stored(stranger.body.comments[0].id)).hold_reason, 'first_time');
    assert.equal(third.body.comments[0].status, 'approved');
  });

  it('should always hold a commenter without an email as first-time when first-time holding is on', async (context) => {
    const site = await openComments(context, { settings: { hold_first_time: true, require_email: false } });

    const res = await site.postJson(await site.fields({ email: '' }));

    assert.deepEqual(why(await site.stored(res.body.comments[0].id)), ['pending', 'first_time', null]);
  });

  it('should hold every comment as all_held when hold_all is on, trusted or not', async (context) => {
    const site = await openComments(context, { settings: { hold_all: true } });

    const res = await site.postForm(await site.fields());

    assert.equal(res.status, 303);
    assert.deepEqual((await site.queue('pending')).map(why), [['pending', 'all_held', null]]);
  });
});

describe('spam layers: Akismet', () => {
  const KEY = 'akismet-test-key';
  const open = async (context: Parameters<typeof openComments>[0] & object, settings = {}) => {
    const akismet = await startAkismetFake({ key: KEY });
    context.after(() => akismet.stop());
    const site = await openComments(context, {
      env: { AKISMET_KEY: KEY, AKISMET_URL: akismet.baseUrl },
      settings,
    });
    return { site, akismet };
  };

  it('should store the comment as spam with reason akismet when Akismet says spam', async (context) => {
    const { site, akismet } = await open(context);

    const res = await site.postJson(
      await site.fields({ name: 'viagra-test-123', url: 'https://spam.example', body: 'Great post!' }),
      { 'user-agent': 'SpamBot/2.0', referer: `${SITE}/` },
    );

    assert.equal(res.status, 201);
    assert.equal(res.body.comments[0].status, 'pending');
    assert.deepEqual((await site.queue('spam')).map(why), [['spam', 'akismet', 'spam']]);
    const call = akismet.calls.at(-1);
    assert.equal(call?.endpoint, 'comment-check');
    assert.deepEqual(
      {
        blog: call?.form.blog,
        user_ip: call?.form.user_ip,
        user_agent: call?.form.user_agent,
        referrer: call?.form.referrer,
        permalink: call?.form.permalink,
        comment_type: call?.form.comment_type,
        comment_author: call?.form.comment_author,
        comment_author_email: call?.form.comment_author_email,
        comment_author_url: call?.form.comment_author_url,
        comment_content: call?.form.comment_content,
        blog_lang: call?.form.blog_lang,
      },
      {
        blog: SITE,
        user_ip: '127.0.0.1',
        user_agent: 'SpamBot/2.0',
        referrer: `${SITE}/`,
        permalink: `${SITE}${articlePath(site.article)}`,
        comment_type: 'comment',
        comment_author: 'viagra-test-123',
        comment_author_email: 'ada@example.com',
        comment_author_url: 'https://spam.example/',
        comment_content: 'Great post!',
        blog_lang: 'en',
      },
    );
    assert.deepEqual(akismet.rejected, []);
  });

  it('should record discard when Akismet calls the comment blatant spam', async (context) => {
    const { site, akismet } = await open(context);
    akismet.isDiscarding = true;

    const res = await site.postJson(await site.fields({ email: 'akismet-guaranteed-spam@example.com' }));

    assert.deepEqual(why(await site.stored(res.body.comments[0].id)), ['spam', 'akismet', 'discard']);
  });

  it('should approve the comment when Akismet says it is not spam', async (context) => {
    const { site, akismet } = await open(context);

    const res = await site.postJson(await site.fields());

    assert.equal(res.body.comments[0].status, 'approved');
    assert.deepEqual(
      akismet.calls.map((c) => c.endpoint),
      ['comment-check'],
    );
  });

  it('should hold the comment as akismet_unavailable when Akismet cannot be reached', async (context) => {
    const { site, akismet } = await open(context);
    await akismet.stop();

    const res = await site.postForm(await site.fields({ name: 'viagra-test-123' }));

    assert.equal(res.status, 303);
    assert.deepEqual((await site.queue('pending')).map(why), [['pending', 'akismet_unavailable', null]]);
  });

  it('should not ask Akismet when the Akismet setting is off', async (context) => {
    const { site, akismet } = await open(context, { akismet: false });

    const res = await site.postJson(await site.fields({ name: 'viagra-test-123' }));

    assert.equal(res.body.comments[0].status, 'approved');
    assert.deepEqual(akismet.calls, []);
  });

  it('should not ask Akismet about a comment a local layer already held', async (context) => {
    const { site, akismet } = await open(context, { suspect_words: ['casino'] });

    const res = await site.postJson(await site.fields({ body: 'The casino is open.' }));

    assert.equal((await site.stored(res.body.comments[0].id)).hold_reason, 'suspect_word');
    assert.deepEqual(akismet.calls, []);
  });
});
