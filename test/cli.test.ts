import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { runCli } from './helpers/cli.ts';
import { createTestApp, type TestApp } from './helpers/test-app.ts';

describe('the masthead command', () => {
  let t: TestApp;
  let cwd: string;
  let env: Record<string, string>;

  before(async () => {
    t = await createTestApp();
    cwd = mkdtempSync(path.join(tmpdir(), 'masthead-cli-'));
    env = { DATABASE_URL: t.testDb.url, MEDIA_DIR: path.join(cwd, 'media') };
  });
  after(async () => {
    await t.close();
    rmSync(cwd, { recursive: true, force: true });
  });

  it('should print a token on the last line that the Admin API accepts when a token is created', async () => {
    const result = await runCli(['token', 'create', '--name', 'cli test'], env, cwd);

    assert.equal(result.code, 0, result.stderr);
    const lines = result.stdout.trim().split('\n');
    const token = lines.at(-1) ?? '';
    assert.match(token, /^mh_[A-Za-z0-9_-]{40,}$/);
    const response = await t.masthead.app.inject({
      url: '/api/admin/articles',
      headers: { authorization: `Bearer ${token}` },
    });
    assert.equal(response.statusCode, 200);
  });

  it('should refuse writes with a read-only token when one is created with --scope read', async () => {
    const result = await runCli(['token', 'create', '--name', 'reader', '--scope', 'read'], env, cwd);
    const token = result.stdout.trim().split('\n').at(-1) ?? '';

    const response = await t.masthead.app.inject({
      method: 'POST',
      url: '/api/admin/tags',
      headers: { authorization: `Bearer ${token}` },
      payload: { tags: [{ name: 'Nope' }] },
    });
    assert.equal(response.statusCode, 403);
  });

  it('should list tokens without their secrets and revoke one by id when asked', async () => {
    const created = await runCli(['token', 'create', '--name', 'to revoke'], env, cwd);
    const secret = created.stdout.trim().split('\n').at(-1) ?? '';
    const id = /id ([0-9a-f-]{36})/.exec(created.stdout)?.[1] ?? '';

    const listed = await runCli(['token', 'list'], env, cwd);
    assert.equal(listed.code, 0);
    assert.ok(listed.stdout.includes('to revoke'));
    assert.ok(!listed.stdout.includes(secret), 'the list never shows a secret');

    const revoked = await runCli(['token', 'revoke', id], env, cwd);
    assert.equal(revoked.code, 0, revoked.stderr);
    const response = await t.masthead.app.inject({
      url: '/api/admin/articles',
      headers: { authorization: `Bearer ${secret}` },
    });
    assert.equal(response.statusCode, 401);
  });

  it('should stop with one line naming the variable when the configuration is wrong', async () => {
    const result = await runCli(['migrate'], { ...env, PORT: 'eighty' }, cwd);

    assert.equal(result.code, 1);
    const lines = result.stderr.trim().split('\n');
    assert.equal(lines.length, 1, result.stderr);
    assert.match(lines[0] ?? '', /PORT/);
    assert.ok(!result.stderr.includes('    at '), 'no stack trace');
  });

  it('should offer --help on every subcommand when asked', async () => {
    for (const args of [
      [],
      ['serve'],
      ['worker'],
      ['migrate'],
      ['demo'],
      ['token'],
      ['token', 'create'],
      ['token', 'list'],
      ['token', 'revoke'],
    ]) {
      const result = await runCli([...args, '--help'], env, cwd);
      assert.equal(result.code, 0, `${args.join(' ')} --help`);
      assert.match(result.stdout, /^Usage: masthead/m);
    }
  });

  it('should refuse to run a separate worker on SQLite and say why when asked', async (context) => {
    if (t.testDb.dialect !== 'sqlite') {
      context.diagnostic('the refusal is SQLite-only; on PostgreSQL the worker runs');
      return;
    }
    const result = await runCli(['worker'], env, cwd);
    assert.equal(result.code, 1);
    assert.match(result.stderr, /worker needs PostgreSQL/);
  });
});
