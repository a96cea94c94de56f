import assert from 'node:assert/strict';
import { after, before, describe, it, type TestContext } from 'node:test';
import type { Page } from 'playwright-core';
import type { ArticleView } from '../../src/articles/article.ts';
import { ar } from '../../src/locales/ar.ts';
import { en } from '../../src/locales/en.ts';
import type { Newsletter } from '../../src/subscribe/newsletter.ts';
import { launchBrowser, skipWithoutChromium, type TestBrowser } from '../helpers/browser.ts';
import { articlePath, publish } from '../site/site-helpers.ts';
import {
  assertNoAxeViolations,
  assertOnlyLocalRequests,
  gotoOk,
  mailedLink,
  openPage,
  type SubscribeServer,
  screenshot,
  startSubscribeServer,
  submitForm,
  subscribedIds,
} from './subscribe-helpers.ts';

/*
 * A reader subscribing in Chromium against a real Masthead on 127.0.0.1 whose mail goes to a real
 * SMTP server: the form at the end of an article, the confirmation link from the captured mail, a
 * magic-link sign-in and a change of newsletters on /account; each page photographed at phone width
 * and checked by axe. Then the same form without JavaScript, and the pages in Arabic.
 */

const PHONE = { width: 390, height: 844 };
const words = en.subscribe;
const accountWords = en.account;

type Walk = { server: SubscribeServer; browser: TestBrowser; morning: Newsletter; breaking: Newsletter };

/** The form at the end of the article: the footer holds another one, labelled the same. */
const articleForm = (page: Page) =>
  page.locator('main article').getByRole('region', { name: words.heading, exact: true });

const BAD_EMAIL = 'ada@example';

/** Fills the article's form with a malformed address and a name, and sends it. */
async function submitBadEmail(page: Page, url: string) {
  await gotoOk(page, url);
  const form = articleForm(page);
  await form.getByRole('textbox', { name: words.emailLabel, exact: true }).fill(BAD_EMAIL);
  await form.getByRole('textbox', { name: words.nameLabel, exact: true }).fill('Ada Lovelace');
  return submitForm(page, form.getByRole('button', { name: words.submit }), '/subscribe');
}

const heading = (page: Page) => page.getByRole('heading', { level: 1 }).textContent();

