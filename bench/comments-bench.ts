import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os, { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import pino from 'pino';
import { loadConfig } from '../src/config.ts';
import { createMasthead, type Masthead } from '../src/masthead.ts';
import { isReachable, throwawayDatabase } from './comments-databases.ts';
import { type Posted, postAll } from './comments-load.ts';
import { BENCH_AGENT, buildPosts } from './comments-posts.ts';
import {
  type CommentBenchRun,
  commentResultKeys,
  mergeIntoResults,
  printRuns,
  round,
  stats,
  type Timing,
} from './comments-report.ts';
import { LONG_THREAD_COMMENTS, seedComments } from './comments-seed.ts';
import { ask, serverCpuMs, startServer, stopServer } from './comments-server-control.ts';
import { seedArticles } from './seed.ts';

export { mergeIntoResults };

// Comments (issue 4): submissions per second through POST /api/comments with proof-of-work
// verification, on SQLite and PostgreSQL, and the article page's render time with 500 comments.
// Called by bench/run.ts (`npm run bench`, or `npm run bench -- --only comments`), or alone:
// node --import tsx bench/comments-bench.ts [--databases sqlite,postgres] [--submissions 3000]
//   [--connections 32] [--articles 1000] [--background 20000] [--renders 200] [--cpu-prof DIR]
//   [--analyze] [--write-results]

export type CommentBenchOptions = {
  databases: ('sqlite' | 'postgres')[];
  /** A PostgreSQL server where a throwaway database may be created and dropped. */
  postgresUrl: string;
  articles: number;
  /** Comments already in the database before the run (over the older articles). */
  background: number;
  submissions: number;
  /** Submissions sent first and not measured (code compiled, caches filled). */
  warmUp: number;
  connections: number;
  renders: number;
  /** CAPTCHA_DIFFICULTY: the solving is done before the run; verifying costs the same at any value. */
  difficulty: number;
  /**
   * Run ANALYZE on SQLite after seeding. Masthead never does, so off by default; on, it shows what
   * planner statistics (`PRAGMA optimize`) would change.
   */
  analyze: boolean;
  /** Write a V8 CPU profile of the server's measured run here. */
  cpuProfileDir?: string | undefined;
};

export const defaultCommentBenchOptions: CommentBenchOptions = {
  databases: ['sqlite', 'postgres'],
  postgresUrl: 'postgres://postgres@127.0.0.1:5432/postgres',
  articles: 1000,
  background: 20_000,
  submissions: 3000,
  warmUp: 300,
  connections: 32,
  renders: 200,
  difficulty: 100,
  analyze: false,
};

async function pathOf(masthead: Masthead, articleId: string): Promise<string> {
  const article = await masthead.services.articles.get({ kind: 'article', ref: articleId });
  return new URL(masthead.urls.permalinkOf(article, await masthead.services.settings.get())).pathname;
}

/** Renders the two pages in turn (cache off), so that both see the same machine load. */
async function renderPair(masthead: Masthead, busyPath: string, quietPath: string, samples: number) {
  const render = async (url: string) => {
    const cpu = process.cpuUsage();
    const start = performance.now();
    const response = await masthead.app.inject({ url });
    const ms = performance.now() - start;
    const used = process.cpuUsage(cpu);
    if (response.statusCode !== 200) throw new Error(`${url} answered ${response.statusCode}`);
    return { ms, cpuMs: (used.user + used.system) / 1000, html: response.body };
  };
  for (let i = 0; i < 20; i += 1) {
    await render(busyPath);
    await render(quietPath);
  }
  const busy: Timing[] = [];
  const quiet: Timing[] = [];
  let html = '';
  for (let i = 0; i < samples; i += 1) {
    const isQuietFirst = i % 2 === 0;
    if (isQuietFirst) quiet.push(await render(quietPath));
    const page = await render(busyPath);
    busy.push(page);
    html = page.html;
    if (!isQuietFirst) quiet.push(await render(quietPath));
  }
  return {
    busy: stats(busy),
    quiet: stats(quiet),
    comments_on_page: html.split('class="comment depth-').length - 1,
    bytes: Buffer.byteLength(html),
  };
}

async function benchOne(
  kind: 'sqlite' | 'postgres',
  options: CommentBenchOptions,
  root: string,
): Promise<CommentBenchRun> {
  const dir = mkdtempSync(path.join(root, `${kind}-`));
  const database = await throwawayDatabase(kind, dir, options.postgresUrl);
  // Comment settings stay at their defaults. Rate limits per IP and per email apply: each post comes
  // from its own address (X-Forwarded-For from a trusted proxy) and no address posts more than a
  // few times; the minimum time passes (form_time signed a minute before); first-time commenters
  // are held. API_RATE_LIMIT=0 lifts the per-client limit of the HTTP API.
  const env = {
    DATABASE_URL: database.url,
    MEDIA_DIR: path.join(dir, 'media'),
    LOG_LEVEL: 'silent',
    API_RATE_LIMIT: '0',
    SITE_URL: 'http://127.0.0.1:3000',
    MASTHEAD_SECRET: 'comment-bench-secret-0123456789abcdefghijklmnopqrstuvwxyz',
    CAPTCHA_DIFFICULTY: String(options.difficulty),
    TRUST_PROXY: '127.0.0.1',
  };
  const say = (step: string) => console.error(`comments bench (${kind}): ${step}`);
  try {
    say('seeding');
    const masthead = await createMasthead({
      config: loadConfig({ env: { ...env, PAGE_CACHE: 'off' } }),
      logger: pino({ level: 'silent' }),
    });
    const seedStarted = performance.now();
    await seedArticles(masthead, options.articles);
    const idOf = new Map(
      (await masthead.database.db.selectFrom('articles').select(['id', 'slug']).execute()).map((a) => [
        a.slug,
        a.id,
      ]),
    );
    const n = options.articles;
    const slugId = (i: number) => idOf.get(`bench-article-${i}`) as string;
    const busyId = slugId(n - 1);
    const quietId = slugId(n - 3);
    const targetIds = Array.from({ length: 20 }, (_, i) => slugId(n - 10 - i));
    const reserved = new Set([busyId, quietId, ...targetIds]);
    const seeded = await seedComments(masthead, {
      articleIds: [...idOf.values()].filter((id) => !reserved.has(id)),
      background: options.background,
      longThreadArticleId: busyId,
      longThreadCount: LONG_THREAD_COMMENTS,
      targetArticleIds: targetIds,
    });
    // What autovacuum would soon do on a live server: statistics for the planner.
    if (kind === 'postgres') await sql`VACUUM ANALYZE`.execute(masthead.database.db);
    else if (options.analyze) await sql`ANALYZE`.execute(masthead.database.db);
    const seedSeconds = (performance.now() - seedStarted) / 1000;

    say(`${seeded.total} comments seeded in ${seedSeconds.toFixed(1)} s; rendering`);
    const busyPath = await pathOf(masthead, busyId);
    const quietPath = await pathOf(masthead, quietId);
    const render = await renderPair(masthead, busyPath, quietPath, options.renders);
    // The same 500 comments with every thread on one page (threads_per_page at its maximum).
    const settings = await masthead.comments.settings.get();
    await masthead.comments.settings.update({ threads_per_page: 200 });
    const renderOnePage = await renderPair(masthead, busyPath, quietPath, Math.ceil(options.renders / 2));
    await masthead.comments.settings.update({ threads_per_page: settings.threads_per_page });

    say(`solving ${options.warmUp + options.submissions} challenges`);
    const solveStarted = performance.now();
    const posts = await buildPosts(masthead, seeded.targets, options.warmUp + options.submissions);
    const solveSeconds = (performance.now() - solveStarted) / 1000;
    await masthead.close();

    say(`solved in ${solveSeconds.toFixed(1)} s; posting`);
    const server = await startServer({ ...env, PAGE_CACHE: 'on' }, options.cpuProfileDir);
    const send = (from: number, to: number) =>
      postAll({
        port: server.port,
        path: '/api/comments',
        posts: posts.slice(from, to),
        connections: options.connections,
      });
    let submit: Posted;
    let cpuMs: number;
    let loadAfter = 0;
    try {
      const warm = await send(0, options.warmUp);
      if (warm.failures.length > 0) console.error('warm-up answers other than 201:', warm.failures);
      if (options.cpuProfileDir) await ask(server.child, 'profile-start');
      const cpuBefore = await serverCpuMs(server.child);
      submit = await send(options.warmUp, posts.length);
      cpuMs = (await serverCpuMs(server.child)) - cpuBefore;
      loadAfter = os.loadavg()[0] ?? 0;
      if (options.cpuProfileDir) {
        const { profile } = await ask<{ profile: string }>(server.child, 'profile-stop');
        say(
          `CPU profile of the measured run: ${profile} (summary: node --import tsx bench/comments-profile.ts ${profile})`,
        );
      }
    } finally {
      await stopServer(server.child);
    }

    // What was stored: every 201 must be a row, every solution spent once.
    const check = await createMasthead({ config: loadConfig({ env }), logger: pino({ level: 'silent' }) });
    const { db } = check.database;
    const rows = await db
      .selectFrom('comments')
      .select(['status', (eb) => eb.fn.countAll<number>().as('n')])
      .where('user_agent', '=', BENCH_AGENT)
      .groupBy('status')
      .execute();
    const spent = await db
      .selectFrom('captcha_spent')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    await check.close();
    const stored = rows.reduce((sum, r) => sum + Number(r.n), 0);
    const accepted = (submit.statuses[201] ?? 0) + options.warmUp;
    if (stored !== accepted || Number(spent.n) !== accepted)
      console.error(
        `${kind}: ${accepted} answered 201 but ${stored} comments stored, ${spent.n} solutions spent`,
      );
    return {
      database: kind,
      load_average: round(loadAfter, 1),
      comments_in_database: seeded.total,
      seed_seconds: round(seedSeconds, 1),
      solve_seconds: round(solveSeconds, 1),
      submit: {
        ...submit,
        server_cpu_ms_per_submission: round(cpuMs / submit.count),
        stored: Object.fromEntries(rows.map((r) => [r.status, Number(r.n)])),
        spent: Number(spent.n),
      },
      render,
      render_one_page: renderOnePage,
    };
  } finally {
    await database.drop();
  }
}

/**
 * Runs the comment benchmark on each database (PostgreSQL is skipped, with a line saying so, when
 * its server does not answer), prints its tables and returns the keys for bench/results.json.
 */
export async function benchComments(overrides: Partial<CommentBenchOptions> = {}) {
  const options = { ...defaultCommentBenchOptions, ...overrides };
  const root = mkdtempSync(path.join(tmpdir(), 'masthead-comments-bench-'));
  if (options.cpuProfileDir) mkdirSync(options.cpuProfileDir, { recursive: true });
  const runs: CommentBenchRun[] = [];
  try {
    for (const kind of options.databases) {
      if (kind === 'postgres' && !(await isReachable(options.postgresUrl))) {
        console.log(`comments bench: PostgreSQL at ${options.postgresUrl} not reachable, skipped`);
        continue;
      }
      runs.push(await benchOne(kind, options, root));
    }
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
  printRuns(runs);
  return { runs, keys: commentResultKeys(runs, options) };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({
    options: {
      databases: { type: 'string', default: defaultCommentBenchOptions.databases.join(',') },
      postgres: { type: 'string', default: defaultCommentBenchOptions.postgresUrl },
      articles: { type: 'string', default: String(defaultCommentBenchOptions.articles) },
      background: { type: 'string', default: String(defaultCommentBenchOptions.background) },
      submissions: { type: 'string', default: String(defaultCommentBenchOptions.submissions) },
      'warm-up': { type: 'string', default: String(defaultCommentBenchOptions.warmUp) },
      connections: { type: 'string', default: String(defaultCommentBenchOptions.connections) },
      renders: { type: 'string', default: String(defaultCommentBenchOptions.renders) },
      difficulty: { type: 'string', default: String(defaultCommentBenchOptions.difficulty) },
      'cpu-prof': { type: 'string' },
      analyze: { type: 'boolean', default: false },
      'write-results': { type: 'boolean', default: false },
    },
  });
  const { runs, keys } = await benchComments({
    databases: (values.databases ?? '').split(',') as CommentBenchOptions['databases'],
    postgresUrl: values.postgres as string,
    articles: Number(values.articles),
    background: Number(values.background),
    submissions: Number(values.submissions),
    warmUp: Number(values['warm-up']),
    connections: Number(values.connections),
    renders: Number(values.renders),
    difficulty: Number(values.difficulty),
    cpuProfileDir: values['cpu-prof'],
    analyze: values.analyze ?? false,
  });
  console.log(JSON.stringify({ ...keys, runs }, null, 2));
  if (values['write-results']) mergeIntoResults(keys);
}
