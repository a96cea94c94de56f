// `npm run audit [-- --runs N] [-- SLUG]`: Lighthouse 12 on an article page of the demo site, mobile
// and desktop, with Debian's Chromium. Prints the four category scores, writes
// test-results/lighthouse.json (and an HTML report per form factor) and exits 1 when any is below
// MIN_SCORE.
//
// Scores are the median of N runs (default 5) per form factor, as Lighthouse advises for its
// run-to-run variance: https://github.com/GoogleChrome/lighthouse/blob/main/docs/variability.md —
// every run's scores are printed and kept in the JSON, so a noisy machine shows as such.
import { existsSync, writeFileSync } from 'node:fs';
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
      .map((a) => ({ id: a.id, score: a.score, ...(a.displayValue ? { displayValue: a.displayValue } : {}) })),
    report: String(result.report),
  };
}

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
};

/** Per category, the median over the runs; the report kept is the run with the median performance. */
function summarise(name: string, runs: Run[]) {
  const scores = Object.fromEntries(
    CATEGORIES.map((id) => [id, median(runs.map((run) => run.scores[id]))]),
  ) as Scores;
  const typical = runs.find((run) => run.scores.performance === scores.performance) ?? runs[0];
  if (typical) writeFileSync(resultPath(`lighthouse-${name}.html`), typical.report);
  return {
    formFactor: name,
    scores,
    runs: runs.map(({ report: _report, ...run }) => run),
  };
}

function printTable(summaries: ReturnType<typeof summarise>[]): void {
  const rows = [['category', ...summaries.map((s) => `${s.formFactor} (median; runs)`)]];
  for (const id of CATEGORIES)
    rows.push([
      id,
      ...summaries.map((s) => `${s.scores[id].toFixed(2)}  (${s.runs.map((r) => r.scores[id]).join(' ')})`),
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
    options: { runs: { type: 'string', default: '5' } },
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
    await fetch(url);
    console.log(`Lighthouse ${runCount}× per form factor on ${url} (load average ${loadavg()[0]?.toFixed(1)})`);
    const summaries = [];
    for (const formFactor of FORM_FACTORS) {
      const runs: Run[] = [];
      for (let i = 0; i < runCount; i++) runs.push(await audit(url, chrome.port, formFactor));
      summaries.push(summarise(formFactor.name, runs));
    }
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
