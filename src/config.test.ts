import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { type Config, ConfigError, loadConfig } from './config.ts';

const SECRET = 'k9Qw2LxV7pR4tZ8mN3bH6cJ1fD5gS0aE';

/** Runs `load` and returns the ConfigError it throws, failing the test if it throws anything else. */
function configErrorOf(load: () => unknown): ConfigError {
  try {
    load();
  } catch (error) {
    assert.ok(error instanceof ConfigError, `expected a ConfigError, got ${String(error)}`);
    return error;
  }
  assert.fail('expected loadConfig to throw a ConfigError');
}

/** The settings this file checks; others may be added to Config without breaking these tests. */
const documented = (config: Config) => ({
  databaseUrl: config.databaseUrl,
  host: config.host,
  port: config.port,
  siteUrl: config.siteUrl,
  smtpUrl: config.smtpUrl,
  mediaDir: config.mediaDir,
  secret: config.secret,
  logLevel: config.logLevel,
  bodyLimit: config.bodyLimit,
  trustProxy: config.trustProxy,
  jobsPollMs: config.jobsPollMs,
});

const assertOneLine = (message: string) =>
  assert.doesNotMatch(message, /[\r\n]/, `not one line: ${JSON.stringify(message)}`);

describe('loadConfig', () => {
  let cwd: string;
  beforeEach(() => {
    cwd = mkdtempSync(path.join(tmpdir(), 'masthead-config-'));
  });
  afterEach(() => rmSync(cwd, { recursive: true, force: true }));

  const writeConfigFile = (content: string, name = 'masthead.config.json') => {
    const file = path.join(cwd, name);
    writeFileSync(file, content);
    return file;
  };

  describe('defaults', () => {
    it('should use the documented defaults when nothing is set', () => {
      const config = loadConfig({ env: {}, cwd });

      assert.deepEqual(documented(config), {
        databaseUrl: 'sqlite:./data/masthead.db',
        host: '127.0.0.1',
        port: 3000,
        siteUrl: 'http://127.0.0.1:3000',
        smtpUrl: undefined,
        mediaDir: path.join(cwd, 'data', 'media'),
        secret: undefined,
        logLevel: 'info',
        bodyLimit: 1_048_576,
        trustProxy: [],
        jobsPollMs: 1000,
      });
    });

    it('should treat an empty variable as unset when the environment has PORT=""', () => {
      assert.equal(loadConfig({ env: { PORT: '' }, cwd }).port, 3000);
    });

    it('should read every variable when each is set to a good value', () => {
      const config = loadConfig({
        env: {
          DATABASE_URL: 'postgres://masthead@db.internal:5432/news',
          HOST: '0.0.0.0',
          PORT: '8080',
          SITE_URL: 'https://news.example/',
          SMTP_URL: 'smtps://mailer:pw@mail.example:465',
          MEDIA_DIR: '/var/lib/masthead/media',
          MASTHEAD_SECRET: SECRET,
          LOG_LEVEL: 'warn',
          BODY_LIMIT: '2048',
          TRUST_PROXY: '10.0.0.1, 10.0.0.2',
          JOBS_POLL_MS: '250',
        },
        cwd,
      });

      assert.deepEqual(documented(config), {
        databaseUrl: 'postgres://masthead@db.internal:5432/news',
        host: '0.0.0.0',
        port: 8080,
        siteUrl: 'https://news.example',
        smtpUrl: 'smtps://mailer:pw@mail.example:465',
        mediaDir: '/var/lib/masthead/media',
        secret: SECRET,
        logLevel: 'warn',
        bodyLimit: 2048,
        trustProxy: ['10.0.0.1', '10.0.0.2'],
        jobsPollMs: 250,
      });
    });

    it('should bracket the host in the default site URL when HOST is an IPv6 address', () => {
      assert.equal(loadConfig({ env: { HOST: '::1', PORT: '4000' }, cwd }).siteUrl, 'http://[::1]:4000');
    });
  });

  describe('bad values', () => {
    const cases: [variable: string, value: string][] = [
      ['PORT', 'abc'],
      ['PORT', '70000'],
      ['PORT', '0'],
      ['PORT', '80.5'],
      ['DATABASE_URL', 'mysql://x'],
      ['SITE_URL', 'ftp://x'],
      ['SITE_URL', 'news.example'],
      ['SMTP_URL', 'http://x'],
      ['MASTHEAD_SECRET', 'short'],
      ['LOG_LEVEL', 'loud'],
      ['BODY_LIMIT', '10'],
      ['BODY_LIMIT', 'lots'],
      ['JOBS_POLL_MS', '1'],
      ['HOST', '   '],
    ];
    for (const [variable, value] of cases) {
      it(`should stop with a one-line ConfigError naming ${variable} when ${variable}=${JSON.stringify(value)}`, () => {
        const error = configErrorOf(() => loadConfig({ env: { [variable]: value }, cwd }));

        assert.equal(error.variable, variable);
        assert.match(error.message, new RegExp(`\\b${variable}\\b`));
        assertOneLine(error.message);
      });
    }

    it('should never echo the secret when MASTHEAD_SECRET is too short', () => {
      const secret = 'tiny-secret-1234';

      const error = configErrorOf(() => loadConfig({ env: { MASTHEAD_SECRET: secret }, cwd }));

      assert.ok(!error.message.includes(secret), error.message);
    });

    it('should never echo the password when SMTP_URL is malformed', () => {
      const error = configErrorOf(() =>
        loadConfig({ env: { SMTP_URL: 'http://mailer:hunter2-pw@mail.example' }, cwd }),
      );

      assert.ok(!error.message.includes('hunter2-pw'), error.message);
    });

    it('should show the value it got when a harmless variable is wrong', () => {
      const error = configErrorOf(() => loadConfig({ env: { LOG_LEVEL: 'loud' }, cwd }));

      assert.match(error.message, /"loud"/);
    });
  });

  describe('config file', () => {
    it('should read masthead.config.json in the working directory when it exists', () => {
      writeConfigFile(JSON.stringify({ PORT: 4000, SITE_URL: 'https://file.example' }));

      const config = loadConfig({ env: {}, cwd });

      assert.equal(config.port, 4000);
      assert.equal(config.siteUrl, 'https://file.example');
    });

    it('should let the environment win when the file and the environment both set a variable', () => {
      writeConfigFile(JSON.stringify({ PORT: 4000, SITE_URL: 'https://file.example' }));

      const config = loadConfig({ env: { PORT: '5000' }, cwd });

      assert.equal(config.port, 5000);
      assert.equal(config.siteUrl, 'https://file.example');
    });

    it('should read the file MASTHEAD_CONFIG names when it is set', () => {
      writeConfigFile(JSON.stringify({ LOG_LEVEL: 'debug' }), 'elsewhere.json');

      const config = loadConfig({ env: { MASTHEAD_CONFIG: 'elsewhere.json' }, cwd });

      assert.equal(config.logLevel, 'debug');
    });

    it('should name the variable when the file holds a bad value', () => {
      writeConfigFile(JSON.stringify({ PORT: 'abc' }));

      const error = configErrorOf(() => loadConfig({ env: {}, cwd }));

      assert.equal(error.variable, 'PORT');
      assertOneLine(error.message);
    });

    it('should name the unknown key when the file holds a key that is not a variable', () => {
      writeConfigFile(JSON.stringify({ PROT: 4000 }));

      const error = configErrorOf(() => loadConfig({ env: {}, cwd }));

      assert.equal(error.variable, 'PROT');
      assert.match(error.message, /\bPROT\b/);
      assertOneLine(error.message);
    });

    it('should report the file when it is not valid JSON', () => {
      const file = writeConfigFile('{ "PORT": 4000, }');

      const error = configErrorOf(() => loadConfig({ env: {}, cwd }));

      assert.equal(error.variable, 'MASTHEAD_CONFIG');
      assert.ok(error.message.includes(file), error.message);
      assertOneLine(error.message);
    });

    it('should report the file in one line when invalid JSON breaks near a line break', () => {
      writeConfigFile('{\n  "PORT": 4000,\n  "HOST": localhost\n}\n');

      const error = configErrorOf(() => loadConfig({ env: {}, cwd }));

      assert.equal(error.variable, 'MASTHEAD_CONFIG');
      assertOneLine(error.message);
    });

    it('should never echo the secret when the file is invalid JSON around MASTHEAD_SECRET', () => {
      writeConfigFile(`{\n  "PORT": 4000,\n  "MASTHEAD_SECRET": '${SECRET}'\n}\n`);

      const error = configErrorOf(() => loadConfig({ env: {}, cwd }));

      assert.equal(error.variable, 'MASTHEAD_CONFIG');
      assert.ok(!error.message.includes(SECRET.slice(0, 8)), `secret echoed: ${error.message}`);
    });

    it('should report the file when it holds a JSON array rather than an object', () => {
      writeConfigFile('[["PORT", 4000]]');

      const error = configErrorOf(() => loadConfig({ env: {}, cwd }));

      assert.equal(error.variable, 'MASTHEAD_CONFIG');
      assertOneLine(error.message);
    });

    it('should report MASTHEAD_CONFIG when it points at a missing file', () => {
      const error = configErrorOf(() => loadConfig({ env: { MASTHEAD_CONFIG: 'missing.json' }, cwd }));

      assert.equal(error.variable, 'MASTHEAD_CONFIG');
      assert.match(error.message, /\bMASTHEAD_CONFIG\b/);
      assert.ok(error.message.includes(path.join(cwd, 'missing.json')), error.message);
      assertOneLine(error.message);
    });

    it('should never echo the secret when the file sets a MASTHEAD_SECRET that is too short', () => {
      writeConfigFile(JSON.stringify({ MASTHEAD_SECRET: 'tiny-secret-1234' }));

      const error = configErrorOf(() => loadConfig({ env: {}, cwd }));

      assert.equal(error.variable, 'MASTHEAD_SECRET');
      assert.ok(!error.message.includes('tiny-secret-1234'), error.message);
    });
  });
});