describe('subscribing in Chromium', { timeout: 300_000 }, () => {
  let server: SubscribeServer | undefined;
  let browser: TestBrowser | undefined;
  let article: ArticleView | undefined;
  let newsletters: Newsletter[] = [];

  before(async () => {
    server = await startSubscribeServer();
    newsletters = await server.t.masthead.subscribe.newsletters.createMany([
      { name: 'Morning briefing', slug: 'morning', description: 'The day’s news before breakfast.' },
      { name: 'Breaking news', slug: 'breaking' },
    ]);
    article = await publish(server.t, {
      title: 'Harbour wall to be rebuilt',
      standfirst: 'Work starts before the winter storms.',
      body_html: '<p>The harbour wall will be rebuilt before the winter storms.</p>',
    });
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });

  const ready = async (t: TestContext): Promise<Walk | null> => {
    if (skipWithoutChromium(t) || !server) return null;
    browser ??= await launchBrowser({ viewport: PHONE });
    const [morning, breaking] = newsletters;
    assert.ok(morning && breaking);
    return { server, browser, morning, breaking };
  };
  const articleUrl = (walk: Walk) => `${walk.server.baseUrl}${articlePath(article as ArticleView)}`;

  it('should subscribe from an article, confirm by mail, sign in by magic link and change newsletters when a reader walks through', async (t) => {
    const walk = await ready(t);
    if (!walk) return;
    const { server, browser, morning, breaking } = walk;
    const email = 'ada@example.com';
    const tr = server.t.masthead.i18n.forLanguage('en');
    const siteTitle = (await server.t.masthead.services.settings.get()).title;
    const { page, requested } = await openPage(browser);

    // 1. The form at the end of the article: Breaking news unticked.
    await gotoOk(page, articleUrl(walk));
    const form = articleForm(page);
    assert.equal(await form.count(), 1, 'one subscribe form inside the article');
    await form.getByRole('textbox', { name: words.emailLabel, exact: true }).fill(email);
    await form.getByRole('textbox', { name: words.nameLabel, exact: true }).fill('Ada Lovelace');
    const choices = form.getByRole('group', { name: words.newslettersLegend });
    await choices.getByRole('checkbox', { name: breaking.name }).uncheck();
    await screenshot(page, 'subscribe-article.png');
    await assertNoAxeViolations(page, 'the article page with the subscribe form');
    const signup = await submitForm(page, form.getByRole('button', { name: words.submit }), '/subscribe');

    assert.equal(signup.status(), 200);
    assert.equal(await heading(page), words.checkInboxTitle);
    await screenshot(page, 'subscribe-check-inbox.png');
    await assertNoAxeViolations(page, 'the check-your-inbox page');

    // 2. The confirmation link from the captured mail.
    const confirmLink = await mailedLink(server, {
      email,
      subject: tr.t('subscribe.confirmSubject', { site: siteTitle }),
      path: '/subscribe/confirm',
    });
    await gotoOk(page, confirmLink);
    const confirmedText = await page.locator('article.notice p').first().textContent();

    assert.equal(await heading(page), words.confirm.confirmedTitle);
    assert.equal(
      confirmedText,
      tr.t('subscribe.confirm.confirmedBody', { email, newsletters: morning.name }),
    );
    assert.deepEqual(await subscribedIds(server, email), [morning.id]);
    const consent = await server.t.masthead.database.db
      .selectFrom('consents')
      .innerJoin('subscribers', 'subscribers.id', 'consents.subscriber_id')
      .where('subscribers.email', '=', email)
      .select('consents.source')
      .execute();
    assert.deepEqual(consent, [{ source: 'article' }], 'consent recorded from the article form');
    await screenshot(page, 'subscribe-confirmed.png');
    await assertNoAxeViolations(page, 'the confirmation page');

    // 3. Sign in by magic link.
    await gotoOk(page, `${server.baseUrl}/account/login`);
    await page.getByRole('textbox', { name: accountWords.emailLabel, exact: true }).fill(email);
    await screenshot(page, 'account-login.png');
    await assertNoAxeViolations(page, 'the sign-in page');
    const login = page.getByRole('button', { name: accountWords.loginSubmit });
    const requestedLink = await submitForm(page, login, '/account/login');

    assert.equal(requestedLink.status(), 200);
    assert.equal(await heading(page), accountWords.checkInboxTitle);
    const loginLink = await mailedLink(server, {
      email,
      subject: tr.t('account.loginSubject', { site: siteTitle }),
      path: '/account/login',
    });
    await gotoOk(page, loginLink);
    assert.equal(new URL(page.url()).pathname, '/account', 'the link signs in and leads to /account');

    // 4. Swap newsletters on /account.
    const mine = page.getByRole('group', { name: accountWords.newslettersLegend });
    const morningBox = mine.getByRole('checkbox', { name: morning.name });
    const breakingBox = mine.getByRole('checkbox', { name: breaking.name });
    const initially = { morning: await morningBox.isChecked(), breaking: await breakingBox.isChecked() };
    await assertNoAxeViolations(page, 'the account page');
    await breakingBox.check();
    await morningBox.uncheck();
    const save = page.getByRole('button', { name: accountWords.saveNewsletters });
    const saved = await submitForm(page, save, '/account/newsletters');

    assert.deepEqual(initially, { morning: true, breaking: false });
    assert.equal(saved.status(), 303);
    assert.equal(new URL(page.url()).search, '?saved=newsletters');
    assert.equal(await page.getByRole('status').textContent(), accountWords.saved.newsletters);
    assert.equal(await mine.getByRole('checkbox', { name: breaking.name }).isChecked(), true);
    assert.equal(await mine.getByRole('checkbox', { name: morning.name }).isChecked(), false);
    assert.deepEqual(await subscribedIds(server, email), [breaking.id]);
    await screenshot(page, 'account.png');
    await assertNoAxeViolations(page, 'the account page after saving');
    await page.emulateMedia({ colorScheme: 'dark' });
    await screenshot(page, 'account-dark.png');
    await assertNoAxeViolations(page, 'the account page, dark scheme');
    assertOnlyLocalRequests(requested);
    await page.close();
  });

  it('should answer 422 with the typed name kept and the error beside the email field when JavaScript is off and the address is malformed', async (t) => {
    const walk = await ready(t);
    if (!walk) return;
    const noScript = await launchBrowser({ viewport: PHONE, javaScriptEnabled: false });
    t.after(() => noScript.close());
    const { page, requested } = await openPage(noScript);

    const response = await submitBadEmail(page, articleUrl(walk));

    assert.equal(response.status(), 422);
    const email = page.getByRole('textbox', { name: words.emailLabel, exact: true });
    const describedBy = await email.getAttribute('aria-describedby');
    assert.ok(describedBy, 'the email field points at its error');
    assert.equal(await page.locator(`[id="${describedBy}"]`).textContent(), words.errors.email);
    assert.equal(await email.getAttribute('aria-invalid'), 'true');
    assert.equal(await email.inputValue(), BAD_EMAIL);
    assert.equal(
      await page.getByRole('textbox', { name: words.nameLabel, exact: true }).inputValue(),
      'Ada Lovelace',
    );
    await screenshot(page, 'subscribe-error-no-javascript.png');
    assert.equal(walk.server.smtp.messages.filter((m) => m.envelope.to.includes(BAD_EMAIL)).length, 0);
    assertOnlyLocalRequests(requested);
    // axe is a script: it audits the same answer in the browser that runs scripts.
    const audited = await openPage(walk.browser);
    assert.equal((await submitBadEmail(audited.page, articleUrl(walk))).status(), 422);
    await assertNoAxeViolations(audited.page, 'the subscribe form with an error');
    await audited.page.close();
  });

  it('should lay /subscribe and /account/login out right to left without axe violations when the site is in Arabic', async (t) => {
    const walk = await ready(t);
    if (!walk) return;
    const { server, browser } = walk;
    await server.t.masthead.services.settings.update({ locale: 'ar' });
    t.after(() => server.t.masthead.services.settings.update({ locale: 'en' }));
    await browser.context.clearCookies(); // signed out, or /account/login leads to /account
    const { page, requested } = await openPage(browser);
    const dir = () => page.evaluate(() => document.documentElement.dir);

    await gotoOk(page, `${server.baseUrl}/subscribe`);
    const subscribeDir = await dir();
    const subscribeHeading = await page.getByRole('heading', { level: 1 }).first().textContent();
    await screenshot(page, 'subscribe-ar.png');
    await assertNoAxeViolations(page, 'the Arabic /subscribe page');
    await gotoOk(page, `${server.baseUrl}/account/login`);
    const loginDir = await dir();

    assert.equal(subscribeDir, 'rtl');
    assert.equal(subscribeHeading, ar.subscribe.heading);
    assert.equal(loginDir, 'rtl');
    assert.equal(await heading(page), ar.account.loginTitle);
    await screenshot(page, 'account-login-ar.png');
    await assertNoAxeViolations(page, 'the Arabic sign-in page');
    assertOnlyLocalRequests(requested);
    await page.close();
  });
});
