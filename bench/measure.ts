import autocannon from 'autocannon';

export type Measured = { rps: number; p50: number; p97_5: number; non2xx: number };

const assertLoopback = (url: string) => {
  if (!/^http:\/\/127\.0\.0\.1:\d+\//.test(url))
    throw new Error(`benchmarks only target 127.0.0.1, not ${url}`);
};

/**
 * Drives one URL on 127.0.0.1 with autocannon for a fixed time and returns requests per second and
 * latency percentiles. Bounded in time; loopback only.
 */
export async function measure(
  url: string,
  options: { seconds: number; connections: number },
): Promise<Measured> {
  assertLoopback(url);
  const result = await autocannon({ url, duration: options.seconds, connections: options.connections });
  return {
    rps: Math.round(result.requests.average),
    p50: result.latency.p50,
    p97_5: result.latency.p97_5,
    non2xx: result.non2xx,
  };
}

const percentile = (sorted: number[], p: number): number =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;

/** Times each URL once, one after another, and returns p50/p95 in milliseconds. */
export async function latencies(
  urls: string[],
): Promise<{ p50: number; p95: number; statuses: Record<number, number> }> {
  const times: number[] = [];
  const statuses: Record<number, number> = {};
  for (const url of urls) {
    assertLoopback(url);
    const start = performance.now();
    const response = await fetch(url);
    await response.arrayBuffer();
    times.push(performance.now() - start);
    statuses[response.status] = (statuses[response.status] ?? 0) + 1;
  }
  times.sort((a, b) => a - b);
  const round = (n: number) => Math.round(n * 100) / 100;
  return { p50: round(percentile(times, 50)), p95: round(percentile(times, 95)), statuses };
}
