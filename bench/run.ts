import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import pino from 'pino';
import { loadConfig } from '../src/config.ts';
import { createMasthead, type Masthead } from '../src/masthead.ts';
import { benchAdmin } from './admin-bench.ts';
import { benchComments, mergeIntoResults } from './comments-bench.ts';
import { latencies, measure } from './measure.ts';
import { benchNewsletter, defaultNewsletterBenchOptions } from './newsletter-bench.ts';
import { startServerProcess, stopServerProcess } from './processes.ts';
import { seedArticles } from './seed.ts';

// npm run bench -- [--articles 10000] [--seconds 5] [--connections 32] [--scaling 1000,100000|off]
//   [--only site|comments|newsletter|admin] [--subscribers 100000] [--pg postgres://…]
// Ratios measured in one run are what to compare: this machine is shared and noisy.
const { values } = parseArgs({
  options: {
    articles: { type: 'string', default: '10000' },
    seconds: { type: 'string', default: '5' },
    connections: { type: 'string', default: '32' },
    scaling: { type: 'string', default: '1000,100000' },
    only: { type: 'string' },
    subscribers: { type: 'string', default: String(defaultNewsletterBenchOptions.subscribers) },
    pg: { type: 'string' },
  },
});

// Comments (issue 4, bench/comments-bench.ts). `--only comments` runs that part alone and merges its
// keys into results.json, keeping the rest.
if (values.only !== undefined && !['site', 'comments', 'newsletter', 'admin'].includes(values.only))
  throw new Error(`--only takes "site", "comments", "newsletter" or "admin", not "${values.only}"`);
// The newsroom app (issue 6, bench/admin-bench.ts): bundle sizes and first-load times in Chromium.
if (values.only === 'admin') {
  mergeIntoResults((await benchAdmin()).keys);
  process.exit(0);
}
if (values.only === 'comments') {
  mergeIntoResults((await benchComments({ connections: Number(values.connections) })).keys);
  process.exit(0);
}
// Newsletters (issue 5, bench/newsletter-bench.ts): send rate to --subscribers into an SMTP sink, and
// the sender's peak RSS, on SQLite (and PostgreSQL with --pg or MASTHEAD_BENCH_POSTGRES_URL).
const newsletterOptions = {
  subscribers: Number(values.subscribers),
  postgresUrl: values.pg ?? defaultNewsletterBenchOptions.postgresUrl,
  workerFlags: defaultNewsletterBenchOptions.workerFlags,
};
if (values.only === 'newsletter') {
  mergeIntoResults((await benchNewsletter(newsletterOptions)).keys);
  process.exit(0);
}
const articleCount = Number(values.articles);
const load = { seconds: Number(values.seconds), connections: Number(values.connections) };
const root = mkdtempSync(path.join(tmpdir(), 'masthead-bench-'));

async function openSeeded(name: string, count: number, pageCache: 'on' | 'off') {
  const dir = path.join(root, name);
  const env = {
    DATABASE_URL: `sqlite:${path.join(dir, 'bench.db')}`,
    MEDIA_DIR: path.join(dir, 'media'),
    LOG_LEVEL: 'silent',
    API_RATE_LIMIT: '0',
    PAGE_CACHE: pageCache,
    SITE_URL: 'http://127.0.0.1:3000',
  };
  const masthead = await createMasthead({ config: loadConfig({ env }), logger: pino({ level: 'silent' }) });
  const started = performance.now();
  const seeded = await seedArticles(masthead, count);
  return { masthead, env, seeded, seedSeconds: (performance.now() - started) / 1000 };
}

const pathOf = async (masthead: Masthead, slug: string) =>
  new URL(
    (
      (await masthead.app.inject({ url: `/api/content/articles/slug/${slug}` })).json() as {
        articles: { url: string }[];
      }
    ).articles[0]?.url ?? '/',
  ).pathname;

/** Median time to render an article page with the cache off, over many different articles. */
async function renderTime(masthead: Masthead, slugs: string[], samples: number): Promise<number> {
  const paths: string[] = [];
  for (let i = 0; i < samples; i += 1)
    paths.push(await pathOf(masthead, slugs[Math.floor((i * 7919) % slugs.length)] as string));
  for (const url of paths.slice(0, 20)) await masthead.app.inject({ url });
  const times: number[] = [];
  for (const url of paths) {
    const start = performance.now();
    const response = await masthead.app.inject({ url });
    times.push(performance.now() - start);
    if (response.statusCode !== 200) throw new Error(`${url} answered ${response.statusCode}`);
  }
  times.sort((a, b) => a - b);
  return Math.round((times[Math.floor(times.length / 2)] ?? 0) * 1000) / 1000;
}

