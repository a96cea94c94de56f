import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTestApp, type TestApp } from '../../test/helpers/test-app.ts';
import { toDbTime } from '../db/values.ts';
import { createFixedClock } from '../lib/clock.ts';
import { NotFoundError, ValidationError } from '../lib/errors.ts';
import { newId } from '../lib/ids.ts';
import { createNewsletterService } from './newsletter-service.ts';
import {
  createSubscriberDirectory,
  type SubscriberDirectory,
  subscriberJson,
} from './subscriber-directory.ts';
import { createSuppressionService } from './suppression-service.ts';

describe('subscriber directory', () => {
  let t: TestApp;
  let directory: SubscriberDirectory;
  const clock = createFixedClock(new Date('2026-03-01T08:00:00Z'));
  const ids: Record<string, string> = {};

  async function addSubscriber(email: string, name: string, newsletterIds: string[], confirmed = true) {
    const { db, dialect } = t.masthead.database;
    clock.advance(60_000);
    const id = newId();
    const now = toDbTime(dialect, clock.now());
    await db
      .insertInto('subscribers')
      .values({ id, email, name, created_at: now, confirmed_at: confirmed ? now : null })
      .execute();
    for (const newsletterId of newsletterIds)
      await db
        .insertInto('subscriptions')
        .values({ subscriber_id: id, newsletter_id: newsletterId, created_at: now })
        .execute();
    ids[email] = id;
    return id;
  }

  before(async () => {
    t = await createTestApp();
    const { database } = t.masthead;
    const newsletters = createNewsletterService({ database, clock, taxonomy: t.masthead.services.taxonomy });
    directory = createSubscriberDirectory({ database, newsletters });
    const [daily, weekly] = await newsletters.createMany([
      { name: 'Daily', position: 1 },
      { name: 'Weekly', position: 2 },
    ]);
    await addSubscriber('ann.smith@example.org', 'Ann Smith', [daily?.id ?? '', weekly?.id ?? '']);
    await addSubscriber('bob@example.org', 'Bob SMITHSON', [weekly?.id ?? '']);
    await addSubscriber('carla@example.org', '', [], false);
    await addSubscriber('percent%@example.org', '50% off', [daily?.id ?? '']);
    await createSuppressionService({ database, clock }).add({ email: 'bob@example.org', reason: 'bounced' });
  });
  after(() => t.close());

  it('should list the newest first with newsletters and suppression when no filter is given', async () => {
    const { subscribers, pagination } = await directory.list({ page: { page: 1, limit: 3 } });

    assert.deepEqual(
      subscribers.map((s) => s.email),
      ['percent%@example.org', 'carla@example.org', 'bob@example.org'],
    );
    assert.deepEqual(pagination, { page: 1, limit: 3, pages: 2, total: 4, next: 2, prev: null });
    const bob = subscriberJson(subscribers[2] as never);
    assert.deepEqual(bob.newsletters, ['weekly']);
    assert.equal(bob.suppressed, 'bounced');
    assert.equal(subscribers[1]?.confirmedAt, null);
    assert.equal(subscribers[1]?.suppressed, null);
  });

  it('should match part of the email or the name in any case when q is given', async () => {
    const found = await directory.list({ q: 'SMITH', page: { page: 1, limit: 10 } });

    assert.deepEqual(found.subscribers.map((s) => s.email).sort(), [
      'ann.smith@example.org',
      'bob@example.org',
    ]);
    assert.equal(found.pagination.total, 2);
  });

  it('should take % and _ in q literally when searching', async () => {
    const found = await directory.list({ q: '%', page: { page: 1, limit: 10 } });

    assert.deepEqual(
      found.subscribers.map((s) => s.email),
      ['percent%@example.org'],
    );
  });

  it('should keep the subscribers of one newsletter when it is named, and refuse an unknown one', async () => {
    const found = await directory.list({ newsletter: 'daily', q: 'example', page: { page: 1, limit: 10 } });

    assert.deepEqual(found.subscribers.map((s) => s.email).sort(), [
      'ann.smith@example.org',
      'percent%@example.org',
    ]);
    assert.deepEqual(found.subscribers.find((s) => s.email.startsWith('ann'))?.newsletterSlugs, [
      'daily',
      'weekly',
    ]);
    await assert.rejects(
      directory.list({ newsletter: 'monthly', page: { page: 1, limit: 10 } }),
      (error: unknown) => error instanceof ValidationError && error.field === 'newsletter',
    );
  });

  it('should delete the subscriber with their subscriptions when removed, and 404 afterwards', async () => {
    const id = ids['ann.smith@example.org'] as string;

    await directory.remove(id);

    await assert.rejects(directory.get(id), NotFoundError);
    const left = await t.masthead.database.db
      .selectFrom('subscriptions')
      .select('newsletter_id')
      .where('subscriber_id', '=', id)
      .execute();
    assert.deepEqual(left, []);
    await assert.rejects(directory.get('not-an-id'), NotFoundError);
  });
});
