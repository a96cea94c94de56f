import path from 'node:path';
import pg from 'pg';

async function adminQuery(serverUrl: string, statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

/** A fresh SQLite file, or a fresh database on the PostgreSQL server (as test/helpers/test-database.ts). */
export async function throwawayDatabase(kind: 'sqlite' | 'postgres', dir: string, postgresUrl: string) {
  if (kind === 'sqlite') return { url: `sqlite:${path.join(dir, 'comments.db')}`, drop: async () => {} };
  const name = `masthead_bench_${process.pid}_${Math.random().toString(36).slice(2, 10)}`;
  await adminQuery(postgresUrl, `CREATE DATABASE ${name}`);
  const url = new URL(postgresUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: () => adminQuery(postgresUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
  };
}

/** Whether the PostgreSQL server answers (the benchmark skips PostgreSQL, saying so, when not). */
export async function isReachable(postgresUrl: string): Promise<boolean> {
  try {
    await adminQuery(postgresUrl, 'SELECT 1');
    return true;
  } catch {
    return false;
  }
}
