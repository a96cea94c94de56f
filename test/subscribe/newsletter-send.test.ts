import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { publish } from '../site/site-helpers.ts';
import {
  createNewsletters,
  linkIn,
  mailsTo,
  openSubscribeSite,
  rawHeader,
  subscribeAndConfirm,
  until,
} from './subscribe-helpers.ts';

const ADA = 'ada@example.com';
const BO = 'bo@example.com';
const now = () => new Date();

const deliveryStates = async (site: Awaited<ReturnType<typeof openSubscribeSite>>) =>
  site.t.masthead.database.db
    .selectFrom('newsletter_deliveries')
    .select(['email', 'state'])
    .orderBy('email')
    .execute();

describe('Newsletters: sending on publish', () => {
  it('should mail a published article with both parts and the list headers when a reader is subscribed', async (ctx) => {
    const site = await openSubscribeSite(ctx);
    await createNewsletters(site.t, [{ name: 'Breaking news', slug: 'breaking' }]);
    await subscribeAndConfirm(site, ADA);

    await publish(site.t, {
      title: 'Harbour reopens after the storm',
      standfirst: 'Ferries run again.',
      published_at: now(),
    });
    await until(site, () =>
      mailsTo(site.smtp, ADA).some((m) => m.parsed.subject === 'Harbour reopens after the storm'),
    );

    const mail = mailsTo(site.smtp, ADA).find((m) => m.parsed.subject === 'Harbour reopens after the storm');
    assert.ok(mail);
    assert.match(mail.parsed.text ?? '', /Ferries run again\./);
    assert.match(String(mail.parsed.html), /Harbour reopens after the storm/);
    const listUnsubscribe = rawHeader(mail, 'List-Unsubscribe');
    assert.match(
      listUnsubscribe,
      /^<https:\/\/news\.example\/newsletters\/unsubscribe\?token=[^>]+>, <mailto:[^>]+>$/,
    );
    assert.equal(rawHeader(mail, 'List-Unsubscribe-Post'), 'List-Unsubscribe=One-Click');
    assert.match(rawHeader(mail, 'List-Id'), /<breaking\.news\.example>$/);
    // The sink holds the message a moment before the sender hears its answer and marks the row.
    await until(site, async () => (await deliveryStates(site)).every((d) => d.state !== 'sending'));
    assert.deepEqual(await deliveryStates(site), [{ email: ADA, state: 'sent' }]);
  });

  it('should send nothing when the editor turns email off for the article', async (ctx) => {
    const site = await openSubscribeSite(ctx);
    await createNewsletters(site.t, [{ name: 'Breaking news', slug: 'breaking' }]);
    await subscribeAndConfirm(site, ADA);

    await publish(site.t, { title: 'Quiet correction', published_at: now(), send_email: false });
    await publish(site.t, { title: 'Loud story', published_at: now() });
    await until(site, () => mailsTo(site.smtp, ADA).some((m) => m.parsed.subject === 'Loud story'));

    assert.equal(mailsTo(site.smtp, ADA).filter((m) => m.parsed.subject === 'Quiet correction').length, 0);
  });

  it('should mail only the newsletters whose categories the article is in', async (ctx) => {
    const site = await openSubscribeSite(ctx);
    await site.t.masthead.services.taxonomy.categories.createMany([{ name: 'Sport' }, { name: 'Politics' }]);
    await createNewsletters(site.t, [
      { name: 'Sport daily', slug: 'sport', categories: ['sport'] },
      { name: 'Politics', slug: 'politics', categories: ['politics'] },
    ]);
    await subscribeAndConfirm(site, ADA, ['sport']);
    await subscribeAndConfirm(site, BO, ['politics']);

    await publish(site.t, { title: 'Rowing club wins', categories: ['sport'], published_at: now() });
    await until(site, async () => (await deliveryStates(site)).some((d) => d.state === 'sent'));

    assert.equal(mailsTo(site.smtp, ADA).filter((m) => m.parsed.subject === 'Rowing club wins').length, 1);
    assert.equal(mailsTo(site.smtp, BO).filter((m) => m.parsed.subject === 'Rowing club wins').length, 0);
  });

  it('should stop the next send when the reader POSTs the one-click unsubscribe (RFC 8058)', async (ctx) => {
    const site = await openSubscribeSite(ctx);
    await createNewsletters(site.t, [{ name: 'Breaking news', slug: 'breaking' }]);
    await subscribeAndConfirm(site, ADA);
    await subscribeAndConfirm(site, BO);
    await publish(site.t, { title: 'First story', published_at: now() });
    await until(site, () => mailsTo(site.smtp, ADA).some((m) => m.parsed.subject === 'First story'));
    const first = mailsTo(site.smtp, ADA).find((m) => m.parsed.subject === 'First story');
    assert.ok(first);
    const url = new URL(/<(https:[^>]+)>/.exec(rawHeader(first, 'List-Unsubscribe'))?.[1] ?? '');

    const res = await site.t.masthead.app.inject({
      method: 'POST',
      url: `${url.pathname}${url.search}`,
      headers: { 'content-type': 'multipart/form-data; boundary=x' },
      payload: '--x\r\nContent-Disposition: form-data; name="List-Unsubscribe"\r\n\r\nOne-Click\r\n--x--\r\n',
    });
    assert.equal(res.statusCode, 200);
    await publish(site.t, { title: 'Second story', published_at: now() });
    await until(site, () => mailsTo(site.smtp, BO).some((m) => m.parsed.subject === 'Second story'));

    assert.equal(mailsTo(site.smtp, ADA).filter((m) => m.parsed.subject === 'Second story').length, 0);
  });

  it('should show a button and not unsubscribe when the link is only fetched with GET', async (ctx) => {
    const site = await openSubscribeSite(ctx);
    const [newsletter] = await createNewsletters(site.t, [{ name: 'Breaking news', slug: 'breaking' }]);
    await subscribeAndConfirm(site, ADA);
    const link = new URL(site.t.masthead.subscribe.links.unsubscribeUrl(newsletter?.id ?? '', ADA));

    const page = await site.t.masthead.app.inject({ method: 'GET', url: `${link.pathname}${link.search}` });
    const tampered = await site.t.masthead.app.inject({
      method: 'POST',
      url: `${link.pathname}${link.search}x`,
    });

    assert.equal(page.statusCode, 200);
    assert.match(page.body, /<button type="submit">Unsubscribe<\/button>/);
    assert.equal(tampered.statusCode, 400);
    const rows = await site.t.masthead.database.db
      .selectFrom('subscriptions')
      .select('newsletter_id')
      .execute();
    assert.equal(rows.length, 1);
  });

  it('should mark a refused address bounced, suppress it and skip it next time', async (ctx) => {
    const site = await openSubscribeSite(ctx);
    await createNewsletters(site.t, [{ name: 'Breaking news', slug: 'breaking' }]);
    await subscribeAndConfirm(site, ADA);
    await subscribeAndConfirm(site, BO);
    site.smtp.refuseRecipient(BO);

    await publish(site.t, { title: 'First story', published_at: now() });
    await until(site, async () =>
      (await deliveryStates(site)).every((d) => d.state !== 'queued' && d.state !== 'sending'),
    );
    const suppression = await site.t.masthead.database.db.selectFrom('suppressions').selectAll().execute();
    await publish(site.t, { title: 'Second story', published_at: now() });
    await until(site, () => mailsTo(site.smtp, ADA).some((m) => m.parsed.subject === 'Second story'));

    const states = await deliveryStates(site);
    assert.deepEqual(
      states.filter((row) => row.email === BO),
      [{ email: BO, state: 'bounced' }],
    );
    assert.equal(states.filter((row) => row.email === ADA && row.state === 'sent').length, 2);
    assert.deepEqual(
      suppression.map((row) => [row.email, row.reason]),
      [[BO, 'bounced']],
    );
    const sends = await site.t.masthead.database.db
      .selectFrom('newsletter_deliveries')
      .select(['email'])
      .execute();
    assert.equal(
      sends.filter((row) => row.email === BO).length,
      1,
      'the second send left the bounced address out',
    );
  });

  it('should retry a temporary refusal later and deliver once', async (ctx) => {
    const site = await openSubscribeSite(ctx);
    await createNewsletters(site.t, [{ name: 'Breaking news', slug: 'breaking' }]);
    await subscribeAndConfirm(site, ADA);
    site.smtp.rejectNext(1, 451);

    await publish(site.t, { title: 'Delayed story', published_at: now() });
    const retried = () =>
      site.t.masthead.database.db
        .selectFrom('newsletter_deliveries')
        .select('email')
        .where('state', '=', 'queued')
        .where('attempts', '=', 1)
        .execute();
    await until(site, async () => (await retried()).length === 1);
    const [queued] = await site.t.masthead.database.db
      .selectFrom('newsletter_deliveries')
      .selectAll()
      .execute();
    await site.t.masthead.database.db
      .updateTable('newsletter_deliveries')
      .set({ next_attempt_at: site.t.testDb.dialect === 'sqlite' ? new Date(0).toISOString() : new Date(0) })
      .execute();
    const sendId = queued?.send_id ?? '';
    await site.t.masthead.subscribe.deliverSend(sendId);

    assert.equal(queued?.attempts, 1);
    assert.match(queued?.last_error ?? '', /451|Try again/);
    assert.equal(mailsTo(site.smtp, ADA).filter((m) => m.parsed.subject === 'Delayed story').length, 1);
    assert.deepEqual(await deliveryStates(site), [{ email: ADA, state: 'sent' }]);
  });

  it('should personalise the unsubscribe link in the body for each reader', async (ctx) => {
    const site = await openSubscribeSite(ctx);
    await createNewsletters(site.t, [{ name: 'Breaking news', slug: 'breaking' }]);
    await subscribeAndConfirm(site, ADA);
    await subscribeAndConfirm(site, BO);

    await publish(site.t, { title: 'Story', published_at: now() });
    await until(site, () => mailsTo(site.smtp, BO).some((m) => m.parsed.subject === 'Story'));
    await until(site, () => mailsTo(site.smtp, ADA).some((m) => m.parsed.subject === 'Story'));

    const links = [ADA, BO].map((email) =>
      linkIn(
        mailsTo(site.smtp, email).find((m) => m.parsed.subject === 'Story') as never,
        '/newsletters/unsubscribe',
      ),
    );
    assert.notEqual(links[0], links[1]);
    const check = site.t.masthead.subscribe.links.readUnsubscribe(
      new URL(links[1] ?? '', 'https://x').searchParams.get('token'),
    );
    assert.equal(check?.email, BO);
  });
});
