import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DomUtils, parseDocument } from 'htmlparser2';
import { createFixedClock } from '../../lib/clock.ts';
import { createI18n } from '../../lib/i18n.ts';
import {
  compilePersonalisation,
  type MailArticle,
  type NewsletterMailInput,
  type NewsletterRecipient,
  renderNewsletterMail,
} from './newsletter-mail.tsx';
import { createNewsletterTracking } from './newsletter-tracking.ts';

const i18n = createI18n();
const SITE = 'https://news.example';
const SEND_ID = '0190a5f0-0000-7000-8000-000000000001';
const tracking = createNewsletterTracking({
  secret: 'a-site-secret-of-at-least-32-characters',
  siteUrl: SITE,
  clock: createFixedClock(new Date('2026-03-02T09:00:00Z')),
});

const storm: MailArticle = {
  title: 'Storm closes the port',
  standfirst: 'Gales kept every boat in harbour overnight.',
  url: `${SITE}/2026/03/storm-closes-the-port/`,
  imageUrl: '/media/storm.webp',
  imageAlt: 'Waves over the harbour wall',
  imageWidth: 1200,
  imageHeight: 800,
  section: 'News',
  byline: 'Ada Reporter',
  publishedAt: new Date('2026-03-02T08:00:00Z'),
};
const ferry: MailArticle = {
  ...storm,
  title: 'Ferry timetable changes',
  standfirst: 'Fewer crossings in winter.',
  url: `${SITE}/2026/03/ferry/`,
  imageUrl: '/media/ferry.webp',
  imageAlt: 'The ferry',
};

function render(overrides: Partial<NewsletterMailInput> & { locale?: string; timezone?: string } = {}) {
  const { locale = 'en', timezone = 'Europe/London', ...rest } = overrides;
  return renderNewsletterMail({
    newsletter: {
      name: 'Harbour Daily',
      slug: 'daily',
      description: '',
      tracksOpens: false,
      tracksClicks: false,
    },
    kind: 'article',
    articles: [storm],
    site: { title: 'Harbour Herald', url: SITE, locale, timezone },
    tr: i18n.forLanguage(locale),
    tracking,
    sendId: SEND_ID,
    ...rest,
  });
}

const ada: NewsletterRecipient = {
  email: 'ada@example.com',
  name: 'Ada',
  unsubscribeUrl: `${SITE}/newsletters/unsubscribe?token=u1&x=1`,
  manageUrl: `${SITE}/account`,
  trackingToken: tracking.tokenFor(SEND_ID, 'ada@example.com'),
};

/** The mail as one reader gets it, with its HTML parsed. */
function personalised(rendered: ReturnType<typeof render>, recipient: NewsletterRecipient = ada) {
  const mail = compilePersonalisation(rendered)(recipient);
  const doc = parseDocument(mail.html);
  const all = (name: string) => DomUtils.findAll((el) => el.name === name, doc.children);
  const linkTo = (label: string) => all('a').find((a) => DomUtils.textContent(a).trim() === label);
  return { ...mail, doc, all, linkTo, bodyText: DomUtils.textContent(doc).replace(/\s+/g, ' ') };
}

