import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/*
 * Local stand-ins for the CAPTCHA providers' siteverify endpoints and for Akismet, answering as
 * their documentation says, and as strict about the request as the real ones: POST, a form-encoded
 * body, the required fields. A client that sends JSON, forgets a field or uses the wrong method
 * fails against these as it would in production.
 */

type Form = Record<string, string>;
type Reply = { status: number; body: string; headers?: Record<string, string> };

/** A fake that answered a request for a method or body it did not accept says so in `rejected`. */
async function startFake(handle: (path: string, form: Form) => Reply) {
  const rejected: string[] = [];
  const server: Server = createServer((request: IncomingMessage, response: ServerResponse) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const send = ({ status, body, headers = {} }: Reply) => {
        response.writeHead(status, headers);
        response.end(body);
      };
      const path = (request.url ?? '/').split('?')[0] ?? '/';
      if (request.method !== 'POST') {
        rejected.push(`${request.method} ${path}`);
        return send({ status: 405, body: 'method not allowed' });
      }
      const contentType = request.headers['content-type'] ?? '';
      if (!contentType.startsWith('application/x-www-form-urlencoded')) {
        rejected.push(`content-type ${contentType}`);
        return send({ status: 415, body: 'expected application/x-www-form-urlencoded' });
      }
      send(handle(path, Object.fromEntries(new URLSearchParams(Buffer.concat(chunks).toString('utf8')))));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const stop = () =>
    new Promise<void>((resolve) => {
      if (!server.listening) return resolve();
      server.close(() => resolve());
      server.closeAllConnections();
    });
  return { origin, rejected, stop };
}

const json = (status: number, value: unknown): Reply => ({
  status,
  body: JSON.stringify(value),
  headers: { 'content-type': 'application/json' },
});

export type FakeProvider = 'recaptcha' | 'hcaptcha' | 'turnstile';

/** The documented path of each provider's siteverify; the fake serves all three. */
const siteverifyPaths: Record<string, FakeProvider> = {
  '/recaptcha/api/siteverify': 'recaptcha',
  '/siteverify': 'hcaptcha',
  '/turnstile/v0/siteverify': 'turnstile',
};

/** Each provider's word for "already verified" (hCaptcha has its own). */
const usedCode: Record<FakeProvider, string> = {
  recaptcha: 'timeout-or-duplicate',
  hcaptcha: 'invalid-or-already-seen-response',
  turnstile: 'timeout-or-duplicate',
};

type IssuedToken = { score?: number; action?: string; isUsed: boolean };

export type SiteverifyFake = {
  /** The siteverify URL for CAPTCHA_VERIFY_URL. */
  urlFor(provider: FakeProvider): string;
  /** A token the fake accepts once; recaptcha-v3 answers carry `score` and `action`. */
  issue(token: string, answer?: { score?: number; action?: string }): void;
  /** As if the token had been verified somewhere else before. */
  markUsed(token: string): void;
  /** Every well-formed request, in order. */
  requests: { provider: FakeProvider; form: Form }[];
  rejected: string[];
  stop(): Promise<void>;
};

/**
 * reCAPTCHA, hCaptcha and Turnstile siteverify, per their docs: `secret` and `response` required,
 * `remoteip` optional; `{ success, challenge_ts, hostname, "error-codes" }` back.
 *
 * @example
 * const fake = await startSiteverifyFake({ secret: 'sekrit' });
 * fake.issue('token-1');
 * env.CAPTCHA_VERIFY_URL = fake.urlFor('turnstile');
 */
export async function startSiteverifyFake(options: { secret: string }): Promise<SiteverifyFake> {
  const tokens = new Map<string, IssuedToken>();
  const requests: SiteverifyFake['requests'] = [];
  const fake = await startFake((path, form) => {
    const provider = siteverifyPaths[path];
    if (!provider) return { status: 404, body: 'not found' };
    requests.push({ provider, form });
    const refuse = (...codes: string[]) => json(200, { success: false, 'error-codes': codes });
    if (!form.secret) return refuse('missing-input-secret');
    if (form.secret !== options.secret) return refuse('invalid-input-secret');
    if (!form.response) return refuse('missing-input-response');
    const token = tokens.get(form.response);
    if (!token) return refuse('invalid-input-response');
    if (token.isUsed) return refuse(usedCode[provider]);
    token.isUsed = true;
    return json(200, {
      success: true,
      challenge_ts: new Date().toISOString(),
      hostname: 'news.example',
      ...(token.score !== undefined ? { score: token.score } : {}),
      ...(token.action !== undefined ? { action: token.action } : {}),
      ...(provider === 'hcaptcha' ? { credit: false } : {}),
      'error-codes': [],
    });
  });
  return {
    urlFor: (provider) =>
      `${fake.origin}${Object.keys(siteverifyPaths).find((p) => siteverifyPaths[p] === provider)}`,
    issue: (token, answer = {}) => tokens.set(token, { ...answer, isUsed: false }),
    markUsed: (token) => {
      const issued = tokens.get(token);
      if (issued) issued.isUsed = true;
    },
    requests,
    rejected: fake.rejected,
    stop: fake.stop,
  };
}

export type AkismetFake = {
  baseUrl: string;
  /** Every well-formed call, in order, by endpoint. */
  calls: { endpoint: string; form: Form }[];
  /** Spam answers carry `X-akismet-pro-tip: discard` while this is set. */
  isDiscarding: boolean;
  rejected: string[];
  stop(): Promise<void>;
};

const ENDPOINTS = new Set(['comment-check', 'submit-spam', 'submit-ham']);

/**
 * Akismet 1.1 as documented: `api_key`, `blog` and `user_ip` required; author `viagra-test-123` or
 * email `akismet-guaranteed-spam@example.com` is spam; a wrong key is `invalid` with
 * X-akismet-debug-help. It learns from submit-spam (that content is spam from then on) unless the
 * submission has `is_test`, as Akismet does not train on test calls.
 *
 * @example
 * const akismet = await startAkismetFake({ key: 'abc123' });
 * env.AKISMET_URL = akismet.baseUrl;
 */
export async function startAkismetFake(options: { key: string }): Promise<AkismetFake> {
  const learnedSpam = new Set<string>();
  const calls: AkismetFake['calls'] = [];
  const state = { isDiscarding: false };
  const text = (body: string, headers: Record<string, string> = {}): Reply => ({
    status: 200,
    body,
    headers: { 'content-type': 'text/plain; charset=utf-8', ...headers },
  });
  const fake = await startFake((path, form) => {
    const endpoint = path.replace(/^\/1\.1\//, '');
    if (!path.startsWith('/1.1/') || !ENDPOINTS.has(endpoint)) return { status: 404, body: 'not found' };
    if (form.api_key !== options.key)
      return text('invalid', { 'X-akismet-debug-help': 'We were unable to verify your API key.' });
    for (const required of ['blog', 'user_ip']) {
      if (!form[required])
        return text(`Missing required field: ${required}.`, {
          'X-akismet-debug-help': `Missing ${required}`,
        });
    }
    calls.push({ endpoint, form });
    if (endpoint !== 'comment-check') {
      if (endpoint === 'submit-spam' && !form.is_test && form.comment_content)
        learnedSpam.add(form.comment_content);
      return text('Thanks for making the web a better place.');
    }
    const isSpam =
      form.comment_author === 'viagra-test-123' ||
      form.comment_author_email === 'akismet-guaranteed-spam@example.com' ||
      learnedSpam.has(form.comment_content ?? '');
    if (!isSpam) return text('false');
    return text('true', state.isDiscarding ? { 'X-akismet-pro-tip': 'discard' } : {});
  });
  return {
    baseUrl: fake.origin,
    calls,
    get isDiscarding() {
      return state.isDiscarding;
    },
    set isDiscarding(value: boolean) {
      state.isDiscarding = value;
    },
    rejected: fake.rejected,
    stop: fake.stop,
  };
}
