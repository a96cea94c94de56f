import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import sharp from 'sharp';
import { demoArticles, demoAuthors, demoCategories, demoPages, demoSite } from './demo-data.ts';
import { renderDemoAvatar, renderDemoImage } from './demo-images.ts';

const SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const JAPANESE_PATTERN = /[\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Han}]/u;
const ARABIC_PATTERN = /\p{Script=Arabic}/u;

const textOf = (html: string): string => html.replace(/<[^>]+>/g, ' ');
const countMatches = (text: string, pattern: RegExp): number =>
  text.match(new RegExp(pattern.source, `${pattern.flags.replace('g', '')}g`))?.length ?? 0;
const categorySlugs = (): Set<string> => new Set(demoCategories.map((category) => category.slug));

describe('demo site data', () => {
  it('should describe The Aldwyn Courier with a valid time zone when the site is read', () => {
    assert.equal(demoSite.title, 'The Aldwyn Courier');
    assert.ok(demoSite.description.length > 20);
    assert.doesNotThrow(() => new Intl.DateTimeFormat(demoSite.locale, { timeZone: demoSite.timezone }));
  });

  it('should offer at least seven categories with unique slugs when categories are listed', () => {
    const slugs = demoCategories.map((category) => category.slug);

    assert.ok(demoCategories.length >= 7, `only ${demoCategories.length} categories`);
    assert.equal(new Set(slugs).size, slugs.length);
    for (const slug of slugs) assert.match(slug, SLUG_PATTERN);
  });

  it('should give every sub-category an existing top-level parent when a parent is named', () => {
    const children = demoCategories.filter((category) => category.parent !== undefined);
    const topLevel = new Set(demoCategories.filter((category) => !category.parent).map((c) => c.slug));

    assert.ok(children.length >= 1);
    for (const child of children) assert.ok(topLevel.has(child.parent ?? ''), `${child.slug} has no parent`);
  });

  it('should use a sub-category as a primary category when articles are filed', () => {
    const subSlugs = new Set(demoCategories.filter((category) => category.parent).map((c) => c.slug));

    assert.ok(demoArticles.some((article) => subSlugs.has(article.primary_category)));
  });

  it('should list exactly five authors with distinct names and slugs when authors are read', () => {
    assert.equal(demoAuthors.length, 5);
    assert.equal(new Set(demoAuthors.map((author) => author.name)).size, 5);
    assert.equal(new Set(demoAuthors.map((author) => author.slug)).size, 5);
    for (const author of demoAuthors) {
      assert.match(author.slug, SLUG_PATTERN);
      assert.ok(author.bio.length > 40, `${author.slug} needs a bio`);
    }
  });

  it('should hold at least 44 articles with every category used as a primary when articles are counted', () => {
    const primaries = new Set(demoArticles.map((article) => article.primary_category));

    assert.ok(demoArticles.length >= 44, `only ${demoArticles.length} articles`);
    for (const slug of categorySlugs()) assert.ok(primaries.has(slug), `no article filed under ${slug}`);
  });

  it('should use unique lower-case ascii slugs of at most 80 characters when article slugs are checked', () => {
    const slugs = demoArticles.map((article) => article.slug);

    assert.equal(new Set(slugs).size, slugs.length);
    for (const slug of slugs) {
      assert.match(slug, SLUG_PATTERN);
      assert.ok(slug.length <= 80, `${slug} is too long`);
    }
  });

  it('should reference only existing categories and authors when articles are checked', () => {
    const categories = categorySlugs();
    const authors = new Set(demoAuthors.map((author) => author.slug));

    for (const article of demoArticles) {
      assert.ok(categories.has(article.primary_category), `${article.slug}: ${article.primary_category}`);
      for (const slug of article.categories) assert.ok(categories.has(slug), `${article.slug}: ${slug}`);
      assert.ok(
        !article.categories.includes(article.primary_category),
        `${article.slug} repeats its primary`,
      );
      assert.ok(article.authors.length >= 1 && article.authors.length <= 2, `${article.slug} authors`);
      for (const slug of article.authors) assert.ok(authors.has(slug), `${article.slug}: ${slug}`);
    }
  });

  it('should feature three or four articles when featured flags are counted', () => {
    const featured = demoArticles.filter((article) => article.featured);

    assert.ok(featured.length >= 3 && featured.length <= 4, `${featured.length} featured`);
  });

  it('should reuse about fifteen distinct tags when tags are counted', () => {
    const uses = new Map<string, number>();
    for (const article of demoArticles) {
      assert.ok(
        article.tags.length >= 2 && article.tags.length <= 4,
        `${article.slug} has ${article.tags.length}`,
      );
      assert.equal(new Set(article.tags).size, article.tags.length);
      for (const tag of article.tags) uses.set(tag, (uses.get(tag) ?? 0) + 1);
    }

    assert.ok(uses.size >= 12 && uses.size <= 18, `${uses.size} distinct tags`);
    for (const [tag, count] of uses) assert.ok(count >= 2, `${tag} is used only once`);
  });

  it('should spread publication over the last month when publication ages are read', () => {
    const hours = demoArticles.map((article) => article.published_hours_ago);

    for (const value of hours) assert.ok(value >= 1 && value <= 720, `${value} hours`);
    assert.ok(hours.filter((value) => value <= 48).length >= 3);
    assert.ok(Math.max(...hours) >= 600);
  });

  it('should include an Arabic article written in Arabic script when its language is ar', () => {
    const article = demoArticles.find((candidate) => candidate.language === 'ar');

    assert.ok(article);
    assert.match(article.title, ARABIC_PATTERN);
    assert.match(article.standfirst, ARABIC_PATTERN);
    const text = textOf(article.body_html);
    assert.ok(countMatches(text, ARABIC_PATTERN) > 500);
    assert.equal(countMatches(text, /[A-Za-z]/), 0);
  });

  it('should include a Japanese article written in Japanese script when its language is ja', () => {
    const article = demoArticles.find((candidate) => candidate.language === 'ja');

    assert.ok(article);
    assert.match(article.title, JAPANESE_PATTERN);
    assert.match(article.standfirst, JAPANESE_PATTERN);
    const text = textOf(article.body_html);
    assert.ok(countMatches(text, JAPANESE_PATTERN) > 300);
    assert.equal(countMatches(text, /[A-Za-z]/), 0);
  });

  it('should hold four to eight paragraphs of finished prose when each body is read', () => {
    for (const article of demoArticles) {
      const paragraphs = countMatches(article.body_html, /<p>/);
      assert.ok(paragraphs >= 4 && paragraphs <= 8, `${article.slug} has ${paragraphs} paragraphs`);
      assert.doesNotMatch(article.body_html, /lorem|ipsum|TODO|TBD|placeholder/i, article.slug);
      assert.ok(article.standfirst.length > 20 && article.title.length > 10, article.slug);
    }
  });

  it('should use headings, quotes, lists, links and emphasis when bodies are taken together', () => {
    const bodies = demoArticles.map((article) => article.body_html).join('\n');

    for (const tag of ['<h2>', '<blockquote>', '<ul>', '<li>', '<a href=', '<strong>', '<em>']) {
      assert.ok(countMatches(bodies, new RegExp(tag)) >= 10, `too few ${tag}`);
    }
  });

  it('should link only to example domains over https when body links are checked', () => {
    const bodies = [...demoArticles, ...demoPages].map((item) => item.body_html);

    for (const body of bodies) {
      for (const [, href] of body.matchAll(/href="([^"]*)"/g)) {
        assert.match(href ?? '', /^https:\/\/example\.(org|com)\//);
      }
    }
  });

  it('should give every article a unique image seed and its captions when images are described', () => {
    const seeds = demoArticles.map((article) => article.image.seed);

    assert.equal(new Set(seeds).size, seeds.length);
    for (const { image, slug } of demoArticles) {
      assert.ok(image.alt && image.caption && image.credit, `${slug} image text`);
    }
  });

  it('should provide About, Contact and Corrections policy pages when pages are listed', () => {
    const slugs = demoPages.map((page) => page.slug);

    assert.deepEqual(slugs, ['about', 'contact', 'corrections-policy']);
    for (const page of demoPages) assert.doesNotMatch(page.body_html, /lorem|TODO/i);
  });
});

