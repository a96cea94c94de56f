import type { ArticleView } from '../../articles/article.ts';
import type { Database } from '../../db/connection.ts';
import { withTransaction } from '../../db/transaction.ts';
import type { Clock } from '../../lib/clock.ts';
import { AppError, ValidationError } from '../../lib/errors.ts';
import type { I18n } from '../../lib/i18n.ts';
import { newId } from '../../lib/ids.ts';
import type { JobQueue } from '../../lib/jobs/job-queue.ts';
import type { Outbox } from '../../lib/mail/outbox.ts';
import type { Services } from '../../services.ts';
import type { Settings } from '../../site/settings.ts';
import type { Urls } from '../../site/urls.ts';
import { isFedBy, type Newsletter } from '../newsletter.ts';
import type { SubscribeLinks } from '../subscribe-links.ts';
import type { DeliveryRepository, NewsletterSend } from './delivery-repository.ts';
import { digestPeriod, nextDigestAt, selectDigestArticles } from './digest-schedule.ts';
import { newsletterAddressing } from './newsletter-addressing.ts';
import { compilePersonalisation, type MailArticle, renderNewsletterMail } from './newsletter-mail.tsx';
import type { NewsletterTracking } from './newsletter-tracking.ts';

export const DELIVER_JOB = 'newsletter.deliver';
export const DIGEST_JOB = 'newsletter.digest';
export const ARTICLE_JOB = 'newsletter.article';

/** An article published longer ago than this (back-dated, imported) is not emailed. */
const FRESH_MS = 24 * 3_600_000;

export type SendPlannerOptions = {
  database: Database;
  clock: Clock;
  jobs: JobQueue;
  services: Pick<Services, 'articles' | 'settings'>;
  newsletters: { listAll: () => Promise<Newsletter[]> };
  deliveries: DeliveryRepository;
  outbox: Outbox;
  i18n: I18n;
  urls: Urls;
  links: SubscribeLinks;
  tracking: NewsletterTracking;
  from: string;
};

export type SendPlanner = ReturnType<typeof createSendPlanner>;

/**
 * Decides what is sent to whom: a send per newsletter for each newly published article in its
 * categories (unless the editor said `send_email: false`), a digest at each newsletter's hour, a
 * preview and a test mail. Each send is rendered once, with one delivery row per subscriber,
 * written in one transaction with the job that delivers it.
 *
 * @example
 * const planner = createSendPlanner({ database, clock, jobs, services, newsletters, deliveries, … });
 * await planner.planArticle(article.id);
 */
