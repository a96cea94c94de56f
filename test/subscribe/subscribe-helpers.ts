import assert from 'node:assert/strict';
import type { TestContext } from 'node:test';
import type { Clock } from '../../src/lib/clock.ts';
import type { Newsletter } from '../../src/subscribe/newsletter.ts';
import { startSmtpServer, type ReceivedMail, type TestSmtpServer } from '../helpers/smtp-server.ts';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';

export type SubscribeSite = { t: TestApp; smtp: TestSmtpServer };

/**
 * A whole Masthead whose mail goes to a real SMTP server on 127.0.0.1, closed when the test ends.
 * Jobs and mail run only when a test asks (`runJobs`, `deliverMail`), so each step is deterministic.
 */
export async function openSubscribeSite(
  ctx: TestContext,
  options: { clock?: Clock; env?: Record<string, string> } = {},
): Promise<SubscribeSite> {
  const smtp = await startSmtpServer();
  const t = await createTestApp({
    ...(options.clock ? { clock: options.clock } : {}),
    env: { SMTP_URL: smtp.url, API_RATE_LIMIT: '0', ...options.env },
  });
  ctx.after(async () => {
    await t.close();
    await smtp.close();
  });
  return { t, smtp };
}

/** Creates newsletters through the Admin API. */
export async function createNewsletters(t: TestApp, inputs: Record<string, unknown>[]): Promise<Newsletter[]> {
  const created: Newsletter[] = [];
  for (const input of inputs) {
    const [newsletter] = await t.masthead.subscribe.newsletters.createMany([input as { name: string }]);
    assert.ok(newsletter);
    created.push(newsletter);
  }
  return created;
}

const working = new WeakSet<object>();

/** Runs every job that is due, until none is left (SQLite's queue by hand; on PostgreSQL pg-boss's workers, started once). */
export async function runJobs(t: TestApp): Promise<void> {
  const jobs = t.masthead.jobs as { runDue?: () => Promise<number> };
  if (jobs.runDue) {
    for (let round = 0; round < 20; round += 1) if ((await jobs.runDue()) === 0) return;
    return;
  }
  if (working.has(t.masthead)) return;
  working.add(t.masthead);
  await t.masthead.startWorker();
}

/** Mail the server has received for `address`. */
export const mailsTo = (smtp: TestSmtpServer, address: string): ReceivedMail[] =>
  smtp.messages.filter((mail) => mail.envelope.to.includes(address));

/** The first link in a mail's text part whose path is `path`. */
export function linkIn(mail: ReceivedMail, path: string): string {
  const links = (mail.parsed.text ?? '').match(/https?:\/\/\S+/g) ?? [];
  const link = links.find((candidate) => new URL(candidate).pathname === path);
  assert.ok(link, `no ${path} link in: ${mail.parsed.text}`);
  const url = new URL(link);
  return `${url.pathname}${url.search}`;
}

/** A header of a received mail as sent (mailparser turns some into objects). */
export const rawHeader = (mail: ReceivedMail, name: string): string =>
  (mail.parsed.headerLines.find((line) => line.key === name.toLowerCase())?.line ?? '')
    .replace(/^[^:]+:\s*/, '')
    // Unfold (RFC 5322 §2.2.3): a long header arrives split over lines.
    .replace(/\r?\n[ \t]+/g, ' ');

/** Signs `email` up through the JSON API and opens the confirmation link; answers the confirm page's status. */
export async function subscribeAndConfirm(site: SubscribeSite, email: string, newsletters: string[] = []) {
  const { t, smtp } = site;
  const res = await t.masthead.app.inject({
    method: 'POST',
    url: '/api/subscribe',
    payload: { email, newsletters },
  });
  assert.equal(res.statusCode, 202, res.body);
  await t.masthead.deliverMail();
  const mail = await smtp.waitForMail(
    (m) => m.envelope.to.includes(email) && /Confirm your subscription/.test(m.parsed.subject ?? ''),
  );
  const page = await t.masthead.app.inject({ method: 'GET', url: linkIn(mail, '/subscribe/confirm') });
  assert.equal(page.statusCode, 200, page.body.slice(0, 300));
}

/**
 * Runs jobs and delivers mail until `isDone` holds (events enqueue jobs after commit, and pg-boss
 * works on its own schedule), failing after `timeoutMs`.
 */
export async function until(site: SubscribeSite, isDone: () => boolean | Promise<boolean>, timeoutMs = 10_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    await runJobs(site.t);
    await site.t.masthead.deliverMail();
    if (await isDone()) return;
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
