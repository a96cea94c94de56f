// The newsletter benchmark's sender, in its own process so that its peak RSS is its own (the sink and
// the seeding run elsewhere). Started by bench/newsletter-bench.ts with fork(): argv[2] is the
// environment as JSON (DATABASE_URL of an already seeded database, SMTP_URL of the sink, SMTP_POOL),
// argv[3] (optional) a folder for a CPU profile of the delivery only. It publishes one article, times
// planArticle (the send and its delivery rows), then calls deliverSend, as the worker's deliver job
// does, until the send is done, and sends a WorkerResult over IPC before it exits.
import { readFileSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import path from 'node:path';
import pino from 'pino';
import { loadConfig } from '../src/config.ts';
import { createMasthead } from '../src/masthead.ts';

export type WorkerResult = {
  planned: number;
  planSeconds: number;
  sendSeconds: number;
  /** Delivery rows by state at the end. */
  states: Record<string, number>;
  /** deliverSend calls it took (each handles up to 5,000 messages). */
  passes: number;
  /** Sender CPU time during the delivery (user + system, all threads). */
  sendCpuMs: number;
  /** VmHWM: the process's peak resident set, from its start to the end of the send. */
  peakRssMb: number;
  /** The largest RSS sampled every 100 ms during the delivery, and the RSS before it. */
  sampledPeakRssMb: number;
  rssBeforeSendMb: number;
  peakHeapUsedMb: number;
  profile?: string;
};

const MB = 1024 * 1024;
const round = (n: number, places = 1) => Math.round(n * 10 ** places) / 10 ** places;

function highWaterMarkMb(): number {
  try {
    const kb = /VmHWM:\s+(\d+)\s+kB/.exec(readFileSync('/proc/self/status', 'utf8'))?.[1];
    if (kb) return Number(kb) / 1024;
  } catch {
    // Not Linux: the sampled peak is all there is.
  }
  return Number.NaN;
}

const env = JSON.parse(process.argv[2] ?? '{}') as Record<string, string>;
const profileDir = process.argv[3];
let sampledPeak = 0;
let peakHeap = 0;
const sample = () => {
  const usage = process.memoryUsage();
  sampledPeak = Math.max(sampledPeak, usage.rss);
  peakHeap = Math.max(peakHeap, usage.heapUsed);
};

const masthead = await createMasthead({ config: loadConfig({ env }), logger: pino({ level: 'silent' }) });
const { db } = masthead.database;
const [article] = await masthead.services.articles.create('article', [
  {
    title: `Harbour reopens after the storm (${process.pid})`,
    standfirst: 'Ferries run again from Monday; the council says the new wall will hold for fifty years.',
    body_html: '<p>The harbour wall, breached in January, has been rebuilt.</p>',
    featured_image_url: 'https://images.example/harbour-wall.jpg',
    featured_image_alt: 'The rebuilt harbour wall at low tide',
    status: 'published',
    published_at: new Date(),
  },
]);
if (!article) throw new Error('no article created');

const planStarted = performance.now();
const planned = await masthead.subscribe.planner.planArticle(article.id);
const planSeconds = (performance.now() - planStarted) / 1000;
const send = await db
  .selectFrom('newsletter_sends')
  .select('id')
  .where('dedupe_key', '=', `article:${article.id}`)
  .executeTakeFirstOrThrow();

const session = new Session();
if (profileDir) {
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.setSamplingInterval', { interval: 200 });
  await session.post('Profiler.start');
}
sample();
const rssBeforeSend = process.memoryUsage().rss;
sampledPeak = 0;
const sampler = setInterval(sample, 100);
const cpuBefore = process.cpuUsage();
const sendStarted = performance.now();
let passes = 0;
for (;;) {
  passes += 1;
  await masthead.subscribe.deliverSend(send.id);
  const row = await db
    .selectFrom('newsletter_sends')
    .select('state')
    .where('id', '=', send.id)
    .executeTakeFirstOrThrow();
  if (row.state === 'done') break;
  if (passes > 1000) throw new Error(`send ${send.id} not done after ${passes} passes`);
}
const sendSeconds = (performance.now() - sendStarted) / 1000;
const cpu = process.cpuUsage(cpuBefore);
clearInterval(sampler);
sample();

let profile: string | undefined;
if (profileDir) {
  const stopped = await session.post('Profiler.stop');
  profile = path.join(
    profileDir,
    `newsletter-sender-${env.SMTP_POOL ?? 'default'}-${process.pid}.cpuprofile`,
  );
  writeFileSync(profile, JSON.stringify(stopped.profile));
  session.disconnect();
}

const states = await db
  .selectFrom('newsletter_deliveries')
  .select(['state', (eb) => eb.fn.countAll<number>().as('n')])
  .where('send_id', '=', send.id)
  .groupBy('state')
  .execute();
const result: WorkerResult = {
  planned,
  planSeconds: round(planSeconds, 2),
  sendSeconds: round(sendSeconds, 2),
  states: Object.fromEntries(states.map((s) => [s.state, Number(s.n)])),
  passes,
  sendCpuMs: Math.round((cpu.user + cpu.system) / 1000),
  peakRssMb: round(highWaterMarkMb()),
  sampledPeakRssMb: round(sampledPeak / MB),
  rssBeforeSendMb: round(rssBeforeSend / MB),
  peakHeapUsedMb: round(peakHeap / MB),
  ...(profile ? { profile } : {}),
};
await masthead.close();
process.send?.(result, () => process.exit(0));
