import { createTestApp } from '/work/main/test/helpers/test-app.ts';
import { seedArticles } from '/work/main/bench/seed.ts';
import { buildSitemapIndex, buildArticleSitemap, buildNewsSitemap, buildPageSitemap } from '/work/main/src/seo/sitemaps.ts';
const t = await createTestApp();
try {
  let s = Date.now();
  await seedArticles(t.masthead, 100000);
  console.log('seed', Date.now() - s, 'ms', t.testDb.dialect);
  const { services, urls } = t.masthead;
  const time = async (name: string, fn: () => Promise<any>) => { const out = []; for (let i = 0; i < 3; i++) { const s = performance.now(); await fn(); out.push(Math.round(performance.now() - s)); } console.log(name.padEnd(12), out.join(' / '), 'ms'); };
  await time('index', () => buildSitemapIndex({ services, urls }));
  await time('articles-1', () => buildArticleSitemap({ services, urls, page: 1 }));
  await time('articles-2', () => buildArticleSitemap({ services, urls, page: 2 }));
  await time('news', () => buildNewsSitemap({ services, urls, now: new Date() }));
  await time('pages', () => buildPageSitemap({ services, urls }));
} finally { await t.close(); }
