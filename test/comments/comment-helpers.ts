import assert from 'node:assert/strict';
import { DomUtils, parseDocument } from 'htmlparser2';
import type { ArticleView } from '../../src/articles/article.ts';
import type { CommentSettings } from '../../src/comments/comment.ts';
import { createFixedClock } from '../../src/lib/clock.ts';
import { createApiClient, type Json } from '../api/api-client.ts';
import { solvedAltcha } from '../helpers/altcha.ts';
import { createTestApp } from '../helpers/test-app.ts';
import {
  type ArticleInput,
  articlePath,
  byTag,
  type Doc,
  type El,
  get,
  one,
  type Page,
  publish,
  text,
  withAttr,
} from '../site/site-helpers.ts';

/** "Now" for every comment test: a fixed clock the tests move on when time matters. */
export const START = new Date('2026-03-02T09:00:00.000Z');
export const DAY = 86_400_000;

/**
 * Settings that let a well-formed comment straight through, so that each test switches on only
 * the layer it is about: no minimum time, no first-time hold, no rate limits.
 */
export const relaxedSettings: Partial<CommentSettings> = {
  min_seconds: 0,
  hold_first_time: false,
  ip_rate_limit: 0,
  email_rate_limit: 0,
};

type Context = { after: (fn: () => Promise<void>) => void };
type Fields = Record<string, string>;
type Headers = Record<string, string>;

export type FormResponse = Page & { location: string | undefined };

export type OpenOptions = {
  env?: Record<string, string>;
  /** Merged over `relaxedSettings`. */
  settings?: Partial<CommentSettings>;
  /** The article the comments go under (published the day before START unless it says otherwise). */
  article?: Partial<ArticleInput>;
};

export type CommentsSite = Awaited<ReturnType<typeof openComments>>;

let serial = 0;
/** A comment text no other test in the run has sent, so the duplicate check stays out of the way. */
export const uniqueBody = (what = 'A fair point about the harbour'): string => {
  serial += 1;
  return `${what} (${serial}).`;
};

/**
 * A whole Masthead on a fixed clock with one published article and relaxed comment settings,
 * closed when the test ends (without a test context: by `close()`), and the calls comment tests make: a valid form with a solved altcha,
 * posting it without JavaScript (`POST /comments`) or as JSON (`POST /api/comments`), and reading
 * back what was stored, the moderation queue and the article page.
 *
 * @example
 * const site = await openComments(context, { settings: { hold_all: true } });
 * const res = await site.postForm(await site.fields({ body: 'Hello' }));
 */
