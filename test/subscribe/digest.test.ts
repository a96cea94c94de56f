import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { sql } from 'kysely';
import { fromDbJson, fromDbTime } from '../../src/db/values.ts';
import { createFixedClock } from '../../src/lib/clock.ts';
import { DIGEST_JOB } from '../../src/subscribe/sending/send-planner.ts';
import { approvedComment, openRules, pendingComment } from '../comments/moderation-helpers.ts';
import { publish } from '../site/site-helpers.ts';
import {
  createNewsletters,
  mailsTo,
  openSubscribeSite,
  type SubscribeSite,
  subscribeAndConfirm,
} from './subscribe-helpers.ts';

const HOUR = 3_600_000;
/** Monday 2 March 2026, 10:00 in Paris (UTC+1 until the clocks go forward on 29 March). */
const START = new Date('2026-03-02T09:00:00.000Z');
/** 07:00 in Paris on Tuesday 3 March: the daily digest's next time. */
const NEXT_DAILY = new Date('2026-03-03T06:00:00.000Z');
/** 07:00 in Paris on Friday 6 March: the weekly digest's next time. */
const NEXT_WEEKLY = new Date('2026-03-06T06:00:00.000Z');
const at = (iso: string) => new Date(`2026-03-02T${iso}:00.000Z`);

type Ctx = Parameters<typeof openSubscribeSite>[0];

/**
 * A site in Paris on a fixed clock: a daily digest of the Harbour section at 07:00 and a weekly
 * digest of everything on Fridays at 07:00. Comments need no wait and a cheap CAPTCHA.
 */
async function digestSite(ctx: Ctx, options: { timezone?: string } = {}) {
  const clock = createFixedClock(START);
  const site = await openSubscribeSite(ctx, {
    clock,
    env: { CAPTCHA_DIFFICULTY: '100', TRUST_PROXY: '127.0.0.1' },
  });
  const { masthead } = site.t;
  await masthead.services.settings.update({ timezone: options.timezone ?? 'Europe/Paris' });
  await masthead.comments.settings.update(openRules);
  await masthead.services.taxonomy.categories.createMany([{ name: 'Harbour' }, { name: 'Sport' }]);
  const [daily, weekly] = await createNewsletters(site.t, [
    { name: 'Morning briefing', slug: 'morning', cadence: 'daily', send_hour: 7, categories: ['harbour'] },
    { name: 'Week in review', slug: 'week', cadence: 'weekly', send_hour: 7, send_weekday: 5 },
  ]);
  assert.ok(daily && weekly);
  return { ...site, clock, daily, weekly };
}

/** The digest jobs waiting in the queue (SQLite's jobs table, or pg-boss's). */
async function digestJobs(
  site: SubscribeSite,
): Promise<{ newsletterId: string; at: string; runAt: string }[]> {
  const { db, dialect } = site.t.masthead.database;
  const rows =
    dialect === 'sqlite'
      ? await db.selectFrom('jobs').select(['payload', 'run_at']).where('name', '=', DIGEST_JOB).execute()
      : (
          await sql<{ payload: unknown; run_at: Date }>`
            select data as payload, start_after as run_at from pgboss.job where name = ${DIGEST_JOB}`.execute(
            db,
          )
        ).rows;
  return rows
    .map((row) => {
      const payload = fromDbJson(dialect, row.payload) as { newsletterId: string; at: string };
      return {
        newsletterId: payload.newsletterId,
        at: payload.at,
        runAt: fromDbTime(row.run_at).toISOString(),
      };
    })
    .sort((a, b) => a.at.localeCompare(b.at));
}

async function sends(site: SubscribeSite) {
  const { db, dialect } = site.t.masthead.database;
  const rows = await db
    .selectFrom('newsletter_sends')
    .select(['id', 'newsletter_id', 'dedupe_key', 'article_ids', 'subject'])
    .execute();
  return rows.map((row) => ({ ...row, article_ids: fromDbJson(dialect, row.article_ids) as string[] }));
}

const job = (newsletterId: string, when: Date) => ({
  newsletterId,
  at: when.toISOString(),
  runAt: when.toISOString(),
});

