// A benchmark server in its own process, so the load generator does not share its event loop.
// Started by bench/run.ts with fork(); sends { ports } when listening.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import pino from 'pino';
import { loadConfig } from '../src/config.ts';
import { createMasthead } from '../src/masthead.ts';

const [mode, databaseUrl, mediaDir, bytesFile] = process.argv.slice(2);

async function listenApp(pageCache: 'on' | 'off'): Promise<number> {
  const config = loadConfig({
    env: {
      DATABASE_URL: databaseUrl as string,
      MEDIA_DIR: mediaDir as string,
      LOG_LEVEL: 'silent',
      API_RATE_LIMIT: '0',
      PAGE_CACHE: pageCache,
      SITE_URL: 'http://127.0.0.1:3000',
    },
  });
  const masthead = await createMasthead({ config, logger: pino({ level: 'silent' }) });
  await masthead.app.listen({ host: '127.0.0.1', port: 0 });
  return (masthead.app.server.address() as AddressInfo).port;
}

if (mode === 'bare') {
  const { readFileSync } = await import('node:fs');
  const bytes = readFileSync(bytesFile as string);
  const server = http.createServer((_request, response) => {
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-length': bytes.length });
    response.end(bytes);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  process.send?.({ ports: { bare: (server.address() as AddressInfo).port } });
} else {
  const ports = { cached: await listenApp('on'), uncached: await listenApp('off') };
  process.send?.({ ports });
}
