import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, it, type TestContext } from 'node:test';
import { skipUnless } from '../../test/helpers/require-all.ts';
import { createTestApp, type TestApp } from '../../test/helpers/test-app.ts';
import {
  hasSitemapFixtures,
  isXmllintAvailable,
  type SchemaSet,
  schemaSet,
  sitemapFixture,
  xmllint,
} from './xmllint.ts';

const canValidate = isXmllintAvailable() && hasSitemapFixtures();
const missing = !isXmllintAvailable()
  ? 'xmllint is not installed (apt-get install libxml2-utils)'
  : `the sitemap schemas are missing at ${sitemapFixture('')}`;
const skipped = (t: TestContext): boolean => skipUnless(t, canValidate, missing);

describe('sitemap schemas: the validator itself', () => {
  let schemas: SchemaSet;
  before(() => {
    if (canValidate) schemas = schemaSet();
  });
  after(() => schemas?.dispose());

  it('should accept the all-tags index and reject an unknown element when validating sitemap indexes', (t) => {
    if (skipped(t)) return;

    const good = xmllint({ file: sitemapFixture('sitemapjs-alltags-index.xml'), schema: schemas.index });
    const bad = xmllint({ file: sitemapFixture('sitemapjs-bad-tag-index.xml'), schema: schemas.index });

    assert.ok(good.isValid, good.output);
    assert.equal(bad.isValid, false);
    assert.match(bad.output, /foo.*This element is not expected/);
  });

  it('should accept the all-tags sitemap and reject an unknown element when news and video schemas are imported', (t) => {
    if (skipped(t)) return;

    const good = xmllint({ file: sitemapFixture('sitemapjs-alltags.xml'), schema: schemas.extended });
    const bad = xmllint({ file: sitemapFixture('sitemapjs-bad-tag-sitemap.xml'), schema: schemas.extended });

    assert.ok(good.isValid, good.output);
    assert.equal(bad.isValid, false);
    assert.match(bad.output, /foo.*This element is not expected/);
  });

  it('should refuse extension elements when validating against the bare sitemap schema', (t) => {
    if (skipped(t)) return;

    // The sitemap schema's strict wildcard needs a declaration for every foreign element: this is
    // why the news sitemap is checked against a schema that imports the news extension too.
    const result = xmllint({ file: sitemapFixture('sitemapjs-alltags.xml'), schema: schemas.urlset });

    assert.equal(result.isValid, false);
    assert.match(result.output, /sitemap-news\/0\.9\}news': No matching global element declaration/);
  });

  it('should reject a news entry without a publication date when validating against the news schema', (t) => {
    if (skipped(t)) return;
    const xml = readFileSync(sitemapFixture('sitemapjs-alltags.xml'), 'utf8');
    const news = xml.match(/<url>(?:(?!<\/url>)[\s\S])*<news:news>[\s\S]*?<\/url>/)?.[0];
    assert.ok(news, 'the fixture has a news entry');
    const wrap = (entry: string) =>
      `<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">${entry}</urlset>`;

    const good = schemas.validate(wrap(news), schemas.news);
    const bad = schemas.validate(
      wrap(news.replace(/<news:publication_date>[^<]*<\/news:publication_date>/, '')),
      schemas.news,
    );

    assert.ok(good.isValid, good.output);
    assert.equal(bad.isValid, false);
    assert.match(bad.output, /title': This element is not expected\. Expected is .*publication_date/);
  });
});

describe('sitemap schemas: what Masthead serves', () => {
  let t: TestApp;
  let schemas: SchemaSet;
  const paths = [
    '/sitemap.xml',
    '/sitemaps/articles-1.xml',
    '/sitemaps/pages.xml',
    '/sitemaps/categories.xml',
    '/sitemaps/tags.xml',
    '/sitemaps/authors.xml',
    '/news-sitemap.xml',
  ];

  before(async () => {
    t = await createTestApp();
    if (canValidate) schemas = schemaSet();
    const { services } = t.masthead;
    const [person] = [await services.people.create({ name: 'Zoë Ångström & Co' })];
    await services.taxonomy.categories.create({ name: 'Science' });
    await services.taxonomy.categories.create({ name: 'Space <Deep>', parent: 'science' });
    await services.articles.create('article', [
      {
        title: 'Probe reaches "Europa" & sends <first> images',
        body_html: '<p>Ice.</p>',
        status: 'published',
        published_at: new Date(),
        primary_category: 'space-deep',
        tags: ['Europa', 'Ice & Fire'],
        authors: [person?.slug ?? ''],
        language: 'fr-CA',
      },
      {
        title: 'Launch window report',
        body_html: '<p>Old.</p>',
        status: 'published',
        published_at: new Date(Date.now() - 3 * 24 * 3600_000),
        primary_category: 'science',
      },
    ]);
    await services.articles.create('page', [
      { title: 'About us', body_html: '<p>Us.</p>', status: 'published', published_at: new Date() },
    ]);
  });

  after(async () => {
    schemas?.dispose();
    await t.close();
  });

  for (const path of paths) {
    it(`should validate against the sitemap schemas when ${path} is served`, async (t2) => {
      if (skipped(t2)) return;
      const res = await t.masthead.app.inject({ method: 'GET', url: path });
      assert.equal(res.statusCode, 200, res.body);
      const schema =
        path === '/sitemap.xml'
          ? schemas.index
          : path === '/news-sitemap.xml'
            ? schemas.news
            : schemas.urlset;

      const result = schemas.validate(res.body, schema);

      assert.ok(result.isValid, `${path}:\n${result.output}\n${res.body}`);
    });
  }
});
