import type { AddressInfo } from 'node:net';
import { setTimeout as delay } from 'node:timers/promises';
import { type ParsedMail, simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export type ReceivedMail = {
  /** The SMTP envelope: who the server was told the mail is from and for. */
  envelope: { from: string; to: string[] };
  parsed: ParsedMail;
};

export type TestSmtpServer = {
  /** `smtp://127.0.0.1:PORT`, ready for SMTP_URL. */
  url: string;
  messages: ReceivedMail[];
  /** Resolves with the first mail (already received or still to come) that `predicate` accepts. */
  waitForMail: (predicate?: (mail: ReceivedMail) => boolean, timeoutMs?: number) => Promise<ReceivedMail>;
  /** Refuses the next `count` messages after their data is sent, with a temporary 451 by default. */
  rejectNext: (count: number, responseCode?: number) => void;
  /** Refuses this recipient for good at RCPT TO (550 No such user), as a real server does. */
  refuseRecipient: (address: string) => void;
  close: () => Promise<void>;
};

/**
 * A real SMTP server on 127.0.0.1 (a free port) that keeps every message it accepts, parsed with
 * mailparser, so tests see mail as a mail client would: headers, text and HTML.
 *
 * @example
 * const smtp = await startSmtpServer();
 * after(() => smtp.close());
 * const mail = await smtp.waitForMail((m) => m.envelope.to.includes('reader@example.com'));
 */
export async function startSmtpServer(): Promise<TestSmtpServer> {
  const messages: ReceivedMail[] = [];
  let toReject = 0;
  let rejectCode = 451;
  const refused = new Set<string>();

  const server = new SMTPServer({
    authOptional: true,
    // No STARTTLS offered, so nodemailer does not try to upgrade to TLS with a certificate it cannot trust.
    disabledCommands: ['STARTTLS'],
    logger: false,
    onRcptTo(address, _session, callback) {
      if (!refused.has(address.address.toLowerCase())) return callback();
      callback(Object.assign(new Error('No such user here (test server)'), { responseCode: 550 }));
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        if (toReject > 0) {
          toReject -= 1;
          const error = Object.assign(new Error('Try again later (test server)'), {
            responseCode: rejectCode,
          });
          callback(error);
          return;
        }
        simpleParser(Buffer.concat(chunks))
          .then((parsed) => {
            const from = session.envelope.mailFrom;
            messages.push({
              envelope: {
                from: from ? from.address : '',
                to: session.envelope.rcptTo.map((rcpt) => rcpt.address),
              },
              parsed,
            });
            callback();
          })
          .catch((error: Error) => callback(error));
      });
    },
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.server.address() as AddressInfo;

  return {
    url: `smtp://127.0.0.1:${port}`,
    messages,
    async waitForMail(predicate = () => true, timeoutMs = 5000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const found = messages.find(predicate);
        if (found) return found;
        if (Date.now() > deadline)
          throw new Error(`no matching mail within ${timeoutMs} ms (${messages.length} received)`);
        await delay(20);
      }
    },
    rejectNext(count, responseCode = 451) {
      toReject = count;
      rejectCode = responseCode;
    },
    refuseRecipient(address) {
      refused.add(address.toLowerCase());
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