describe('renderDemoImage', () => {
  it('should return WebP bytes of the requested size when given a seed', async () => {
    const buffer = await renderDemoImage({ seed: 'harbour', width: 1200, height: 675 });
    const metadata = await sharp(buffer).metadata();

    assert.equal(metadata.format, 'webp');
    assert.equal(metadata.width, 1200);
    assert.equal(metadata.height, 675);
    assert.ok(buffer.length < 100_000, `${buffer.length} bytes`);
  });

  it('should return identical bytes when rendered twice with the same seed', async () => {
    const first = await renderDemoImage({ seed: 'lighthouse', width: 640, height: 360 });
    const second = await renderDemoImage({ seed: 'lighthouse', width: 640, height: 360 });

    assert.ok(first.equals(second));
  });

  it('should return different bytes when rendered with another seed', async () => {
    const first = await renderDemoImage({ seed: 'lighthouse', width: 640, height: 360 });
    const second = await renderDemoImage({ seed: 'regatta', width: 640, height: 360 });

    assert.ok(!first.equals(second));
  });

  it('should reject when the width is not a positive integer', async () => {
    await assert.rejects(renderDemoImage({ seed: 'harbour', width: 0, height: 675 }), RangeError);
  });
});

describe('renderDemoAvatar', () => {
  it('should return a square WebP that depends on the seed when given a size', async () => {
    const buffer = await renderDemoAvatar({ seed: 'amara-nwosu-pell', size: 256 });
    const other = await renderDemoAvatar({ seed: 'kenji-halloran', size: 256 });
    const metadata = await sharp(buffer).metadata();

    assert.equal(metadata.format, 'webp');
    assert.equal(metadata.width, 256);
    assert.equal(metadata.height, 256);
    assert.ok(!buffer.equals(other));
  });
});
