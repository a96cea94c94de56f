import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fromDbJson, fromDbTime } from '../../src/db/values.ts';
import { createFixedClock } from '../../src/lib/clock.ts';
import { get, publish } from '../site/site-helpers.ts';
import {
  createNewsletters,
  latestMail,
  linkIn,
  mailsTo,
  openSubscribeSite,
  postForm,
  type SubscribeSite,
  sendArticleNow,
  subscribeAndConfirm,
} from './subscribe-helpers.ts';

const ADA = 'ada@example.com';
const BO = 'bo@example.com';
const CONFIRM = '/subscribe/confirm';
const CONFIRM_SUBJECT = /^Confirm your subscription to Harbour Herald$/;
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/** A site with two newsletters, on a clock that stands still unless a test moves it. */
async function newsletterSite(ctx: Parameters<typeof openSubscribeSite>[0]) {
  const clock = createFixedClock(new Date('2026-03-02T09:00:00.000Z'));
  const site = await openSubscribeSite(ctx, { clock });
  await site.t.masthead.services.settings.update({ title: 'Harbour Herald' });
  const [morning, evening] = await createNewsletters(site.t, [
    { name: 'Morning briefing', slug: 'morning' },
    { name: 'Evening edition', slug: 'evening' },
  ]);
  assert.ok(morning && evening);
  return { ...site, clock, morning, evening };
}

const apiSignup = (site: SubscribeSite, payload: unknown) =>
  site.t.masthead.app.inject({ method: 'POST', url: '/api/subscribe', payload: payload as object });

async function subscriberRecord(site: SubscribeSite, email: string) {
  const { db, dialect } = site.t.masthead.database;
  const subscriber = await db
    .selectFrom('subscribers')
    .selectAll()
    .where('email', '=', email)
    .executeTakeFirst();
  if (!subscriber) return null;
  const subscriptions = await db
    .selectFrom('subscriptions')
    .select('newsletter_id')
    .where('subscriber_id', '=', subscriber.id)
    .orderBy('newsletter_id')
    .execute();
  const consents = await db
    .selectFrom('consents')
    .selectAll()
    .where('subscriber_id', '=', subscriber.id)
    .execute();
  return {
    confirmedAt: subscriber.confirmed_at === null ? null : fromDbTime(subscriber.confirmed_at),
    name: subscriber.name,
    newsletterIds: subscriptions.map((row) => row.newsletter_id),
    consents: consents.map((row) => ({
      source: row.source,
      newsletterIds: fromDbJson(dialect, row.newsletter_ids),
      requestedAt: fromDbTime(row.requested_at).toISOString(),
      confirmedAt: fromDbTime(row.confirmed_at).toISOString(),
    })),
  };
}

