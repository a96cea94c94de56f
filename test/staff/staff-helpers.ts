import assert from 'node:assert/strict';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { Secret, TOTP } from 'otpauth';
import type { StaffRole } from '../../src/auth/actor.ts';
import { type MailSite, openMailSite } from '../helpers/mail-site.ts';
import type { ReceivedMail } from '../helpers/smtp-server.ts';

export const PASSWORD = 'correct horse battery staple';
export const STAFF_COOKIE = 'masthead_staff';

export type StaffSite = MailSite;

/** A whole Masthead with mail going to a real SMTP server, closed when the test (or suite) ends. */
export const openStaffSite = openMailSite;

/** Adds an account that can sign in (as the CLI does: the system may). */
export function addStaff(
  site: StaffSite,
  input: { email: string; role?: StaffRole; name?: string; password?: string },
) {
  return site.t.masthead.staff.create({
    email: input.email,
    name: input.name ?? 'Ada Lovelace',
    role: input.role ?? 'administrator',
    password: input.password ?? PASSWORD,
  });
}

/**
 * A staff site shared by a whole `describe`: open it in `before`, call `close()` in `after`.
 *
 * @example
 * before(async () => { ({ site, close } = await openSuiteSite()); });
 * after(() => close());
 */
export async function openSuiteSite(
  options: Parameters<typeof openMailSite>[1] = {},
): Promise<{ site: StaffSite; close: () => Promise<void> }> {
  const cleanups: (() => Promise<void>)[] = [];
  const site = await openStaffSite({ after: (fn: () => Promise<void>) => cleanups.push(fn) }, options);
  return {
    site,
    async close() {
      for (const cleanup of cleanups) await cleanup();
    },
  };
}

export type Answer = LightMyRequestResponse;

/** POST /api/admin/session from `ip` (a browser's cookie may come along). */
export function postLogin(
  site: StaffSite,
  body: Record<string, unknown>,
  options: { ip?: string; cookie?: string } = {},
): Promise<Answer> {
  return site.t.masthead.app.inject({
    method: 'POST',
    url: '/api/admin/session',
    remoteAddress: options.ip ?? '192.0.2.10',
    headers: options.cookie ? { cookie: options.cookie } : {},
    payload: body,
  });
}

/** A signed-in browser: the `cookie` header to send and the CSRF token that goes with it. */
export type Browser = { cookie: string; csrf: string; token: string; answer: Answer };

/** Signs in and answers the browser's cookie header and CSRF token; fails the test when refused. */
export async function signIn(
  site: StaffSite,
  email: string,
  options: { password?: string; totp?: string; ip?: string; cookie?: string } = {},
): Promise<Browser> {
  const answer = await postLogin(
    site,
    { email, password: options.password ?? PASSWORD, ...(options.totp ? { totp: options.totp } : {}) },
    options,
  );
  assert.equal(answer.statusCode, 200, answer.body);
  const token = sessionCookie(answer)?.value;
  assert.ok(token, 'no session cookie was set');
  return { cookie: `${STAFF_COOKIE}=${token}`, csrf: answer.json().session.csrf_token, token, answer };
}

/**
 * Adds an account with `role` (and the shared test password) and signs it in.
 *
 * @example
 * const admin = await signInNew(site, 'ada@example.com', 'administrator');
 */
export async function signInNew(site: StaffSite, email: string, role: StaffRole): Promise<Browser> {
  await addStaff(site, { email, role });
  return signIn(site, email);
}

/** The staff session cookie a response sets, with its attributes. */
export const sessionCookie = (answer: Answer) =>
  answer.cookies.find((cookie) => cookie.name === STAFF_COOKIE);

/** An Admin API request as the browser sends it: the cookie always, the CSRF header when given. */
export function asBrowser(
  site: StaffSite,
  browser: Pick<Browser, 'cookie'> & { csrf?: string | undefined },
  request: { method?: InjectOptions['method']; url: string; payload?: unknown; ip?: string },
): Promise<Answer> {
  return site.t.masthead.app.inject({
    method: request.method ?? 'GET',
    url: request.url,
    remoteAddress: request.ip ?? '192.0.2.10',
    headers: { cookie: browser.cookie, ...(browser.csrf ? { 'x-csrf-token': browser.csrf } : {}) },
    ...(request.payload !== undefined ? { payload: request.payload as InjectOptions['payload'] } : {}),
  });
}

/** The first error code of an error answer. */
export const codeOf = (answer: Answer): string | undefined => answer.json().errors?.[0]?.code;

/** The code an authenticator app shows for `secret` (base32) at `at`. */
export const totpCode = (secret: string, at: Date): string =>
  TOTP.generate({ secret: Secret.fromBase32(secret), timestamp: at.getTime() });

/** Delivers the outbox and answers the token of the next staff link mailed to `email` for `path`. */
export async function mailedToken(site: StaffSite, email: string, path: string): Promise<string> {
  const pattern = new RegExp(`${path}#token=([A-Za-z0-9_-]{43})`);
  const isLink = (mail: ReceivedMail) =>
    mail.envelope.to.includes(email) && pattern.test(mail.parsed.text ?? '');
  const seen = new Set(site.smtp.messages.filter(isLink));
  await site.t.masthead.deliverMail();
  const mail = await site.smtp.waitForMail((candidate) => isLink(candidate) && !seen.has(candidate));
  const token = pattern.exec(mail.parsed.text ?? '')?.[1];
  assert.ok(token);
  return token;
}
