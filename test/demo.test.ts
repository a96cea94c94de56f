import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import sharp from 'sharp';
import { isContentEmpty, loadDemoContent } from '../src/demo/demo-loader.ts';
import { systemClock } from '../src/lib/clock.ts';
import { AppError } from '../src/lib/errors.ts';
import { createTestApp, type TestApp } from './helpers/test-app.ts';

describe('masthead demo', () => {
  let t: TestApp;
  let mediaDir: string;

  before(async () => {
    t = await createTestApp();
    mediaDir = path.join(
      t.testDb.url.startsWith('sqlite:') ? path.dirname(t.testDb.url.slice(7)) : '/tmp',
      'media',
    );
  });
  after(() => t.close());

  it('should fill an empty database through the services when the demo is loaded', async () => {
    const { services } = t.masthead;
    assert.equal(await isContentEmpty(services), true);

    const summary = await loadDemoContent({ services, mediaDir, clock: systemClock });

    assert.ok(summary.articles >= 40, `only ${summary.articles} articles`);
    assert.ok(summary.categories >= 6);
    assert.equal(summary.authors, 5);
    const listed = await services.articles.list({
      kind: 'article',
      statuses: ['published'],
      page: { page: 1, limit: 100 },
    });
    assert.equal(listed.pagination.total, summary.articles);
    const languages = new Set(listed.articles.map((a) => a.language));
    assert.ok(languages.has('ar'), 'an Arabic article');
    assert.ok(languages.has('ja'), 'a Japanese article');
    const subCategory = (await services.taxonomy.categories.all()).find((c) => c.parentId !== null);
    assert.ok(subCategory, 'a sub-category');
    assert.ok(
      listed.articles.every((a) => a.authors.length > 0 && a.primaryCategory && a.featuredImage?.alt),
    );
    assert.equal((await services.settings.get()).title, 'The Aldwyn Courier');
  });

  it('should draw each featured image locally as a WebP file when the demo is loaded', async () => {
    const { articles } = await t.masthead.services.articles.list({
      kind: 'article',
      statuses: ['published'],
      page: { page: 1, limit: 3 },
    });
    for (const article of articles) {
      const file = path.join(mediaDir, (article.featuredImage?.url ?? '').replace(/^\/media\//, ''));
      assert.ok(existsSync(file), `missing ${file}`);
      const meta = await sharp(file).metadata();
      assert.equal(meta.format, 'webp');
      assert.equal(meta.width, 1200);
    }
  });

  it('should refuse to load twice when the database already has content', async () => {
    await assert.rejects(
      loadDemoContent({ services: t.masthead.services, mediaDir, clock: systemClock }),
      (error) => error instanceof AppError && error.code === 'DEMO_NOT_EMPTY' && error.status === 409,
    );
  });

  it('should serve the demo through the Content API when a reader asks for a category', async () => {
    const response = await t.masthead.app.inject({
      url: '/api/content/articles?filter=category:politics&limit=100',
    });
    const body = response.json();

    assert.equal(response.statusCode, 200);
    const sections = body.articles.map(
      (a: { primary_category: { slug: string } }) => a.primary_category.slug,
    );
    assert.ok(sections.includes('local-politics'), 'a parent category lists its sub-category articles');
    const inSection = (a: { categories: { slug: string }[] }) =>
      a.categories.some((c) => c.slug === 'politics' || c.slug === 'local-politics');
    assert.ok(body.articles.every(inSection), 'every article listed is filed under politics or below it');
  });
});
