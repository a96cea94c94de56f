import { readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { CommentBenchOptions } from './comments-bench.ts';
import type { Posted } from './comments-load.ts';
import { LONG_THREAD_COMMENTS } from './comments-seed.ts';

/**
 * Wall time is what a reader waits; CPU time is the work this process did for the page, which
 * stays meaningful when the shared machine is busy and wall time includes waiting for a core
 * (on PostgreSQL it leaves out the database server's own work).
 */
export type Stats = { p50: number; p95: number; cpu_p50: number; cpu_p95: number };
export type Timing = { ms: number; cpuMs: number };
export type Render = { busy: Stats; quiet: Stats; comments_on_page: number; bytes: number };
export type CommentBenchRun = {
  database: 'sqlite' | 'postgres';
  /** The machine's 1-minute load average when the submissions ended (2 cores: above 2 means waiting). */
  load_average: number;
  comments_in_database: number;
  seed_seconds: number;
  solve_seconds: number;
  submit: Posted & { server_cpu_ms_per_submission: number; stored: Record<string, number>; spent: number };
  render: Render;
  render_one_page: Render;
};

export const round = (n: number, places = 2) => Math.round(n * 10 ** places) / 10 ** places;
const percentile = (sorted: number[], p: number): number =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
export const stats = (timings: Timing[]): Stats => {
  const wall = timings.map((t) => t.ms).sort((a, b) => a - b);
  const cpu = timings.map((t) => t.cpuMs).sort((a, b) => a - b);
  return {
    p50: round(percentile(wall, 50), 2),
    p95: round(percentile(wall, 95), 2),
    cpu_p50: round(percentile(cpu, 50), 2),
    cpu_p95: round(percentile(cpu, 95), 2),
  };
};

/**
 * The keys bench/results.json gains: the headline numbers flat like the rest of it, the details
 * (data size, statuses, rows stored, both renders, machine load) under `comments`.
 */
export function commentResultKeys(runs: CommentBenchRun[], options: CommentBenchOptions) {
  const keys: Record<string, unknown> = {};
  for (const run of runs) {
    const db = run.database;
    const suffix = db === 'sqlite' ? '' : `_${db}`;
    Object.assign(keys, {
      [`comment_submissions_per_s_${db}`]: run.submit.perSecond,
      [`comment_submissions_p95_ms_${db}`]: run.submit.p95,
      [`comment_submission_server_cpu_ms_${db}`]: run.submit.server_cpu_ms_per_submission,
      [`article_render_ms_500_comments${suffix}`]: run.render.busy.p50,
      [`article_render_p95_ms_500_comments${suffix}`]: run.render.busy.p95,
      [`article_render_ms_0_comments${suffix}`]: run.render.quiet.p50,
      [`render_500_comments_over_0${suffix}`]: round(run.render.busy.p50 / run.render.quiet.p50),
    });
  }
  keys.comments = {
    data: {
      articles: options.articles,
      comments_before_run: runs[0]?.comments_in_database,
      comments_on_busy_article: LONG_THREAD_COMMENTS,
      submissions: options.submissions,
      warm_up: options.warmUp,
      connections: options.connections,
      captcha_difficulty: options.difficulty,
      renders: options.renders,
      cpus: os.cpus().length,
    },
    ...Object.fromEntries(
      runs.map(({ submit, ...run }) => [
        run.database,
        { ...run, submit: { ...submit, failures: undefined } },
      ]),
    ),
  };
  return keys;
}

export function printRuns(runs: CommentBenchRun[]): void {
  console.table(
    Object.fromEntries(
      runs.map((run) => [
        `submit (${run.database})`,
        {
          'per s': run.submit.perSecond,
          'p50 ms': run.submit.p50,
          'p95 ms': run.submit.p95,
          'server cpu ms': run.submit.server_cpu_ms_per_submission,
          statuses: JSON.stringify(run.submit.statuses),
          load: run.load_average,
        },
      ]),
    ),
  );
  const rows: Record<string, Record<string, number>> = {};
  for (const run of runs)
    for (const [label, r] of [
      ['50 threads/page', run.render],
      ['all on one page', run.render_one_page],
    ] as const)
      rows[`render ${run.database}, ${label}`] = {
        comments: r.comments_on_page,
        'p50 ms': r.busy.p50,
        'p95 ms': r.busy.p95,
        'cpu p50 ms': r.busy.cpu_p50,
        '0 comments p50': r.quiet.p50,
        '0 comments p95': r.quiet.p95,
        '0 comments cpu p50': r.quiet.cpu_p50,
        ratio: round(r.busy.p50 / r.quiet.p50),
        'cpu ratio': round(r.busy.cpu_p50 / r.quiet.cpu_p50),
        KB: round(r.bytes / 1024),
      };
  console.table(rows);
  for (const run of runs)
    if (run.submit.failures.length > 0)
      console.error(`${run.database}: answers other than 201:`, run.submit.failures);
}

/** Merges keys into bench/results.json, keeping what the other benchmarks wrote there. */
export function mergeIntoResults(
  keys: Record<string, unknown>,
  file = path.join(import.meta.dirname, 'results.json'),
) {
  let current: Record<string, unknown> = {};
  try {
    current = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
  } catch {
    // No results yet: start a new file.
  }
  writeFileSync(file, `${JSON.stringify({ ...current, ...keys }, null, 2)}\n`);
}