export function createSendPlanner(options: SendPlannerOptions) {
  const { database, clock, jobs, services, deliveries } = options;

  const toMailArticle = (article: ArticleView, settings: Settings): MailArticle => ({
    title: article.title,
    standfirst: article.standfirst,
    url: options.urls.permalinkOf(article, settings),
    imageUrl: options.urls.absoluteOrNull(article.featuredImage?.url ?? null),
    imageAlt: article.featuredImage?.alt ?? '',
    section: article.primaryCategory?.name ?? null,
    byline: article.authors.map((author) => author.name).join(', '),
    publishedAt: article.publishedAt ?? article.createdAt,
  });

  async function render(
    newsletter: Newsletter,
    kind: 'article' | 'digest',
    articles: ArticleView[],
    sendId: string,
    sentAt?: Date,
  ) {
    const settings = await services.settings.get();
    return renderNewsletterMail({
      newsletter,
      kind,
      articles: articles.map((article) => toMailArticle(article, settings)),
      site: {
        title: settings.title,
        url: options.urls.home(),
        locale: settings.locale,
        timezone: settings.timezone,
      },
      tr: options.i18n.forLanguage(settings.locale),
      tracking: options.tracking,
      sendId,
      ...(sentAt ? { sentAt } : {}),
    });
  }

  /** Creates the send and its delivery rows once per newsletter and key; null when it existed. */
  async function createSend(
    newsletter: Newsletter,
    dedupeKey: string,
    kind: 'article' | 'digest',
    articles: ArticleView[],
    sentAt?: Date,
  ) {
    const id = newId();
    const rendered = await render(newsletter, kind, articles, id, sentAt);
    const now = clock.now();
    return withTransaction(database.db, async (trx) => {
      const isNew = await deliveries.insertSend(trx, {
        id,
        newsletterId: newsletter.id,
        dedupeKey,
        articleIds: articles.map((article) => article.id),
        ...rendered,
        createdAt: now,
      });
      if (!isNew) return null;
      const recipients = await deliveries.fillDeliveries(trx, id, newsletter.id, now);
      await jobs.enqueue(DELIVER_JOB, { sendId: id }, { key: `deliver:${id}`, executor: trx });
      return { id, recipients };
    });
  }

  async function publishedArticle(ref: string): Promise<ArticleView | null> {
    try {
      return await services.articles.get({ kind: 'article', ref, statuses: ['published'] });
    } catch (error) {
      if (error instanceof AppError && error.status === 404) return null;
      throw error;
    }
  }

  async function sampleArticle(newsletter: Newsletter, articleRef: string | undefined): Promise<ArticleView> {
    if (articleRef) {
      const article = await publishedArticle(articleRef);
      if (!article)
        throw ValidationError.field(
          'article',
          'ARTICLE_NOT_FOUND',
          'No published article has that id or slug.',
        );
      return article;
    }
    const { articles } = await services.articles.list({
      kind: 'article',
      statuses: ['published'],
      page: { page: 1, limit: 20 },
      isCounted: false,
    });
    const fed =
      articles.find((article) =>
        isFedBy(
          newsletter,
          article.categories.map((c) => c.id),
        ),
      ) ?? articles[0];
    if (!fed)
      throw ValidationError.field('article', 'NO_ARTICLE', 'There is no published article to show yet.');
    return publishedArticle(fed.id) as Promise<ArticleView>;
  }

  /** The mail as a reader would get it, for the preview and the test send. */
  async function personalisedSample(newsletter: Newsletter, email: string, articleRef: string | undefined) {
    const article = await sampleArticle(newsletter, articleRef);
    const send: NewsletterSend = {
      id: newId(),
      newsletterId: newsletter.id,
      dedupeKey: 'preview',
      articleIds: [article.id],
      ...(await render(newsletter, 'article', [article], 'preview')),
      state: 'sending',
      createdAt: clock.now(),
    };
    const addressing = newsletterAddressing({
      newsletter,
      links: options.links,
      tracking: options.tracking,
      from: options.from,
    });
    const { html, text } = compilePersonalisation(send)(addressing.recipientFor(send, { email, name: '' }));
    return { subject: send.subject, html, text, headers: addressing.headersFor(send, email) };
  }

  return {
    createSend,

    /** Sends a newly published article to every newsletter it feeds; returns the sends created. */
    async planArticle(articleId: string): Promise<number> {
      const article = await publishedArticle(articleId);
      if (!article?.sendsEmail || !article.publishedAt) return 0;
      if (clock.now().getTime() - article.publishedAt.getTime() > FRESH_MS) return 0;
      const categoryIds = article.categories.map((category) => category.id);
      let created = 0;
      for (const newsletter of await options.newsletters.listAll()) {
        if (newsletter.cadence !== 'publish' || !isFedBy(newsletter, categoryIds)) continue;
        if (await createSend(newsletter, `article:${article.id}`, 'article', [article])) created += 1;
      }
      return created;
    },

    /** The digest due at `at`; a job left over from an older schedule (the hour changed) does nothing. */
    async planDigest(newsletterId: string, at: Date): Promise<{ id: string; recipients: number } | null> {
      const newsletter = (await options.newsletters.listAll()).find((n) => n.id === newsletterId);
      if (!newsletter || newsletter.cadence === 'publish') return null;
      const { timezone } = await services.settings.get();
      if (nextDigestAt(newsletter, new Date(at.getTime() - 1), timezone).getTime() !== at.getTime()) {
        // A job from an older schedule: make sure the current schedule has its next job.
        await scheduleDigest(newsletter, clock.now(), timezone);
        return null;
      }
      await scheduleDigest(newsletter, at, timezone);
      const period = digestPeriod(newsletter, at, timezone);
      const ids = await selectDigestArticles(database.db, { categoryIds: newsletter.categoryIds, ...period });
      if (ids.length === 0) return null;
      const articles = (await Promise.all(ids.map(publishedArticle))).filter(
        (a): a is ArticleView => a !== null,
      );
      return createSend(newsletter, `digest:${at.toISOString()}`, 'digest', articles, at);
    },

    /** Enqueues each digest newsletter's next digest (idempotent: the job key is the time). */
    async scheduleDigests(): Promise<void> {
      const { timezone } = await services.settings.get();
      for (const newsletter of await options.newsletters.listAll())
        if (newsletter.cadence !== 'publish') await scheduleDigest(newsletter, clock.now(), timezone);
    },

    preview: (newsletter: Newsletter, articleRef?: string) =>
      personalisedSample(newsletter, 'reader@example.com', articleRef),

    /** One mail to one address through the outbox, marked as a test in its subject. */
    async testSend(newsletter: Newsletter, email: string, articleRef?: string): Promise<void> {
      const sample = await personalisedSample(newsletter, email, articleRef);
      const { locale } = await services.settings.get();
      await withTransaction(database.db, (trx) =>
        options.outbox.enqueue(trx, {
          kind: 'newsletter-test',
          to: email,
          subject: `[${options.i18n.forLanguage(locale).t('subscribe.testPrefix')}] ${sample.subject}`,
          text: sample.text,
          html: sample.html,
          headers: sample.headers,
        }),
      );
    },
  };

  async function scheduleDigest(newsletter: Newsletter, after: Date, timezone: string): Promise<void> {
    const next = nextDigestAt(newsletter, after, timezone);
    await jobs.enqueue(
      DIGEST_JOB,
      { newsletterId: newsletter.id, at: next.toISOString() },
      { runAt: next, key: `digest:${newsletter.id}@${next.toISOString()}` },
    );
  }
}