describe('Digests: timing', () => {
  it('should enqueue each digest for its next 07:00 in the site’s timezone, once', async (ctx) => {
    const site = await digestSite(ctx);

    await site.t.masthead.subscribe.planner.scheduleDigests();
    await site.t.masthead.subscribe.planner.scheduleDigests();

    assert.deepEqual(await digestJobs(site), [
      job(site.daily.id, NEXT_DAILY),
      job(site.weekly.id, NEXT_WEEKLY),
    ]);
  });

  it('should enqueue the digest at the new hour, and ignore the job at the old one, when send_hour changes', async (ctx) => {
    const site = await digestSite(ctx);
    await publish(site.t, { title: 'Harbour news', categories: ['harbour'], published_at: at('08:00') });

    await site.t.masthead.subscribe.newsletters.update(site.daily.id, { send_hour: 8 });
    site.clock.set(NEXT_DAILY);
    const stale = await site.t.masthead.subscribe.planner.planDigest(site.daily.id, NEXT_DAILY);
    const offSchedule = await site.t.masthead.subscribe.planner.planDigest(
      site.daily.id,
      new Date(NEXT_DAILY.getTime() + HOUR / 2),
    );

    assert.equal(stale, null);
    assert.equal(offSchedule, null);
    assert.deepEqual(await sends(site), []);
    const dailyJobs = (await digestJobs(site)).filter((j) => j.newsletterId === site.daily.id);
    assert.ok(
      dailyJobs.some((j) => j.at === new Date(NEXT_DAILY.getTime() + HOUR).toISOString()),
      JSON.stringify(dailyJobs),
    );
  });

  it('should move the digest to 07:00 in the new timezone when the site’s timezone changes', async (ctx) => {
    const site = await digestSite(ctx, { timezone: 'UTC' });
    const utcSeven = new Date('2026-03-03T07:00:00.000Z');

    await site.t.masthead.services.settings.update({ timezone: 'Europe/Paris' });
    site.clock.set(utcSeven);
    const stale = await site.t.masthead.subscribe.planner.planDigest(site.daily.id, utcSeven);

    assert.equal(stale, null, 'the job of the old schedule sends nothing');
    const dailyJobs = (await digestJobs(site)).filter((j) => j.newsletterId === site.daily.id);
    assert.ok(
      dailyJobs.some((j) => j.at === NEXT_DAILY.toISOString() || j.at > utcSeven.toISOString()),
      `no digest left on the new schedule: ${JSON.stringify(dailyJobs)}`,
    );
  });
});

