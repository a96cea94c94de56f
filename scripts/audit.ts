// `npm run audit [slug]`: Lighthouse 12 on an article page of the demo site, mobile and desktop, with
// Debian's Chromium. Prints the four category scores, writes test-results/lighthouse.json (and an
// HTML report per form factor) and exits 1 when any score is below MIN_SCORE.
import { existsSync, writeFileSync } from 'node:fs';
import * as chromeLauncher from 'chrome-launcher';
import lighthouse, { type Config, type Flags } from 'lighthouse';
import desktopConfig from 'lighthouse/core/config/desktop-config.js';
import { CHROMIUM_ARGS, CHROMIUM_PATH, resultPath, startTestServer } from '../test/helpers/browser.ts';

const MIN_SCORE = 0.95;
const CATEGORIES = ['performance', 'accessibility', 'best-practices', 'seo'] as const;
const FORM_FACTORS: { name: 'mobile' | 'desktop'; config?: Config }[] = [
  { name: 'mobile' },
  { name: 'desktop', config: desktopConfig },
];

type Run = {
  formFactor: string;
  scores: Record<string, number | null>;
  /** Audits in the four categories that did not pass, so a low score says why. */
  failing: { id: string; title: string; score: number | null; displayValue?: string }[];
};

async function articleUrl(baseUrl: string, slug: string | undefined): Promise<string> {
  const path = slug ? `articles/slug/${encodeURIComponent(slug)}` : 'articles?limit=1';
  const response = await fetch(`${baseUrl}/api/content/${path}`);
  const body = (await response.json()) as { articles?: { url: string }[] };
  const url = body.articles?.[0]?.url;
  if (!response.ok || !url) throw new Error(`no published article at /api/content/${path}`);
  return url;
}

async function audit(url: string, port: number, formFactor: (typeof FORM_FACTORS)[number]): Promise<Run> {
  const flags: Flags = { port, output: 'html', logLevel: 'error', onlyCategories: [...CATEGORIES] };
  const result = await lighthouse(url, flags, formFactor.config);
  if (!result) throw new Error(`Lighthouse returned nothing for ${url}`);
  const { lhr } = result;
  if (lhr.runtimeError) throw new Error(`Lighthouse: ${lhr.runtimeError.code} ${lhr.runtimeError.message}`);
  writeFileSync(resultPath(`lighthouse-${formFactor.name}.html`), String(result.report));
  const auditIds = new Set(
    CATEGORIES.flatMap((id) => (lhr.categories[id]?.auditRefs ?? []).filter((r) => r.weight > 0)).map(
      (r) => r.id,
    ),
  );
  return {
    formFactor: formFactor.name,
    scores: Object.fromEntries(CATEGORIES.map((id) => [id, lhr.categories[id]?.score ?? null])),
    failing: Object.values(lhr.audits)
      .filter((a) => auditIds.has(a.id) && a.score !== null && a.score < 0.9)
      .map((a) => ({
        id: a.id,
        title: a.title,
        score: a.score,
        ...(a.displayValue ? { displayValue: a.displayValue } : {}),
      })),
  };
}

function printTable(runs: Run[]): void {
  const rows = [['category', ...runs.map((r) => r.formFactor)]];
  for (const id of CATEGORIES)
    rows.push([id, ...runs.map((r) => (r.scores[id] === null ? 'n/a' : String(r.scores[id])))]);
  const widths = rows[0]?.map((_, i) => Math.max(...rows.map((row) => row[i]?.length ?? 0))) ?? [];
  for (const row of rows) console.log(row.map((cell, i) => cell.padEnd(widths[i] ?? 0)).join('  '));
  for (const run of runs)
    for (const failed of run.failing)
      console.log(`  ${run.formFactor}: ${failed.id} ${failed.score} ${failed.displayValue ?? ''}`);
}

async function main(): Promise<number> {
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
    const url = await articleUrl(server.baseUrl, process.argv[2]);
    // A reader meets the page from the page cache, not the first render after start-up.
    await fetch(url);
    console.log(`Lighthouse on ${url}`);
    const runs: Run[] = [];
    for (const formFactor of FORM_FACTORS) runs.push(await audit(url, chrome.port, formFactor));
    const path = resultPath('lighthouse.json');
    writeFileSync(path, `${JSON.stringify({ url, minScore: MIN_SCORE, runs }, null, 2)}\n`);
    printTable(runs);
    console.log(`wrote ${path}`);
    const low = runs.flatMap((run) =>
      CATEGORIES.filter((id) => (run.scores[id] ?? 0) < MIN_SCORE).map((id) => `${run.formFactor} ${id}`),
    );
    if (low.length > 0) console.error(`below ${MIN_SCORE}: ${low.join(', ')}`);
    return low.length > 0 ? 1 : 0;
  } finally {
    chrome.kill();
    await server.close();
  }
}

process.exitCode = await main();
