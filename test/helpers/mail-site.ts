import type { TestContext } from 'node:test';
import type { Clock } from '../../src/lib/clock.ts';
import { startSmtpServer, type TestSmtpServer } from './smtp-server.ts';
import { createTestApp, type TestApp } from './test-app.ts';

export type MailSite = { t: TestApp; smtp: TestSmtpServer };

/**
 * A whole Masthead whose mail goes to a real SMTP server on 127.0.0.1, both closed when the test (or
 * suite) ends. The per-route rate limits are off unless `env` turns them on.
 *
 * @example
 * const { t, smtp } = await openMailSite(ctx, { env: { CAPTCHA_PROVIDER: 'none' } });
 */
export async function openMailSite(
  ctx: Pick<TestContext, 'after'>,
  options: { clock?: Clock; env?: Record<string, string> } = {},
): Promise<MailSite> {
  const smtp = await startSmtpServer();
  const t = await createTestApp({
    ...(options.clock ? { clock: options.clock } : {}),
    env: { SMTP_URL: smtp.url, API_RATE_LIMIT: '0', ...options.env },
  });
  ctx.after(async () => {
    await t.close();
    await smtp.close();
  });
  return { t, smtp };
}
