import { mkdtempSync, rmSync } from 'node:fs';
import os, { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { type Insertable, sql } from 'kysely';
import pino from 'pino';
import { loadConfig } from '../src/config.ts';
import type { ArticleTable } from '../src/db/schema.ts';
import { withTransaction } from '../src/db/transaction.ts';
import { toDbBool, toDbTime } from '../src/db/values.ts';
import { newId } from '../src/lib/ids.ts';
import { createMasthead, type Masthead } from '../src/masthead.ts';

// node --import tsx bench/search-bench.ts [--articles 100000] [--queries 500] [--database sqlite:/tmp/s.db]
// Search latency at size: articles are inserted straight into the table (the triggers index them,
// as they would any write), then a fixed mix of queries runs through the search service and
// through the whole page (GET /search with the page cache off). A --database that already holds
// enough articles is reused, so a second run skips the seeding.
const { values } = parseArgs({
  options: {
    articles: { type: 'string', default: '100000' },
    queries: { type: 'string', default: '500' },
    database: { type: 'string' },
  },
});
const articleCount = Number(values.articles);
const queryCount = Number(values.queries);
const BATCH = 500;
const SECTIONS = 8;

/** mulberry32: a small deterministic generator, so every run searches the same text. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// Real words first (they take the frequent ranks), then made-up ones, to 30,000 distinct words.
const common = (
  'the of and to in a is that for on said with was as it by at from his be has have an are ' +
  'council city year new people government police harbour school minister week report plan ' +
  'million court election market health water bridge ferry storm housing budget festival club ' +
  'match coast river museum library hospital station energy climate trade union strike vote ' +
  'café zürich naïve résumé são paulo montréal köln málaga'
).split(' ');
const SYLLABLES = 'ka lo mi ne ra tu po se vi da ga hu be zo fi an el or is um'.split(' ');

function buildVocabulary(next: () => number, size: number): string[] {
  const words = new Set(common);
  while (words.size < size) {
    const length = 2 + Math.floor(next() * 3);
    let word = '';
    for (let i = 0; i < length; i += 1) word += SYLLABLES[Math.floor(next() * SYLLABLES.length)];
    words.add(word);
  }
  return [...words];
}

/** Words drawn by Zipf's law (rank r with weight 1/r), the way words occur in real text. */
function zipf(vocabulary: string[], next: () => number): () => string {
  const cumulative: number[] = [];
  let sum = 0;
  for (let rank = 1; rank <= vocabulary.length; rank += 1) {
    sum += 1 / rank;
    cumulative.push(sum);
  }
  return () => {
    const target = next() * sum;
    let low = 0;
    let high = cumulative.length - 1;
    while (low < high) {
      const middle = (low + high) >> 1;
      if ((cumulative[middle] as number) < target) low = middle + 1;
      else high = middle;
    }
    return vocabulary[low] as string;
  };
}

const next = random(20261125);
const vocabulary = buildVocabulary(next, 30_000);
const word = zipf(vocabulary, next);
const words = (count: number): string => Array.from({ length: count }, word).join(' ');
const capitalised = (text: string): string => `${text.charAt(0).toUpperCase()}${text.slice(1)}`;

async function seed(masthead: Masthead): Promise<void> {
  const { db, dialect } = masthead.database;
  const have = Number(
    (
      await db
        .selectFrom('articles')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );
  if (have >= articleCount) return;
  const sections = await masthead.services.taxonomy.categories.createMany(
    Array.from({ length: SECTIONS }, (_, i) => ({ name: `Search bench ${i}`, slug: `search-bench-${i}` })),
  );
  const start = Date.now() - articleCount * 60_000;
  const started = performance.now();
  for (let offset = have; offset < articleCount; offset += BATCH) {
    const rows: Insertable<ArticleTable>[] = [];
    for (let i = offset; i < Math.min(articleCount, offset + BATCH); i += 1) {
      const paragraphs = Array.from(
        { length: 4 + Math.floor(next() * 5) },
        () => `${capitalised(words(60))}.`,
      );
      const at = toDbTime(dialect, new Date(start + i * 60_000));
      rows.push({
        id: newId(),
        kind: 'article',
        title: capitalised(words(6 + Math.floor(next() * 6))),
        slug: `search-bench-${i}`,
        standfirst: `${capitalised(words(25))}.`,
        body_html: paragraphs.map((p) => `<p>${p}</p>`).join(''),
        body_text: paragraphs.join('\n\n'),
        status: i % 20 === 0 ? 'draft' : 'published',
        published_at: at,
        created_at: at,
        updated_at: at,
        language: 'en',
        is_featured: toDbBool(dialect, false),
        comments_open: toDbBool(dialect, true),
        primary_category_id: sections[i % SECTIONS]?.id ?? null,
        featured_image_url: null,
        featured_image_alt: null,
        featured_image_caption: null,
        featured_image_credit: null,
        seo_title: null,
        seo_description: null,
        canonical_url: null,
        revision: 1,
      });
    }
    await withTransaction(db, (trx) => trx.insertInto('articles').values(rows).execute());
    if ((offset / BATCH) % 40 === 0) process.stdout.write(`\rseeded ${offset + rows.length} articles`);
  }
  // What autovacuum would soon do on a live server: statistics for the planner, GIN pending list flushed.
  if (dialect === 'postgres') await sql`VACUUM ANALYZE`.execute(db);
  const seconds = (performance.now() - started) / 1000;
  console.log(
    `\rseeded ${articleCount - have} articles in ${seconds.toFixed(1)} s (indexed by the triggers)`,
  );
}

type Query = { kind: string; text: string; page: number };

/** A fixed mix: mostly rarer words, as readers search names and topics, but common words too. */
function buildQueries(count: number): Query[] {
  const pick = (from: number, to: number) => vocabulary[from + Math.floor(next() * (to - from))] as string;
  const hostile = ['"unbalanced', "'; DROP TABLE articles; --", 'NEAR(a b)', '!!!', 'x*', 'zzqqxx'];
  const kinds: [string, number, () => string][] = [
    ['rare word', 0.3, () => pick(2000, vocabulary.length)],
    ['mid word', 0.2, () => pick(100, 2000)],
    ['common word', 0.1, () => pick(0, 100)],
    ['two words', 0.2, () => `${pick(50, 3000)} ${pick(50, 3000)}`],
    ['three words', 0.05, () => `${pick(10, 500)} ${pick(10, 500)} ${pick(10, 500)}`],
    [
      'diacritics',
      0.05,
      () => ['cafe', 'zurich', 'naive', 'resume', 'sao paulo', 'montreal'][Math.floor(next() * 6)] as string,
    ],
    ['hostile', 0.05, () => hostile[Math.floor(next() * hostile.length)] as string],
    ['page 2', 0.05, () => pick(100, 2000)],
  ];
  return Array.from({ length: count }, () => {
    const roll = next();
    let below = 0;
    const [kind, , make] =
      kinds.find(([, share]) => {
        below += share;
        return roll < below;
      }) ?? (kinds[0] as (typeof kinds)[0]);
    return { kind, text: make(), page: kind === 'page 2' ? 2 : 1 };
  });
}

const percentile = (sorted: number[], p: number): number =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;

type Timing = { kind: string; ms: number; cpuMs: number };
type Summary = { p50: number; p95: number; cpuP50: number; cpuP95: number };

function summarise(timings: Timing[]): Summary & { p99: number; max: number } {
  const wall = timings.map((t) => t.ms).sort((a, b) => a - b);
  const cpu = timings.map((t) => t.cpuMs).sort((a, b) => a - b);
  return {
    p50: percentile(wall, 50),
    p95: percentile(wall, 95),
    p99: percentile(wall, 99),
    max: wall.at(-1) ?? Number.NaN,
    cpuP50: percentile(cpu, 50),
    cpuP95: percentile(cpu, 95),
  };
}

/**
 * Wall time is what a reader waits; CPU time is the work this process did for the query, which
 * stays meaningful when the shared machine is busy and wall time includes waiting for a core.
 */
function report(label: string, timings: Timing[]): Summary {
  const columns = ['p50', 'p95', 'p99', 'max', 'cpu p50', 'cpu p95'];
  console.log(
    `\n${label} (ms)\n  ${'queries'.padEnd(12)} ${'n'.padStart(4)} ${columns.map((c) => c.padStart(8)).join('')}`,
  );
  const row = (name: string, subset: Timing[]) => {
    const s = summarise(subset);
    const cells = [s.p50, s.p95, s.p99, s.max, s.cpuP50, s.cpuP95].map((v) => v.toFixed(2).padStart(8));
    console.log(`  ${name.padEnd(12)} ${String(subset.length).padStart(4)} ${cells.join('')}`);
    return s;
  };
  const overall = row('all', timings);
  for (const kind of new Set(timings.map((t) => t.kind)))
    row(
      kind,
      timings.filter((t) => t.kind === kind),
    );
  return overall;
}

/** Runs the warm-up queries unmeasured (caches filled, code compiled), then times each query. */
async function time(warmUp: Query[], queries: Query[], run: (query: Query) => Promise<void>) {
  for (const query of warmUp) await run(query);
  const timings: Timing[] = [];
  for (const query of queries) {
    const cpu = process.cpuUsage();
    const started = performance.now();
    await run(query);
    const used = process.cpuUsage(cpu);
    timings.push({
      kind: query.kind,
      ms: performance.now() - started,
      cpuMs: (used.user + used.system) / 1000,
    });
  }
  return timings;
}

const root = mkdtempSync(path.join(tmpdir(), 'masthead-search-bench-'));
const databaseUrl = values.database ?? `sqlite:${path.join(root, 'search.db')}`;
const masthead = await createMasthead({
  config: loadConfig({
    env: {
      DATABASE_URL: databaseUrl,
      MEDIA_DIR: path.join(root, 'media'),
      LOG_LEVEL: 'silent',
      PAGE_CACHE: 'off',
      SITE_URL: 'http://127.0.0.1:3000',
    },
  }),
  logger: pino({ level: 'silent' }),
});
try {
  await seed(masthead);
  const warmUp = buildQueries(50);
  const queries = buildQueries(queryCount);
  const limit = (await masthead.services.settings.get()).articlesPerPage;
  const service = await time(warmUp, queries, async ({ text, page }) => {
    await masthead.services.search.search({ query: text, page, limit }).catch(() => undefined);
  });
  const pages = await time(warmUp, queries, async ({ text, page }) => {
    const url = `/search${page > 1 ? `/page/${page}/` : ''}?q=${encodeURIComponent(text)}`;
    const res = await masthead.app.inject({ method: 'GET', url });
    if (res.statusCode >= 500) throw new Error(`${url} answered ${res.statusCode}`);
  });
  const load = os.loadavg()[0]?.toFixed(1);
  console.log(
    `\n${articleCount} articles on ${masthead.database.dialect}, ${queryCount} queries, load ${load} on ${os.cpus().length} CPUs`,
  );
  const a = report('search service: repository + sections', service);
  const b = report('GET /search page, page cache off', pages);
  const line = (name: string, r: Summary) =>
    `${name}_p50_ms=${r.p50.toFixed(2)} ${name}_p95_ms=${r.p95.toFixed(2)} ${name}_cpu_p95_ms=${r.cpuP95.toFixed(2)}`;
  console.log(`\n${line('search', a)}\n${line('search_page', b)}`);
} finally {
  await masthead.close();
  if (!values.database) rmSync(root, { recursive: true, force: true });
}
