import { type ChildProcess, fork } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import os, { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { RECOMMENDED_NODE_FLAGS } from '../src/lib/node-flags.ts';
import { isReachable, throwawayDatabase } from './comments-databases.ts';
import { mergeIntoResults } from './comments-report.ts';
import { type NewsletterRun, newsletterResultKeys, printNewsletterRuns } from './newsletter-report.ts';
import { seedSubscribers } from './newsletter-seed.ts';
import type { SinkCounts } from './newsletter-sink.ts';
import type { WorkerResult } from './newsletter-worker.ts';

// Newsletters (issue 5): the send rate of one article to N confirmed subscribers into a local SMTP
// sink, and the sender's peak RSS. Three processes: this one seeds the database, the sink
// (bench/newsletter-sink.ts) receives, the sender (bench/newsletter-worker.ts) plans and delivers
// through Masthead's own deliverSend, once per SMTP pool size. Called by bench/run.ts (`npm run bench`,
// or `npm run bench -- --only newsletter [--subscribers 10000] [--pg postgres://…]`), or alone:
// node --import tsx bench/newsletter-bench.ts [--subscribers 100000] [--pools 4,8] [--pg URL]
//   [--cpu-prof DIR] [--worker-flags=--max-old-space-size=256] [--write-results]
// PostgreSQL runs too when --pg or MASTHEAD_BENCH_POSTGRES_URL names a server where a throwaway
// database may be created and dropped.

export type NewsletterBenchOptions = {
  subscribers: number;
  /** SMTP_POOL values to run; the first is the headline (4 is the default). */
  pools: number[];
  postgresUrl?: string | undefined;
  /** Write a V8 CPU profile of each delivery (sender process only) here. */
  cpuProfileDir?: string | undefined;
  /** Node flags for the sender process (default: RECOMMENDED_NODE_FLAGS, as `npm start` runs). */
  workerFlags?: string[];
};

export const defaultNewsletterBenchOptions: NewsletterBenchOptions = {
  subscribers: 100_000,
  pools: [4, 8],
  postgresUrl: process.env.MASTHEAD_BENCH_POSTGRES_URL,
  workerFlags: RECOMMENDED_NODE_FLAGS,
};

const say = (line: string) => console.error(`newsletter bench: ${line}`);

function forkChild(file: string, args: string[], flags: string[] = []): ChildProcess {
  return fork(path.join(import.meta.dirname, file), args, {
    execArgv: ['--import', 'tsx', ...flags],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
}

/** The first IPC message of a child, or an error when it exits before sending one. */
const firstMessage = <T>(child: ChildProcess, what: string) =>
  new Promise<T>((resolve, reject) => {
    const onExit = (code: number | null) => reject(new Error(`${what} exited with ${code} before answering`));
    child.once('exit', onExit);
    child.once('message', (message) => {
      child.off('exit', onExit);
      resolve(message as T);
    });
  });

const ask = <T>(child: ChildProcess, message: string) => {
  const answer = firstMessage<T>(child, 'the SMTP sink');
  child.send(message);
  return answer;
};

async function startSink() {
  const child = forkChild('newsletter-sink.ts', []);
  const { port } = await firstMessage<{ port: number }>(child, 'the SMTP sink');
  return {
    url: `smtp://127.0.0.1:${port}`,
    counts: () => ask<SinkCounts>(child, 'counts'),
    reset: () => ask<{ reset: true }>(child, 'reset'),
    stop: () =>
      new Promise<void>((resolve) => {
        child.once('exit', () => resolve());
        child.send('stop');
      }),
  };
}

/** Bytes the database holds: the SQLite files (with the WAL), or pg_database_size. */
async function databaseBytes(kind: 'sqlite' | 'postgres', dir: string, url: string): Promise<number> {
  if (kind === 'sqlite')
    return readdirSync(dir)
      .filter((name) => name.startsWith('bench.db'))
      .reduce((sum, name) => sum + statSync(path.join(dir, name)).size, 0);
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ size: string }>(
      'SELECT pg_database_size(current_database()) AS size',
    );
    return Number(rows[0]?.size ?? 0);
  } finally {
    await client.end();
  }
}

async function benchOne(kind: 'sqlite' | 'postgres', options: NewsletterBenchOptions, root: string) {
  const dir = mkdtempSync(path.join(root, `${kind}-`));
  const database =
    kind === 'sqlite'
      ? { url: `sqlite:${path.join(dir, 'bench.db')}`, drop: async () => {} }
      : await throwawayDatabase(kind, dir, options.postgresUrl as string);
  const env = {
    DATABASE_URL: database.url,
    MEDIA_DIR: path.join(dir, 'media'),
    LOG_LEVEL: 'silent',
    SITE_URL: 'http://127.0.0.1:3000',
    MASTHEAD_SECRET: 'newsletter-bench-secret-0123456789abcdefghijklmnopqrstuvwxyz',
    MAIL_FROM: 'The Harbour Herald <news@herald.example>',
  };
  const runs: NewsletterRun[] = [];
  try {
    say(`${kind}: seeding ${options.subscribers} subscribers`);
    const seeded = await seedSubscribers(env, options.subscribers);
    say(`${kind}: seeded in ${seeded.seconds.toFixed(1)} s`);
    const sink = await startSink();
    try {
      for (const pool of options.pools) {
        await sink.reset();
        const before = await sink.counts();
        const loadBefore = os.loadavg()[0] ?? 0;
        say(`${kind}: sending with SMTP_POOL=${pool}`);
        const worker = forkChild(
          'newsletter-worker.ts',
          [
            JSON.stringify({ ...env, SMTP_URL: sink.url, SMTP_POOL: String(pool) }),
            ...(options.cpuProfileDir ? [options.cpuProfileDir] : []),
          ],
          options.workerFlags,
        );
        const exited = new Promise((resolve) => worker.once('exit', resolve));
        const result = await firstMessage<WorkerResult>(worker, 'the newsletter sender');
        await exited;
        const received = await sink.counts();
        const run: NewsletterRun = {
          database: kind,
          pool,
          subscribers: options.subscribers,
          seedSeconds: Math.round(seeded.seconds * 10) / 10,
          worker: result,
          sink: { ...received, cpuMs: received.cpuMs - before.cpuMs },
          databaseBytes: await databaseBytes(kind, dir, database.url),
          loadAverage: Math.round(Math.max(loadBefore, os.loadavg()[0] ?? 0) * 10) / 10,
        };
        runs.push(run);
        if (result.profile)
          say(`CPU profile: ${result.profile} (summary: node --import tsx bench/comments-profile.ts FILE)`);
        const wanted = options.subscribers;
        if (
          received.messages !== wanted ||
          received.distinctRecipients !== wanted ||
          received.duplicates !== 0 ||
          result.states.sent !== wanted
        )
          throw new Error(
            `${kind}, SMTP_POOL=${pool}: expected ${wanted} messages to ${wanted} distinct recipients, the sink ` +
              `counted ${received.messages} messages, ${received.distinctRecipients} distinct recipients, ` +
              `${received.duplicates} duplicates; delivery states ${JSON.stringify(result.states)}`,
          );
      }
    } finally {
      await sink.stop();
    }
  } finally {
    await database.drop();
  }
  return runs;
}

/**
 * Runs the newsletter send benchmark on SQLite (and PostgreSQL when a server URL is given and
 * answers), prints its table and returns the keys for bench/results.json. Throws when the sink did
 * not receive exactly one mail per subscriber.
 *
 * @example
 * const { keys } = await benchNewsletter({ subscribers: 10_000 });
 * mergeIntoResults(keys);
 */
export async function benchNewsletter(overrides: Partial<NewsletterBenchOptions> = {}) {
  const options = { ...defaultNewsletterBenchOptions, ...overrides };
  const root = mkdtempSync(path.join(tmpdir(), 'masthead-newsletter-bench-'));
  if (options.cpuProfileDir) mkdirSync(options.cpuProfileDir, { recursive: true });
  const runs: NewsletterRun[] = [];
  try {
    runs.push(...(await benchOne('sqlite', options, root)));
    if (options.postgresUrl) {
      if (await isReachable(options.postgresUrl)) runs.push(...(await benchOne('postgres', options, root)));
      else say(`PostgreSQL at ${options.postgresUrl} not reachable, skipped`);
    }
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
  printNewsletterRuns(runs);
  return { runs, keys: newsletterResultKeys(runs, options) };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({
    options: {
      subscribers: { type: 'string', default: String(defaultNewsletterBenchOptions.subscribers) },
      pools: { type: 'string', default: defaultNewsletterBenchOptions.pools.join(',') },
      pg: { type: 'string' },
      'cpu-prof': { type: 'string' },
      'worker-flags': { type: 'string' },
      'write-results': { type: 'boolean', default: false },
    },
  });
  const { keys } = await benchNewsletter({
    subscribers: Number(values.subscribers),
    pools: (values.pools ?? '').split(',').map(Number),
    postgresUrl: values.pg ?? defaultNewsletterBenchOptions.postgresUrl,
    cpuProfileDir: values['cpu-prof'],
    workerFlags:
      values['worker-flags'] === undefined
        ? RECOMMENDED_NODE_FLAGS
        : values['worker-flags'].split(' ').filter(Boolean),
  });
  console.log(JSON.stringify(keys, null, 2));
  if (values['write-results']) mergeIntoResults(keys);
}
