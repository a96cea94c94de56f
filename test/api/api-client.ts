import assert from 'node:assert/strict';
import type { FastifyInstance, InjectOptions } from 'fastify';

/**
 * A JSON body as the API under test sent it. Tests read it field by field and assert on each
 * field they rely on, so a loose type is the honest one here.
 */
// biome-ignore lint/suspicious/noExplicitAny: response bodies are untyped JSON, checked by the assertions that read them.
export type Json = any;

export type ApiResponse = {
  status: number;
  headers: Record<string, string | string[] | number | undefined>;
  /** The raw body text. */
  text: string;
  /** The body parsed as JSON, or undefined when it is empty or not JSON. */
  body: Json;
};

export type RequestOptions = {
  /** Replaces the client's default headers (e.g. `{}` to send no token). */
  headers?: Record<string, string>;
};

export type ApiClient = ReturnType<typeof createApiClient>;

const parseBody = (text: string): Json => {
  if (text === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
};

/**
 * Sends requests to a Masthead app through `inject()`, with the given headers (usually an
 * `Authorization` header) on every request unless a call replaces them.
 *
 * @example
 * const admin = createApiClient(t.masthead.app, t.adminAuth);
 * const res = await admin.post('/api/admin/tags', { tags: [{ name: 'Harbour' }] });
 */
export function createApiClient(app: FastifyInstance, defaultHeaders: Record<string, string> = {}) {
  async function inject(options: InjectOptions): Promise<ApiResponse> {
    const res = await app.inject(options);
    return { status: res.statusCode, headers: res.headers, text: res.body, body: parseBody(res.body) };
  }
  /** Any request, as `inject()` takes it; its own headers are merged over the default ones. */
  const send = (options: InjectOptions) =>
    inject({ ...options, headers: { ...defaultHeaders, ...options.headers } });
  const request =
    (method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE') =>
    (url: string, payload?: unknown, options: RequestOptions = {}) =>
      inject({
        method,
        url,
        headers: options.headers ?? defaultHeaders,
        ...(payload === undefined ? {} : { payload: payload as InjectOptions['payload'] }),
      });
  const read = request('GET');
  const remove = request('DELETE');
  return {
    send,
    get: (url: string, options: RequestOptions = {}) => read(url, undefined, options),
    post: request('POST'),
    put: request('PUT'),
    patch: request('PATCH'),
    delete: (url: string, options: RequestOptions = {}) => remove(url, undefined, options),
  };
}

/**
 * Asserts that a response is a Masthead error: the status and code expected, never a 500, JSON
 * `{ errors: [{ code, message, field }] }` with string code and message, and no stack trace.
 * `field` is compared exactly when a string, matched when a RegExp.
 */
export function assertApiError(
  res: ApiResponse,
  expected: { status: number; code?: string; field?: string | RegExp },
): void {
  const where = `${res.status} ${res.text.slice(0, 500)}`;
  assert.notEqual(res.status, 500, `expected no 500, got ${where}`);
  assert.equal(res.status, expected.status, `status: ${where}`);
  assert.match(String(res.headers['content-type']), /^application\/json/, `content-type: ${where}`);
  assert.ok(Array.isArray(res.body?.errors) && res.body.errors.length > 0, `errors array: ${where}`);
  const [first] = res.body.errors;
  assert.equal(typeof first.code, 'string', `errors[0].code: ${where}`);
  assert.equal(typeof first.message, 'string', `errors[0].message: ${where}`);
  assert.ok(first.message.length > 0, `errors[0].message is empty: ${where}`);
  assert.ok(!(res.text.includes('at ') && res.text.includes('.ts:')), `stack trace in body: ${where}`);
  assert.doesNotMatch(res.text, /\.(ts|js|mjs):\d+:\d+/, `file position in body: ${where}`);
  if (expected.code !== undefined) assert.equal(first.code, expected.code, `errors[0].code: ${where}`);
  if (typeof expected.field === 'string')
    assert.equal(first.field, expected.field, `errors[0].field: ${where}`);
  if (expected.field instanceof RegExp)
    assert.match(String(first.field), expected.field, `errors[0].field: ${where}`);
}

/** Asserts the status of a successful response, showing the body when it differs. */
export function assertStatus(res: ApiResponse, status: number): void {
  assert.equal(res.status, status, `expected ${status}, got ${res.status} ${res.text.slice(0, 500)}`);
}

/** An ISO date-time this many days from now (negative for the past). */
export const daysFromNow = (days: number): string => new Date(Date.now() + days * 86_400_000).toISOString();

export const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** The default permalink (`/{yyyy}/{mm}/{slug}/`, site timezone UTC) of an article as the API shows it. */
export function defaultPermalink(article: {
  slug: string;
  published_at: string | null;
  created_at: string;
}): string {
  const date = new Date(article.published_at ?? article.created_at);
  const month = String(date.getUTCMonth() + 1).padStart(2, '0');
  return `https://news.example/${date.getUTCFullYear()}/${month}/${article.slug}/`;
}

/** Creates resources through the Admin API and returns them, failing the test on anything but 201. */
export function createFactories(admin: ApiClient) {
  async function create(key: string, item: Record<string, unknown>): Promise<Json> {
    const res = await admin.post(`/api/admin/${key}`, { [key]: [item] });
    assertStatus(res, 201);
    return res.body[key][0];
  }
  return {
    article: (fields: Record<string, unknown>) => create('articles', fields),
    page: (fields: Record<string, unknown>) => create('pages', fields),
    person: (fields: Record<string, unknown>) => create('people', fields),
    category: (fields: Record<string, unknown>) => create('categories', fields),
    tag: (fields: Record<string, unknown>) => create('tags', fields),
  };
}
