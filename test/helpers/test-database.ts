import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { dialectOf } from '../../src/db/connection.ts';

export type TestDatabase = { url: string; dialect: 'sqlite' | 'postgres'; drop: () => Promise<void> };

/**
 * A throwaway database for one test file: a fresh SQLite file in a temporary folder, or — when
 * MASTHEAD_TEST_DATABASE_URL points at PostgreSQL — a fresh database created on that server.
 *
 * @example
 * const testDb = await createTestDatabase();
 * after(() => testDb.drop());
 */
export async function createTestDatabase(): Promise<TestDatabase> {
  const serverUrl = process.env.MASTHEAD_TEST_DATABASE_URL;
  if (!serverUrl || dialectOf(serverUrl) === 'sqlite') {
    const dir = mkdtempSync(path.join(tmpdir(), 'masthead-test-'));
    return {
      url: `sqlite:${path.join(dir, 'masthead.db')}`,
      dialect: 'sqlite',
      drop: async () => rmSync(dir, { recursive: true, force: true }),
    };
  }
  const name = `masthead_t_${process.pid}_${Math.random().toString(36).slice(2, 10)}`;
  await adminQuery(serverUrl, `CREATE DATABASE ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    dialect: 'postgres',
    drop: () => adminQuery(serverUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
  };
}

async function adminQuery(serverUrl: string, statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}
