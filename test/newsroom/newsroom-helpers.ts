import assert from 'node:assert/strict';
import type { InjectOptions } from 'fastify';
import type { StaffRole } from '../../src/auth/actor.ts';
import { createFixedClock } from '../../src/lib/clock.ts';
import {
  addStaff,
  asBrowser,
  type Browser,
  openSuiteSite,
  type StaffSite,
  signIn,
} from '../staff/staff-helpers.ts';

/** Where every newsroom test starts: a Monday morning, so that dates read plainly. */
export const START = new Date('2026-03-02T09:00:00.000Z');

/** A signed-in staff member: their browser (cookie and CSRF token) and who they are. */
export type Member = Browser & { id: string; name: string; email: string; role: StaffRole };

export type Newsroom = {
  site: StaffSite;
  clock: ReturnType<typeof createFixedClock>;
  /** One signed-in member of each role. */
  staff: Record<StaffRole, Member>;
  /** Closes the app and its mail server. */
  close: () => Promise<void>;
};

/** A response with its JSON body read (undefined when empty). */
export type Answer = {
  status: number;
  headers: Record<string, string | string[] | number | undefined>;
  // biome-ignore lint/suspicious/noExplicitAny: response bodies are untyped JSON, checked by the assertions that read them.
  json: any;
  text: string;
};

const names: Record<StaffRole, string> = {
  contributor: 'Cora Contributor',
  author: 'Aino Author',
  editor: 'Eda Editor',
  administrator: 'Ada Administrator',
};

/**
 * A whole Masthead on a clock the test moves, with one staff member of each role signed in.
 *
 * @example
 * before(async () => { desk = await openNewsroom(); });
 * after(() => desk.close());
 * const res = await call(desk, desk.staff.author, 'POST', '/api/admin/articles', { articles: [{ title: 'Hi' }] });
 */
export async function openNewsroom(options: { env?: Record<string, string> } = {}): Promise<Newsroom> {
  const clock = createFixedClock(START);
  const { site, close } = await openSuiteSite({ clock, ...(options.env ? { env: options.env } : {}) });
  const staff: Partial<Record<StaffRole, Member>> = {};
  for (const role of ['contributor', 'author', 'editor', 'administrator'] as const) {
    const email = `${role}@news.example`;
    const user = await addStaff(site, { email, role, name: names[role] });
    staff[role] = { ...(await signIn(site, email)), id: user.id, name: names[role], email, role };
  }
  return {
    site,
    clock,
    staff: staff as Record<StaffRole, Member>,
    close,
  };
}

/**
 * A GET of a page as a reader's browser asks for it; `url` is a path or an address on the site.
 *
 * @example
 * const page = await visitPage(desk, article.url);
 */
export const visitPage = (desk: Newsroom, url: string) =>
  desk.site.t.masthead.app.inject({
    method: 'GET',
    url: url.replace(/^https?:\/\/[^/]+/, ''),
    headers: { accept: 'text/html' },
  });

/** An Admin API call as a signed-in member, or with the admin API token (`'token'`). */
export async function call(
  desk: Newsroom,
  who: Member | 'token',
  method: NonNullable<InjectOptions['method']>,
  url: string,
  payload?: unknown,
): Promise<Answer> {
  const res =
    who === 'token'
      ? await desk.site.t.masthead.app.inject({
          method,
          url,
          headers: desk.site.t.adminAuth,
          ...(payload === undefined ? {} : { payload: payload as InjectOptions['payload'] }),
        })
      : await asBrowser(desk.site, who, { method, url, ...(payload === undefined ? {} : { payload }) });
  return {
    status: res.statusCode,
    headers: res.headers,
    json: res.body === '' ? undefined : safeJson(res.body),
    text: res.body,
  };
}

const safeJson = (text: string): unknown => {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
};

/** Creates an article through the Admin API as `who` and answers its JSON; fails the test otherwise. */
export async function createArticle(
  desk: Newsroom,
  who: Member | 'token',
  fields: Record<string, unknown>,
  // biome-ignore lint/suspicious/noExplicitAny: the article JSON, read field by field by the tests.
): Promise<any> {
  const res = await call(desk, who, 'POST', '/api/admin/articles', { articles: [fields] });
  assert.equal(res.status, 201, res.text);
  return res.json.articles[0];
}

/** Saves fields of an article through the Admin API (`?autosave=1` with `isAutosave`). */
export async function saveArticle(
  desk: Newsroom,
  who: Member | 'token',
  id: string,
  fields: Record<string, unknown>,
  options: { isAutosave?: boolean } = {},
  // biome-ignore lint/suspicious/noExplicitAny: the article JSON, read field by field by the tests.
): Promise<any> {
  const query = options.isAutosave ? '?autosave=1' : '';
  const res = await call(desk, who, 'PATCH', `/api/admin/articles/${id}${query}`, { articles: [fields] });
  assert.equal(res.status, 200, res.text);
  return res.json.articles[0];
}

/** The first error of an error answer: `{ code, field }`. */
export const firstError = (answer: Answer): { code: string; field?: string } => {
  const [error] = answer.json?.errors ?? [];
  return { code: error?.code, ...(error?.field ? { field: error.field } : {}) };
};
