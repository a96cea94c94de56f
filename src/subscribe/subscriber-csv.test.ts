import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { parse } from 'csv-parse/sync';
import { createTestApp, type TestApp } from '../../test/helpers/test-app.ts';
import { fromDbJson } from '../db/values.ts';
import { createFixedClock } from '../lib/clock.ts';
import { ConflictError, ValidationError } from '../lib/errors.ts';
import type { Newsletter } from './newsletter.ts';
import { createNewsletterService } from './newsletter-service.ts';
import { exportSubscribersCsv, importSubscribers, parseSubscriberCsv } from './subscriber-csv.ts';
import { createSuppressionService } from './suppression-service.ts';

describe('subscriber CSV', () => {
  let t: TestApp;
  let all: Newsletter[];
  const clock = createFixedClock(new Date('2026-03-01T08:00:00Z'));
  const idOf = (slug: string) => all.find((n) => n.slug === slug)?.id as string;
  const deps = () => ({ database: t.masthead.database, clock });

  before(async () => {
    t = await createTestApp();
    const newsletters = createNewsletterService({
      database: t.masthead.database,
      clock,
      taxonomy: t.masthead.services.taxonomy,
    });
    all = await newsletters.createMany([{ name: 'Daily' }, { name: 'Weekly' }]);
  });
  after(() => t.close());

  describe('parsing', () => {
    it('should report each bad line by its line number and field and keep the good ones', () => {
      const csv = [
        'email,name,newsletters,created_at',
        'ann@example.org,Ann,daily,2024-01-05T10:00:00Z',
        'not-an-email,Bad,,',
        'bob@example.org,"Bob',
        'Broken",,',
        'carl@example.org,Carl,daily;nope,',
        'ANN@example.org,Ann again,,',
        'dana@example.org,Dana,Weekly | daily,',
        'eve@example.org,Eve',
        '',
        `frank@example.org,${'F'.repeat(201)},,`,
        'gina@example.org,Gina,,yesterday',
        `${'x'.repeat(250)}@example.org,Long,,`,
        'hal@example.org,"Hal ""the"" Pal",,2024-02-01',
        'ivy@example.org,Ivy\tTab,,',
        '',
      ].join('\n');

      const { good, rejected } = parseSubscriberCsv(csv, {
        newsletters: all,
        defaultNewsletterSlugs: ['weekly'],
      });

      assert.deepEqual(
        rejected.map((r) => [r.line, r.field]),
        [
          [3, 'email'],
          [4, 'name'],
          [6, 'newsletters'],
          [7, 'email'],
          [9, 'csv'],
          [11, 'name'],
          [12, 'created_at'],
          [13, 'email'],
          [15, 'name'],
        ],
      );
      assert.match(rejected.find((r) => r.line === 7)?.message ?? '', /line 2/);
      assert.match(rejected.find((r) => r.line === 6)?.message ?? '', /nope/);
      assert.deepEqual(good, [
        {
          line: 2,
          email: 'ann@example.org',
          name: 'Ann',
          newsletterIds: [idOf('daily')],
          createdAt: new Date('2024-01-05T10:00:00Z'),
        },
        { line: 8, email: 'dana@example.org', name: 'Dana', newsletterIds: [idOf('weekly'), idOf('daily')] },
        {
          line: 14,
          email: 'hal@example.org',
          name: 'Hal "the" Pal',
          newsletterIds: [idOf('weekly')],
          createdAt: new Date('2024-02-01T00:00:00Z'),
        },
      ]);
    });

    it('should count lines as an editor does when a file has a byte order mark and CRLF line ends', () => {
      const csv = '\uFEFFEmail,Name\r\na@example.org,\r\nb@example.org,"B\r\nC"\r\n\r\nc@example.org,Cy';

      const { good, rejected } = parseSubscriberCsv(csv, { newsletters: all });

      assert.deepEqual(
        rejected.map((r) => [r.line, r.field]),
        [[3, 'name']],
      );
      assert.deepEqual(
        good.map((g) => [g.line, g.email, g.name, g.newsletterIds]),
        [
          [2, 'a@example.org', '', []],
          [6, 'c@example.org', 'Cy', []],
        ],
      );
    });

    it('should reject from the line where a quote is left open and keep the lines before it', () => {
      const { good, rejected } = parseSubscriberCsv(
        'email,name\na@example.org,A\nb@example.org,"B\nc@example.org,C\n',
        {
          newsletters: all,
        },
      );

      assert.deepEqual(
        good.map((g) => g.line),
        [2],
      );
      assert.deepEqual(
        rejected.map((r) => [r.line, r.field]),
        [[3, 'csv']],
      );
    });

    it('should refuse the whole file when it is empty, has no email column or names an unknown default', () => {
      const refuses = (text: string, code: string, defaults: string[] = []) =>
        assert.throws(
          () => parseSubscriberCsv(text, { newsletters: all, defaultNewsletterSlugs: defaults }),
          (error: unknown) => error instanceof ValidationError && error.code === code,
        );
      refuses('', 'CSV_EMPTY');
      refuses('name,newsletters\nAnn,daily\n', 'CSV_NO_EMAIL_COLUMN');
      refuses('email\na@example.org\n', 'UNKNOWN_NEWSLETTER', ['monthly']);
    });
  });

  describe('importing and exporting', () => {
    it('should import every line confirmed with its consent and report progress by chunk', async () => {
      const lines = Array.from({ length: 1200 }, (_, i) => `reader${i}@example.org,Reader ${i},daily`);
      const { good } = parseSubscriberCsv(['email,name,newsletters', ...lines].join('\n'), {
        newsletters: all,
      });
      const progress: [number, number][] = [];

      const result = await importSubscribers(deps(), good, {
        onProgress: (done, total) => progress.push([done, total]),
      });

      assert.deepEqual(result, { imported: 1200, updated: 0 });
      assert.deepEqual(progress, [
        [500, 1200],
        [1000, 1200],
        [1200, 1200],
      ]);
      const { db, dialect } = t.masthead.database;
      const row = await db
        .selectFrom('subscribers')
        .innerJoin('consents', 'consents.subscriber_id', 'subscribers.id')
        .select(['subscribers.id', 'subscribers.confirmed_at', 'consents.source', 'consents.newsletter_ids'])
        .where('subscribers.email', '=', 'reader7@example.org')
        .executeTakeFirstOrThrow();
      assert.notEqual(row.confirmed_at, null);
      assert.equal(row.source, 'import');
      assert.deepEqual(fromDbJson(dialect, row.newsletter_ids), [idOf('daily')]);
    });

    it('should keep a known name, fill an empty one and only add subscriptions when an address is known', async () => {
      const first = parseSubscriberCsv(
        'email,name,newsletters\nknown@example.org,,weekly\nnamed@example.org,Nia,weekly',
        {
          newsletters: all,
        },
      );
      await importSubscribers(deps(), first.good);

      const second = parseSubscriberCsv(
        'email,name,newsletters\nknown@example.org,Kim,daily\nnamed@example.org,Other,daily',
        {
          newsletters: all,
        },
      );
      const result = await importSubscribers(deps(), second.good);

      assert.deepEqual(result, { imported: 0, updated: 2 });
      const { db } = t.masthead.database;
      const rows = await db
        .selectFrom('subscribers')
        .innerJoin('subscriptions', 'subscriptions.subscriber_id', 'subscribers.id')
        .innerJoin('newsletters', 'newsletters.id', 'subscriptions.newsletter_id')
        .select(['subscribers.email', 'subscribers.name', 'newsletters.slug'])
        .where('subscribers.email', 'in', ['known@example.org', 'named@example.org'])
        .orderBy('subscribers.email')
        .orderBy('newsletters.slug')
        .execute();
      assert.deepEqual(
        rows.map((r) => [r.email, r.name, r.slug]),
        [
          ['known@example.org', 'Kim', 'daily'],
          ['known@example.org', 'Kim', 'weekly'],
          ['named@example.org', 'Nia', 'daily'],
          ['named@example.org', 'Nia', 'weekly'],
        ],
      );
    });

    it('should leave nothing behind when a later chunk of the import fails', async () => {
      const lines = Array.from({ length: 700 }, (_, i) => ({
        line: i + 2,
        email: `halfway${i}@example.org`,
        name: '',
        newsletterIds: i === 650 ? ['00000000-0000-7000-8000-000000000000'] : [],
      }));

      await assert.rejects(importSubscribers(deps(), lines), ConflictError);

      const { db } = t.masthead.database;
      const left = await db
        .selectFrom('subscribers')
        .select('id')
        .where('email', 'like', 'halfway%')
        .execute();
      assert.deepEqual(left, []);
    });

    it('should export every subscriber with newsletters and suppression that imports back the same', async () => {
      const { good } = parseSubscriberCsv(
        'email,name,newsletters,created_at\nformula@example.org,=SUM(A1),daily;weekly,2023-06-01T12:00:00.000Z',
        {
          newsletters: all,
        },
      );
      await importSubscribers(deps(), good);
      await createSuppressionService(deps()).add({ email: 'formula@example.org', reason: 'complained' });

      const csv = await exportSubscribersCsv(t.masthead.database);

      const rows = parse(csv, { columns: true }) as Record<string, string>[];
      assert.equal(csv.split('\n')[0], 'email,name,newsletters,created_at,confirmed_at,suppressed');
      assert.equal(rows.length, 1203);
      assert.equal(new Set(rows.map((r) => r.email)).size, 1203, 'each subscriber once across pages');
      assert.deepEqual(
        rows.find((r) => r.email === 'formula@example.org'),
        {
          email: 'formula@example.org',
          name: "'=SUM(A1)",
          newsletters: 'daily;weekly',
          created_at: '2023-06-01T12:00:00.000Z',
          confirmed_at: '2023-06-01T12:00:00.000Z',
          suppressed: 'complained',
        },
      );
      const back = parseSubscriberCsv(csv, { newsletters: all });
      assert.deepEqual(back.rejected, []);
      assert.deepEqual(
        back.good.find((g) => g.email === 'formula@example.org'),
        { ...good[0], line: back.good.find((g) => g.email === 'formula@example.org')?.line },
      );
    });
  });
});
