import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import pino from 'pino';
import { loadConfig } from '../src/config.ts';
import { createMasthead } from '../src/masthead.ts';
import { measure } from './measure.ts';
import { seedArticles } from './seed.ts';

// npm run bench -- --articles 10000 [--seconds 5] [--connections 32]
// Ratios, not absolute numbers, are what to compare: this machine is shared and noisy.
const { values } = parseArgs({
  options: {
    articles: { type: 'string', default: '10000' },
    seconds: { type: 'string', default: '5' },
    connections: { type: 'string', default: '32' },
  },
});
const articleCount = Number(values.articles);
const load = { seconds: Number(values.seconds), connections: Number(values.connections) };

const dir = mkdtempSync(path.join(tmpdir(), 'masthead-bench-'));
const databaseUrl = process.env.BENCH_DATABASE_URL ?? `sqlite:${path.join(dir, 'bench.db')}`;
const config = loadConfig({
  env: {
    DATABASE_URL: databaseUrl,
    MEDIA_DIR: path.join(dir, 'media'),
    LOG_LEVEL: 'silent',
    API_RATE_LIMIT: '0',
  },
});
const masthead = await createMasthead({ config, logger: pino({ level: 'silent' }) });

const seedStart = performance.now();
const { category, articleSlug } = await seedArticles(masthead, articleCount);
const seedSeconds = (performance.now() - seedStart) / 1000;

await masthead.app.listen({ host: '127.0.0.1', port: 0 });
const base = `http://127.0.0.1:${(masthead.app.server.address() as AddressInfo).port}`;
const articlePath = `/api/content/articles/slug/${articleSlug}`;
const sample = await fetch(`${base}${articlePath}`);
const bytes = Buffer.from(await sample.arrayBuffer());

const bare = http.createServer((_request, response) => {
  response.writeHead(200, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': bytes.length,
  });
  response.end(bytes);
});
await new Promise<void>((resolve) => bare.listen(0, '127.0.0.1', resolve));
const bareUrl = `http://127.0.0.1:${(bare.address() as AddressInfo).port}/`;

const results = {
  bare: await measure(bareUrl, load),
  content_article: await measure(`${base}${articlePath}`, load),
  content_list: await measure(`${base}/api/content/articles?limit=15`, load),
  content_category_page_5: await measure(
    `${base}/api/content/articles?filter=category:${category}&page=5`,
    load,
  ),
};
bare.close();
await masthead.close();
rmSync(dir, { recursive: true, force: true });

const ratio = (n: number) => Math.round((n / results.bare.rps) * 1000) / 1000;
const summary = {
  data: { articles: articleCount, database: databaseUrl.split(':')[0], response_bytes: bytes.length },
  seed_articles_per_second: Math.round(articleCount / seedSeconds),
  bare_rps: results.bare.rps,
  content_article_rps: results.content_article.rps,
  content_list_rps: results.content_list.rps,
  content_category_rps: results.content_category_page_5.rps,
  content_article_over_bare: ratio(results.content_article.rps),
  content_list_over_bare: ratio(results.content_list.rps),
  content_category_over_bare: ratio(results.content_category_page_5.rps),
  latency_ms: Object.fromEntries(
    Object.entries(results).map(([key, r]) => [key, { p50: r.p50, p97_5: r.p95 }]),
  ),
  errors: Object.values(results).reduce((sum, r) => sum + r.non2xx, 0),
};
console.table(
  Object.fromEntries(
    Object.entries(results).map(([key, r]) => [
      key,
      { 'req/s': r.rps, 'p50 ms': r.p50, 'p97.5 ms': r.p95, 'ratio to bare': ratio(r.rps) },
    ]),
  ),
);
console.log(JSON.stringify(summary, null, 2));
writeFileSync(path.join(import.meta.dirname, 'results.json'), `${JSON.stringify(summary, null, 2)}\n`);
