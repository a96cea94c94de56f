import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { after, before, describe, it, type TestContext } from 'node:test';
import { AxeBuilder } from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import {
  CHROMIUM_PATH,
  launchBrowser,
  resultPath,
  skipWithoutChromium,
  startTestServer,
  type TestBrowser,
  type TestServer,
} from '../helpers/browser.ts';

const ARTICLES_PER_PAGE = 3;
const ARABIC_SLUG = 'radio-al-marsa-celebrates-ten-years';
const SEARCH_WORD = 'harbour';
const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1280, height: 800 };
const WIDTHS = [PHONE, DESKTOP];

/** A page that records every URL it requests, so a test can prove nothing left 127.0.0.1. */
async function openPage(browser: TestBrowser): Promise<{ page: Page; requested: string[] }> {
  const page = await browser.context.newPage();
  const requested: string[] = [];
  page.on('request', (request) => requested.push(request.url()));
  return { page, requested };
}

function assertOnlyLocalRequests(requested: string[]): void {
  const foreign = requested.filter((url) => {
    const { protocol, hostname } = new URL(url);
    return protocol !== 'data:' && protocol !== 'blob:' && hostname !== '127.0.0.1';
  });
  assert.ok(requested.length > 0, 'no request was recorded');
  assert.deepEqual(foreign, [], `third-party requests:\n${foreign.join('\n')}`);
}

/** One screenshot per width, named after the step of the walk. */
async function screenshot(page: Page, step: string): Promise<void> {
  for (const viewport of WIDTHS) {
    await page.setViewportSize(viewport);
    await page.screenshot({ path: resultPath(`reader-${step}-${viewport.width}.png`) });
  }
}

/**
 * A full-page screenshot captures beyond the viewport without scrolling, so lazy images and
 * `content-visibility: auto` sections below the fold would come out blank: load the images and
 * make the viewport as tall as the page first.
 */
async function fullPageScreenshot(page: Page, path: string): Promise<void> {
  const width = page.viewportSize()?.width ?? 1280;
  await page.evaluate(async () => {
    const images = Array.from(document.images);
    for (const image of images) image.loading = 'eager';
    await Promise.all(images.map((image) => image.decode().catch(() => undefined)));
  });
  for (let i = 0; i < 3; i++) {
    const height = await page.evaluate(() => document.documentElement.scrollHeight);
    if (height === page.viewportSize()?.height) break;
    await page.setViewportSize({ width, height });
  }
  await page.screenshot({ path, fullPage: true });
}

async function assertNoAxeViolations(page: Page, name: string): Promise<void> {
  const { violations } = await new AxeBuilder({ page }).analyze();
  const report = violations
    .map((v) => `${v.id} (${v.impact}): ${v.nodes.map((node) => node.target.join(' ')).join(', ')}`)
    .join('\n');
  assert.equal(violations.length, 0, `axe violations on ${name} (${page.url()}):\n${report}`);
}

async function gotoOk(page: Page, url: string): Promise<void> {
  const response = await page.goto(url);
  assert.equal(response?.status(), 200, `GET ${url}`);
}

/** Clicks a link and waits for the page it leads to, which must answer 200. */
async function follow(page: Page, link: ReturnType<Page['locator']>): Promise<string> {
  const href = await link.getAttribute('href');
  assert.ok(href, 'the link has an href');
  const [response] = await Promise.all([
    page.waitForEvent('response', (r) => r.url() === href),
    link.click(),
  ]);
  await page.waitForLoadState('load');
  assert.equal(response.status(), 200, `GET ${href}`);
  assert.equal(page.url(), href);
  return href;
}

/** Submits the search box in the masthead, as a reader would. */
async function search(page: Page, words: string): Promise<number> {
  const box = page.locator('header').getByRole('searchbox', { name: 'Search articles' });
  await box.fill(words);
  const [response] = await Promise.all([
    page.waitForResponse((r) => new URL(r.url()).pathname === '/search'),
    box.press('Enter'),
  ]);
  await page.waitForLoadState('load');
  return response.status();
}

