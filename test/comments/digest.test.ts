import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createFixedClock } from '../../src/lib/clock.ts';
import { createTestApp } from '../helpers/test-app.ts';
import { publish } from '../site/site-helpers.ts';

const origin = { ip: '203.0.113.9', userAgent: 'test', referrer: '' };

describe('Comments: the daily digest and IP retention', () => {
  it('should mail each moderator the held comments, and nothing when the queue is empty', async (ctx) => {
    const clock = createFixedClock(new Date('2026-03-02T09:00:00Z'));
    const t = await createTestApp({ clock });
    ctx.after(() => t.close());
    const { comments } = t.masthead;
    await comments.settings.update({
      moderator_emails: ['desk@example.com', 'night@example.com'],
      min_seconds: 0,
    });
    assert.equal(await comments.daily.sendDigest(), 0);

    const article = await publish(t, { title: 'Harbour wall repairs' });
    const held = await comments.service.submit(
      { article_id: article.id, name: 'Ada', email: 'ada@example.com', body: 'First time here, hello' },
      origin,
      undefined,
    );
    assert.equal(held.comment.status, 'pending');

    assert.equal(await comments.daily.sendDigest(), 2);
    const mails = await t.masthead.outbox.list();
    const digests = mails.filter((mail) => mail.kind === 'moderation-digest');
    assert.deepEqual(digests.map((mail) => mail.recipient).sort(), ['desk@example.com', 'night@example.com']);
    assert.match(digests[0]?.subject ?? '', /1 comment awaits moderation/);
    assert.match(digests[0]?.text ?? '', /Ada \((first_time|no_captcha)/);
    assert.match(digests[0]?.text ?? '', /First time here, hello/);
  });

  it('should forget IP hashes older than the retention time when the daily job runs', async (ctx) => {
    const clock = createFixedClock(new Date('2026-03-02T09:00:00Z'));
    const t = await createTestApp({ clock });
    ctx.after(() => t.close());
    const { comments } = t.masthead;
    await comments.settings.update({ ip_retention_days: 7, min_seconds: 0 });
    const article = await publish(t, { title: 'Ferry timetable' });
    const { comment } = await comments.service.submit(
      { article_id: article.id, name: 'Ada', email: 'ada@example.com', body: 'When is the late ferry?' },
      origin,
      undefined,
    );
    assert.notEqual((await comments.moderation.get(comment.id)).ipHash, null);

    clock.advance(6 * 86_400_000);
    assert.equal((await comments.daily.run()).purged, 0);
    clock.advance(2 * 86_400_000);
    assert.equal((await comments.daily.run()).purged, 1);
    assert.equal((await comments.moderation.get(comment.id)).ipHash, null);
  });
});
