import assert from 'node:assert/strict';
import { toDbTime } from '../../src/db/values.ts';
import { newId } from '../../src/lib/ids.ts';
import type { Newsletter } from '../../src/subscribe/newsletter.ts';
import { type MailSite, openMailSite } from '../helpers/mail-site.ts';
import type { ReceivedMail, TestSmtpServer } from '../helpers/smtp-server.ts';
import type { TestApp } from '../helpers/test-app.ts';

export type SubscribeSite = MailSite;

/** A whole Masthead whose mail goes to a real SMTP server on 127.0.0.1, closed when the test ends. */
export const openSubscribeSite = openMailSite;

/** Creates newsletters through the Admin API. */
export async function createNewsletters(
  t: TestApp,
  inputs: Record<string, unknown>[],
): Promise<Newsletter[]> {
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
export async function until(
  site: SubscribeSite,
  isDone: () => boolean | Promise<boolean>,
  timeoutMs = 10_000,
) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    await runJobs(site.t);
    await site.t.masthead.deliverMail();
    if (await isDone()) return;
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** A form POST as a browser sends it (urlencoded, a repeated name for several values), with cookies if given. */
export function postForm(
  t: TestApp,
  url: string,
  fields: Record<string, string | string[]>,
  cookie?: string,
) {
  const body = new URLSearchParams();
  for (const [name, value] of Object.entries(fields))
    for (const item of Array.isArray(value) ? value : [value]) body.append(name, item);
  return t.masthead.app.inject({
    method: 'POST',
    url,
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      accept: 'text/html',
      ...(cookie ? { cookie } : {}),
    },
    payload: body.toString(),
  });
}

/** Delivers the outbox and waits for the newest mail to `email` whose subject matches. */
export async function latestMail(site: SubscribeSite, email: string, subject: RegExp): Promise<ReceivedMail> {
  await site.t.masthead.deliverMail();
  await site.smtp.waitForMail((m) => m.envelope.to.includes(email) && subject.test(m.parsed.subject ?? ''));
  const matching = mailsTo(site.smtp, email).filter((m) => subject.test(m.parsed.subject ?? ''));
  return matching[matching.length - 1] as ReceivedMail;
}

/** Asks for a login link for `email` through the form; answers the path the mail carries. */
export async function loginLink(site: SubscribeSite, email: string): Promise<string> {
  const answer = await postForm(site.t, '/account/login', { email });
  assert.equal(answer.statusCode, 200, answer.body.slice(0, 300));
  return linkIn(await latestMail(site, email, /^Sign in to /), '/account/login');
}

/** Opens a login link with the browser's current cookie, if any; answers the response and the new cookie header. */
export async function openLoginLink(site: SubscribeSite, link: string, cookie?: string) {
  const res = await site.t.masthead.app.inject({
    method: 'GET',
    url: link,
    headers: { accept: 'text/html', ...(cookie ? { cookie } : {}) },
  });
  const session = res.cookies.find((c) => c.name === 'masthead_reader');
  return { res, session, cookie: session ? `masthead_reader=${session.value}` : '' };
}

/** Signs `email` in by magic link; answers the cookie header a browser sends afterwards. */
export async function signIn(site: SubscribeSite, email: string): Promise<string> {
  const { res, cookie } = await openLoginLink(site, await loginLink(site, email));
  assert.equal(res.statusCode, 303, res.body.slice(0, 300));
  return cookie;
}

/** The CSRF field of the account page's forms for the session behind `cookie`. */
export async function accountCsrf(site: SubscribeSite, cookie: string): Promise<string> {
  const page = await site.t.masthead.app.inject({ method: 'GET', url: '/account', headers: { cookie } });
  assert.equal(page.statusCode, 200, page.body.slice(0, 300));
  const csrf = /<input type="hidden" name="csrf" value="([^"]+)"/.exec(page.body)?.[1];
  assert.ok(csrf, 'no csrf field on the account page');
  return csrf;
}

/**
 * Plans and delivers an article's newsletter sends at once, as its job would, without starting the
 * queue's workers (on PostgreSQL pg-boss's workers run on their own schedule and can outlive a test).
 */
export async function sendArticleNow(site: SubscribeSite, articleId: string): Promise<void> {
  const { masthead } = site.t;
  await masthead.subscribe.planner.planArticle(articleId);
  const sending = await masthead.database.db
    .selectFrom('newsletter_sends')
    .select('id')
    .where('state', '=', 'sending')
    .execute();
  for (const send of sending) await masthead.subscribe.deliverSend(send.id);
}

type DeliveryState = 'queued' | 'sent' | 'failed' | 'bounced';

/**
 * A newsletter send in progress written straight to the tables (one delivery per state given), for
 * tests that read progress without sending anything. Returns the send's id.
 *
 * @example
 * const sendId = await insertSend(t, { newsletterId, subject: 'Harbour', states: ['sent', 'queued'] });
 */
export async function insertSend(
  t: TestApp,
  input: { newsletterId: string; subject: string; states: DeliveryState[]; dedupeKey?: string },
): Promise<string> {
  const { db, dialect } = t.masthead.database;
  const sendId = newId();
  const now = toDbTime(dialect, new Date());
  await db
    .insertInto('newsletter_sends')
    .values({
      id: sendId,
      newsletter_id: input.newsletterId,
      dedupe_key: input.dedupeKey ?? `test:${sendId}`,
      subject: input.subject,
      html_body: '',
      text_body: '',
      state: 'sending',
      created_at: now,
    })
    .execute();
  await db
    .insertInto('newsletter_deliveries')
    .values(
      input.states.map((state, i) => ({
        send_id: sendId,
        email: `r${i}@example.org`,
        state,
        next_attempt_at: now,
      })),
    )
    .execute();
  return sendId;
}
