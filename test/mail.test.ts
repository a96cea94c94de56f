import assert from 'node:assert/strict';
import { tmpdir } from 'node:os';
import { describe, it } from 'node:test';
import { ConfigError, loadConfig } from '../src/config.ts';
import { withTransaction } from '../src/db/transaction.ts';
import type { Masthead } from '../src/masthead.ts';
import { startSmtpServer } from './helpers/smtp-server.ts';
import { createTestApp } from './helpers/test-app.ts';

type Context = { after: (fn: () => Promise<void>) => void };

const requestOptIn = (masthead: Masthead, email: string) =>
  withTransaction(masthead.database.db, (trx) =>
    masthead.notifications.notifier.requestOptIn(trx, {
      email,
      name: 'Ada',
      language: 'fr',
      article: { title: 'Le port rouvre', url: 'https://news.example/2026/03/port/' },
    }),
  );

describe('mail in a running Masthead', () => {
  it('should keep mail pending in the outbox when SMTP_URL is not set', async (context: Context) => {
    const t = await createTestApp();
    context.after(() => t.close());

    await requestOptIn(t.masthead, 'ada@example.com');
    const report = await t.masthead.deliverMail();

    assert.equal(t.masthead.mailer.transport, null);
    assert.deepEqual(report, { sent: 0, retried: 0, failed: 0 });
    const pending = await t.masthead.outbox.list({ state: 'pending' });
    assert.deepEqual(
      pending.map((mail) => [mail.kind, mail.recipient]),
      [['reply-optin', 'ada@example.com']],
    );
    assert.equal(pending[0]?.subject, 'Confirmez les notifications de réponses de news.example');
  });

  it('should deliver mail from the worker loop when the worker is started', async (context: Context) => {
    const smtp = await startSmtpServer();
    const t = await createTestApp({
      env: { SMTP_URL: smtp.url, MAIL_FROM: 'Le Quotidien <infos@quotidien.example>' },
    });
    context.after(async () => {
      await t.close();
      await smtp.close();
    });

    await t.masthead.startWorker();
    await requestOptIn(t.masthead, 'ada@example.com');
    const mail = await smtp.waitForMail((m) => m.envelope.to.includes('ada@example.com'), 10_000);

    assert.equal(mail.envelope.from, 'infos@quotidien.example');
    assert.match(mail.parsed.text ?? '', /Bonjour Ada,/);
    assert.match(String(mail.parsed.html), /<html lang="fr" dir="ltr">/);
  });
});

describe('MAIL_FROM', () => {
  const base = { DATABASE_URL: 'sqlite::memory:' };
  const cwd = tmpdir();

  it("should default to no-reply at the site's host when MAIL_FROM is unset", () => {
    assert.equal(
      loadConfig({ env: { ...base, SITE_URL: 'https://news.example/' }, cwd }).mailFrom,
      'Masthead <no-reply@news.example>',
    );
    assert.equal(loadConfig({ env: base, cwd }).mailFrom, 'Masthead <no-reply@localhost>');
  });

  it('should take a bare address or a name with an address when MAIL_FROM is set', () => {
    for (const value of ['news@example.com', 'The Daily <news@example.com>', '"Daily, The" <n@example.com>'])
      assert.equal(loadConfig({ env: { ...base, MAIL_FROM: value }, cwd }).mailFrom, value);
  });

  it('should stop with one line naming MAIL_FROM when the value is not one address', () => {
    for (const value of ['not an address', 'a@example.com, b@example.com', 'News <news@example.com']) {
      const error = (() => {
        try {
          loadConfig({ env: { ...base, MAIL_FROM: value }, cwd });
        } catch (caught) {
          return caught;
        }
      })();
      assert.ok(error instanceof ConfigError, value);
      assert.equal(error.variable, 'MAIL_FROM');
      assert.match(error.message, /^Configuration error: MAIL_FROM: expected an address/);
      assert.doesNotMatch(error.message, /[\r\n]/);
    }
  });
});
