import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import Fastify from 'fastify';
import { createTestApp } from '../../../test/helpers/test-app.ts';
import { fromDbTimeOrNull, toDbJson, toDbTime } from '../../db/values.ts';
import { createFixedClock } from '../../lib/clock.ts';
import { createErrorHandling } from '../../lib/http/error-handler.ts';
import { newId } from '../../lib/ids.ts';
import { placeholders } from './newsletter-personalisation.ts';
import { createNewsletterTracking, registerNewsletterTrackingRoutes } from './newsletter-tracking.ts';

const start = new Date('2026-03-02T09:00:00.000Z');
const SECRET = 'a-site-secret-of-at-least-32-characters';
const SITE = 'https://news.example';
const ARTICLE = 'https://news.example/2026/03/harbour-reopens/';
type Context = { after: (fn: () => Promise<void>) => void };

/** The tracking routes on an app of their own, over a migrated database with one send to two readers. */
async function setUp(context: Context) {
  const clock = createFixedClock(start);
  const t = await createTestApp({ clock });
  const { database } = t.masthead;
  const { db, dialect } = database;
  const tracking = createNewsletterTracking({ secret: SECRET, siteUrl: SITE, clock });
  const app = Fastify({ routerOptions: { maxParamLength: 500 } });
  createErrorHandling().register(app);
  await registerNewsletterTrackingRoutes(app, { tracking, database, clock });
  context.after(async () => {
    await app.close();
    await t.close();
  });

  const now = toDbTime(dialect, start);
  const newsletterId = newId();
  const sendId = newId();
  await db
    .insertInto('newsletters')
    .values({
      id: newsletterId,
      slug: 'daily',
      name: 'Daily',
      cadence: 'daily',
      created_at: now,
      updated_at: now,
    })
    .execute();
  await db
    .insertInto('newsletter_sends')
    .values({
      id: sendId,
      newsletter_id: newsletterId,
      dedupe_key: 'article:1',
      article_ids: toDbJson([]),
      subject: 'Harbour reopens',
      html_body: '',
      text_body: '',
      state: 'sending',
      created_at: now,
    })
    .execute();
  await db
    .insertInto('newsletter_deliveries')
    .values(
      ['ada@example.com', 'bo@example.com'].map((email) => ({
        send_id: sendId,
        email,
        state: 'sent' as const,
        next_attempt_at: now,
        sent_at: now,
      })),
    )
    .execute();

  const delivery = async (email: string) => {
    const row = await db
      .selectFrom('newsletter_deliveries')
      .select(['opened_at', 'clicked_at'])
      .where('send_id', '=', sendId)
      .where('email', '=', email)
      .executeTakeFirstOrThrow();
    return { openedAt: fromDbTimeOrNull(row.opened_at), clickedAt: fromDbTimeOrNull(row.clicked_at) };
  };
  /** A tracking URL as it reaches the reader: the placeholder replaced by their token, path only. */
  const asSentTo = (url: string, email: string) =>
    url.replace(SITE, '').replace(placeholders.trackingToken, tracking.tokenFor(sendId, email));
  const get = (url: string) => app.inject({ method: 'GET', url });
  return { app, clock, tracking, sendId, delivery, asSentTo, get };
}

describe('newsletter tracking links', () => {
  it('should sign a click link for one send and one target when it is made', () => {
    const tracking = createNewsletterTracking({
      secret: SECRET,
      siteUrl: SITE,
      clock: createFixedClock(start),
    });
    const url = new URL(tracking.clickUrl('send-1', ARTICLE));
    const signature = url.searchParams.get('s');

    assert.equal(url.searchParams.get('u'), ARTICLE);
    assert.ok(url.pathname.startsWith('/newsletters/click/send-1/'));
    assert.equal(tracking.isSignedClick('send-1', ARTICLE, signature), true);
    assert.equal(tracking.isSignedClick('send-2', ARTICLE, signature), false);
    assert.equal(tracking.isSignedClick('send-1', 'https://evil.example/', signature), false);
  });

  it('should put the token placeholder in the pixel URL when it is made', () => {
    const tracking = createNewsletterTracking({
      secret: SECRET,
      siteUrl: SITE,
      clock: createFixedClock(start),
    });

    assert.equal(
      tracking.openUrl('send-1'),
      `${SITE}/newsletters/open/send-1/${placeholders.trackingToken}.gif`,
    );
  });

  it('should name the reader of a token only in the send it was made for', () => {
    const tracking = createNewsletterTracking({
      secret: SECRET,
      siteUrl: SITE,
      clock: createFixedClock(start),
    });
    const token = tracking.tokenFor('send-1', 'ada@example.com');

    assert.equal(tracking.recipientOf('send-1', token), 'ada@example.com');
    assert.equal(tracking.recipientOf('send-2', token), null);
    assert.equal(tracking.recipientOf('send-1', `${token}x`), null);
    assert.equal(tracking.recipientOf('send-1', undefined), null);
  });
});