export async function openComments(context: Context | null, options: OpenOptions = {}) {
  const clock = createFixedClock(START);
  // A low proof-of-work difficulty keeps the solver quick; the altcha tests use the default.
  const t = await createTestApp({
    clock,
    env: { CAPTCHA_DIFFICULTY: '2000', API_RATE_LIMIT: '0', ...options.env },
  });
  context?.after(() => t.close());
  const { comments } = t.masthead;
  await comments.settings.update({ ...relaxedSettings, ...options.settings });
  const admin = createApiClient(t.masthead.app, t.adminAuth);
  const article = await publish(t, {
    title: 'Harbour reopens after the storm',
    published_at: new Date(START.getTime() - DAY),
    ...options.article,
  });

  /** A base64 altcha payload, solved as the widget does it. */
  const solve = () => solvedAltcha(t.masthead);

  /**
   * A form that passes every check (altcha solved when altcha is the provider, signed render
   * time), with `overrides` on top.
   */
  async function fields(overrides: Fields = {}, on: ArticleView = article): Promise<Fields> {
    return {
      article_id: on.id,
      parent_id: '',
      lang: on.language,
      form_time: comments.service.signFormTime(),
      name: 'Ada Reader',
      email: 'ada@example.com',
      url: '',
      body: uniqueBody(),
      ...(t.masthead.captcha.provider === 'altcha' ? { altcha: await solve() } : {}),
      ...overrides,
    };
  }

  async function postForm(form: Fields, headers: Headers = {}): Promise<FormResponse> {
    const res = await t.masthead.app.inject({
      method: 'POST',
      url: '/comments',
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html', ...headers },
      payload: new URLSearchParams(form).toString(),
    });
    const location = res.headers.location;
    return {
      status: res.statusCode,
      headers: res.headers,
      raw: res.rawPayload,
      text: res.body,
      doc: parseDocument(res.body),
      location: typeof location === 'string' ? location : undefined,
    };
  }

  const postJson = (body: Record<string, unknown>, headers: Headers = {}) =>
    createApiClient(t.masthead.app, { accept: 'application/json', ...headers }).post('/api/comments', body);

  /** Posts a valid comment as JSON and answers its id (fails the test unless it is stored). */
  async function submit(overrides: Fields = {}, on: ArticleView = article): Promise<string> {
    const res = await postJson(await fields(overrides, on));
    assert.equal(res.status, 201, res.text);
    return res.body.comments[0].id as string;
  }

  /** The moderation queue as the Admin API lists it. */
  async function queue(status: 'pending' | 'approved' | 'spam' | 'trash' | 'reported'): Promise<Json[]> {
    const res = await admin.get(`/api/admin/comments?status=${status}&limit=100`);
    assert.equal(res.status, 200, res.text);
    return res.body.comments;
  }

  /** One comment as moderators see it in the Admin API (hold reason, detail, email…). */
  async function stored(id: string): Promise<Json> {
    const res = await admin.get(`/api/admin/comments/${id}`);
    assert.equal(res.status, 200, res.text);
    return res.body.comments[0];
  }

  const page = (query = '', on: ArticleView = article) => get(t, `${articlePath(on)}${query}`);

  return {
    t,
    close: () => t.close(),
    clock,
    article,
    admin,
    solve,
    fields,
    postForm,
    postJson,
    submit,
    queue,
    stored,
    page,
    settings: (changes: Partial<CommentSettings>) => comments.settings.update(changes),
    publish: (input: ArticleInput) => publish(t, { published_at: new Date(START.getTime() - DAY), ...input }),
  };
}

// ---- reading the comment area ----

/** The `<section id="comments">` of an article page. */
export const commentSection = (doc: Doc): El => one(withAttr(doc, 'id', 'comments'), 'comment section');

/** The `<li>` of one comment in the threads. */
export const commentItem = (doc: Doc, id: string): El | undefined => withAttr(doc, 'id', `comment-${id}`)[0];

/** The comment ids of the page's threads, in document order (replies after their parent). */
export const threadIds = (doc: Doc): string[] =>
  byTag(commentSection(doc), 'li')
    .map((li) => /^comment-(.+)$/.exec(li.attribs.id ?? '')?.[1])
    .filter((id): id is string => id !== undefined);

/** The message shown beside a form field (`comment-<field>-error`), '' when there is none. */
export const fieldError = (doc: Doc, field: string): string =>
  text(withAttr(doc, 'id', `comment-${field}-error`)[0]);

/** What a re-rendered form holds in a field: the input's value, or the textarea's text. */
export function formValue(doc: Doc, field: string): string | undefined {
  const control = byTag(doc, 'form')
    .flatMap((form) => [...byTag(form, 'input'), ...byTag(form, 'textarea')])
    .find((el) => el.attribs.name === field);
  if (!control) return undefined;
  return control.name === 'textarea' ? DomUtils.textContent(control) : control.attribs.value;
}

/** The id in a `…#comment-ID` or `/comments/ID/pending` location. */
export function idFrom(location: string | undefined): string {
  const found = /#comment-([0-9a-f-]{36})$|\/comments\/([0-9a-f-]{36})\/pending/.exec(location ?? '');
  const id = found?.[1] ?? found?.[2];
  assert.ok(id, `no comment id in the location ${location}`);
  return id;
}
