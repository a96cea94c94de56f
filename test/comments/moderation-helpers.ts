import assert from 'node:assert/strict';
import type { ArticleView } from '../../src/articles/article.ts';
import type { CommentSettings } from '../../src/comments/comment.ts';
import type { Clock } from '../../src/lib/clock.ts';
import { solvedAltcha } from '../helpers/altcha.ts';
import { type ReceivedMail, startSmtpServer, type TestSmtpServer } from '../helpers/smtp-server.ts';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';
import {
  articlePath,
  byTag,
  type Doc,
  type El,
  get,
  onDay,
  type Page,
  publish,
  withAttr,
  withClass,
} from '../site/site-helpers.ts';

type Ctx = { after: (fn: () => Promise<void>) => void };

/** The proxy the tests pretend to sit behind, so `X-Forwarded-For` names the reader's address. */
export const PROXY = '127.0.0.1';

/**
 * Rules that let a solved comment through at once: no minimum time, nobody held as a first-timer,
 * no rate limit in the way of a test that posts many comments.
 */
export const openRules: Partial<CommentSettings> = {
  min_seconds: 0,
  hold_first_time: false,
  ip_rate_limit: 0,
  email_rate_limit: 0,
};

export type CommentSite = {
  t: TestApp;
  /** The article most tests comment on (1 January 2025), and a second, newer one (2 January). */
  article: ArticleView;
  other: ArticleView;
  smtp: TestSmtpServer | null;
};

/**
 * A fresh app (closed when the test ends) with two published articles, a cheap CAPTCHA, no
 * per-client API limit and the comment rules of `openRules` plus `settings`. `smtp: true` starts a
 * real SMTP server on 127.0.0.1 and points SMTP_URL at it.
 */
export async function openCommentSite(
  ctx: Ctx,
  options: {
    settings?: Partial<CommentSettings>;
    env?: Record<string, string>;
    clock?: Clock;
    smtp?: boolean;
  } = {},
): Promise<CommentSite> {
  const smtp = options.smtp ? await startSmtpServer() : null;
  const t = await createTestApp({
    env: {
      API_RATE_LIMIT: '0',
      CAPTCHA_DIFFICULTY: '100',
      TRUST_PROXY: PROXY,
      ...(smtp ? { SMTP_URL: smtp.url } : {}),
      ...options.env,
    },
    ...(options.clock ? { clock: options.clock } : {}),
  });
  ctx.after(async () => {
    await t.close();
    await smtp?.close();
  });
  await t.masthead.comments.settings.update({ ...openRules, ...options.settings });
  const article = await publish(t, { title: 'Harbour reopens after the storm', published_at: onDay(1) });
  const other = await publish(t, { title: 'Council approves the budget', published_at: onDay(2) });
  return { t, article, other, smtp };
}

export type CommentFields = {
  body: string;
  name?: string;
  email?: string;
  url?: string;
  parent_id?: string;
  notify_replies?: boolean;
};

export type Posted = {
  status: number;
  json: {
    comments?: { id: string; status: string; parent_id: string | null; body_html: string }[];
    errors?: { code: string; message: string; field?: string }[];
  };
};

let counter = 0;

/**
 * `POST /api/comments` as the enhanced form sends it, from `ip` (via the trusted proxy). The CAPTCHA
 * is solved unless `isSolved` is false (then the comment goes to moderation as `no_captcha`).
 */
export async function postComment(
  t: TestApp,
  article: Pick<ArticleView, 'id'>,
  fields: CommentFields,
  options: { ip?: string; isSolved?: boolean } = {},
): Promise<Posted> {
  counter += 1;
  const payload = {
    article_id: article.id,
    name: fields.name ?? `Reader ${counter}`,
    email: fields.email ?? `reader${counter}@example.com`,
    body: fields.body,
    ...(fields.url ? { url: fields.url } : {}),
    ...(fields.parent_id ? { parent_id: fields.parent_id } : {}),
    ...(fields.notify_replies ? { notify_replies: true } : {}),
    ...(options.isSolved === false ? {} : { altcha: await solvedAltcha(t.masthead) }),
  };
  const res = await t.masthead.app.inject({
    method: 'POST',
    url: '/api/comments',
    headers: { 'x-forwarded-for': options.ip ?? '198.51.100.10' },
    payload,
  });
  return { status: res.statusCode, json: res.json() };
}

/** Posts a comment and fails unless it was stored with `status`; answers its id. */
export async function commentWith(
  t: TestApp,
  article: Pick<ArticleView, 'id'>,
  fields: CommentFields,
  status: 'approved' | 'pending',
  options: { ip?: string } = {},
): Promise<string> {
  const posted = await postComment(t, article, fields, { ...options, isSolved: status === 'approved' });
  assert.equal(posted.status, 201, JSON.stringify(posted.json));
  const comment = posted.json.comments?.[0];
  assert.equal(comment?.status, status, JSON.stringify(posted.json));
  return comment.id;
}

export const approvedComment = (
  t: TestApp,
  article: Pick<ArticleView, 'id'>,
  fields: CommentFields,
  options: { ip?: string } = {},
) => commentWith(t, article, fields, 'approved', options);

