import assert from 'node:assert/strict';
import type { TestContext } from 'node:test';
import { describe, it } from 'node:test';
import { startSmtpServer } from '../helpers/smtp-server.ts';
import { createTestApp } from '../helpers/test-app.ts';
import {
  asBrowser,
  type Browser,
  codeOf,
  openStaffSite,
  type StaffSite,
  signInNew,
} from '../staff/staff-helpers.ts';

type OutboxJson = {
  id: string;
  kind: string;
  to: string;
  subject: string;
  status: string;
  attempts: number;
  created_at: string;
  sent_at: string | null;
  last_error: string | null;
};

const OUTBOX_KEYS = [
  'attempts',
  'created_at',
  'id',
  'kind',
  'last_error',
  'sent_at',
  'status',
  'subject',
  'to',
];

/**
 * A site whose SMTP_URL is not set, with a real SMTP server beside it that it does not know: the
 * server receiving nothing shows that the mail stayed in the outbox.
 */
async function openSiteWithoutSmtp(ctx: Pick<TestContext, 'after'>): Promise<StaffSite> {
  const smtp = await startSmtpServer();
  const t = await createTestApp({ env: { API_RATE_LIMIT: '0' } });
  ctx.after(async () => {
    await t.close();
    await smtp.close();
  });
  return { t, smtp };
}

const signInAdmin = (site: StaffSite) => signInNew(site, 'ada@example.com', 'administrator');

const call = (
  site: StaffSite,
  who: Browser,
  method: 'GET' | 'POST',
  url: string,
  payload?: Record<string, unknown>,
) => asBrowser(site, who, { method, url: `/api/admin${url}`, payload });