describe('newsletter tracking routes', () => {
  it('should answer a transparent GIF and record the first open when the token is valid', async (context) => {
    const { tracking, sendId, delivery, asSentTo, get, clock } = await setUp(context);
    const pixel = asSentTo(tracking.openUrl(sendId), 'ada@example.com');

    const first = await get(pixel);
    clock.advance(60_000);
    await get(pixel);

    assert.equal(first.statusCode, 200);
    assert.equal(first.headers['content-type'], 'image/gif');
    assert.equal(first.headers['cache-control'], 'no-store');
    assert.equal(first.rawPayload.subarray(0, 6).toString('latin1'), 'GIF89a');
    assert.deepEqual(await delivery('ada@example.com'), { openedAt: start, clickedAt: null });
    assert.deepEqual(await delivery('bo@example.com'), { openedAt: null, clickedAt: null });
  });

  it('should answer the same GIF and record nothing when the token is forged or for another send', async (context) => {
    const { tracking, sendId, delivery, get } = await setUp(context);
    const otherSendToken = tracking.tokenFor(newId(), 'ada@example.com');

    const forged = await get(`/newsletters/open/${sendId}/not-a-token.gif`);
    const otherSend = await get(`/newsletters/open/${sendId}/${otherSendToken}.gif`);

    for (const response of [forged, otherSend]) {
      assert.equal(response.statusCode, 200);
      assert.equal(response.headers['content-type'], 'image/gif');
      assert.equal(response.headers['cache-control'], 'no-store');
    }
    assert.deepEqual(await delivery('ada@example.com'), { openedAt: null, clickedAt: null });
  });

  it('should redirect to the article and record the click and the open when the link is signed', async (context) => {
    const { tracking, sendId, delivery, asSentTo, get, clock } = await setUp(context);
    const link = asSentTo(tracking.clickUrl(sendId, ARTICLE), 'bo@example.com');

    const response = await get(link);
    clock.advance(60_000);
    await get(link);

    assert.equal(response.statusCode, 302);
    assert.equal(response.headers.location, ARTICLE);
    assert.equal(response.headers['cache-control'], 'no-store');
    assert.deepEqual(await delivery('bo@example.com'), { openedAt: start, clickedAt: start });
  });

  it('should keep the first open when a reader clicks after opening', async (context) => {
    const { tracking, sendId, delivery, asSentTo, get, clock } = await setUp(context);
    await get(asSentTo(tracking.openUrl(sendId), 'ada@example.com'));
    clock.advance(60_000);

    await get(asSentTo(tracking.clickUrl(sendId, ARTICLE), 'ada@example.com'));

    assert.deepEqual(await delivery('ada@example.com'), {
      openedAt: start,
      clickedAt: new Date(start.getTime() + 60_000),
    });
  });

  it('should answer 400 and never redirect when the target or the signature was changed', async (context) => {
    const { tracking, sendId, delivery, asSentTo, get } = await setUp(context);
    const link = asSentTo(tracking.clickUrl(sendId, ARTICLE), 'ada@example.com');
    const retargeted = link.replace(encodeURIComponent(ARTICLE), encodeURIComponent('https://evil.example/'));
    const resigned = link.replace(/s=[^&]+/, 's=AAAA');
    const unsigned = link.replace(/&s=[^&]+/, '');
    const javascript = asSentTo(tracking.clickUrl(sendId, 'javascript:alert(1)'), 'ada@example.com');

    for (const url of [retargeted, resigned, unsigned, javascript]) {
      const response = await get(url);
      assert.equal(response.statusCode, 400, url);
      assert.equal(response.headers.location, undefined);
    }
    assert.deepEqual(await delivery('ada@example.com'), { openedAt: null, clickedAt: null });
  });

  it('should still redirect but record nothing when the token in a signed link is damaged', async (context) => {
    const { tracking, sendId, delivery, get } = await setUp(context);
    const link = tracking
      .clickUrl(sendId, ARTICLE)
      .replace(SITE, '')
      .replace(placeholders.trackingToken, 'x.y');

    const response = await get(link);

    assert.equal(response.statusCode, 302);
    assert.equal(response.headers.location, ARTICLE);
    assert.deepEqual(await delivery('ada@example.com'), { openedAt: null, clickedAt: null });
  });
});
