import { createTestApp } from '/work/main/test/helpers/test-app.ts';
import { seedArticles } from '/work/main/bench/seed.ts';
const t = await createTestApp();
await seedArticles(t.masthead, 100000);
console.log(t.testDb.url);
await t.masthead.close();