describe('Mail in the Admin API', () => {
  it('should deliver a test email through SMTP when SMTP_URL is set, and list it as sent', async (ctx) => {
    const site = await openStaffSite(ctx);
    await site.t.masthead.services.settings.update({ title: 'Harbour Herald' });
    const admin = await signInAdmin(site);

    const status = await call(site, admin, 'GET', '/mail');
    const queued = await call(site, admin, 'POST', '/mail/test', { to: 'Desk@Example.com' });
    const report = await site.t.masthead.deliverMail();
    const mail = await site.smtp.waitForMail((m) => m.envelope.to.includes('desk@example.com'));
    const outbox = await call(site, admin, 'GET', '/mail/outbox?status=sent');

    assert.equal(status.statusCode, 200);
    assert.deepEqual(status.json().mail, {
      smtp_configured: true,
      smtp_host: new URL(site.smtp.url).host,
      from: 'Masthead <no-reply@news.example>',
    });
    assert.equal(queued.statusCode, 202, queued.body);
    assert.equal(queued.json().mail.to, 'desk@example.com');
    assert.equal(report.sent, 1);
    assert.equal(mail.parsed.subject, 'Test email from Harbour Herald');
    assert.match(mail.parsed.text ?? '', /If you can read it, mail leaves the site/);
    const [listed] = outbox.json().messages as OutboxJson[];
    assert.equal(listed?.id, queued.json().mail.id);
    assert.equal(listed?.kind, 'mail-test');
    assert.equal(listed?.status, 'sent');
    assert.equal(listed?.attempts, 1);
    assert.ok(listed?.sent_at);
  });

  it('should never show the SMTP password', async (ctx) => {
    const smtp = await startSmtpServer();
    const url = smtp.url.replace('smtp://', 'smtp://mailer:hunter2-secret@');
    const site = await openStaffSite(ctx, { env: { SMTP_URL: url } });
    ctx.after(() => smtp.close());
    const admin = await signInAdmin(site);

    const status = await call(site, admin, 'GET', '/mail');

    assert.equal(status.json().mail.smtp_host, new URL(smtp.url).host);
    assert.ok(!status.body.includes('hunter2'), status.body);
    assert.ok(!status.body.includes('mailer'), status.body);
  });

  it('should keep the test email in the outbox without SMTP_URL and list it there, without any body', async (ctx) => {
    const site = await openSiteWithoutSmtp(ctx);
    const admin = await signInAdmin(site);
    await site.t.masthead.app.inject({
      method: 'POST',
      url: '/api/admin/password-resets',
      payload: { email: 'ada@example.com' },
    });

    const status = await call(site, admin, 'GET', '/mail');
    const queued = await call(site, admin, 'POST', '/mail/test', { to: 'desk@example.com' });
    const report = await site.t.masthead.deliverMail();
    const outbox = await call(site, admin, 'GET', '/mail/outbox');
    const pending = await call(site, admin, 'GET', '/mail/outbox?status=pending&page=1');
    const sent = await call(site, admin, 'GET', '/mail/outbox?status=sent');

    assert.equal(status.json().mail.smtp_configured, false);
    assert.equal(status.json().mail.smtp_host, null);
    assert.equal(queued.statusCode, 202, queued.body);
    assert.deepEqual(report, { sent: 0, retried: 0, failed: 0 });
    assert.equal(site.smtp.messages.length, 0);
    assert.equal(outbox.statusCode, 200, outbox.body);
    assert.equal(outbox.headers['cache-control'], 'no-store');
    const messages = outbox.json().messages as OutboxJson[];
    assert.deepEqual(
      messages.map((m) => [m.kind, m.to, m.status, m.attempts, m.sent_at]),
      [
        ['mail-test', 'desk@example.com', 'pending', 0, null],
        ['staff-password-reset', 'ada@example.com', 'pending', 0, null],
      ],
    );
    for (const message of messages) assert.deepEqual(Object.keys(message).sort(), OUTBOX_KEYS);
    assert.ok(!outbox.body.includes('#token='), 'the outbox shows a reset link');
    assert.equal((pending.json().messages as OutboxJson[]).length, 2);
    assert.deepEqual(sent.json().messages, []);
  });

  it('should page the outbox newest first, fifty mails a page', async (ctx) => {
    const site = await openSiteWithoutSmtp(ctx);
    const admin = await signInAdmin(site);
    for (let index = 0; index < 53; index += 1) {
      const answer = await call(site, admin, 'POST', '/mail/test', { to: `desk${index}@example.com` });
      assert.equal(answer.statusCode, 202);
    }

    const first = await call(site, admin, 'GET', '/mail/outbox');
    const second = await call(site, admin, 'GET', '/mail/outbox?page=2');
    const beyond = await call(site, admin, 'GET', '/mail/outbox?page=3');

    const firstPage = first.json().messages as OutboxJson[];
    assert.equal(firstPage.length, 50);
    assert.equal(firstPage[0]?.to, 'desk52@example.com');
    assert.deepEqual(first.json().meta.pagination, { page: 1, next: 2, prev: null });
    assert.deepEqual(
      (second.json().messages as OutboxJson[]).map((m) => m.to),
      ['desk2@example.com', 'desk1@example.com', 'desk0@example.com'],
    );
    assert.deepEqual(second.json().meta.pagination, { page: 2, next: null, prev: 1 });
    assert.deepEqual(beyond.json().messages, []);
  });

  it('should refuse everyone but administrators with 403 and queue nothing', async (ctx) => {
    const site = await openSiteWithoutSmtp(ctx);
    const admin = await signInAdmin(site);
    const editor = await signInNew(site, 'eddie@example.com', 'editor');

    const answers = [
      await call(site, editor, 'GET', '/mail'),
      await call(site, editor, 'POST', '/mail/test', { to: 'desk@example.com' }),
      await call(site, editor, 'GET', '/mail/outbox'),
    ];
    const outbox = await call(site, admin, 'GET', '/mail/outbox');

    assert.deepEqual(
      answers.map((answer) => [answer.statusCode, codeOf(answer)]),
      [
        [403, 'FORBIDDEN_ROLE'],
        [403, 'FORBIDDEN_ROLE'],
        [403, 'FORBIDDEN_ROLE'],
      ],
    );
    assert.deepEqual(outbox.json().messages, []);
  });

  it('should answer 422 naming `to` when the address is wrong, and queue nothing', async (ctx) => {
    const site = await openSiteWithoutSmtp(ctx);
    const admin = await signInAdmin(site);
    const cases: [Record<string, unknown>, string][] = [
      [{}, 'to'],
      [{ to: 'not an address' }, 'to'],
      [{ to: 'a@example.com, b@example.com' }, 'to'],
      [{ to: 'a@example.com\r\nBcc: b@example.com' }, 'to'],
      [{ to: 42 }, 'to'],
      [{ to: 'a@example.com', cc: 'b@example.com' }, 'cc'],
    ];

    for (const [payload, field] of cases) {
      const answer = await call(site, admin, 'POST', '/mail/test', payload);
      assert.equal(answer.statusCode, 422, `${JSON.stringify(payload)}: ${answer.body}`);
      assert.equal(answer.json().errors[0].field, field, answer.body);
    }
    const badQueries = [
      ['/mail/outbox?status=lost', 'status'],
      ['/mail/outbox?page=0', 'page'],
      ['/mail/outbox?page=two', 'page'],
    ];
    for (const [url, field] of badQueries) {
      const answer = await call(site, admin, 'GET', url ?? '');
      assert.equal(answer.statusCode, 422, answer.body);
      assert.equal(answer.json().errors[0].field, field);
    }
    assert.deepEqual((await call(site, admin, 'GET', '/mail/outbox')).json().messages, []);
  });

  it('should send at most ten test emails an hour to one address', async (ctx) => {
    const site = await openSiteWithoutSmtp(ctx);
    const admin = await signInAdmin(site);

    const codes: number[] = [];
    for (let index = 0; index < 11; index += 1)
      codes.push((await call(site, admin, 'POST', '/mail/test', { to: 'desk@example.com' })).statusCode);
    const other = await call(site, admin, 'POST', '/mail/test', { to: 'other@example.com' });

    assert.deepEqual(codes, [...Array(10).fill(202), 429]);
    assert.equal(other.statusCode, 202);
  });
});