describe('newsletter mail', () => {
  it('should show the article with its image, section, byline and link when one article is sent', () => {
    const rendered = render();
    const mail = personalised(rendered);
    const [image] = mail.all('img');

    assert.equal(rendered.subject, 'Storm closes the port');
    assert.equal(image?.attribs.src, `${SITE}/media/storm.webp`);
    assert.equal(image?.attribs.alt, 'Waves over the harbour wall');
    assert.equal(image?.attribs.width, '536');
    assert.equal(image?.attribs.height, '357');
    assert.equal(mail.linkTo('Read the article')?.attribs.href, storm.url);
    for (const words of ['Storm closes the port', storm.standfirst, 'News · By Ada Reporter · March 2, 2026'])
      assert.ok(mail.bodyText.includes(words), words);
    for (const words of [
      'Storm closes the port',
      storm.standfirst,
      `Read the article\n${storm.url}`,
      'By Ada',
    ])
      assert.ok(mail.text.includes(words), words);
  });

  it('should open with a hidden preheader holding the standfirst when rendered', () => {
    const { doc } = personalised(render());
    const body = DomUtils.findOne((el) => el.name === 'body', doc.children);
    const first = body?.children.find((node) => node.type === 'tag');

    assert.ok(first && 'attribs' in first);
    assert.match(first.attribs.style ?? '', /display:none/);
    assert.ok(DomUtils.textContent(first).startsWith(storm.standfirst));
  });

  it('should end with the reason, a manage link and an unsubscribe link in both parts', () => {
    const mail = personalised(render());

    assert.ok(mail.bodyText.includes('You receive Harbour Daily because you subscribed at Harbour Herald.'));
    assert.ok(mail.bodyText.includes('This email was sent to ada@example.com.'));
    assert.equal(mail.linkTo('Manage your subscriptions')?.attribs.href, ada.manageUrl);
    assert.equal(mail.linkTo('Unsubscribe')?.attribs.href, ada.unsubscribeUrl);
    assert.ok(mail.text.includes('You receive Harbour Daily because you subscribed at Harbour Herald.'));
    assert.ok(mail.text.includes(`Manage your subscriptions\n${ada.manageUrl}`));
    assert.ok(mail.text.includes(`Unsubscribe\n${ada.unsubscribeUrl}`));
  });

  it('should be laid out in tables with inline styles only and no scripts when rendered', () => {
    const mail = personalised(render());
    const [content] = mail.all('table').filter((table) => table.attribs.width === '600');

    assert.match(content?.attribs.style ?? '', /max-width:600px/);
    assert.deepEqual([...mail.all('style'), ...mail.all('script'), ...mail.all('link')], []);
  });

  it('should render right to left in Arabic when the site locale is ar', () => {
    const mail = personalised(render({ locale: 'ar' }));
    const [html] = mail.all('html');
    const [content] = mail.all('table').filter((table) => table.attribs.width === '600');

    assert.equal(html?.attribs.lang, 'ar');
    assert.equal(html?.attribs.dir, 'rtl');
    assert.equal(content?.attribs.dir, 'rtl');
    assert.match(content?.attribs.style ?? '', /text-align:right/);
    assert.ok(mail.linkTo('اقرأ المقال'));
    assert.ok(mail.linkTo('إلغاء الاشتراك'));
    assert.ok(mail.text.includes('اقرأ المقال'));
  });

  it('should render left to right with French words when the site locale is fr', () => {
    const mail = personalised(render({ locale: 'fr' }));

    assert.equal(mail.all('html')[0]?.attribs.dir, 'ltr');
    assert.ok(mail.linkTo('Se désabonner'));
    assert.ok(mail.bodyText.includes('2 mars 2026'));
  });

  it('should have no pixel and plain links when tracking is off', () => {
    const mail = personalised(render());

    assert.equal(mail.all('img').length, 1);
    for (const part of [mail.html, mail.text])
      assert.ok(!part.includes('/newsletters/open/') && !part.includes('/newsletters/click/'));
    assert.equal(mail.linkTo('Read the article')?.attribs.href, storm.url);
  });

  it('should add the reader’s pixel and signed article links when tracking is on', () => {
    const newsletter = {
      name: 'Harbour Daily',
      slug: 'daily',
      description: '',
      tracksOpens: true,
      tracksClicks: true,
    };
    const mail = personalised(render({ newsletter }));
    const pixel = mail.all('img').find((img) => img.attribs.src?.includes('/newsletters/open/'));
    const link = new URL(mail.linkTo('Read the article')?.attribs.href ?? '');

    assert.equal(pixel?.attribs.src, `${SITE}/newsletters/open/${SEND_ID}/${ada.trackingToken}.gif`);
    assert.deepEqual([pixel?.attribs.width, pixel?.attribs.height, pixel?.attribs.alt], ['1', '1', '']);
    assert.equal(link.pathname, `/newsletters/click/${SEND_ID}/${ada.trackingToken}`);
    assert.equal(link.searchParams.get('u'), storm.url);
    assert.ok(tracking.isSignedClick(SEND_ID, storm.url, link.searchParams.get('s')));
    assert.equal(tracking.recipientOf(SEND_ID, ada.trackingToken), 'ada@example.com');
    assert.ok(mail.text.includes(`/newsletters/click/${SEND_ID}/${ada.trackingToken}?u=`));
    assert.equal(mail.linkTo('Unsubscribe')?.attribs.href, ada.unsubscribeUrl);
  });

  it('should escape the reader’s values in HTML and keep them raw in text when they hold markup', () => {
    const reader = { ...ada, name: '<script>alert(1)</script> "&', email: '"&<b>"@example.com' };
    const mail = personalised(render(), reader);

    assert.ok(mail.html.includes('Hello &lt;script&gt;alert(1)&lt;/script&gt; &quot;&amp;,'));
    assert.ok(mail.html.includes('sent to &quot;&amp;&lt;b&gt;&quot;@example.com.'));
    assert.equal(mail.all('script').length, 0);
    assert.equal(mail.all('b').length, 0);
    assert.ok(mail.text.includes('Hello <script>alert(1)</script> "&,'));
    assert.ok(mail.text.includes('sent to "&<b>"@example.com.'));
    assert.equal(mail.linkTo('Unsubscribe')?.attribs.href, ada.unsubscribeUrl);
    assert.ok(mail.html.includes('token=u1&amp;x=1'));
  });

  it('should leave out the greeting when the reader has no name', () => {
    const mail = personalised(render(), { ...ada, name: '  ' });

    assert.ok(!mail.html.includes('Hello'));
    assert.ok(!mail.text.includes('Hello'));
    assert.ok(!mail.html.includes('{{masthead.'));
    assert.ok(!mail.text.includes('{{masthead.'));
  });

  it('should never fill in a placeholder when an article holds one', () => {
    const sneaky = {
      ...storm,
      title: 'Click {{masthead.unsubscribeUrl}} now',
      standfirst: '{{masthead.email}}',
    };
    const mail = personalised(render({ articles: [sneaky] }));

    const count = (part: string, value: string) => part.split(value).length - 1;

    assert.ok(mail.text.includes('Click { {masthead.unsubscribeUrl}} now'));
    assert.ok(mail.bodyText.includes('Click { {masthead.unsubscribeUrl}} now'));
    assert.equal(count(mail.text, ada.unsubscribeUrl), 1);
    assert.equal(count(mail.text, ada.email), 1);
    assert.equal(count(mail.bodyText, ada.email), 1);
  });

  it('should list the articles under a dated subject with one image when a digest is sent', () => {
    const sentAt = new Date('2026-03-02T22:00:00Z');
    const rendered = render({ kind: 'digest', articles: [storm, ferry], sentAt, timezone: 'Asia/Tokyo' });
    const mail = personalised(rendered);
    const links = mail.all('a').filter((a) => DomUtils.textContent(a).trim() === 'Read the article');

    assert.equal(rendered.subject, 'Harbour Daily: March 3, 2026');
    assert.deepEqual(
      links.map((a) => a.attribs.href),
      [storm.url, ferry.url],
    );
    assert.deepEqual(
      mail.all('img').map((img) => img.attribs.src),
      [`${SITE}/media/storm.webp`],
    );
    for (const words of [storm.title, storm.standfirst, ferry.title, ferry.standfirst, 'In this issue'])
      assert.ok(mail.bodyText.includes(words) && mail.text.includes(words), words);
    assert.ok(mail.text.indexOf(storm.title) < mail.text.indexOf(ferry.title));
  });
});

describe('personalisation', () => {
  it('should give each reader their own values when one compiled mail is used for many', () => {
    const personalise = compilePersonalisation(render());
    const bo = { ...ada, email: 'bo@example.com', name: 'Bo', manageUrl: `${SITE}/account?bo` };

    const forAda = personalise(ada);
    const forBo = personalise(bo);

    assert.ok(forAda.text.includes('Hello Ada,') && forBo.text.includes('Hello Bo,'));
    assert.ok(forBo.html.includes(bo.manageUrl) && !forBo.html.includes('ada@example.com'));
    assert.ok(!forAda.text.includes('bo@example.com'));
  });
});
