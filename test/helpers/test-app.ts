import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { loadConfig } from '../../src/config.ts';
import type { Clock } from '../../src/lib/clock.ts';
import { createMasthead, type Masthead } from '../../src/masthead.ts';
import { createTestDatabase, type TestDatabase } from './test-database.ts';

export type TestApp = {
  masthead: Masthead;
  testDb: TestDatabase;
  /** `Authorization` header values for an admin token and a read-only token. */
  adminAuth: { authorization: string };
  readAuth: { authorization: string };
  /** Builds a second Masthead on the same database (a restart, or another instance). */
  reopen: (options?: { clock?: Clock; env?: Record<string, string> }) => Promise<Masthead>;
  close: () => Promise<void>;
};

/**
 * A whole Masthead on a throwaway database (SQLite, or PostgreSQL when
 * MASTHEAD_TEST_DATABASE_URL is set), with an admin and a read-only API token.
 *
 * @example
 * const t = await createTestApp();
 * after(() => t.close());
 * const res = await t.masthead.app.inject({ method: 'GET', url: '/api/admin/articles', headers: t.adminAuth });
 */
export async function createTestApp(
  options: { clock?: Clock; env?: Record<string, string> } = {},
): Promise<TestApp> {
  const testDb = await createTestDatabase();
  const mediaDir = mkdtempSync(path.join(tmpdir(), 'masthead-media-'));
  const open = (clock?: Clock, env: Record<string, string> = {}) =>
    createMasthead({
      config: loadConfig({
        env: {
          DATABASE_URL: testDb.url,
          MEDIA_DIR: mediaDir,
          SITE_URL: 'https://news.example',
          JOBS_POLL_MS: '100',
          ...options.env,
          ...env,
        },
        cwd: mediaDir,
      }),
      logger: pino({ level: process.env.MASTHEAD_TEST_LOG ?? 'silent' }),
      ...(clock ? { clock } : {}),
    });
  const masthead = await open(options.clock);
  const admin = await masthead.services.tokens.create({ name: 'test admin' });
  const read = await masthead.services.tokens.create({ name: 'test reader', scope: 'read' });
  const opened: Masthead[] = [masthead];
  return {
    masthead,
    testDb,
    adminAuth: { authorization: `Bearer ${admin.secret}` },
    readAuth: { authorization: `Bearer ${read.secret}` },
    async reopen(reopenOptions = {}) {
      const another = await open(reopenOptions.clock, reopenOptions.env);
      opened.push(another);
      return another;
    },
    async close() {
      for (const instance of opened) await instance.close();
      await testDb.drop();
      rmSync(mediaDir, { recursive: true, force: true });
    },
  };
}
