// `npm run audit [-- [--runs N] [SLUG]]`: Lighthouse 12 on an article page of the demo site, mobile
// and desktop, with Debian's Chromium. Prints the four category scores, writes
// test-results/lighthouse.json (and an HTML report per form factor) and exits 1 when any is below
// MIN_SCORE.
//
// Scores are the median of N runs per form factor (default 3; `npm run audit -- --runs 5` for more),
// as Lighthouse advises for its run-to-run variance:
// https://github.com/GoogleChrome/lighthouse/blob/main/docs/variability.md — every run's scores are
// printed and kept in the JSON, so a noisy machine shows as such. Beside each run, the same audit on
// a near-empty page sent with the article's response headers gives the floor this machine allows
// (like bench/, a comparison made in the same run, since absolute numbers drift).
import { existsSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import * as chromeLauncher from 'chrome-launcher';
import lighthouse, { type Config, type Flags } from 'lighthouse';
import desktopConfig from 'lighthouse/core/config/desktop-config.js';
import { CHROMIUM_ARGS, CHROMIUM_PATH, resultPath, startTestServer } from '../test/helpers/browser.ts';

const MIN_SCORE = 0.95;
const CATEGORIES = ['performance', 'accessibility', 'best-practices', 'seo'] as const;
type Category = (typeof CATEGORIES)[number];
type Scores = Record<Category, number>;
type FormFactor = { name: 'mobile' | 'desktop'; config?: Config };
const FORM_FACTORS: FormFactor[] = [{ name: 'mobile' }, { name: 'desktop', config: desktopConfig }];

type Run = {
  scores: Scores;
  benchmarkIndex: number;
  /** Weighted audits that did not pass, so a low score says why. */
  failing: { id: string; score: number | null; displayValue?: string }[];
  report: string;
};

async function articleUrl(baseUrl: string, slug: string | undefined): Promise<string> {
  const path = slug ? `articles/slug/${encodeURIComponent(slug)}` : 'articles?limit=1';
  const response = await fetch(`${baseUrl}/api/content/${path}`);
  const body = (await response.json()) as { articles?: { url: string }[] };
  const url = body.articles?.[0]?.url;
  if (!response.ok || !url) throw new Error(`no published article at /api/content/${path}`);
  return url;
}

async function audit(url: string, port: number, formFactor: FormFactor): Promise<Run> {
  const flags: Flags = { port, output: 'html', logLevel: 'error', onlyCategories: [...CATEGORIES] };
  const result = await lighthouse(url, flags, formFactor.config);
  if (!result) throw new Error(`Lighthouse returned nothing for ${url}`);
  const { lhr } = result;
  if (lhr.runtimeError) throw new Error(`Lighthouse: ${lhr.runtimeError.code} ${lhr.runtimeError.message}`);
  const weighted = new Set(
    CATEGORIES.flatMap((id) => lhr.categories[id]?.auditRefs ?? [])
      .filter((ref) => ref.weight > 0)
      .map((ref) => ref.id),
  );
  return {
    scores: Object.fromEntries(CATEGORIES.map((id) => [id, lhr.categories[id]?.score ?? 0])) as Scores,
    benchmarkIndex: Math.round(lhr.environment.benchmarkIndex),
    failing: Object.values(lhr.audits)
      .filter((a) => weighted.has(a.id) && a.score !== null && a.score < 0.9)
      .map((a) => ({
        id: a.id,
        score: a.score,
        ...(a.displayValue ? { displayValue: a.displayValue } : {}),
      })),
    report: String(result.report),
  };
}

/** Lighthouse now and then fails to record a trace (NO_NAVSTART, NO_FCP): such a run is redone once. */
async function auditWithRetry(url: string, port: number, formFactor: FormFactor): Promise<Run> {
  try {
    return await audit(url, port, formFactor);
  } catch (error) {
    console.error(`${formFactor.name} run failed, running it again: ${(error as Error).message}`);
    return audit(url, port, formFactor);
  }
}

/** Headers that describe one body, not how the site answers. */
const BODY_HEADERS = new Set([
  'content-length',
  'content-encoding',
  'etag',
  'last-modified',
  'date',
  'connection',
  'keep-alive',
  'cache-tag',
  'surrogate-key',
  'x-cache',
  'vary',
  'transfer-encoding',
]);

/** A near-empty page served with the article's own response headers (security headers included). */
async function startBaseline(headers: Headers): Promise<{ url: string; close: () => void }> {
  const kept: Record<string, string> = {};
  headers.forEach((value, name) => {
    if (!BODY_HEADERS.has(name)) kept[name] = value;
  });
  const body =
    '<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" ' +
    'content="width=device-width, initial-scale=1"><title>Baseline</title><link rel="icon" href="data:,">' +
    '</head><body><h1>Baseline</h1><p>A near-empty page.</p></body></html>';
  const server = createServer((request, response) => {
    response.writeHead(request.url === '/' ? 200 : 404, kept).end(request.url === '/' ? body : '');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/`, close: () => server.close() };
}

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
};

/** Per category, the median over the runs; the report kept is the run with the median performance. */
function summarise(name: string, runs: Run[], baselines: Run[]) {
  const scores = Object.fromEntries(
    CATEGORIES.map((id) => [id, median(runs.map((run) => run.scores[id]))]),
  ) as Scores;
  const typical = runs.find((run) => run.scores.performance === scores.performance) ?? runs[0];
  if (typical) writeFileSync(resultPath(`lighthouse-${name}.html`), typical.report);
  return {
    formFactor: name,
    scores,
    runs: runs.map(({ report: _report, ...run }) => run),
    baselinePerformance: median(baselines.map((run) => run.scores.performance)),
    baselineRuns: baselines.map((run) => run.scores.performance),
  };
}

function printTable(summaries: ReturnType<typeof summarise>[]): void {
  const rows = [['category', ...summaries.map((s) => `${s.formFactor} (median; runs)`)]];
  for (const id of CATEGORIES)
    rows.push([
      id,
      ...summaries.map((s) => `${s.scores[id].toFixed(2)}  (${s.runs.map((r) => r.scores[id]).join(' ')})`),
    ]);
  rows.push([
    'performance of a near-empty page, same headers',
    ...summaries.map((s) => `${s.baselinePerformance.toFixed(2)}  (${s.baselineRuns.join(' ')})`),
  ]);
  const widths = rows[0]?.map((_, i) => Math.max(...rows.map((row) => row[i]?.length ?? 0))) ?? [];
  for (const row of rows) console.log(row.map((cell, i) => cell.padEnd(widths[i] ?? 0)).join('  '));
  for (const summary of summaries)
    for (const run of summary.runs)
      for (const failed of run.failing)
        console.log(`  ${summary.formFactor}: ${failed.id} ${failed.score} ${failed.displayValue ?? ''}`);
}

async function main(): Promise<number> {
  const { values, positionals } = parseArgs({
    options: { runs: { type: 'string', default: '3' } },
    allowPositionals: true,
  });
  const runCount = Math.max(1, Number(values.runs) || 1);
  if (!existsSync(CHROMIUM_PATH)) {
    console.error(`audit: Chromium missing at ${CHROMIUM_PATH} (apt-get install -y chromium)`);
    return 1;
  }
  const server = await startTestServer();
  const chrome = await chromeLauncher.launch({
    chromePath: CHROMIUM_PATH,
    chromeFlags: ['--headless=new', ...CHROMIUM_ARGS],
  });
  try {
    const url = await articleUrl(server.baseUrl, positionals[0]);
    // A reader meets the page from the page cache, not the first render after start-up.
    const baseline = await startBaseline((await fetch(url)).headers);
    console.log(
      `Lighthouse ${runCount}× per form factor on ${url} (load average ${loadavg()[0]?.toFixed(1)})`,
    );
    const summaries = [];
    for (const formFactor of FORM_FACTORS) {
      const runs: Run[] = [];
      const baselines: Run[] = [];
      for (let i = 0; i < runCount; i++) {
        runs.push(await auditWithRetry(url, chrome.port, formFactor));
        baselines.push(await auditWithRetry(baseline.url, chrome.port, formFactor));
      }
      summaries.push(summarise(formFactor.name, runs, baselines));
    }
    baseline.close();
    const path = resultPath('lighthouse.json');
    writeFileSync(path, `${JSON.stringify({ url, minScore: MIN_SCORE, formFactors: summaries }, null, 2)}\n`);
    printTable(summaries);
    console.log(`wrote ${path}`);
    const low = summaries.flatMap((s) =>
      CATEGORIES.filter((id) => s.scores[id] < MIN_SCORE).map((id) => `${s.formFactor} ${id}`),
    );
    if (low.length > 0) console.error(`below ${MIN_SCORE}: ${low.join(', ')}`);
    return low.length > 0 ? 1 : 0;
  } finally {
    chrome.kill();
    await server.close();
  }
}

process.exitCode = await main();
