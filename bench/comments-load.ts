import http from 'node:http';

export type Posted = {
  count: number;
  seconds: number;
  perSecond: number;
  p50: number;
  p95: number;
  p99: number;
  statuses: Record<number, number>;
  /** The first few answers that were not 201, to say what went wrong. */
  failures: { status: number; body: string }[];
};

export type Post = { body: string; headers: Record<string, string> };

/** A request still unanswered after this long counts as failed (status 0), so a stuck server cannot hang the run. */
const REQUEST_TIMEOUT_MS = 30_000;

const percentile = (sorted: number[], p: number): number =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
const round = (n: number) => Math.round(n * 100) / 100;

function send(
  agent: http.Agent,
  port: number,
  path: string,
  post: Post,
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const request = http.request(
      {
        host: '127.0.0.1',
        port,
        path,
        method: 'POST',
        agent,
        headers: {
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(post.body),
          ...post.headers,
        },
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () =>
          resolve({ status: response.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }),
        );
        response.on('error', reject);
      },
    );
    request.setTimeout(REQUEST_TIMEOUT_MS, () => request.destroy(new Error('no answer in time')));
    request.on('error', reject);
    request.end(post.body);
  });
}

/**
 * Sends every post once to 127.0.0.1:`port`, `connections` at a time over keep-alive sockets
 * (each connection sends its next post as soon as the previous one is answered), and times each.
 * Unlike autocannon this sends a different body every time and gives exact percentiles.
 */
export async function postAll(options: {
  port: number;
  path: string;
  posts: Post[];
  connections: number;
}): Promise<Posted> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: options.connections });
  const times: number[] = [];
  const statuses: Record<number, number> = {};
  const failures: Posted['failures'] = [];
  let next = 0;
  const started = performance.now();
  const worker = async () => {
    while (next < options.posts.length) {
      const post = options.posts[next] as Post;
      next += 1;
      const start = performance.now();
      const { status, body } = await send(agent, options.port, options.path, post).catch((error: Error) => ({
        status: 0,
        body: error.message,
      }));
      times.push(performance.now() - start);
      statuses[status] = (statuses[status] ?? 0) + 1;
      if (status !== 201 && failures.length < 5) failures.push({ status, body: body.slice(0, 500) });
    }
  };
  await Promise.all(Array.from({ length: options.connections }, worker));
  const seconds = (performance.now() - started) / 1000;
  agent.destroy();
  times.sort((a, b) => a - b);
  return {
    count: times.length,
    seconds: round(seconds),
    perSecond: Math.round(times.length / seconds),
    p50: round(percentile(times, 50)),
    p95: round(percentile(times, 95)),
    p99: round(percentile(times, 99)),
    statuses,
    failures,
  };
}