// 1. Throughput at the main size, servers in child processes.
const main = await openSeeded('main', articleCount, 'off');
const articlePath = await pathOf(main.masthead, main.seeded.articleSlug);
const bytes = Buffer.from((await main.masthead.app.inject({ url: articlePath })).rawPayload);
await main.masthead.close();
const bytesFile = path.join(root, 'article.html');
writeFileSync(bytesFile, bytes);

const app = await startServerProcess(['app', main.env.DATABASE_URL, main.env.MEDIA_DIR]);
const bare = await startServerProcess(['bare', '', '', bytesFile]);
const at = (port: number | undefined, p: string) => `http://127.0.0.1:${port}${p}`;
const results = {
  bare: await measure(at(bare.ports.bare, '/'), load),
  article_cached: await measure(at(app.ports.cached, articlePath), load),
  article_uncached: await measure(at(app.ports.uncached, articlePath), load),
  home_uncached: await measure(at(app.ports.uncached, '/'), load),
  category_uncached: await measure(at(app.ports.uncached, `/category/${main.seeded.category}/`), load),
  content_api_article: await measure(
    at(app.ports.uncached, `/api/content/articles/slug/${main.seeded.articleSlug}`),
    load,
  ),
};
const words = [
  'harbour',
  'council budget',
  'ferry',
  'storm bridge',
  'cafe',
  'zurich',
  'festival',
  'museum rail',
  'vote',
  'tide',
];
const search = await latencies(
  Array.from({ length: 300 }, (_, i) =>
    at(
      app.ports.uncached,
      `/search?q=${encodeURIComponent(`${words[i % words.length]} ${i % 7 === 0 ? 'port' : ''}`.trim())}`,
    ),
  ),
);
await stopServerProcess(bare.child);
await stopServerProcess(app.child);

// 2. How article render time grows with the archive.
const scaling: Record<string, number> = {};
for (const size of values.scaling === 'off' ? [] : (values.scaling ?? '').split(',').map(Number)) {
  const seeded = await openSeeded(`scale-${size}`, size, 'off');
  scaling[`article_render_ms_${size}`] = await renderTime(seeded.masthead, seeded.seeded.articleSlugs, 300);
  await seeded.masthead.close();
}
rmSync(root, { recursive: true, force: true });

const ratio = (n: number) => Math.round((n / results.bare.rps) * 1000) / 1000;
const summary = {
  data: {
    articles: articleCount,
    database: 'sqlite',
    article_bytes: bytes.length,
    connections: load.connections,
    seconds: load.seconds,
  },
  seed_articles_per_second: Math.round(articleCount / main.seedSeconds),
  bare_rps: results.bare.rps,
  article_cached_rps: results.article_cached.rps,
  article_uncached_rps: results.article_uncached.rps,
  home_uncached_rps: results.home_uncached.rps,
  category_uncached_rps: results.category_uncached.rps,
  content_api_article_rps: results.content_api_article.rps,
  cached_over_bare: ratio(results.article_cached.rps),
  uncached_over_bare: ratio(results.article_uncached.rps),
  search_p50_ms: search.p50,
  search_p95_ms: search.p95,
  search_statuses: search.statuses,
  ...scaling,
  ...(scaling.article_render_ms_1000 && scaling.article_render_ms_100000
    ? {
        render_100k_over_1k:
          Math.round((scaling.article_render_ms_100000 / scaling.article_render_ms_1000) * 100) / 100,
      }
    : {}),
  latency_ms: Object.fromEntries(
    Object.entries(results).map(([key, r]) => [key, { p50: r.p50, p97_5: r.p97_5 }]),
  ),
  non_2xx: Object.fromEntries(Object.entries(results).map(([key, r]) => [key, r.non2xx])),
};
// `--only site` stops here: the public site's keys, merged into results.json with the others kept.
if (values.only !== 'site') {
  // Comments (issue 4): submissions/s with proof of work on SQLite and PostgreSQL, render with 500 comments.
  Object.assign(summary, (await benchComments({ connections: load.connections })).keys);
  // Newsletters (issue 5): messages/s to 100,000 subscribers and the sender's peak RSS.
  Object.assign(summary, (await benchNewsletter(newsletterOptions)).keys);
  // The newsroom app (issue 6): bundle sizes and first-load times.
  Object.assign(summary, (await benchAdmin()).keys);
}

console.table(
  Object.fromEntries(
    Object.entries(results).map(([key, r]) => [
      key,
      { 'req/s': r.rps, 'p50 ms': r.p50, 'p97.5 ms': r.p97_5, 'ratio to bare': ratio(r.rps) },
    ]),
  ),
);
console.log(JSON.stringify(summary, null, 2));
if (values.only === 'site') mergeIntoResults(summary);
else writeFileSync(path.join(import.meta.dirname, 'results.json'), `${JSON.stringify(summary, null, 2)}\n`);