/** A comment held for moderation because the CAPTCHA was not sent (JavaScript off). */
export const pendingComment = (
  t: TestApp,
  article: Pick<ArticleView, 'id'>,
  fields: CommentFields,
  options: { ip?: string } = {},
) => commentWith(t, article, fields, 'pending', options);

export type ApiAnswer = { status: number; json: Record<string, unknown> & ModerationBody; text: string };

export type ModeratedComment = {
  id: string;
  status: string;
  parent_id: string | null;
  author_name: string;
  author_email: string | null;
  ip_hash: string | null;
  body: string;
  body_html: string;
  hold_reason: string | null;
  hold_detail: string | null;
  is_staff: boolean;
  is_featured: boolean;
  report_count: number;
  reported_at: string | null;
  reports: { reason: string; note: string; created_at: string }[];
};

type ModerationBody = {
  comments?: ModeratedComment[];
  errors?: { code: string; message: string; field?: string }[];
  meta?: { pagination: { page: number; limit: number; pages: number; total: number; next: number | null } };
};

/** An Admin API call with the admin token (or `auth`, `{}` for none). */
export async function adminApi(
  t: TestApp,
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE',
  url: string,
  payload?: unknown,
  auth: Record<string, string> = t.adminAuth,
): Promise<ApiAnswer> {
  const res = await t.masthead.app.inject({
    method,
    url: `/api/admin${url}`,
    headers: auth,
    ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }),
  });
  return { status: res.statusCode, json: res.body ? res.json() : {}, text: res.body };
}

/** A moderation queue (`GET /api/admin/comments?…`); fails unless it answers 200. */
export async function queue(t: TestApp, query: string): Promise<ApiAnswer & { ids: string[] }> {
  const answer = await adminApi(t, 'GET', `/comments?${query}`);
  assert.equal(answer.status, 200, answer.text);
  return { ...answer, ids: (answer.json.comments ?? []).map((c) => c.id) };
}

/** One comment as moderators see it; fails unless it exists. */
export async function moderated(t: TestApp, id: string): Promise<ModeratedComment> {
  const answer = await adminApi(t, 'GET', `/comments/${id}`);
  assert.equal(answer.status, 200, answer.text);
  const [comment] = answer.json.comments ?? [];
  assert.ok(comment);
  return comment;
}

/** `PATCH /api/admin/comments/:id`; fails unless it answers 200. */
export async function moderate(t: TestApp, id: string, change: Record<string, unknown>) {
  const answer = await adminApi(t, 'PATCH', `/comments/${id}`, change);
  assert.equal(answer.status, 200, answer.text);
  return answer.json.comments?.[0] as ModeratedComment;
}

/** The article page as a reader gets it. */
export const articlePage = (t: TestApp, article: ArticleView, query = ''): Promise<Page> =>
  get(t, `${articlePath(article)}${query}`);

/** The `<li id="comment-ID">` of a comment in the threads, if the page shows it. */
export const commentItem = (doc: Doc | El, id: string): El | undefined =>
  withAttr(doc, 'id', `comment-${id}`).find((el) => el.name === 'li');

/** Ids of the comments in the page's threads, in document order. */
export const shownIds = (doc: Doc): string[] =>
  withClass(doc, 'comment')
    .filter((el) => el.name === 'li')
    .map((el) => (el.attribs.id ?? '').replace(/^comment-/, ''));

/** The featured block's comments, by the permalinks (`#comment-ID`) their times link to. */
export const featuredIds = (doc: Doc): string[] =>
  withClass(doc, 'comments-featured').flatMap((section) =>
    withClass(section, 'comment-time').map((el) => (el.attribs.href ?? '').replace(/^.*#comment-/, '')),
  );

/** Script elements inside the comment texts (there must never be any). */
export const scriptsInComments = (doc: Doc): El[] =>
  withClass(doc, 'comment-text').flatMap((el) => byTag(el, 'script'));

/** Mails the SMTP server has received for `address`, after delivering everything that is due. */
export async function mailsTo(site: CommentSite, address: string): Promise<ReceivedMail[]> {
  assert.ok(site.smtp, 'this site has no SMTP server');
  await site.t.masthead.deliverMail();
  return site.smtp.messages.filter((mail) => mail.envelope.to.includes(address));
}

/** The path and query of the first `https://news.example/…` link in a mail's text that starts with `path`. */
export function linkIn(mail: ReceivedMail, path: string): string {
  const escaped = path.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  const found = new RegExp(`https://news\\.example(${escaped}\\?token=[\\w.~%-]+)`).exec(
    mail.parsed.text ?? '',
  );
  assert.ok(found?.[1], `no ${path} link in: ${mail.parsed.text}`);
  return found[1];
}

/** A header's raw value as the mail carried it. */
export const rawHeader = (mail: ReceivedMail, name: string): string | undefined =>
  mail.parsed.headerLines
    .find((line) => line.key === name.toLowerCase())
    ?.line.replace(/^[^:]+:\s*/, '')
    .replace(/\r?\n\s+/g, ' ');

/** A form POST as a browser sends it (form-encoded). */
export async function postForm(t: TestApp, url: string, fields: Record<string, string>, ip?: string) {
  const res = await t.masthead.app.inject({
    method: 'POST',
    url,
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      accept: 'text/html',
      ...(ip ? { 'x-forwarded-for': ip } : {}),
    },
    payload: new URLSearchParams(fields).toString(),
  });
  return res;
}
