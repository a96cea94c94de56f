import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type ReceivedMail, startSmtpServer } from '../../../test/helpers/smtp-server.ts';
import { createTestDatabase } from '../../../test/helpers/test-database.ts';
import { type Database, openDatabase } from '../../db/connection.ts';
import { migrateToLatest } from '../../db/migrate.ts';
import { withTransaction } from '../../db/transaction.ts';
import { createFixedClock } from '../clock.ts';
import { createMailer, type MailTransport } from './mailer.ts';
import { createOutbox, type OutboxMessage, type OutboxOptions } from './outbox.ts';

const start = new Date('2026-03-02T09:00:00.000Z');
const MINUTE = 60_000;
type Context = { after: (fn: () => Promise<void> | void) => void };

/** A migrated database (SQLite, or PostgreSQL when MASTHEAD_TEST_DATABASE_URL says so) and a real SMTP server. */
async function setUp(context: Context, outboxOptions: Partial<OutboxOptions> = {}) {
  const testDb = await createTestDatabase();
  const database = openDatabase(testDb.url);
  await migrateToLatest(database);
  const smtp = await startSmtpServer();
  const mailer = createMailer({ smtpUrl: smtp.url, from: 'The Daily <news@daily.example>' });
  context.after(async () => {
    mailer.close();
    await smtp.close();
    await database.close();
    await testDb.drop();
  });
  const clock = createFixedClock(start);
  const outbox = createOutbox({ database, clock, ...outboxOptions });
  return { database, smtp, mailer, clock, outbox, transport: mailer.transport as MailTransport };
}

const message = (to: string, overrides: Partial<OutboxMessage> = {}): OutboxMessage => ({
  kind: 'reply-notification',
  to,
  subject: 'A reply to your comment',
  text: 'Someone replied.\n',
  ...overrides,
});

async function enqueue(database: Database, outbox: ReturnType<typeof createOutbox>, mail: OutboxMessage) {
  return withTransaction(database.db, (trx) => outbox.enqueue(trx, mail));
}

const rowOf = (database: Database, id: string) =>
  database.db.selectFrom('outbox').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

const to = (address: string) => (mail: ReceivedMail) => mail.envelope.to.includes(address);

