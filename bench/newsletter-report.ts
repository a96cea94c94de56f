import os from 'node:os';
import type { NewsletterBenchOptions } from './newsletter-bench.ts';
import type { SinkCounts } from './newsletter-sink.ts';
import type { WorkerResult } from './newsletter-worker.ts';

export type NewsletterRun = {
  database: 'sqlite' | 'postgres';
  pool: number;
  subscribers: number;
  seedSeconds: number;
  worker: WorkerResult;
  /** What the sink received during this run (its CPU time: during this run). */
  sink: SinkCounts;
  databaseBytes: number;
  /** The machine's 1-minute load average, the higher of the run's start and end (2 cores: above 2 means waiting). */
  loadAverage: number;
};

const round = (n: number, places = 1) => Math.round(n * 10 ** places) / 10 ** places;

/** Messages per second over the sender's delivery wall time (every deliverSend pass, first to last). */
const perSecond = (run: NewsletterRun) => Math.round((run.worker.states.sent ?? 0) / run.worker.sendSeconds);
/** The same seen by the sink: first to last message received. */
const sinkPerSecond = (run: NewsletterRun) =>
  Math.round(run.sink.messages / Math.max(0.001, (run.sink.lastAt - run.sink.firstAt) / 1000));

/**
 * The sender's CPU time per message: unlike msgs/s it stays meaningful when other work shares the
 * machine (1000 / it is the rate one free core would allow the sender).
 */
const cpuPerMessage = (run: NewsletterRun) =>
  round(run.worker.sendCpuMs / Math.max(1, run.worker.states.sent ?? 0), 3);

/**
 * The keys bench/results.json gains: the headline numbers flat (the first pool size, SMTP_POOL's
 * default 4, and the best pool), the details of every run under `newsletter`.
 */
export function newsletterResultKeys(runs: NewsletterRun[], options: NewsletterBenchOptions) {
  const keys: Record<string, unknown> = { newsletter_subscribers: options.subscribers };
  for (const database of ['sqlite', 'postgres'] as const) {
    const mine = runs.filter((run) => run.database === database);
    const [headline] = mine;
    if (!headline) continue;
    const best = mine.reduce((a, b) => (perSecond(b) > perSecond(a) ? b : a));
    Object.assign(keys, {
      [`newsletter_send_${database}_msgs_per_s`]: perSecond(headline),
      [`newsletter_send_${database}_peak_rss_mb`]: headline.worker.peakRssMb,
      [`newsletter_send_${database}_smtp_pool`]: headline.pool,
      [`newsletter_plan_${database}_s`]: headline.worker.planSeconds,
      [`newsletter_send_${database}_sender_cpu_ms_per_msg`]: cpuPerMessage(headline),
      [`newsletter_send_${database}_best_msgs_per_s`]: perSecond(best),
      [`newsletter_send_${database}_best_smtp_pool`]: best.pool,
      [`newsletter_send_${database}_best_peak_rss_mb`]: best.worker.peakRssMb,
    });
  }
  keys.newsletter = {
    data: {
      subscribers: options.subscribers,
      smtp_pools: options.pools,
      ...(options.workerFlags?.length ? { worker_flags: options.workerFlags.join(' ') } : {}),
      message_bytes: runs[0] ? Math.round(runs[0].sink.bytes / Math.max(1, runs[0].sink.messages)) : null,
      cpus: os.cpus().length,
    },
    runs: runs.map((run) => ({
      database: run.database,
      smtp_pool: run.pool,
      msgs_per_s: perSecond(run),
      sink_msgs_per_s: sinkPerSecond(run),
      plan_s: run.worker.planSeconds,
      send_s: run.worker.sendSeconds,
      deliver_passes: run.worker.passes,
      sender_cpu_ms_per_msg: cpuPerMessage(run),
      sink_cpu_ms_per_msg: round(run.sink.cpuMs / Math.max(1, run.sink.messages), 3),
      peak_rss_mb: run.worker.peakRssMb,
      sampled_send_peak_rss_mb: run.worker.sampledPeakRssMb,
      rss_before_send_mb: run.worker.rssBeforeSendMb,
      peak_heap_used_mb: run.worker.peakHeapUsedMb,
      seed_s: run.seedSeconds,
      database_mb: round(run.databaseBytes / 1024 / 1024),
      smtp_connections: run.sink.connections,
      states: run.worker.states,
      load_average: run.loadAverage,
    })),
  };
  return keys;
}

export function printNewsletterRuns(runs: NewsletterRun[]): void {
  console.table(
    Object.fromEntries(
      runs.map((run) => [
        `${run.database}, SMTP_POOL=${run.pool}`,
        {
          'msgs/s': perSecond(run),
          'sink msgs/s': sinkPerSecond(run),
          'send s': run.worker.sendSeconds,
          'plan s': run.worker.planSeconds,
          'peak RSS MB': run.worker.peakRssMb,
          'sender cpu ms/msg': cpuPerMessage(run),
          'sink cpu ms/msg': round(run.sink.cpuMs / Math.max(1, run.sink.messages), 3),
          messages: run.sink.messages,
          'distinct rcpt': run.sink.distinctRecipients,
          'DB MB': round(run.databaseBytes / 1024 / 1024),
          load: run.loadAverage,
        },
      ]),
    ),
  );
  const cpus = os.cpus().length;
  const busiest = Math.max(0, ...runs.map((run) => run.loadAverage));
  if (busiest > cpus)
    console.log(
      `newsletter bench: load average reached ${busiest} on ${cpus} cores: other work shared the machine, ` +
        'so msgs/s is low; sender cpu ms/msg is the steadier figure.',
    );
}
