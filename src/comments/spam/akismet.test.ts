import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type AkismetFake, startAkismetFake } from '../../../test/helpers/captcha-fakes.ts';
import { type AkismetFields, createAkismet } from './akismet.ts';

const KEY = 'abc123def456';
const SITE = 'https://news.example';

const comment = (overrides: Partial<AkismetFields> = {}): AkismetFields => ({
  user_ip: '203.0.113.7',
  user_agent: 'Mozilla/5.0',
  permalink: `${SITE}/2026/03/a-story/`,
  comment_type: 'comment',
  comment_author: 'Ada Reader',
  comment_author_email: 'ada@example.com',
  comment_content: 'A thoughtful remark about the story.',
  comment_date_gmt: new Date('2026-03-02T09:00:00.000Z'),
  blog_lang: 'en',
  ...overrides,
});

describe('Akismet client', () => {
  let fake: AkismetFake;
  const reasons: string[] = [];
  const akismet = (key = KEY) =>
    createAkismet({
      key,
      baseUrl: fake.baseUrl,
      site: SITE,
      onUnavailable: (reason) => reasons.push(reason),
    });

  before(async () => {
    fake = await startAkismetFake({ key: KEY });
  });
  after(() => fake.stop());

  it('should send the documented fields as a form when it checks a comment', async () => {
    await akismet().check(comment({ is_test: true }));

    const call = fake.calls.at(-1);
    assert.equal(call?.endpoint, 'comment-check');
    assert.deepEqual(call?.form, {
      api_key: KEY,
      blog: SITE,
      blog_charset: 'UTF-8',
      user_ip: '203.0.113.7',
      user_agent: 'Mozilla/5.0',
      permalink: `${SITE}/2026/03/a-story/`,
      comment_type: 'comment',
      comment_author: 'Ada Reader',
      comment_author_email: 'ada@example.com',
      comment_content: 'A thoughtful remark about the story.',
      comment_date_gmt: '2026-03-02T09:00:00.000Z',
      blog_lang: 'en',
      is_test: '1',
    });
    assert.deepEqual(fake.rejected, []);
  });

  it('should answer ham when Akismet says the comment is not spam', async () => {
    assert.equal(await akismet().check(comment()), 'ham');
  });

  it('should answer spam when the author is the documented spam test name', async () => {
    assert.equal(
      await akismet().check(comment({ comment_author: 'viagra-test-123', is_test: true })),
      'spam',
    );
  });

  it('should answer spam when the email is the documented spam test address', async () => {
    const fields = comment({ comment_author_email: 'akismet-guaranteed-spam@example.com', is_test: true });

    assert.equal(await akismet().check(fields), 'spam');
  });

  it('should answer discard when Akismet adds the discard pro tip', async () => {
    fake.isDiscarding = true;
    const verdict = await akismet().check(comment({ comment_author: 'viagra-test-123', is_test: true }));
    fake.isDiscarding = false;

    assert.equal(verdict, 'discard');
  });

  it('should answer unavailable and say why when the key is invalid', async () => {
    reasons.length = 0;

    const verdict = await akismet('wrong-key').check(comment());

    assert.equal(verdict, 'unavailable');
    assert.match(reasons[0] ?? '', /invalid.*unable to verify your API key/);
  });

  it('should answer unavailable when Akismet cannot be reached', async () => {
    const stopped = await startAkismetFake({ key: KEY });
    await stopped.stop();

    const verdict = await createAkismet({ key: KEY, baseUrl: stopped.baseUrl, site: SITE }).check(comment());

    assert.equal(verdict, 'unavailable');
  });

  it('should answer unavailable when Akismet does not answer in time', async () => {
    const timesOut: typeof fetch = async () => {
      throw new DOMException('The operation was aborted due to timeout', 'TimeoutError');
    };

    const client = createAkismet({ key: KEY, baseUrl: fake.baseUrl, site: SITE, fetch: timesOut });

    assert.equal(await client.check(comment()), 'unavailable');
  });

  it('should report missed spam and false positives when a moderator corrects a verdict', async () => {
    const spam = comment({ comment_content: 'Buy cheap watches', is_test: true });
    const ham = comment({ comment_content: 'A fair point, well made.', is_test: true });

    const isSpamTaken = await akismet().submitSpam(spam);
    const isHamTaken = await akismet().submitHam(ham);

    assert.equal(isSpamTaken, true);
    assert.equal(isHamTaken, true);
    const submitted = fake.calls.filter((call) => call.endpoint.startsWith('submit-'));
    assert.deepEqual(
      submitted.map((call) => [call.endpoint, call.form.comment_content, call.form.api_key]),
      [
        ['submit-spam', 'Buy cheap watches', KEY],
        ['submit-ham', 'A fair point, well made.', KEY],
      ],
    );
  });

  it('should let Akismet learn from reported spam only when the report is not a test', async () => {
    const content = 'Limited offer, click now';
    await akismet().submitSpam(comment({ comment_content: content, is_test: true }));
    const afterTest = await akismet().check(comment({ comment_content: content }));

    await akismet().submitSpam(comment({ comment_content: content }));
    const afterReal = await akismet().check(comment({ comment_content: content }));

    assert.equal(afterTest, 'ham');
    assert.equal(afterReal, 'spam');
  });

  it('should return false when Akismet refuses a submission', async () => {
    assert.equal(await akismet('wrong-key').submitSpam(comment()), false);
  });
});
