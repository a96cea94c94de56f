import type { Translator } from '../../lib/i18n.ts';
import { CONTENT_WIDTH, type MailContent, type MailStory, renderMailHtml } from './newsletter-mail-html.tsx';
import { neutralise, placeholders } from './newsletter-personalisation.ts';
import type { NewsletterTracking } from './newsletter-tracking.ts';

export {
  compilePersonalisation,
  type NewsletterRecipient,
} from './newsletter-personalisation.ts';

export type MailArticle = {
  title: string;
  standfirst: string;
  url: string;
  imageUrl: string | null;
  imageAlt: string;
  section: string | null;
  /** The names, e.g. "Ada Reporter and Ben Writer"; the mail adds "By". Empty: no byline. */
  byline: string;
  publishedAt: Date;
  /** The image's size when known: it gives the image its height in clients that ignore CSS. */
  imageWidth?: number | null;
  imageHeight?: number | null;
};

export type NewsletterMailInput = {
  newsletter: {
    name: string;
    slug: string;
    description: string;
    tracksOpens: boolean;
    tracksClicks: boolean;
  };
  kind: 'article' | 'digest';
  /** One for 'article', the digest's articles in order for 'digest'. */
  articles: MailArticle[];
  site: { title: string; url: string; locale: string; timezone: string };
  tr: Translator;
  tracking: NewsletterTracking;
  sendId: string;
  /** The digest's date in its subject; the newest article's publication when not given. */
  sentAt?: Date;
};

export type RenderedNewsletter = { subject: string; html: string; text: string };

const dateFormatters = new Map<string, Intl.DateTimeFormat>();

function formatDate(date: Date, locale: string, timeZone: string): string {
  const key = `${locale}|${timeZone}`;
  let formatter = dateFormatters.get(key);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone });
    dateFormatters.set(key, formatter);
  }
  return formatter.format(date);
}

/** What the mail says, from the input: every outside string neutralised, every word translated. */
function compose(input: NewsletterMailInput): MailContent {
  const { t } = input.tr;
  const siteUrl = neutralise(input.site.url).replace(/\/+$/, '');
  const siteTitle = neutralise(input.site.title);
  const name = neutralise(input.newsletter.name);
  const absolute = (url: string) => (url.startsWith('/') ? `${siteUrl}${url}` : url);
  const date = (at: Date) => formatDate(at, input.tr.locale, input.site.timezone);
  const isDigest = input.kind === 'digest';
  const articles = isDigest ? input.articles : input.articles.slice(0, 1);

  const stories = articles.map((article, index): MailStory => {
    const url = absolute(neutralise(article.url));
    const byline = neutralise(article.byline).trim();
    const meta = [
      article.section ? neutralise(article.section) : '',
      byline ? t('newsletterMail.byline', { names: byline }) : '',
      date(article.publishedAt),
    ].filter(Boolean);
    const { imageUrl, imageWidth, imageHeight } = article;
    const hasImage = imageUrl !== null && imageUrl !== '' && index === 0;
    return {
      title: neutralise(article.title),
      standfirst: neutralise(article.standfirst),
      href: input.newsletter.tracksClicks ? input.tracking.clickUrl(input.sendId, url) : url,
      meta: meta.join(' · '),
      image: hasImage
        ? {
            src: absolute(neutralise(imageUrl)),
            alt: neutralise(article.imageAlt),
            height: imageWidth && imageHeight ? Math.round((CONTENT_WIDTH * imageHeight) / imageWidth) : null,
          }
        : null,
    };
  });

  const newest = Math.max(0, ...input.articles.map((article) => article.publishedAt.getTime()));
  const digestSubject = t('newsletterMail.digestSubject', {
    newsletter: name,
    date: date(input.sentAt ?? new Date(newest)),
  });
  const first = stories[0];
  return {
    lang: input.tr.locale,
    dir: input.tr.dir,
    // A subject is one header line, whatever line breaks a title was typed with.
    subject: (isDigest ? digestSubject : (first?.title ?? name)).replace(/\s+/g, ' ').trim(),
    siteTitle,
    siteUrl,
    heading: isDigest ? digestSubject : name,
    preheader: isDigest ? stories.map((story) => story.title).join(' · ') : (first?.standfirst ?? ''),
    greeting: t('newsletterMail.greeting', { name: placeholders.name }),
    contentsLabel: isDigest ? t('newsletterMail.inThisIssue') : null,
    readLabel: t('newsletterMail.readArticle'),
    stories,
    footer: {
      reason: t('newsletterMail.reason', { newsletter: name, site: siteTitle }),
      sentTo: t('newsletterMail.sentTo', { email: placeholders.email }),
      manage: t('newsletterMail.manage'),
      unsubscribe: t('newsletterMail.unsubscribe'),
    },
    pixelUrl: input.newsletter.tracksOpens ? input.tracking.openUrl(input.sendId) : null,
  };
}

/** The plain-text part: the same words and links as the HTML, in the same order. */
function renderText(mail: MailContent): string {
  const stories = mail.stories.map((story) =>
    [story.title, story.meta, story.standfirst, `${mail.readLabel}\n${story.href}`]
      .filter(Boolean)
      .join('\n'),
  );
  const greeting = `${placeholders.ifName}${mail.greeting}\n\n${placeholders.endIfName}`;
  const contents = mail.contentsLabel ? `${mail.contentsLabel}\n\n` : '';
  const blocks = [
    `${mail.siteTitle}\n${mail.heading}`,
    `${greeting}${contents}${stories.join('\n\n* * *\n\n')}`,
    '—',
    mail.footer.reason,
    mail.footer.sentTo,
    `${mail.footer.manage}\n${placeholders.manageUrl}`,
    `${mail.footer.unsubscribe}\n${placeholders.unsubscribeUrl}`,
  ];
  return `${blocks.join('\n\n')}\n`;
}

/**
 * A newsletter mail, rendered once per send: responsive HTML (tables, inline styles, 600px wide,
 * right to left for Arabic) and a plain-text part with the same content, each holding placeholders
 * for the reader's own values that `compilePersonalisation` fills in per recipient. Open and click
 * tracking are added only when the newsletter turns them on.
 *
 * @example
 * const rendered = renderNewsletterMail({ newsletter, kind: 'article', articles: [article], site, tr, tracking, sendId });
 * const personalise = compilePersonalisation(rendered);
 */
export function renderNewsletterMail(input: NewsletterMailInput): RenderedNewsletter {
  const mail = compose(input);
  return { subject: mail.subject, html: renderMailHtml(mail), text: renderText(mail) };
}
