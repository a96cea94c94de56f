import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createTestApp } from '../helpers/test-app.ts';
import { articlePath, get, publish } from '../site/site-helpers.ts';

const origin = { ip: '203.0.113.7', userAgent: 'test', referrer: '' };

describe('Comments: counts on the article and in lists', () => {
  it('should show the approved count on the home page card and article heading when a comment is approved', async (ctx) => {
    const t = await createTestApp();
    ctx.after(() => t.close());
    const { comments } = t.masthead;
    await comments.settings.update({ min_seconds: 0, hold_first_time: false });
    const article = await publish(t, { title: 'Lifeboat launch' });
    const other = await publish(t, { title: 'Market day' });

    const before = await get(t, '/');
    assert.doesNotMatch(before.text, /card-comments/);
    const otherPage = await get(t, articlePath(other));
    assert.equal((await get(t, articlePath(other))).headers['x-cache'], 'HIT');

    for (const body of ['Well done, crew', 'Great photos']) {
      const { comment } = await comments.service.submit(
        { article_id: article.id, name: 'Ada', email: 'ada@example.com', body },
        origin,
        undefined,
      );
      assert.equal(comment.status, 'pending', 'no CAPTCHA: held, never refused');
      await comments.moderation.update(comment.id, { status: 'approved' });
    }

    const home = await get(t, '/');
    assert.equal(home.headers['x-cache'], 'MISS');
    assert.match(home.text, /<a class="meta card-comments" href="[^"]*#comments">2 comments<\/a>/);
    const page = await get(t, articlePath(article));
    assert.match(page.text, /<h2 id="comments-heading">2 comments<\/h2>/);
    const unrelated = await get(t, articlePath(other));
    assert.equal(unrelated.headers['x-cache'], 'HIT');
    assert.equal(unrelated.text, otherPage.text);
  });
});
