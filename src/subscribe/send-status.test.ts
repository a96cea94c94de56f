import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTestApp, type TestApp } from '../../test/helpers/test-app.ts';
import type { DeliveryState } from '../db/schema.ts';
import { toDbTime } from '../db/values.ts';
import { createFixedClock } from '../lib/clock.ts';
import { NotFoundError, ValidationError } from '../lib/errors.ts';
import { newId } from '../lib/ids.ts';
import type { Newsletter } from './newsletter.ts';
import { createNewsletterService } from './newsletter-service.ts';
import { createSendStatus, type SendStatus, sendProgressJson } from './send-status.ts';

describe('send status', () => {
  let t: TestApp;
  let status: SendStatus;
  let daily: Newsletter;
  let weekly: Newsletter;
  const clock = createFixedClock(new Date('2026-03-01T08:00:00Z'));

  async function addSend(
    newsletter: Newsletter,
    subject: string,
    states: Partial<Record<DeliveryState, number>>,
  ) {
    const { db, dialect } = t.masthead.database;
    clock.advance(60_000);
    const id = newId();
    const now = toDbTime(dialect, clock.now());
    await db
      .insertInto('newsletter_sends')
      .values({
        id,
        newsletter_id: newsletter.id,
        dedupe_key: `article:${id}`,
        subject,
        html_body: '<p>Hi</p>',
        text_body: 'Hi',
        state: 'sending',
        created_at: now,
      })
      .execute();
    const rows = Object.entries(states).flatMap(([state, count]) =>
      Array.from({ length: count }, (_, i) => ({
        send_id: id,
        email: `${state}${i}@example.org`,
        state: state as DeliveryState,
        next_attempt_at: now,
      })),
    );
    if (rows.length > 0) await db.insertInto('newsletter_deliveries').values(rows).execute();
    return id;
  }

  before(async () => {
    t = await createTestApp();
    const { database } = t.masthead;
    status = createSendStatus({ database });
    [daily, weekly] = (await createNewsletterService({
      database,
      clock,
      taxonomy: t.masthead.services.taxonomy,
    }).createMany([{ name: 'Daily' }, { name: 'Weekly' }])) as [Newsletter, Newsletter];
  });
  after(() => t.close());

  it('should count the deliveries of a send by state when one send is asked for', async () => {
    const id = await addSend(daily, 'Storm warning', { queued: 3, sent: 5, failed: 1, skipped: 2 });

    const json = sendProgressJson(await status.get(id));

    assert.deepEqual(json.counts, {
      total: 11,
      queued: 3,
      sending: 0,
      sent: 5,
      failed: 1,
      bounced: 0,
      skipped: 2,
    });
    assert.deepEqual(json.newsletter, { id: daily.id, slug: 'daily', name: 'Daily' });
    assert.equal(json.subject, 'Storm warning');
    assert.equal(json.state, 'sending');
    assert.equal(json.finished_at, null);
  });

  it('should list the newest sends first, of one newsletter when it is named', async () => {
    await addSend(weekly, 'Week in review', { sent: 2 });
    await addSend(daily, 'Budget day', {});

    const latest = await status.list({ limit: 2 });
    const ofDaily = await status.list({ newsletter: 'daily', limit: 10 });

    assert.deepEqual(
      latest.map((s) => s.subject),
      ['Budget day', 'Week in review'],
    );
    assert.equal(latest[0]?.counts.total, 0);
    assert.deepEqual(
      ofDaily.map((s) => s.subject),
      ['Budget day', 'Storm warning'],
    );
  });

  it('should refuse an unknown newsletter with 422 on newsletter and an unknown send with 404', async () => {
    await assert.rejects(
      status.list({ newsletter: 'monthly', limit: 10 }),
      (error: unknown) => error instanceof ValidationError && error.field === 'newsletter',
    );
    await assert.rejects(status.get(newId()), NotFoundError);
    await assert.rejects(status.get('nope'), NotFoundError);
  });
});
