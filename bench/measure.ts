import autocannon from 'autocannon';

export type Measured = { rps: number; p50: number; p95: number; non2xx: number };

/**
 * Drives one URL on 127.0.0.1 with autocannon for a fixed time and returns requests per second and
 * latency percentiles. Bounded in time; targets loopback only.
 */
export async function measure(
  url: string,
  options: { seconds: number; connections: number },
): Promise<Measured> {
  if (!/^http:\/\/127\.0\.0\.1:\d+\//.test(url))
    throw new Error(`benchmarks only target 127.0.0.1, not ${url}`);
  const result = await autocannon({ url, duration: options.seconds, connections: options.connections });
  return {
    rps: Math.round(result.requests.average),
    p50: result.latency.p50,
    p95: (result.latency as unknown as Record<string, number>).p97_5 ?? result.latency.p99,
    non2xx: result.non2xx,
  };
}