describe('a reader in Chromium', () => {
  let server: TestServer;
  let browser: TestBrowser;

  before(async () => {
    if (!existsSync(CHROMIUM_PATH)) return;
    server = await startTestServer({ articlesPerPage: ARTICLES_PER_PAGE });
    browser = await launchBrowser({ viewport: DESKTOP });
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });

  it('should walk home, an article, More Articles, its section, page 2 and search when a reader browses', async (t: TestContext) => {
    if (skipWithoutChromium(t)) return;
    const { page, requested } = await openPage(browser);

    await gotoOk(page, `${server.baseUrl}/`);
    await screenshot(page, '1-home');

    await follow(page, page.locator('main .lead h2 a'));
    assert.equal(await page.locator('h1').count(), 1, 'one h1 on the article');
    await screenshot(page, '2-article');

    const more = page.locator('section.more-articles');
    assert.equal(await more.getByRole('heading', { level: 2 }).textContent(), 'More Articles');
    const moreLinks = more.locator('.card h3 a');
    assert.ok((await moreLinks.count()) >= 4, 'at least four More Articles links');
    const moreTitle = await moreLinks.first().textContent();
    await follow(page, moreLinks.first());
    assert.equal(await page.locator('h1').textContent(), moreTitle);
    await screenshot(page, '3-more-articles');

    const section = page.locator('nav.breadcrumb a').last();
    const sectionUrl = await follow(page, section);
    assert.match(sectionUrl, /\/category\/[^/]+\/$/);
    await screenshot(page, '4-category');

    // Page 2 of the section when it holds more than a page, or else of the home page.
    const next = page.locator('nav.pagination a[rel="next"]');
    if ((await next.count()) > 0) await follow(page, next);
    else await gotoOk(page, `${server.baseUrl}/page/2/`);
    assert.match(page.url(), /\/page\/2\/$/);
    assert.ok((await page.locator('main .card').count()) > 0, 'page 2 lists articles');
    assert.equal(await page.locator('link[rel="prev"]').count(), 1);
    await screenshot(page, '5-page-2');

    const status = await search(page, SEARCH_WORD);
    const searchUrl = new URL(page.url());
    assert.equal(searchUrl.pathname, '/search');
    assert.equal(searchUrl.searchParams.get('q'), SEARCH_WORD);
    await screenshot(page, '6-search');
    assert.equal(status, 200, `GET ${searchUrl} (the /search page)`);
    assert.ok((await page.locator('main a[href*="/20"]').count()) > 0, `results for "${SEARCH_WORD}"`);
    assert.ok((await page.locator('main mark').count()) > 0, 'the matched word is highlighted');

    assertOnlyLocalRequests(requested);
    await page.close();
  });

  it('should report no axe violations when home, an article, a category and search are checked', async (t: TestContext) => {
    if (skipWithoutChromium(t)) return;
    const { page, requested } = await openPage(browser);
    await gotoOk(page, `${server.baseUrl}/`);
    const articleUrl = await page.locator('main .lead h2 a').getAttribute('href');
    assert.ok(articleUrl);
    await gotoOk(page, articleUrl);
    const categoryUrl = await page.locator('nav.breadcrumb a').last().getAttribute('href');
    assert.ok(categoryUrl);

    const pages = {
      home: `${server.baseUrl}/`,
      article: articleUrl,
      category: categoryUrl,
      search: `${server.baseUrl}/search?q=${SEARCH_WORD}`,
    };
    for (const [name, url] of Object.entries(pages)) {
      await t.test(name, async () => {
        await gotoOk(page, url);
        await assertNoAxeViolations(page, name);
      });
    }
    assertOnlyLocalRequests(requested);
    await page.close();
  });

  it('should mirror the layout when the Arabic article is shown', async (t: TestContext) => {
    if (skipWithoutChromium(t)) return;
    const api = await fetch(`${server.baseUrl}/api/content/articles/slug/${ARABIC_SLUG}`);
    const { articles } = (await api.json()) as { articles: { url: string; title: string }[] };
    const article = articles[0];
    assert.ok(article, 'the Arabic demo article');
    const { page, requested } = await openPage(browser);

    await gotoOk(page, article.url);
    await fullPageScreenshot(page, resultPath('reader-arabic-rtl-1280.png'));
    await page.setViewportSize(DESKTOP);

    assert.equal(await page.evaluate(() => document.documentElement.dir), 'rtl');
    assert.equal(await page.evaluate(() => document.documentElement.lang), 'ar');
    assert.equal(await page.locator('h1').textContent(), article.title);
    // The box of the headline's text, not of the h1 (a block as wide as the column either way).
    const box = await page.locator('h1').evaluate((h1) => {
      const range = document.createRange();
      range.selectNodeContents(h1);
      const lines = Array.from(range.getClientRects());
      const text = range.getBoundingClientRect();
      const column = h1.getBoundingClientRect();
      return {
        left: text.left,
        right: text.right,
        columnRight: column.right,
        lastLineRight: lines.at(-1)?.right ?? 0,
        viewport: document.documentElement.clientWidth,
      };
    });
    const detail = JSON.stringify(box);
    assert.ok(box.viewport - box.right < box.left, `the headline hugs the right edge: ${detail}`);
    assert.ok(
      Math.abs(box.lastLineRight - box.columnRight) < 1,
      `its last line also starts on the right: ${detail}`,
    );
    assertOnlyLocalRequests(requested);
    await page.close();
  });

  it('should show the article when JavaScript is disabled', async (t: TestContext) => {
    if (skipWithoutChromium(t)) return;
    const noScript = await launchBrowser({ viewport: PHONE, javaScriptEnabled: false });
    t.after(() => noScript.close());
    const { page, requested } = await openPage(noScript);
    await gotoOk(page, `${server.baseUrl}/`);
    const lead = page.locator('main .lead h2 a');
    const title = await lead.textContent();

    await follow(page, lead);

    const headline = page.locator('h1');
    assert.equal(await headline.isVisible(), true, 'the headline is visible');
    assert.equal(await headline.textContent(), title);
    assert.equal(await page.locator('.article .body p').first().isVisible(), true, 'the body is visible');
    await page.screenshot({ path: resultPath('reader-article-no-javascript-390.png') });
    assertOnlyLocalRequests(requested);
  });
});
