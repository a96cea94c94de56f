import assert from 'node:assert/strict';
import { AxeBuilder } from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import type { StaffRole } from '../../src/auth/actor.ts';
import { resultPath, startTestServer, type TestServer } from '../helpers/browser.ts';

export const STAFF_PASSWORD = 'correct horse battery staple';

/** One account per role, all with STAFF_PASSWORD. */
export const STAFF: Record<StaffRole, { email: string; name: string }> = {
  administrator: { email: 'ada@news.example', name: 'Ada Administrator' },
  editor: { email: 'eddie@news.example', name: 'Eddie Editor' },
  author: { email: 'ava@news.example', name: 'Ava Author' },
  contributor: { email: 'cole@news.example', name: 'Cole Contributor' },
};

/**
 * The demo site on a real port with one staff account per role.
 *
 * @example
 * const server = await startNewsroom();
 * after(() => server.close());
 * await signIn(page, server, 'administrator');
 */
export async function startNewsroom(options: { articlesPerPage?: number } = {}): Promise<TestServer> {
  const server = await startTestServer(options);
  for (const [role, account] of Object.entries(STAFF) as [StaffRole, { email: string; name: string }][])
    await server.t.masthead.staff.create({ ...account, role, password: STAFF_PASSWORD });
  return server;
}

/** Signs in at /admin/ through the login form and waits for the newsroom's navigation. */
export async function signIn(
  page: Page,
  server: TestServer,
  role: StaffRole,
  path = '/admin/',
): Promise<void> {
  await page.goto(`${server.baseUrl}${path}`);
  await page.getByLabel('Email').fill(STAFF[role].email);
  await page.getByLabel('Password').fill(STAFF_PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('navigation', { name: 'Newsroom' }).waitFor();
}

/**
 * Runs axe on the whole page (0 violations wanted) and saves a full-page screenshot as
 * test-results/admin-NAME.png.
 */
export async function checkScreen(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: resultPath(`admin-${name}.png`), fullPage: true });
  const { violations } = await new AxeBuilder({ page }).analyze();
  const report = violations
    .map((v) => `${v.id}: ${v.help}\n  ${v.nodes.map((node) => node.target.join(' ')).join('\n  ')}`)
    .join('\n');
  assert.equal(violations.length, 0, `axe violations on the ${name} screen:\n${report}`);
}
