import * as mimeFuncs from 'nodemailer/lib/mime-funcs';
import * as qp from 'nodemailer/lib/qp';

export type RawMessageInput = {
  from: string;
  to: string;
  subject: string;
  text: string;
  html: string;
  headers: Record<string, string>;
  messageId: string;
  date: Date;
  /** The same for every message of a send: the parts' boundary. */
  boundary: string;
};

/** A header line, folded (RFC 5322 §2.2.3) and with non-ASCII words encoded (RFC 2047). */
const header = (name: string, value: string): string =>
  mimeFuncs.foldLines(`${name}: ${mimeFuncs.encodeWords(value.replace(/[\r\n]+\s*/g, ' '), 'Q', 52)}`, 76);

/** A From like `News <news@example.com>` with its display name encoded when it is not ASCII. */
function fromHeader(from: string): string {
  const match = /^\s*(.*?)\s*<([^>]+)>\s*$/.exec(from);
  if (!match?.[1]) return `From: ${from.trim()}`;
  const name = /^[\x20-\x7e]*$/.test(match[1])
    ? mimeFuncs.quoteString(match[1])
    : mimeFuncs.encodeWord(match[1], 'Q');
  return mimeFuncs.foldLines(`From: ${name} <${match[2]}>`, 76);
}

const part = (type: string, body: string): string =>
  `Content-Type: ${type}; charset=utf-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n${qp.wrap(qp.encode(body), 76)}`;

/**
 * One newsletter message as the bytes SMTP sends: multipart/alternative with quoted-printable text
 * and HTML parts (RFC 2045, RFC 2046). Built by hand rather than by nodemailer's composer, which
 * costs more than the whole SMTP exchange for each of 100,000 messages; nodemailer's own encoders
 * do the encoding.
 *
 * @example
 * const raw = buildRawMessage({ from, to, subject, text, html, headers, messageId, date: new Date(), boundary });
 * await transport.sendRaw({ id, to, raw });
 */
export function buildRawMessage(input: RawMessageInput): string {
  const lines = [
    fromHeader(input.from),
    `To: ${input.to}`,
    header('Subject', input.subject),
    `Date: ${input.date.toUTCString().replace(/GMT$/, '+0000')}`,
    `Message-ID: <${input.messageId}>`,
    'MIME-Version: 1.0',
    ...Object.entries(input.headers).map(([name, value]) => header(name, value)),
    `Content-Type: multipart/alternative; boundary="${input.boundary}"`,
  ];
  return [
    lines.join('\r\n'),
    '',
    `--${input.boundary}`,
    part('text/plain', input.text),
    `--${input.boundary}`,
    part('text/html', input.html),
    `--${input.boundary}--`,
    '',
  ].join('\r\n');
}
