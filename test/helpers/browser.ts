import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { TestContext } from 'node:test';
import { type BrowserContext, chromium, type LaunchOptions } from 'playwright-core';
import { loadDemoContent } from '../../src/demo/demo-loader.ts';
import { systemClock } from '../../src/lib/clock.ts';
import { skipUnless } from './require-all.ts';
import { createTestApp, type TestApp } from './test-app.ts';

/** Debian's Chromium: browser tests never download a browser. */
export const CHROMIUM_PATH = '/usr/bin/chromium';

/** The flags DESIGN.md (Tests) asks for: no sandbox in containers, no background traffic. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Where screenshots and audit reports go (git-ignored). */
export const RESULTS_DIR = path.resolve(import.meta.dirname, '..', '..', 'test-results');

/**
 * Skips the test (or fails it under MASTHEAD_REQUIRE_ALL=1) when Chromium is not installed.
 *
 * @example
 * if (skipWithoutChromium(t)) return;
 */
export function skipWithoutChromium(t: TestContext): boolean {
  return skipUnless(t, existsSync(CHROMIUM_PATH), `Chromium missing at ${CHROMIUM_PATH}`);
}

export type TestBrowser = { context: BrowserContext; close: () => Promise<void> };

/**
 * Chromium with a fresh profile in a temporary folder, removed on close.
 *
 * @example
 * const browser = await launchBrowser({ viewport: { width: 390, height: 844 } });
 * const page = await browser.context.newPage();
 */
export async function launchBrowser(
  options: Parameters<typeof chromium.launchPersistentContext>[1] = {},
): Promise<TestBrowser> {
  const profileDir = mkdtempSync(path.join(tmpdir(), 'masthead-chromium-'));
  const launch: LaunchOptions = { executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS };
  const context = await chromium.launchPersistentContext(profileDir, { ...launch, ...options });
  return {
    context,
    async close() {
      await context.close();
      rmSync(profileDir, { recursive: true, force: true });
    },
  };
}

/** A port nobody listens on right now, so SITE_URL can name it before the app is built. */
export async function findFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

export type TestServer = {
  t: TestApp;
  /** `http://127.0.0.1:PORT`, also the app's SITE_URL, so every absolute link stays local. */
  baseUrl: string;
  close: () => Promise<void>;
};

/**
 * A Masthead filled with the demo site, listening on 127.0.0.1 with its media served at /media/.
 *
 * @example
 * const server = await startTestServer({ articlesPerPage: 3 });
 * after(() => server.close());
 * await page.goto(`${server.baseUrl}/`);
 */
export async function startTestServer(options: { articlesPerPage?: number } = {}): Promise<TestServer> {
  const port = await findFreePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const mediaDir = mkdtempSync(path.join(tmpdir(), 'masthead-demo-media-'));
  const t = await createTestApp({ env: { MEDIA_DIR: mediaDir, SITE_URL: baseUrl } });
  try {
    const { services } = t.masthead;
    await loadDemoContent({ services, mediaDir, clock: systemClock });
    if (options.articlesPerPage)
      await services.settings.update({ articles_per_page: options.articlesPerPage });
    await t.masthead.app.listen({ host: '127.0.0.1', port });
  } catch (error) {
    await t.close();
    rmSync(mediaDir, { recursive: true, force: true });
    throw error;
  }
  return {
    t,
    baseUrl,
    async close() {
      await t.close();
      rmSync(mediaDir, { recursive: true, force: true });
    },
  };
}

/** Creates test-results/ and returns the path of a file in it. */
export function resultPath(name: string): string {
  mkdirSync(RESULTS_DIR, { recursive: true });
  return path.join(RESULTS_DIR, name);
}
