import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createTestApp, type TestApp } from '../../../test/helpers/test-app.ts';
import { toDbBool, toDbTime } from '../../db/values.ts';
import { createFixedClock } from '../../lib/clock.ts';
import { newId } from '../../lib/ids.ts';
import { digestPeriod, nextDigestAt, selectDigestArticles } from './digest-schedule.ts';

const HOUR = 3_600_000;
const daily = (sendHour: number) => ({ cadence: 'daily' as const, sendHour, sendWeekday: 1 });
const weekly = (sendWeekday: number, sendHour: number) => ({
  cadence: 'weekly' as const,
  sendHour,
  sendWeekday,
});
const at = (iso: string) => new Date(iso);
const hoursOf = (period: { from: Date; to: Date }) => (period.to.getTime() - period.from.getTime()) / HOUR;

describe('digest times', () => {
  it('should send at the hour in Tokyo when the timezone is ahead of UTC', () => {
    const next = nextDigestAt(daily(7), at('2026-03-02T09:00:00Z'), 'Asia/Tokyo');

    assert.deepEqual(next, at('2026-03-02T22:00:00Z'));
    assert.deepEqual(digestPeriod(daily(7), next, 'Asia/Tokyo'), {
      from: at('2026-03-01T22:00:00Z'),
      to: next,
    });
  });

  it('should send on the evening of the same local day when the timezone is behind UTC', () => {
    assert.deepEqual(
      nextDigestAt(daily(23), at('2026-03-02T12:00:00Z'), 'America/New_York'),
      at('2026-03-03T04:00:00Z'),
    );
  });

  it('should give the next digest when `after` is exactly a digest time', () => {
    assert.deepEqual(
      nextDigestAt(daily(7), at('2026-03-02T22:00:00Z'), 'Asia/Tokyo'),
      at('2026-03-03T22:00:00Z'),
    );
  });

  it('should cover 23 hours when the clocks go forward in Paris', () => {
    const next = nextDigestAt(daily(7), at('2026-03-28T06:00:00Z'), 'Europe/Paris');
    const period = digestPeriod(daily(7), next, 'Europe/Paris');

    assert.deepEqual(next, at('2026-03-29T05:00:00Z'));
    assert.deepEqual(period.from, at('2026-03-28T06:00:00Z'));
    assert.equal(hoursOf(period), 23);
  });

  it('should cover 25 hours when the clocks go back in Paris', () => {
    const next = nextDigestAt(daily(7), at('2026-10-24T05:00:00Z'), 'Europe/Paris');
    const period = digestPeriod(daily(7), next, 'Europe/Paris');

    assert.deepEqual(next, at('2026-10-25T06:00:00Z'));
    assert.deepEqual(period.from, at('2026-10-24T05:00:00Z'));
    assert.equal(hoursOf(period), 25);
  });

  it('should send just after the gap and leave no hour uncovered when the send hour does not exist', () => {
    const skipped = nextDigestAt(daily(2), at('2026-03-28T12:00:00Z'), 'Europe/Paris');
    const following = nextDigestAt(daily(2), skipped, 'Europe/Paris');

    assert.deepEqual(skipped, at('2026-03-29T01:00:00Z'));
    assert.deepEqual(digestPeriod(daily(2), skipped, 'Europe/Paris').from, at('2026-03-28T01:00:00Z'));
    assert.deepEqual(following, at('2026-03-30T00:00:00Z'));
    assert.deepEqual(digestPeriod(daily(2), following, 'Europe/Paris').from, skipped);
  });

  it('should send once, at the first of the two, when the send hour happens twice', () => {
    const first = nextDigestAt(daily(2), at('2026-10-24T12:00:00Z'), 'Europe/Paris');

    assert.deepEqual(first, at('2026-10-25T00:00:00Z'));
    assert.deepEqual(nextDigestAt(daily(2), first, 'Europe/Paris'), at('2026-10-26T01:00:00Z'));
  });

  it('should send on the weekday in Tokyo and cover seven days when the newsletter is weekly', () => {
    const next = nextDigestAt(weekly(1, 7), at('2026-03-04T00:00:00Z'), 'Asia/Tokyo');

    assert.deepEqual(next, at('2026-03-08T22:00:00Z'));
    assert.equal(new Date(next.getTime() + 9 * HOUR).getUTCDay(), 1);
    assert.equal(hoursOf(digestPeriod(weekly(1, 7), next, 'Asia/Tokyo')), 7 * 24);
  });

  it('should cover a week an hour short when a weekly period spans the spring clock change', () => {
    const next = nextDigestAt(weekly(7, 9), at('2026-03-23T00:00:00Z'), 'Europe/Paris');
    const period = digestPeriod(weekly(7, 9), next, 'Europe/Paris');

    assert.deepEqual(next, at('2026-03-29T07:00:00Z'));
    assert.deepEqual(period.from, at('2026-03-22T08:00:00Z'));
    assert.equal(hoursOf(period), 7 * 24 - 1);
  });

  it('should make consecutive periods meet when digests follow each other for weeks', () => {
    let previous = nextDigestAt(daily(2), at('2026-03-20T00:00:00Z'), 'Europe/Paris');
    for (let day = 0; day < 20; day += 1) {
      const next = nextDigestAt(daily(2), previous, 'Europe/Paris');
      assert.deepEqual(digestPeriod(daily(2), next, 'Europe/Paris').from, previous, next.toISOString());
      previous = next;
    }
  });

  it('should refuse to schedule a digest when the newsletter is sent on publish', () => {
    const onPublish = { cadence: 'publish' as const, sendHour: 7, sendWeekday: 1 };

    assert.throws(() => nextDigestAt(onPublish, at('2026-03-02T00:00:00Z'), 'UTC'));
  });
});