describe('mail outbox', () => {
  it('should deliver a due mail with its subject, text and headers when a worker runs', async (context) => {
    const { database, smtp, outbox, transport } = await setUp(context);
    const id = await enqueue(
      database,
      outbox,
      message(' Reader@Example.COM ', {
        subject: 'Line one\r\nBcc: victim@example.com',
        html: '<p>Someone replied.</p>',
        headers: { 'List-Unsubscribe': '<https://news.example/u?token=abc>' },
      }),
    );

    const report = await outbox.deliverDue({ transport });

    assert.deepEqual(report, { sent: 1, retried: 0, failed: 0 });
    const mail = await smtp.waitForMail(to('reader@example.com'));
    assert.equal(mail.parsed.subject, 'Line one Bcc: victim@example.com');
    assert.equal(mail.parsed.text, 'Someone replied.\n');
    assert.equal(mail.parsed.html, '<p>Someone replied.</p>');
    assert.deepEqual(mail.parsed.from?.value, [{ name: 'The Daily', address: 'news@daily.example' }]);
    assert.equal(mail.parsed.messageId, `<${id}@daily.example>`);
    assert.equal(mail.parsed.headers.get('bcc'), undefined);
    assert.match(
      String(mail.parsed.headerLines.find((h) => h.key === 'list-unsubscribe')?.line),
      /token=abc/,
    );
    const row = await rowOf(database, id);
    assert.equal(row.state, 'sent');
    assert.equal(row.recipient, 'reader@example.com');
    assert.equal(new Date(row.sent_at as string).getTime(), start.getTime());
  });

  it('should retry with doubling delays and then deliver when the server refuses at first', async (context) => {
    const { database, smtp, clock, outbox, transport } = await setUp(context);
    const id = await enqueue(database, outbox, message('retry@example.com'));
    smtp.rejectNext(2);

    const first = await outbox.deliverDue({ transport });
    const afterFirst = await rowOf(database, id);
    const tooEarly = await outbox.deliverDue({ transport });
    clock.advance(MINUTE);
    const second = await outbox.deliverDue({ transport });
    clock.advance(2 * MINUTE - 1);
    const stillEarly = await outbox.deliverDue({ transport });
    clock.advance(1);
    const third = await outbox.deliverDue({ transport });

    assert.deepEqual(
      [first, tooEarly, second, stillEarly, third].map((r) => [r.sent, r.retried]),
      [
        [0, 1],
        [0, 0],
        [0, 1],
        [0, 0],
        [1, 0],
      ],
    );
    assert.equal(afterFirst.state, 'pending');
    assert.match(String(afterFirst.last_error), /451/);
    assert.equal(new Date(afterFirst.next_attempt_at as string).getTime(), start.getTime() + MINUTE);
    const row = await rowOf(database, id);
    assert.equal(row.state, 'sent');
    assert.equal(row.attempts, 3);
    assert.equal(smtp.messages.filter(to('retry@example.com')).length, 1);
  });

  it('should mark a mail failed when the server keeps refusing it through the last attempt', async (context) => {
    const { database, smtp, clock, outbox, transport } = await setUp(context, { maxAttempts: 3 });
    const id = await enqueue(database, outbox, message('never@example.com'));
    smtp.rejectNext(100);

    for (let pass = 0; pass < 5; pass += 1) {
      await outbox.deliverDue({ transport });
      clock.advance(60 * MINUTE);
    }

    const row = await rowOf(database, id);
    assert.equal(row.state, 'failed');
    assert.equal(row.attempts, 3);
    assert.equal(smtp.messages.length, 0);
  });

  it('should fail a mail at once when the server refuses its recipient for good', async (context) => {
    const { database, smtp, outbox, transport } = await setUp(context);
    smtp.refuseRecipient('gone@example.com');
    const gone = await enqueue(database, outbox, message('gone@example.com'));
    const fine = await enqueue(database, outbox, message('fine@example.com'));

    const report = await outbox.deliverDue({ transport });

    assert.deepEqual(report, { sent: 1, retried: 0, failed: 1 });
    assert.equal((await rowOf(database, gone)).state, 'failed');
    assert.equal((await rowOf(database, fine)).state, 'sent');
  });

  it('should deliver exactly once a mail whose worker crashed mid-send when its claim has run out', async (context) => {
    const { database, smtp, clock, outbox, transport } = await setUp(context, { claimMs: 10 * MINUTE });
    const id = await enqueue(database, outbox, message('crash@example.com'));
    // The first worker claims the mail and never comes back: the process died during the send.
    const crashing: MailTransport = { send: () => new Promise<void>(() => {}) };
    void outbox.deliverDue({ transport: crashing });
    for (let waited = 0; (await rowOf(database, id)).state !== 'sending' && waited < 100; waited += 1)
      await new Promise((resolve) => setTimeout(resolve, 10));

    const whileClaimed = await outbox.deliverDue({ transport });
    clock.advance(10 * MINUTE + 1);
    const afterExpiry = await outbox.deliverDue({ transport });
    const again = await outbox.deliverDue({ transport });

    assert.equal(whileClaimed.sent, 0);
    assert.equal(afterExpiry.sent, 1);
    assert.equal(again.sent, 0);
    assert.equal(smtp.messages.filter(to('crash@example.com')).length, 1);
    assert.equal((await rowOf(database, id)).state, 'sent');
  });

  it('should give each mail to one worker when several deliver at the same time', async (context) => {
    const { database, smtp, clock, transport } = await setUp(context);
    const workers = [1, 2, 3].map(() => createOutbox({ database, clock }));
    const [first] = workers;
    assert.ok(first);
    for (let n = 0; n < 12; n += 1) await enqueue(database, first, message(`many${n}@example.com`));

    const reports = await Promise.all(workers.map((outbox) => outbox.deliverDue({ transport })));

    assert.equal(
      reports.reduce((sum, r) => sum + r.sent, 0),
      12,
    );
    const recipients = smtp.messages.flatMap((m) => m.envelope.to);
    assert.equal(recipients.length, 12);
    assert.equal(new Set(recipients).size, 12);
  });

  it('should leave mail pending when there is no SMTP transport', async (context) => {
    const { database, outbox } = await setUp(context);
    const id = await enqueue(database, outbox, message('waiting@example.com'));

    const report = await outbox.deliverDue({
      transport: createMailer({ smtpUrl: undefined, from: 'x@y.z' }).transport,
    });

    assert.deepEqual(report, { sent: 0, retried: 0, failed: 0 });
    assert.equal((await rowOf(database, id)).state, 'pending');
    assert.deepEqual(
      (await outbox.list({ state: 'pending' })).map((entry) => entry.recipient),
      ['waiting@example.com'],
    );
  });

  it('should leave no mail when the transaction that enqueued it rolls back', async (context) => {
    const { database, outbox } = await setUp(context);

    const failing = withTransaction(database.db, async (trx) => {
      await outbox.enqueue(trx, message('rolled@example.com'));
      throw new Error('roll back');
    });

    await assert.rejects(failing, /roll back/);
    assert.deepEqual(await outbox.list(), []);
  });

  it('should refuse to enqueue when not given a transaction', async (context) => {
    const { database, outbox } = await setUp(context);

    await assert.rejects(outbox.enqueue(database.db, message('alone@example.com')), /transaction/);
    await assert.rejects(
      enqueue(database, outbox, message('a@example.com, b@example.com')),
      /one plain email address/,
    );
  });

  it('should count mails by recipient and kind when asked since a time', async (context) => {
    const { database, clock, outbox } = await setUp(context);
    await enqueue(database, outbox, message('cap@example.com'));
    clock.advance(MINUTE);
    await enqueue(database, outbox, message('cap@example.com'));
    await enqueue(database, outbox, message('cap@example.com', { kind: 'reply-optin' }));
    await enqueue(database, outbox, message('other@example.com'));

    const count = (since: Date) =>
      outbox.countSince(database.db, { recipient: 'CAP@example.com', kind: 'reply-notification', since });

    assert.equal(await count(new Date(start.getTime() - 1)), 2);
    assert.equal(await count(start), 1);
    assert.deepEqual(
      (await outbox.list({ limit: 2 })).map((entry) => entry.recipient),
      ['other@example.com', 'cap@example.com'],
    );
  });
});
