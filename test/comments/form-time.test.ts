import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createFixedClock } from '../../src/lib/clock.ts';
import { createTestApp } from '../helpers/test-app.ts';
import { publish } from '../site/site-helpers.ts';

const origin = { ip: '203.0.113.5', userAgent: 'test', referrer: '' };

describe('Comments: the per-reader form time', () => {
  it('should hand out a fresh signed time, never cached, that the minimum-time layer counts from', async (ctx) => {
    const clock = createFixedClock(new Date('2026-03-02T09:00:00Z'));
    const t = await createTestApp({ clock });
    ctx.after(() => t.close());
    const { comments } = t.masthead;
    await comments.settings.update({ min_seconds: 3, hold_first_time: false });
    const article = await publish(t, { title: 'Tide tables' });

    const response = await t.masthead.app.inject({ method: 'GET', url: '/api/comments/form-time' });
    assert.equal(response.statusCode, 200);
    assert.equal(response.headers['cache-control'], 'no-store');
    const formTime = response.json().form_time as string;
    assert.match(formTime, /^\d+\.[\w-]+$/);

    const post = (body: string) =>
      comments.service.submit(
        { article_id: article.id, name: 'Ada', email: 'ada@example.com', body, form_time: formTime },
        origin,
        undefined,
      );
    const quick = await post('Posted at once');
    assert.equal(quick.comment.holdReason, 'too_fast');
    clock.advance(5_000);
    const considered = await post('Posted after reading');
    assert.notEqual(considered.comment.holdReason, 'too_fast');
    assert.equal(considered.comment.holdReason, 'no_captcha');
  });
});
