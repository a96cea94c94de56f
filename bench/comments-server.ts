// The comment benchmark's server, in its own process so the load generator does not share its
// event loop. Started by bench/comments-bench.ts with fork(): argv[2] is the environment as JSON,
// argv[3] (optional) a folder for a CPU profile of the measured run only (not of the start-up).
// Messages: sends { port } when listening; 'usage' → { usage } (CPU time so far); 'profile-start'
// → { profiling: true }; 'profile-stop' → { profile: file }; 'stop' closes the app and exits.
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import pino from 'pino';
import { loadConfig } from '../src/config.ts';
import { createMasthead } from '../src/masthead.ts';

const env = JSON.parse(process.argv[2] ?? '{}') as Record<string, string>;
const profileDir = process.argv[3];
const masthead = await createMasthead({ config: loadConfig({ env }), logger: pino({ level: 'silent' }) });
await masthead.app.listen({ host: '127.0.0.1', port: 0 });
const session = new Session();

process.on('message', async (message) => {
  if (message === 'usage') process.send?.({ usage: process.cpuUsage() });
  if (message === 'profile-start') {
    session.connect();
    await session.post('Profiler.enable');
    await session.post('Profiler.setSamplingInterval', { interval: 200 });
    await session.post('Profiler.start');
    process.send?.({ profiling: true });
  }
  if (message === 'profile-stop') {
    const { profile } = await session.post('Profiler.stop');
    const file = path.join(profileDir ?? '.', `comments-server-${process.pid}.cpuprofile`);
    writeFileSync(file, JSON.stringify(profile));
    session.disconnect();
    process.send?.({ profile: file });
  }
  if (message === 'stop') {
    await masthead.close();
    process.exit(0);
  }
});
process.send?.({ port: (masthead.app.server.address() as AddressInfo).port });
