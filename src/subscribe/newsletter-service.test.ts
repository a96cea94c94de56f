import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTestApp, type TestApp } from '../../test/helpers/test-app.ts';
import { createFixedClock } from '../lib/clock.ts';
import { type AppError, ConflictError, NotFoundError, ValidationError } from '../lib/errors.ts';
import { createNewsletterService, type NewsletterService } from './newsletter-service.ts';

async function rejectsWith(
  promise: Promise<unknown>,
  type: new (...args: never[]) => AppError,
  expected: { code: string; field?: string },
): Promise<void> {
  await assert.rejects(promise, (error: unknown) => {
    assert.ok(error instanceof type, `expected ${type.name}, got ${String(error)}`);
    assert.equal(error.code, expected.code);
    if (expected.field !== undefined) assert.equal(error.field, expected.field);
    return true;
  });
}

describe('newsletter service', () => {
  let t: TestApp;
  let newsletters: NewsletterService;
  const clock = createFixedClock(new Date('2026-03-01T08:00:00Z'));

  before(async () => {
    t = await createTestApp();
    newsletters = createNewsletterService({
      database: t.masthead.database,
      clock,
      taxonomy: t.masthead.services.taxonomy,
    });
  });
  after(() => t.close());

  it('should derive the slug and apply the defaults when only a name is given', async () => {
    const [created] = await newsletters.createMany([{ name: 'Morning Briefing' }]);

    assert.ok(created);
    assert.equal(created.slug, 'morning-briefing');
    assert.deepEqual(
      {
        cadence: created.cadence,
        sendHour: created.sendHour,
        sendWeekday: created.sendWeekday,
        tracksOpens: created.tracksOpens,
        tracksClicks: created.tracksClicks,
        categoryIds: created.categoryIds,
        description: created.description,
      },
      {
        cadence: 'publish',
        sendHour: 7,
        sendWeekday: 1,
        tracksOpens: false,
        tracksClicks: false,
        categoryIds: [],
        description: '',
      },
    );
    assert.deepEqual(await newsletters.get('morning-briefing'), created);
    assert.deepEqual(await newsletters.get(created.id), created);
  });

  it('should number the slug when another newsletter has the same name', async () => {
    const [first, second] = await newsletters.createMany([{ name: 'Sport' }, { name: 'Sport' }]);

    assert.equal(first?.slug, 'sport');
    assert.equal(second?.slug, 'sport-2');
  });

  it('should refuse with SLUG_TAKEN on slug when a chosen slug is taken', async () => {
    await newsletters.createMany([{ name: 'Weekend', slug: 'weekend' }]);

    await rejectsWith(newsletters.createMany([{ name: 'Other', slug: 'weekend' }]), ConflictError, {
      code: 'SLUG_TAKEN',
      field: 'slug',
    });
    await rejectsWith(newsletters.update('sport', { slug: 'weekend' }), ConflictError, {
      code: 'SLUG_TAKEN',
      field: 'slug',
    });
  });

  it('should resolve categories given by slug or id when a newsletter is created', async () => {
    const { taxonomy } = t.masthead.services;
    const politics = await taxonomy.categories.create({ name: 'Politics' });
    const business = await taxonomy.categories.create({ name: 'Business' });

    const [created] = await newsletters.createMany([
      { name: 'Money and power', categories: ['politics', business.id], cadence: 'weekly', send_weekday: 5 },
    ]);

    assert.deepEqual(created?.categoryIds, [politics.id, business.id]);
    assert.equal(created?.cadence, 'weekly');
    assert.equal(created?.sendWeekday, 5);
  });

  it('should refuse with UNKNOWN_CATEGORY on categories[1] and create nothing when a category is unknown', async () => {
    await rejectsWith(
      newsletters.createMany([
        { name: 'Fine one' },
        { name: 'Broken', categories: ['politics', 'no-such-section'] },
      ]),
      ValidationError,
      { code: 'UNKNOWN_CATEGORY', field: 'categories[1]' },
    );

    await rejectsWith(newsletters.get('fine-one'), NotFoundError, { code: 'NEWSLETTER_NOT_FOUND' });
  });

  it('should change only the fields given when a newsletter is updated', async () => {
    const [created] = await newsletters.createMany([{ name: 'Evening', description: 'At six' }]);
    clock.advance(60_000);

    const updated = await newsletters.update('evening', { send_hour: 18, track_opens: true, categories: [] });

    assert.equal(updated.sendHour, 18);
    assert.equal(updated.tracksOpens, true);
    assert.equal(updated.description, 'At six');
    assert.equal(updated.updatedAt.getTime(), (created?.updatedAt.getTime() ?? 0) + 60_000);
    assert.deepEqual(await newsletters.get('evening'), updated);
  });

  it('should list newsletters by position then name when all are asked for', async () => {
    await newsletters.createMany([
      { name: 'Zebra', position: 1 },
      { name: 'Alpha', position: 2 },
    ]);

    const names = (await newsletters.listAll()).map((n) => n.name);

    assert.ok(names.indexOf('Zebra') < names.indexOf('Alpha'));
    assert.ok(names.indexOf('Evening') < names.indexOf('Zebra'), 'position 0 comes first');
    const page = await newsletters.list({ page: 1, limit: 2 });
    assert.equal(page.newsletters.length, 2);
    assert.equal(page.pagination.total, names.length);
  });

  it('should answer newsletters in the order asked and refuse an unknown slug on the given field', async () => {
    const found = await newsletters.findBySlugs(['weekend', 'Sport', 'weekend'], 'newsletters');
    assert.deepEqual(
      found.map((n) => n.slug),
      ['weekend', 'sport'],
    );

    await rejectsWith(newsletters.findBySlugs(['sport', 'nope'], 'newsletters'), ValidationError, {
      code: 'UNKNOWN_NEWSLETTER',
      field: 'newsletters',
    });
  });

  it('should forget a newsletter when it is removed', async () => {
    await newsletters.createMany([{ name: 'Short lived' }]);

    await newsletters.remove('short-lived');

    await rejectsWith(newsletters.get('short-lived'), NotFoundError, { code: 'NEWSLETTER_NOT_FOUND' });
    await rejectsWith(newsletters.remove('short-lived'), NotFoundError, { code: 'NEWSLETTER_NOT_FOUND' });
  });
});
