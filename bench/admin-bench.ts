import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { brotliCompressSync, gzipSync } from 'node:zlib';
import { ADMIN_DIST } from '../src/newsroom/admin-app.ts';
import { launchBrowser, startTestServer } from '../test/helpers/browser.ts';

// The newsroom app (issue 6): how many bytes the first screen and the editor cost, and how long the
// first load takes in Chromium against a local server (no network throttling: it measures the app's
// own work — parse, run, API round trips — not a slow link).
// Called by bench/run.ts (`npm run bench -- --only admin`).

type Chunk = {
  file: string;
  imports?: string[];
  dynamicImports?: string[];
  css?: string[];
  isEntry?: boolean;
};
type Sizes = { raw: number; gzip: number; brotli: number };

const ROOT = path.resolve(import.meta.dirname, '..');
const EMAIL = 'bench@news.example';
const PASSWORD = 'bench password for the newsroom';

function sizesOf(files: string[]): Sizes {
  const total: Sizes = { raw: 0, gzip: 0, brotli: 0 };
  for (const file of new Set(files)) {
    const bytes = readFileSync(path.join(ADMIN_DIST, file));
    total.raw += bytes.length;
    total.gzip += gzipSync(bytes, { level: 9 }).length;
    total.brotli += brotliCompressSync(bytes).length;
  }
  return total;
}

/** The files a chunk pulls in statically (itself, its imports, their CSS), minus `known`. */
function closure(manifest: Record<string, Chunk>, key: string, known = new Set<string>()): string[] {
  const chunk = manifest[key];
  if (!chunk || known.has(chunk.file)) return [];
  known.add(chunk.file);
  return [
    chunk.file,
    ...(chunk.css ?? []),
    ...(chunk.imports ?? []).flatMap((k) => closure(manifest, k, known)),
  ];
}

/** Bundle sizes from Vite's manifest: the first load (entry + CSS) and what opening the editor adds. */
export function adminBundleSizes(): { entry: Sizes; editor: Sizes } {
  const manifest = JSON.parse(
    readFileSync(path.join(ADMIN_DIST, '.vite', 'manifest.json'), 'utf8'),
  ) as Record<string, Chunk>;
  const entryKey = Object.keys(manifest).find((key) => manifest[key]?.isEntry);
  const editorKey = Object.keys(manifest).find((key) => key.endsWith('editor/editor-screen.tsx'));
  if (!entryKey || !editorKey) throw new Error('the manifest names no entry or no editor chunk');
  const entryFiles = closure(manifest, entryKey);
  const editorFiles = closure(manifest, editorKey, new Set(entryFiles));
  return { entry: sizesOf(entryFiles), editor: sizesOf(editorFiles) };
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return Math.round((sorted[Math.floor(sorted.length / 2)] ?? 0) * 10) / 10;
};

async function timed(work: () => Promise<void>): Promise<number> {
  const started = performance.now();
  await work();
  return performance.now() - started;
}

/**
 * Builds the app, serves the demo site, and in a fresh Chromium profile each time measures: the
 * sign-in screen's first load (cold cache), signing in to the dashboard, and opening the editor
 * (the lazy editor chunk + the article's data), each the median of `runs`.
 */
export async function benchAdmin(options: { runs: number } = { runs: 7 }) {
  const build = spawnSync(
    process.execPath,
    [
      path.join(ROOT, 'node_modules', 'vite', 'bin', 'vite.js'),
      'build',
      '--config',
      'admin/vite.config.ts',
      '--logLevel',
      'warn',
    ],
    { cwd: ROOT, stdio: 'inherit' },
  );
  if (build.status !== 0) throw new Error('the newsroom app did not build');
  const sizes = adminBundleSizes();
  const server = await startTestServer();
  await server.t.masthead.staff.create({
    email: EMAIL,
    name: 'Bench Editor',
    role: 'administrator',
    password: PASSWORD,
  });
  const login: number[] = [];
  const dashboard: number[] = [];
  const editor: number[] = [];
  try {
    for (let run = 0; run < options.runs; run += 1) {
      const browser = await launchBrowser({ viewport: { width: 1280, height: 900 } });
      try {
        const page = await browser.context.newPage();
        // The browser's own start (its first renderer) is not the app's cost: open a blank page first.
        await page.goto('about:blank');
        login.push(
          await timed(async () => {
            await page.goto(`${server.baseUrl}/admin/`);
            await page.getByRole('button', { name: 'Sign in' }).waitFor();
          }),
        );
        await page.getByLabel('Email').fill(EMAIL);
        await page.getByLabel('Password').fill(PASSWORD);
        dashboard.push(
          await timed(async () => {
            await page.getByRole('button', { name: 'Sign in' }).click();
            await page.getByRole('navigation', { name: 'Newsroom' }).waitFor();
          }),
        );
        editor.push(
          await timed(async () => {
            await page.goto(`${server.baseUrl}/admin/articles/new`);
            await page.getByLabel('Title', { exact: true }).waitFor();
            await page.locator('[contenteditable="true"]').first().waitFor();
          }),
        );
      } finally {
        await browser.close();
      }
    }
  } finally {
    await server.close();
  }
  const kb = (bytes: number) => Math.round(bytes / 102.4) / 10;
  const keys = {
    admin_entry_kb: kb(sizes.entry.raw),
    admin_entry_gzip_kb: kb(sizes.entry.gzip),
    admin_editor_kb: kb(sizes.editor.raw),
    admin_editor_gzip_kb: kb(sizes.editor.gzip),
    admin_editor_brotli_kb: kb(sizes.editor.brotli),
    admin_first_load_ms: median(login),
    admin_sign_in_to_dashboard_ms: median(dashboard),
    admin_open_editor_ms: median(editor),
  };
  console.table(keys);
  return { keys };
}
