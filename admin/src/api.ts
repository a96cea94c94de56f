/** One field's problem as the Admin API reports it. */
export type ApiProblem = { code: string; message: string; field?: string | null };

/** A refused Admin API call: its status, the API's errors, and the field messages by field name. */
export class ApiError extends Error {
  readonly status: number;
  readonly problems: ApiProblem[];
  constructor(status: number, problems: ApiProblem[]) {
    super(problems[0]?.message ?? `HTTP ${status}`);
    this.status = status;
    this.problems = problems;
  }
  get code(): string {
    return this.problems[0]?.code ?? '';
  }
  /** `{ field: message }` for the problems that name a field. */
  get fields(): Record<string, string> {
    const byField: Record<string, string> = {};
    for (const problem of this.problems)
      if (problem.field && !byField[problem.field]) byField[problem.field] = problem.message;
    return byField;
  }
}

/** The network failed (offline, server down): nothing was answered. */
export class NetworkError extends Error {}

let csrfToken = '';
const unauthorisedListeners = new Set<() => void>();

/** Remembers the session's CSRF token; every write sends it as `X-CSRF-Token`. */
export function setCsrfToken(token: string): void {
  csrfToken = token;
}

/** Called when the API answers 401 to a signed-in screen (the session ended or was revoked). */
export function onUnauthorised(listener: () => void): () => void {
  unauthorisedListeners.add(listener);
  return () => unauthorisedListeners.delete(listener);
}

type Body = Record<string, unknown> | unknown[] | FormData | string | Blob | undefined;

export type ApiOptions = {
  /** Sent as is with this content type (CSV imports); FormData goes as multipart. */
  contentType?: string;
  signal?: AbortSignal;
  /** `keepalive` lets a save started while the page unloads finish. */
  keepalive?: boolean;
};

/**
 * Calls the Admin API with the staff session cookie; JSON in and out.
 *
 * @example
 * const { articles } = await api<{ articles: Article[] }>('GET', '/articles?status=draft');
 */
export async function api<T>(
  method: string,
  path: string,
  body?: Body,
  options: ApiOptions = {},
): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (method !== 'GET' && method !== 'HEAD' && csrfToken) headers['x-csrf-token'] = csrfToken;
  let payload: BodyInit | undefined;
  if (body instanceof FormData || body instanceof Blob) payload = body;
  else if (typeof body === 'string') payload = body;
  else if (body !== undefined) payload = JSON.stringify(body);
  if (payload !== undefined && !(body instanceof FormData))
    headers['content-type'] = options.contentType ?? 'application/json';
  let response: Response;
  try {
    response = await fetch(`/api/admin${path}`, {
      method,
      headers,
      body: payload,
      credentials: 'same-origin',
      ...(options.signal ? { signal: options.signal } : {}),
      ...(options.keepalive ? { keepalive: true } : {}),
    });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new NetworkError(String(error));
  }
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  const json = text ? safeJson(text) : undefined;
  if (!response.ok) {
    const problems = (json as { errors?: ApiProblem[] } | undefined)?.errors ?? [];
    if (response.status === 401 && path !== '/session')
      for (const listener of unauthorisedListeners) listener();
    throw new ApiError(response.status, problems);
  }
  return json as T;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
