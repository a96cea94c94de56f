import pino from 'pino';
import { loadConfig } from '/work/main/src/config.ts';
import { createMasthead } from '/work/main/src/masthead.ts';
import { renderUrlset } from '/work/main/src/seo/sitemap-xml.ts';
const m = await createMasthead({ config: loadConfig({ env: { DATABASE_URL: `sqlite:${process.argv[2]}`, SITE_URL: 'https://news.example', MEDIA_DIR: '/tmp/seo-x/media' }, cwd: '/tmp/seo-x' }), logger: pino({ level: 'silent' }) });
const { services, urls } = m;
const site = await services.settings.get();
for (let i = 0; i < 3; i++) {
  let s = performance.now();
  const { entries } = await services.articles.sitemapListing({ kind: 'article', order: 'oldest', chunkSize: 50000, chunk: 1 });
  const q = performance.now() - s; s = performance.now();
  const locs = entries.map((e) => ({ loc: urls.article(e, site), lastModified: e.updatedAt }));
  const u = performance.now() - s; s = performance.now();
  const xml = renderUrlset(locs);
  const r = performance.now() - s; s = performance.now();
  const page = m.cache.build({ body: xml, contentType: 'x', keys: [] });
  const c = performance.now() - s;
  console.log({ query: Math.round(q), urls: Math.round(u), render: Math.round(r), compress: Math.round(c), bytes: xml.length, gz: page.gzip.length, br: page.br.length });
}
await m.close();