const NOW = at('2026-03-10T12:00:00Z');
const from = at('2026-03-09T00:00:00Z');
const to = at('2026-03-10T00:00:00Z');

/** A site with two sections, and a helper that publishes an article with a number of approved comments. */
async function setUp(context: { after: (fn: () => Promise<void>) => void }) {
  const t: TestApp = await createTestApp({ clock: createFixedClock(NOW) });
  context.after(() => t.close());
  const { services, database } = t.masthead;
  const news = await services.taxonomy.categories.create({ name: 'News' });
  const sport = await services.taxonomy.categories.create({ name: 'Sport' });
  const culture = await services.taxonomy.categories.create({ name: 'Culture' });

  type Options = {
    publishedAt: string;
    categories?: string[];
    featured?: boolean;
    comments?: { approved?: number; pending?: number };
    sendEmail?: boolean;
    status?: 'published' | 'draft';
    kind?: 'article' | 'page';
  };
  const publish = async (title: string, options: Options): Promise<string> => {
    const [article] = await services.articles.create(options.kind ?? 'article', [
      {
        title,
        status: options.status ?? 'published',
        published_at: at(options.publishedAt),
        categories: options.categories ?? ['news'],
        featured: options.featured ?? false,
        send_email: options.sendEmail ?? true,
      },
    ]);
    assert.ok(article);
    const { approved = 0, pending = 0 } = options.comments ?? {};
    await addComments(article.id, 'approved', approved);
    await addComments(article.id, 'pending', pending);
    return article.id;
  };

  async function addComments(articleId: string, status: 'approved' | 'pending', count: number) {
    const { db, dialect } = database;
    const now = toDbTime(dialect, NOW);
    const no = toDbBool(dialect, false);
    for (let i = 0; i < count; i += 1) {
      const id = newId();
      await db
        .insertInto('comments')
        .values({
          id,
          article_id: articleId,
          parent_id: null,
          root_id: id,
          depth: 0,
          status,
          hold_reason: null,
          hold_detail: null,
          author_name: 'Reader',
          author_email: null,
          author_url: null,
          ip_hash: null,
          user_agent: null,
          body: 'Well said.',
          body_html: '<p>Well said.</p>',
          is_staff: no,
          is_featured: no,
          notify_replies: no,
          reported_at: null,
          created_at: now,
          updated_at: now,
          approved_at: status === 'approved' ? now : null,
          erased_at: null,
        })
        .execute();
    }
  }

  const select = (categoryIds: string[] = [], limit?: number) =>
    selectDigestArticles(database.db, { categoryIds, from, to, ...(limit ? { limit } : {}) });
  return { publish, select, news, sport, culture };
}

describe('digest articles', () => {
  it('should rank featured first, then by approved comments, then newest when several were published', async (context) => {
    const { publish, select } = await setUp(context);
    const quiet = await publish('Quiet', { publishedAt: '2026-03-09T08:00:00Z' });
    const newest = await publish('Newest', { publishedAt: '2026-03-09T20:00:00Z' });
    const discussed = await publish('Discussed', {
      publishedAt: '2026-03-09T06:00:00Z',
      comments: { approved: 3 },
    });
    const heldBack = await publish('Held back', {
      publishedAt: '2026-03-09T07:00:00Z',
      comments: { approved: 1, pending: 5 },
    });
    const featured = await publish('Featured', { publishedAt: '2026-03-09T05:00:00Z', featured: true });

    assert.deepEqual(await select(), [featured, discussed, heldBack, newest, quiet]);
  });

  it('should take articles from `from` up to but not including `to` when the period is given', async (context) => {
    const { publish, select } = await setUp(context);
    const atStart = await publish('At the start', { publishedAt: '2026-03-09T00:00:00Z' });
    await publish('Before', { publishedAt: '2026-03-08T23:59:59Z' });
    await publish('At the end', { publishedAt: '2026-03-10T00:00:00Z' });

    assert.deepEqual(await select(), [atStart]);
  });

  it('should leave out drafts, pages and articles kept out of email when they fall in the period', async (context) => {
    const { publish, select } = await setUp(context);
    const kept = await publish('Kept', { publishedAt: '2026-03-09T10:00:00Z' });
    await publish('Draft', { publishedAt: '2026-03-09T10:00:00Z', status: 'draft' });
    await publish('A page', { publishedAt: '2026-03-09T10:00:00Z', kind: 'page', categories: [] });
    await publish('Not for email', { publishedAt: '2026-03-09T10:00:00Z', sendEmail: false });

    assert.deepEqual(await select(), [kept]);
  });

  it('should take only articles in the newsletter categories when it names some', async (context) => {
    const { publish, select, sport, culture } = await setUp(context);
    await publish('News only', { publishedAt: '2026-03-09T10:00:00Z', categories: ['news'] });
    const match = await publish('Sport match', {
      publishedAt: '2026-03-09T11:00:00Z',
      categories: ['sport'],
    });
    const review = await publish('Also culture', {
      publishedAt: '2026-03-09T09:00:00Z',
      categories: ['news', 'culture'],
    });

    assert.deepEqual(await select([sport.id, culture.id]), [match, review]);
    assert.equal((await select()).length, 3);
  });

  it('should return at most ten articles, or the limit given, when more were published', async (context) => {
    const { publish, select } = await setUp(context);
    const ids: string[] = [];
    for (let hour = 0; hour < 12; hour += 1)
      ids.push(
        await publish(`Story ${hour}`, { publishedAt: `2026-03-09T${String(hour).padStart(2, '0')}:30:00Z` }),
      );
    const newestFirst = ids.reverse();

    assert.deepEqual(await select(), newestFirst.slice(0, 10));
    assert.deepEqual(await select([], 3), newestFirst.slice(0, 3));
  });
});
