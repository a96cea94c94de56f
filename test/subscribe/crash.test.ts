import assert from 'node:assert/strict';
import { type ChildProcess, fork } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { setTimeout as delay } from 'node:timers/promises';
import { SMTPServer } from 'smtp-server';
import { createTestApp } from '../helpers/test-app.ts';
import { publish } from '../site/site-helpers.ts';
import { createNewsletters } from './subscribe-helpers.ts';

const SUBSCRIBERS = 2000;
/** The worker is killed once the server has this many messages: part-way through the send. */
const KILL_AFTER = 700;

/**
 * An SMTP server that counts every message by recipient and, on request, stops answering MAIL FROM:
 * connections then wait at the start of their next message, with no message half-sent.
 */
async function startCountingServer() {
  const received = new Map<string, number>();
  let inData = 0;
  let isHolding = false;
  const held: (() => void)[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onMailFrom(_address, _session, callback) {
      if (isHolding) held.push(() => callback(new Error('closing')));
      else callback();
    },
    onData(stream, session, callback) {
      inData += 1;
      stream.on('data', () => {});
      stream.on('end', () => {
        for (const rcpt of session.envelope.rcptTo)
          received.set(rcpt.address, (received.get(rcpt.address) ?? 0) + 1);
        inData -= 1;
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    received,
    total: () => [...received.values()].reduce((sum, count) => sum + count, 0),
    /** Holds every new message and resolves once no message is between DATA and its reply. */
    async hold() {
      isHolding = true;
      while (inData > 0) await delay(5);
    },
    release() {
      isHolding = false;
      for (const answer of held.splice(0)) answer();
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

function startWorker(env: Record<string, string>): Promise<ChildProcess> {
  const child = fork(path.join(import.meta.dirname, 'worker-process.ts'), [], {
    execArgv: ['--import', 'tsx'],
    env: { ...process.env, ...env },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  return new Promise((resolve, reject) => {
    child.once('message', () => resolve(child));
    child.once('exit', (code) => reject(new Error(`worker exited with ${code} before working`)));
  });
}

async function waitFor(isDone: () => boolean | Promise<boolean>, timeoutMs: number, what: string) {
  const deadline = Date.now() + timeoutMs;
  while (!(await isDone())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await delay(20);
  }
}

describe('Newsletters: a crash mid-send', () => {
  it('should deliver to each of 2,000 subscribers exactly once when the worker is killed part-way and restarted', async (ctx) => {
    const smtp = await startCountingServer();
    const t = await createTestApp({ env: { SMTP_URL: smtp.url } });
    const workers: ChildProcess[] = [];
    ctx.after(async () => {
      for (const worker of workers)
        if (worker.exitCode === null && worker.signalCode === null) worker.kill('SIGKILL');
      await t.close();
      await smtp.close();
    });
    const [newsletter] = await createNewsletters(t, [{ name: 'Breaking news', slug: 'breaking' }]);
    assert.ok(newsletter);
    const emails = Array.from(
      { length: SUBSCRIBERS },
      (_, i) => `reader${String(i).padStart(4, '0')}@example.com`,
    );
    await t.masthead.subscribe.csv.import(
      emails.map((email, i) => ({ line: i + 2, email, name: `Reader ${i}`, newsletterIds: [newsletter.id] })),
    );
    await publish(t, { title: 'Storm closes the harbour', published_at: new Date() });
    const { db } = t.masthead.database;
    const countSent = async () =>
      Number(
        (
          await db
            .selectFrom('newsletter_deliveries')
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .where('state', '=', 'sent')
            .executeTakeFirst()
        )?.n ?? 0,
      );
    const env = {
      DATABASE_URL: t.testDb.url,
      SMTP_URL: smtp.url,
      SITE_URL: 'https://news.example',
      MEDIA_DIR: mkdtempSync(path.join(tmpdir(), 'masthead-worker-media-')),
      JOBS_POLL_MS: '100',
      SMTP_POOL: '4',
      CLAIM_MS: '2000',
      LOG_LEVEL: 'silent',
    };

    const first = await startWorker(env);
    workers.push(first);
    await waitFor(() => smtp.total() >= KILL_AFTER, 60_000, `${KILL_AFTER} messages`);
    await smtp.hold();
    // The worker records each answer as it arrives; give it a moment to write the last ones.
    await delay(500);
    const killedAt = smtp.total();
    first.kill('SIGKILL');
    await new Promise((resolve) => first.once('exit', resolve));
    smtp.release();
    const recordedAtKill = await countSent();

    workers.push(await startWorker(env));
    await waitFor(() => smtp.received.size >= SUBSCRIBERS, 120_000, 'every subscriber');
    await waitFor(async () => (await countSent()) === SUBSCRIBERS, 30_000, 'every delivery recorded');
    await delay(300);

    assert.ok(killedAt >= KILL_AFTER && killedAt < SUBSCRIBERS, `killed part-way (${killedAt})`);
    assert.equal(
      recordedAtKill,
      killedAt,
      'every message the server had was recorded as sent before the kill',
    );
    assert.equal(smtp.received.size, SUBSCRIBERS);
    const twice = [...smtp.received].filter(([, count]) => count !== 1);
    assert.deepEqual(twice, [], 'no reader received the issue twice');
    assert.deepEqual([...smtp.received.keys()].sort(), emails);
    const send = await db.selectFrom('newsletter_sends').select('state').executeTakeFirst();
    assert.equal(send?.state, 'done');
  });
});
