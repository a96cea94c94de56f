import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { runCli } from '../helpers/cli.ts';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';

const PASSWORD = 'correct horse battery staple';

describe('masthead user', () => {
  let t: TestApp;
  let cwd: string;
  let env: Record<string, string>;
  const add = (email: string, role: string, stdin: string, extra: string[] = ['--password-stdin']) =>
    runCli(
      ['user', 'add', '--email', email, '--name', 'Ada Lovelace', '--role', role, ...extra],
      env,
      cwd,
      stdin,
    );
  const login = (email: string, password: string) =>
    t.masthead.app.inject({ method: 'POST', url: '/api/admin/session', payload: { email, password } });

  before(async () => {
    t = await createTestApp({ env: { API_RATE_LIMIT: '0' } });
    cwd = mkdtempSync(path.join(tmpdir(), 'masthead-user-cli-'));
    env = { DATABASE_URL: t.testDb.url, MEDIA_DIR: path.join(cwd, 'media') };
  });
  after(async () => {
    await t.close();
    rmSync(cwd, { recursive: true, force: true });
  });

  it('should add an account whose password comes from stdin with --password-stdin, and sign it in', async () => {
    const result = await add('Ada@Example.com', 'administrator', `${PASSWORD}\n`);

    assert.equal(result.code, 0, result.stderr);
    assert.equal(result.stdout, 'Added ada@example.com (administrator).\n');
    assert.equal((await login('ada@example.com', PASSWORD)).statusCode, 200);
  });

  it('should read the first line of stdin after a prompt when stdin is not a terminal', async () => {
    const result = await add('grace@example.com', 'editor', `${PASSWORD}\nignored\n`, []);

    assert.equal(result.code, 0, result.stderr);
    assert.equal(result.stderr, 'Password: ');
    assert.equal((await login('grace@example.com', PASSWORD)).statusCode, 200);
  });

  it('should print one line naming the field and exit 1 when the input is wrong', async () => {
    const cases: [string[], RegExp][] = [
      [
        ['user', 'add', '--email', 'x@example.com', '--name', 'X', '--role', 'chief', '--password-stdin'],
        /"role"/,
      ],
      [
        ['user', 'add', '--email', 'not-an-address', '--name', 'X', '--role', 'editor', '--password-stdin'],
        /"email"/,
      ],
      [['user', 'add', '--name', 'X', '--role', 'editor', '--password-stdin'], /"email" is required/],
      [
        ['user', 'add', '--email', 'y@example.com', '--name', 'Y', '--role', 'editor', '--password-stdin'],
        /"password" must be at least 12/,
      ],
    ];

    for (const [args, pattern] of cases) {
      const result = await runCli(args, env, cwd, 'short\n');
      assert.equal(result.code, 1, args.join(' '));
      assert.match(result.stderr, pattern);
      assert.equal(result.stderr.trim().split('\n').length, 1, result.stderr);
      assert.equal(result.stdout, '');
    }
  });

  it('should refuse an address that already has an account, naming it', async () => {
    await add('linus@example.com', 'author', PASSWORD);

    const again = await add('linus@example.com', 'author', PASSWORD);

    assert.equal(again.code, 1);
    assert.match(again.stderr, /already exists/);
  });

  it('should list accounts with their role and state', async () => {
    await add('margaret@example.com', 'contributor', PASSWORD);

    const result = await runCli(['user', 'list'], env, cwd);

    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, /^margaret@example\.com {2}contributor {4}Ada Lovelace {2}\(active\)$/m);
  });
});