describe('Signup: double opt-in', () => {
  it('should mail a confirmation link and confirm the subscription with its consent when the link is opened', async (ctx) => {
    const site = await newsletterSite(ctx);
    const requestedAt = site.clock.now();

    const answer = await apiSignup(site, {
      email: ' Ada@Example.com ',
      name: 'Ada',
      newsletters: ['evening'],
    });
    const mail = await latestMail(site, ADA, CONFIRM_SUBJECT);
    const before = await subscriberRecord(site, ADA);
    site.clock.advance(10 * MINUTE);
    const page = await get(site.t, linkIn(mail, CONFIRM));

    assert.equal(answer.statusCode, 202);
    assert.equal(before, null, 'nobody is subscribed before the link is opened');
    assert.match(mail.parsed.text ?? '', /> Evening edition/);
    assert.doesNotMatch(mail.parsed.text ?? '', /Morning briefing/);
    const link = `https://news.example${linkIn(mail, CONFIRM)}`;
    assert.ok((mail.parsed.text ?? '').includes(link), 'the text part carries the link');
    assert.ok(String(mail.parsed.html).includes(`href="${link}"`), 'the HTML part carries the same link');
    assert.equal(page.status, 200, page.text.slice(0, 300));
    assert.match(page.text, /You are subscribed/);
    assert.match(page.text, /ada@example\.com will receive: Evening edition\./);
    assert.deepEqual(await subscriberRecord(site, ADA), {
      confirmedAt: site.clock.now(),
      name: 'Ada',
      newsletterIds: [site.evening.id],
      consents: [
        {
          source: 'api',
          newsletterIds: [site.evening.id],
          requestedAt: requestedAt.toISOString(),
          confirmedAt: site.clock.now().toISOString(),
        },
      ],
    });
  });

  it('should record the form the reader used when the signup comes from the footer or the page', async (ctx) => {
    const site = await newsletterSite(ctx);

    const footer = await postForm(site.t, '/subscribe', {
      email: ADA,
      source: 'footer',
      newsletters: 'morning',
    });
    const page = await postForm(site.t, '/subscribe', {
      email: BO,
      source: 'page',
      newsletters: ['morning', 'evening'],
    });
    for (const email of [ADA, BO])
      assert.equal(
        (await get(site.t, linkIn(await latestMail(site, email, CONFIRM_SUBJECT), CONFIRM))).status,
        200,
      );

    assert.equal(footer.statusCode, 200);
    assert.equal(page.statusCode, 200);
    assert.match(footer.body, /Check your inbox/);
    const ada = await subscriberRecord(site, ADA);
    const bo = await subscriberRecord(site, BO);
    assert.deepEqual(
      ada?.consents.map((c) => [c.source, c.newsletterIds]),
      [['footer', [site.morning.id]]],
    );
    assert.deepEqual(
      bo?.consents.map((c) => [c.source, [...(c.newsletterIds as string[])].sort()]),
      [['page', [site.morning.id, site.evening.id].sort()]],
    );
    assert.deepEqual(bo?.newsletterIds, [site.morning.id, site.evening.id].sort());
  });
});

describe('Signup: no enumeration', () => {
  it('should answer the API byte for byte the same for a new, a subscribed and a capped address', async (ctx) => {
    const site = await newsletterSite(ctx);
    await subscribeAndConfirm(site, BO);
    const capped = 'capped@example.com';
    for (let i = 0; i < 3; i += 1) assert.equal((await apiSignup(site, { email: capped })).statusCode, 202);

    const answers = [];
    for (const email of [ADA, BO, capped])
      answers.push(await apiSignup(site, { email, newsletters: ['morning'] }));
    await site.t.masthead.deliverMail();
    await site.smtp.waitForMail((m) => m.envelope.to.includes(ADA));

    for (const answer of answers) {
      assert.equal(answer.statusCode, 202);
      assert.equal(answer.body, answers[0]?.body);
      assert.equal(answer.headers['content-type'], answers[0]?.headers['content-type']);
      assert.equal(answer.headers['content-length'], answers[0]?.headers['content-length']);
    }
    assert.deepEqual(JSON.parse(answers[0]?.body ?? ''), {
      status: 'pending',
      message: 'If the address can receive mail, a confirmation link is on its way.',
    });
    assert.equal(mailsTo(site.smtp, capped).length, 3, 'the fourth signup in an hour mailed nothing');
    assert.equal(mailsTo(site.smtp, BO).length, 2, 'a subscribed reader may confirm again');
  });

  it('should show the same page for a new, a subscribed and a capped address when the form is used', async (ctx) => {
    const site = await newsletterSite(ctx);
    await subscribeAndConfirm(site, BO);
    const capped = 'capped@example.com';
    for (let i = 0; i < 3; i += 1) await postForm(site.t, '/subscribe', { email: capped, source: 'footer' });

    const pages = [];
    for (const email of [ADA, BO, capped])
      pages.push(await postForm(site.t, '/subscribe', { email, source: 'footer', newsletters: 'morning' }));
    await site.t.masthead.deliverMail();

    for (const page of pages) {
      assert.equal(page.statusCode, 200);
      assert.equal(page.body, pages[0]?.body);
    }
    assert.equal(mailsTo(site.smtp, capped).length, 3);
    assert.equal(mailsTo(site.smtp, ADA).length, 1);
  });

  it('should send a confirmation again when the hour of the cap has passed', async (ctx) => {
    const site = await newsletterSite(ctx);
    for (let i = 0; i < 4; i += 1) await apiSignup(site, { email: ADA });
    site.clock.advance(HOUR + MINUTE);

    await apiSignup(site, { email: ADA });
    await site.t.masthead.deliverMail();

    assert.equal(mailsTo(site.smtp, ADA).length, 4);
  });
});