describe('Digests: selection', () => {
  /** Harbour articles of the day with featured flags and comments, and some that must stay out. */
  async function seedDay(site: Awaited<ReturnType<typeof digestSite>>) {
    const story = (title: string, time: string, extra: Record<string, unknown> = {}) =>
      publish(site.t, { title, categories: ['harbour'], published_at: at(time), ...extra });
    const quiet = await story('Quiet harbour note', '08:00');
    const festival = await story('Harbour festival', '07:00', { featured: true });
    const debate = await story('Ferry debate', '07:30');
    const lights = await story('Harbour lights', '08:15');
    const dredging = await story('Harbour dredging', '08:45');
    const early = await story('Before the period', '05:59');
    await story('Kept out of email', '08:50', { send_email: false });
    const rowing = await publish(site.t, {
      title: 'Rowing results',
      categories: ['sport'],
      published_at: at('08:30'),
    });
    for (const body of ['Yes to the ferry.', 'No to the ferry.'])
      await approvedComment(site.t, debate, { body });
    await approvedComment(site.t, lights, { body: 'Lovely.' });
    for (const body of ['Held one.', 'Held two.']) await pendingComment(site.t, lights, { body });
    return { quiet, festival, debate, lights, dredging, early, rowing };
  }

  it('should send the period’s articles of its categories, featured first, then by approved comments, then newest', async (ctx) => {
    const site = await digestSite(ctx);
    const a = await seedDay(site);
    site.clock.set(NEXT_DAILY);

    const created = await site.t.masthead.subscribe.planner.planDigest(site.daily.id, NEXT_DAILY);

    assert.ok(created);
    const [send] = await sends(site);
    assert.equal(send?.newsletter_id, site.daily.id);
    assert.equal(send?.dedupe_key, `digest:${NEXT_DAILY.toISOString()}`);
    assert.deepEqual(send?.article_ids, [a.festival.id, a.debate.id, a.lights.id, a.dredging.id, a.quiet.id]);
    assert.match(send?.subject ?? '', /^Morning briefing: /);
  });

  it('should gather the whole week in every category when the weekly digest is due', async (ctx) => {
    const site = await digestSite(ctx);
    const a = await seedDay(site);
    site.clock.set(NEXT_WEEKLY);

    await site.t.masthead.subscribe.planner.planDigest(site.weekly.id, NEXT_WEEKLY);

    const [send] = await sends(site);
    assert.ok(send?.article_ids.includes(a.rowing.id), 'another section');
    assert.ok(send?.article_ids.includes(a.early.id), 'earlier that week');
    assert.equal(send?.article_ids.length, 7);
  });

  it('should create no send, and schedule the next digest, when the period has no article', async (ctx) => {
    const site = await digestSite(ctx);
    await publish(site.t, { title: 'Rowing results', categories: ['sport'], published_at: at('08:30') });
    site.clock.set(NEXT_DAILY);

    const created = await site.t.masthead.subscribe.planner.planDigest(site.daily.id, NEXT_DAILY);

    assert.equal(created, null);
    assert.deepEqual(await sends(site), []);
    const following = new Date(NEXT_DAILY.getTime() + 24 * HOUR);
    assert.ok(
      (await digestJobs(site)).some(
        (j) => j.newsletterId === site.daily.id && j.at === following.toISOString(),
      ),
    );
  });

  it('should create one send when the same digest is planned twice', async (ctx) => {
    const site = await digestSite(ctx);
    await subscribeAndConfirm(site, 'ada@example.com', ['morning']);
    await publish(site.t, { title: 'Harbour news', categories: ['harbour'], published_at: at('08:00') });
    site.clock.set(NEXT_DAILY);

    const first = await site.t.masthead.subscribe.planner.planDigest(site.daily.id, NEXT_DAILY);
    const second = await site.t.masthead.subscribe.planner.planDigest(site.daily.id, NEXT_DAILY);

    assert.equal(first?.recipients, 1);
    assert.equal(second, null);
    assert.equal((await sends(site)).length, 1);
    const deliveries = await site.t.masthead.database.db
      .selectFrom('newsletter_deliveries')
      .select('email')
      .execute();
    assert.equal(deliveries.length, 1);
  });
});

describe('Digests: delivery', () => {
  it('should mail the digest once to each confirmed subscriber of that newsletter over SMTP', async (ctx) => {
    const site = await digestSite(ctx);
    const readers = ['ada@example.com', 'bo@example.com'];
    for (const email of readers) await subscribeAndConfirm(site, email, ['morning']);
    await subscribeAndConfirm(site, 'cy@example.com', ['week']);
    await site.t.masthead.app.inject({
      method: 'POST',
      url: '/api/subscribe',
      payload: { email: 'pending@example.com', newsletters: ['morning'] },
    });
    await publish(site.t, { title: 'Harbour festival', categories: ['harbour'], published_at: at('08:00') });
    site.clock.set(NEXT_DAILY);

    const created = await site.t.masthead.subscribe.planner.planDigest(site.daily.id, NEXT_DAILY);
    assert.ok(created);
    // Delivered directly: starting pg-boss's workers would also run jobs due by the wall clock.
    await site.t.masthead.subscribe.deliverSend(created.id);
    await site.t.masthead.subscribe.deliverSend(created.id);

    const [send] = await sends(site);
    const isDigest = (m: (typeof site.smtp.messages)[number]) => m.parsed.subject === send?.subject;
    for (const email of readers) {
      const mails = mailsTo(site.smtp, email).filter(isDigest);
      assert.equal(mails.length, 1, email);
      assert.match(mails[0]?.parsed.text ?? '', /Harbour festival/);
      assert.match(String(mails[0]?.parsed.html), /Harbour festival/);
    }
    assert.equal(mailsTo(site.smtp, 'cy@example.com').filter(isDigest).length, 0);
    assert.equal(mailsTo(site.smtp, 'pending@example.com').filter(isDigest).length, 0);
    const states = await site.t.masthead.database.db
      .selectFrom('newsletter_deliveries')
      .select(['email', 'state'])
      .orderBy('email')
      .execute();
    assert.deepEqual(
      states,
      readers.map((email) => ({ email, state: 'sent' })),
    );
  });
});
