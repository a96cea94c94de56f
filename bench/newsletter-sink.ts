// The newsletter benchmark's SMTP sink, in its own process so that its CPU and memory are not the
// sender's. Started by bench/newsletter-bench.ts with fork(). It accepts every message, counts
// messages, bytes and recipients (bodies are read and thrown away, never parsed) and answers over IPC:
// sends { port } when listening; 'counts' → SinkCounts; 'reset' → { reset: true }; 'stop' closes and exits.
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

export type SinkCounts = {
  messages: number;
  bytes: number;
  distinctRecipients: number;
  /** Recipients that got a second message since the last reset. */
  duplicates: number;
  connections: number;
  /** Date.now() when the first and the last message since the last reset ended. */
  firstAt: number;
  lastAt: number;
  cpuMs: number;
};

let messages = 0;
let bytes = 0;
let duplicates = 0;
let connections = 0;
let firstAt = 0;
let lastAt = 0;
let recipients = new Set<string>();

const server = new SMTPServer({
  authOptional: true,
  disabledCommands: ['STARTTLS'],
  logger: false,
  // One DNS lookup per connection is not what a provider's relay costs the sender.
  disableReverseLookup: true,
  onConnect(_session, callback) {
    connections += 1;
    callback();
  },
  onData(stream, session, callback) {
    stream.on('data', (chunk: Buffer) => {
      bytes += chunk.length;
    });
    stream.on('end', () => {
      messages += 1;
      for (const rcpt of session.envelope.rcptTo) {
        const address = rcpt.address.toLowerCase();
        if (recipients.has(address)) duplicates += 1;
        else recipients.add(address);
      }
      lastAt = Date.now();
      if (firstAt === 0) firstAt = lastAt;
      callback();
    });
  },
});

const counts = (): SinkCounts => {
  const usage = process.cpuUsage();
  return {
    messages,
    bytes,
    distinctRecipients: recipients.size,
    duplicates,
    connections,
    firstAt,
    lastAt,
    cpuMs: Math.round((usage.user + usage.system) / 1000),
  };
};

process.on('message', (message) => {
  if (message === 'counts') process.send?.(counts());
  if (message === 'reset') {
    messages = 0;
    bytes = 0;
    duplicates = 0;
    connections = 0;
    firstAt = 0;
    lastAt = 0;
    recipients = new Set();
    process.send?.({ reset: true });
  }
  if (message === 'stop') server.close(() => process.exit(0));
});

server.listen(0, '127.0.0.1', () => {
  process.send?.({ port: (server.server.address() as AddressInfo).port });
});