describe('Signup: the confirmation link', () => {
  it('should say the link was already used when it is opened a second time', async (ctx) => {
    const site = await newsletterSite(ctx);
    await apiSignup(site, { email: ADA });
    const link = linkIn(await latestMail(site, ADA, CONFIRM_SUBJECT), CONFIRM);

    const first = await get(site.t, link);
    const second = await get(site.t, link);

    assert.equal(first.status, 200);
    assert.equal(second.status, 200);
    assert.match(second.text, /This link has already been used/);
    assert.equal((await subscriberRecord(site, ADA))?.consents.length, 1, 'no second consent');
  });

  it('should answer 410 and subscribe nobody when the link is opened after 48 hours', async (ctx) => {
    const site = await newsletterSite(ctx);
    await apiSignup(site, { email: ADA });
    const link = linkIn(await latestMail(site, ADA, CONFIRM_SUBJECT), CONFIRM);
    site.clock.advance(49 * HOUR);

    const page = await get(site.t, link);

    assert.equal(page.status, 410);
    assert.match(page.text, /This link has expired/);
    assert.equal(await subscriberRecord(site, ADA), null);
  });

  it('should answer 400 and subscribe nobody when the token is changed or missing', async (ctx) => {
    const site = await newsletterSite(ctx);
    await apiSignup(site, { email: ADA });
    const link = linkIn(await latestMail(site, ADA, CONFIRM_SUBJECT), CONFIRM);
    const last = link.slice(-1);
    const tampered = `${link.slice(0, -1)}${last === 'A' ? 'B' : 'A'}`;

    const pages = [];
    for (const url of [tampered, `${link}x`, CONFIRM, `${CONFIRM}?token=`, `${CONFIRM}?token=a&token=b`])
      pages.push(await get(site.t, url));

    for (const page of pages) {
      assert.equal(page.status, 400, page.text.slice(0, 200));
      assert.match(page.text, /This link does not work/);
    }
    assert.equal(await subscriberRecord(site, ADA), null);
    assert.equal((await get(site.t, link)).status, 200, 'the real link still works');
  });
});

describe('Signup: pending addresses', () => {
  it('should mail nothing to an unconfirmed address when its newsletter sends', async (ctx) => {
    const site = await openSubscribeSite(ctx);
    await createNewsletters(site.t, [
      { name: 'Morning briefing', slug: 'morning' },
      { name: 'Evening edition', slug: 'evening' },
    ]);
    await apiSignup(site, { email: ADA, newsletters: ['morning'] });
    await subscribeAndConfirm(site, BO, ['evening']);

    const article = await publish(site.t, { title: 'Ferries run again', published_at: new Date() });
    await sendArticleNow(site, article.id);
    const sends = await site.t.masthead.database.db.selectFrom('newsletter_sends').select('id').execute();
    const deliveries = await site.t.masthead.database.db
      .selectFrom('newsletter_deliveries')
      .select('email')
      .execute();

    assert.equal(mailsTo(site.smtp, BO).filter((m) => m.parsed.subject === 'Ferries run again').length, 1);
    assert.equal(sends.length, 2, 'both newsletters planned the article');
    assert.deepEqual(
      deliveries.map((row) => row.email),
      [BO],
    );
    assert.deepEqual(
      mailsTo(site.smtp, ADA).map((m) => m.parsed.subject),
      ['Confirm your subscription to Masthead'],
    );
  });
});
