import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { setTimeout as delay } from 'node:timers/promises';
import type { ArticleView } from '../src/articles/article.ts';
import type { Masthead } from '../src/masthead.ts';
import { createTestApp, type TestApp } from './helpers/test-app.ts';

/*
 * Scheduling through the real worker, on SQLite (the jobs table) and on PostgreSQL (pg-boss). pg-boss
 * decides when a job is due by the database server's clock, so these tests use real time with
 * schedules a couple of seconds ahead rather than a fixed clock.
 */

const LEAD_MS = 2000;
const WAIT_LIMIT_MS = 15_000;
/** How long to keep watching after a publication for a second, duplicate one. */
const SETTLE_MS = 1500;

type Context = { after: (fn: () => Promise<void>) => void };

async function app(context: Context): Promise<TestApp> {
  const t = await createTestApp();
  context.after(() => t.close());
  return t;
}

/** Counts `article.published` events for one article on every instance given. */
function countPublished(instances: Masthead[], id: () => string | undefined): () => number {
  let count = 0;
  for (const instance of instances) {
    instance.events.on('article.published', (payload) => {
      if (payload.id === id()) count += 1;
    });
  }
  return () => count;
}

async function scheduleArticle(masthead: Masthead, title: string, at: Date): Promise<ArticleView> {
  const [article] = await masthead.services.articles.create('article', [
    { title, status: 'scheduled', published_at: at },
  ]);
  assert.ok(article);
  return article;
}

const read = (masthead: Masthead, id: string) => masthead.services.articles.get({ kind: 'article', ref: id });

async function waitUntilPublished(
  masthead: Masthead,
  id: string,
): Promise<{ article: ArticleView; seenAt: number }> {
  const deadline = Date.now() + WAIT_LIMIT_MS;
  for (;;) {
    const article = await read(masthead, id);
    if (article.status === 'published') return { article, seenAt: Date.now() };
    if (Date.now() > deadline) assert.fail(`still ${article.status} ${WAIT_LIMIT_MS} ms after waiting began`);
    await delay(100);
  }
}

const sleepUntil = (time: number) => delay(Math.max(0, time - Date.now()));

describe('scheduled publishing', () => {
  it('should publish a scheduled article at its time exactly once when two instances run the worker', async (context) => {
    const t = await app(context);
    const second = await t.reopen();
    let id: string | undefined;
    const published = countPublished([t.masthead, second], () => id);
    const at = new Date(Date.now() + LEAD_MS);
    id = (await scheduleArticle(t.masthead, 'Two workers', at)).id;

    await t.masthead.startWorker();
    await second.startWorker();
    const { article, seenAt } = await waitUntilPublished(t.masthead, id);
    await delay(SETTLE_MS);

    assert.ok(seenAt >= at.getTime(), `published ${at.getTime() - seenAt} ms early`);
    assert.deepEqual(article.publishedAt, at);
    assert.equal(published(), 1);
  });

  it('should publish promptly and once when the time passed while no instance was running', async (context) => {
    const t = await app(context);
    const at = new Date(Date.now() + LEAD_MS);
    const { id } = await scheduleArticle(t.masthead, 'After downtime', at);
    await t.masthead.close();
    await sleepUntil(at.getTime() + 300);

    const restarted = await t.reopen();
    const published = countPublished([restarted], () => id);
    await restarted.startWorker();
    const justAfterStart = await read(restarted, id);
    await delay(SETTLE_MS);

    assert.equal(justAfterStart.status, 'published');
    assert.deepEqual(justAfterStart.publishedAt, at);
    assert.equal(published(), 1);
  });

  it('should not publish at the first time when the article was rescheduled to a later one', async (context) => {
    const t = await app(context);
    let id: string | undefined;
    const published = countPublished([t.masthead], () => id);
    const first = new Date(Date.now() + LEAD_MS);
    const later = new Date(first.getTime() + 3000);
    id = (await scheduleArticle(t.masthead, 'Moved later', first)).id;
    await t.masthead.startWorker();

    await t.masthead.services.articles.schedule('article', id, later);
    await sleepUntil(first.getTime() + SETTLE_MS);
    const afterFirstTime = await read(t.masthead, id);
    const { article, seenAt } = await waitUntilPublished(t.masthead, id);
    await delay(SETTLE_MS);

    assert.equal(afterFirstTime.status, 'scheduled');
    assert.ok(seenAt >= later.getTime(), `published ${later.getTime() - seenAt} ms early`);
    assert.deepEqual(article.publishedAt, later);
    assert.equal(published(), 1);
  });

  it('should leave the article a draft when a scheduled article is unpublished before its time', async (context) => {
    const t = await app(context);
    let id: string | undefined;
    const published = countPublished([t.masthead], () => id);
    const at = new Date(Date.now() + LEAD_MS);
    id = (await scheduleArticle(t.masthead, 'Pulled before time', at)).id;
    await t.masthead.startWorker();

    await t.masthead.services.articles.unpublish('article', id);
    await sleepUntil(at.getTime() + SETTLE_MS + 500);

    assert.equal((await read(t.masthead, id)).status, 'draft');
    assert.equal(published(), 0);
  });
});
