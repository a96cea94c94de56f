import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { parse } from 'csv-parse/sync';
import { createNewsletterService } from '../../src/subscribe/newsletter-service.ts';
import { runCli } from '../helpers/cli.ts';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';
import { insertSend } from './subscribe-helpers.ts';

describe('masthead subscribers and newsletter status', () => {
  let t: TestApp;
  let cwd: string;
  let env: Record<string, string>;

  before(async () => {
    t = await createTestApp();
    cwd = mkdtempSync(path.join(tmpdir(), 'masthead-subscribers-cli-'));
    env = { DATABASE_URL: t.testDb.url, MEDIA_DIR: path.join(cwd, 'media') };
    await createNewsletterService({
      database: t.masthead.database,
      clock: { now: () => new Date() },
      taxonomy: t.masthead.services.taxonomy,
    }).createMany([
      { name: 'Daily', slug: 'daily' },
      { name: 'Weekly', slug: 'weekly' },
    ]);
  });
  after(async () => {
    await t.close();
    rmSync(cwd, { recursive: true, force: true });
  });

  it('should import the good lines, show progress and list the rejected lines by number when a file is imported', async () => {
    const lines = Array.from({ length: 1500 }, (_, i) => `reader${i}@example.org,Reader ${i},`);
    const file = path.join(cwd, 'subscribers.csv');
    writeFileSync(
      file,
      [
        'email,name,newsletters',
        'ann@example.org,Ann,weekly',
        'not an address,X,',
        ...lines,
        'eve@example.org,Eve,opera',
      ].join('\n'),
    );

    const result = await runCli(['subscribers', 'import', file, '--newsletter', 'daily'], env, cwd);

    assert.equal(result.code, 0, result.stderr);
    const out = result.stdout.trim().split('\n');
    assert.equal(out[0], 'Imported 1501 subscribers (0 updated).');
    assert.equal(out[1], 'Rejected 2 lines:');
    assert.match(out[2] ?? '', /^ {2}line 3 \(email\): /);
    assert.match(out[3] ?? '', /^ {2}line 1504 \(newsletters\): .*opera/);
    assert.match(result.stderr, /Importing {2}1,501\/1,501 \[==========\] 100%/);
    assert.ok(result.stderr.trim().split('\n').length <= 11, 'at most one progress line per tenth in a pipe');
    const daily = await t.masthead.database.db
      .selectFrom('subscriptions')
      .innerJoin('newsletters', 'newsletters.id', 'subscriptions.newsletter_id')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('newsletters.slug', '=', 'daily')
      .executeTakeFirstOrThrow();
    assert.equal(Number(daily.n), 1500);
  });

  it('should write every subscriber as CSV to stdout when exporting', async () => {
    const result = await runCli(['subscribers', 'export'], env, cwd);

    assert.equal(result.code, 0, result.stderr);
    const rows = parse(result.stdout, { columns: true }) as Record<string, string>[];
    assert.equal(rows.length, 1501);
    const ann = rows.find((r) => r.email === 'ann@example.org');
    assert.deepEqual([ann?.name, ann?.newsletters, ann?.suppressed], ['Ann', 'weekly', '']);
    assert.equal(result.stdout.split('\n')[0], 'email,name,newsletters,created_at,confirmed_at,suppressed');
  });

  it('should print a table of the latest sends with their counts when asked for the status', async () => {
    const newsletter = await t.masthead.database.db
      .selectFrom('newsletters')
      .select('id')
      .where('slug', '=', 'weekly')
      .executeTakeFirstOrThrow();
    await insertSend(t, {
      newsletterId: newsletter.id,
      dedupeKey: 'digest:2026-03-01',
      subject: 'The week in Aldwyn',
      states: ['sent', 'sent', 'sent', 'queued', 'failed'],
    });

    const all = await runCli(['newsletter', 'status'], env, cwd);
    const ofDaily = await runCli(['newsletter', 'status', '--newsletter', 'daily'], env, cwd);
    const unknown = await runCli(['newsletter', 'status', '--newsletter', 'opera'], env, cwd);

    assert.equal(all.code, 0, all.stderr);
    const [header, row] = all.stdout.trim().split('\n');
    assert.match(header ?? '', /^newsletter\s+subject\s+state\s+queued\s+sent\s+failed\s+total$/);
    assert.match(row ?? '', /^weekly\s+The week in Aldwyn\s+sending\s+1\s+3\s+1\s+5$/);
    assert.equal(ofDaily.stdout.trim(), 'No newsletter has been sent yet.');
    assert.equal(unknown.code, 1);
    assert.match(unknown.stderr, /opera/);
  });
});
