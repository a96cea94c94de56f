import nodemailer from 'nodemailer';

/** A mail on its way out: what the outbox row holds, addressed. */
export type OutgoingMail = {
  /** The outbox row id; it becomes the Message-ID so a resend after a crash can be recognised. */
  id: string;
  to: string;
  subject: string;
  text: string;
  html: string | null;
  headers: Record<string, string>;
};

/** A message already encoded (raw-message.ts), with the envelope it goes in. */
export type RawMail = { to: string; raw: string };

export type MailTransport = {
  send: (mail: OutgoingMail) => Promise<void>;
  /** Sends a message built by hand, for bulk mail where composing costs more than sending. */
  sendRaw?: (mail: RawMail) => Promise<void>;
};

/**
 * Why a send failed, in the terms the outbox decides on. `isPermanent`: the server refused this
 * recipient for good (a 5xx reply to RCPT TO, RFC 5321 §4.2.1), so retrying cannot help.
 * `isServerDown`: nothing reached the server (connection, TLS, authentication), so every other mail
 * would fail the same way and the pass should stop.
 */
export class MailSendError extends Error {
  readonly isPermanent: boolean;
  readonly isServerDown: boolean;
  constructor(message: string, options: { isPermanent: boolean; isServerDown: boolean; cause: unknown }) {
    super(message, { cause: options.cause });
    this.name = 'MailSendError';
    this.isPermanent = options.isPermanent;
    this.isServerDown = options.isServerDown;
  }
}

/** Error codes nodemailer gives when the SMTP server was not reached or would not let us in. */
const serverDownCodes = new Set(['ECONNECTION', 'ETIMEDOUT', 'ESOCKET', 'EDNS', 'EAUTH', 'ETLS', 'EPROXY']);

function classify(error: unknown): MailSendError {
  const { code, responseCode, message } = error as { code?: string; responseCode?: number; message?: string };
  const isPermanent = code === 'EENVELOPE' && typeof responseCode === 'number' && responseCode >= 500;
  return new MailSendError(message ?? String(error), {
    isPermanent,
    isServerDown: code !== undefined && serverDownCodes.has(code),
    cause: error,
  });
}

export type Mailer = {
  /** null when SMTP_URL is unset: mail then waits in the outbox, visible in the admin. */
  transport: MailTransport | null;
  from: string;
  /** The domain of Message-IDs: the From address's. */
  messageDomain: string;
  close: () => void;
};

export type MailerOptions = { smtpUrl: string | undefined; from: string; poolSize?: number };

/**
 * The SMTP side of mail, through nodemailer, so any provider that speaks SMTP works.
 * Timeouts are bounded so that a send always ends well within the outbox's claim on the row.
 *
 * @example
 * const mailer = createMailer({ smtpUrl: 'smtp://user:pass@smtp.example:587', from: 'News <news@example.com>' });
 * await outbox.deliverDue({ transport: mailer.transport });
 */
export function createMailer(options: MailerOptions): Mailer {
  const domain = /@([^>\s]+)>?\s*$/.exec(options.from)?.[1] ?? 'masthead.invalid';
  if (!options.smtpUrl)
    return { transport: null, from: options.from, messageDomain: domain, close: () => {} };
  const transporter = nodemailer.createTransport({
    url: options.smtpUrl,
    pool: true,
    maxConnections: options.poolSize ?? 2,
    // A pooled connection is reused for this many messages before it is replaced.
    maxMessages: 1000,
    connectionTimeout: 30_000,
    greetingTimeout: 30_000,
    socketTimeout: 60_000,
  });
  const envelopeFrom = /<([^>]+)>\s*$/.exec(options.from)?.[1] ?? options.from.trim();
  return {
    from: options.from,
    messageDomain: domain,
    transport: {
      async send(mail) {
        try {
          await transporter.sendMail({
            from: options.from,
            to: mail.to,
            subject: mail.subject,
            text: mail.text,
            ...(mail.html === null ? {} : { html: mail.html }),
            headers: mail.headers,
            messageId: `<${mail.id}@${domain}>`,
          });
        } catch (error) {
          throw classify(error);
        }
      },
      async sendRaw(mail) {
        try {
          await transporter.sendMail({ envelope: { from: envelopeFrom, to: [mail.to] }, raw: mail.raw });
        } catch (error) {
          throw classify(error);
        }
      },
    },
    close: () => transporter.close(),
  };
}
