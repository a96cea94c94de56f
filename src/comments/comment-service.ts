import { createHmac } from 'node:crypto';
import type { ArticleView } from '../articles/article.ts';
import type { ArticleService } from '../articles/article-service.ts';
import type { Captcha } from '../captcha/captcha.ts';
import type { Database } from '../db/connection.ts';
import { type Executor, withTransaction } from '../db/transaction.ts';
import type { Clock } from '../lib/clock.ts';
import { AppError, NotFoundError, ValidationError } from '../lib/errors.ts';
import type { EventBus } from '../lib/events.ts';
import { newId } from '../lib/ids.ts';
import { deriveKey } from '../lib/secret.ts';
import type { SettingsService } from '../site/settings-service.ts';
import type { Urls } from '../site/urls.ts';
import type {
  Comment,
  CommentNode,
  CommentSettings,
  HoldReason,
  PublicComment,
  RequestOrigin,
} from './comment.ts';
import { createCommentGuardRepository } from './comment-guard-repository.ts';
import { type CommentSubmission, parseSubmission } from './comment-input.ts';
import { createCommentRepository } from './comment-repository.ts';
import type { CommentSettingsService } from './comment-settings-service.ts';
import { renderCommentBody } from './comment-text.ts';
import type { ReplyNotifier } from './notifications/reply-notifier.ts';
import type { Akismet } from './spam/akismet.ts';
import { createFormTime } from './spam/form-time.ts';
import { checkContent } from './spam/spam-layers.ts';

export type CommentServiceOptions = {
  database: Database;
  clock: Clock;
  events: EventBus;
  secret: string;
  urls: Urls;
  articles: ArticleService;
  settings: SettingsService;
  commentSettings: CommentSettingsService;
  captcha: Captcha;
  notifier: ReplyNotifier;
  akismet?: Akismet | undefined;
};

export type SubmitResult = { comment: Comment; article: ArticleView };

export const toPublic = ({
  id,
  articleId,
  parentId,
  rootId,
  depth,
  status,
  authorName,
  authorUrl,
  bodyHtml,
  isStaff,
  isFeatured,
  isErased,
  createdAt,
}: Comment): PublicComment => ({
  id,
  articleId,
  parentId,
  rootId,
  depth,
  status,
  authorName,
  authorUrl,
  bodyHtml,
  isStaff,
  isFeatured,
  isErased,
  createdAt,
});

/** Threads from a flat list in display order: replies under their parent, oldest reply first. */
export function buildThreads(comments: PublicComment[]): CommentNode[] {
  const nodes = new Map(comments.map((c) => [c.id, { ...c, replies: [] as CommentNode[] }]));
  const roots: CommentNode[] = [];
  for (const node of nodes.values()) {
    const parent = node.parentId ? nodes.get(node.parentId) : undefined;
    if (parent) parent.replies.push(node);
    else if (node.depth === 0) roots.push(node);
  }
  return roots;
}

const rejection = (code: string, message: string, status: number, field?: string) =>
  new AppError({ code, message, status, ...(field ? { field } : {}) });

/**
 * Reader comments: taking one in through every spam layer, and reading an article's threads.
 * Network checks (a third-party CAPTCHA, Akismet) run before the transaction, so SQLite's single
 * writer is never held waiting on the network.
 */
export function createCommentService(options: CommentServiceOptions) {
  const { database, clock, events, captcha, notifier } = options;
  const { db, dialect } = database;
  const repo = createCommentRepository({ dialect });
  const guards = createCommentGuardRepository({ dialect });
  const ipKey = deriveKey(options.secret, 'comment-ip-hash');
  const formTime = createFormTime(deriveKey(options.secret, 'comment-form-time'));
  const hashIp = (ip: string) => createHmac('sha256', ipKey).update(ip).digest('base64url').slice(0, 32);

  async function openArticle(articleId: string, settings: CommentSettings): Promise<ArticleView> {
    let article: ArticleView;
    try {
      article = await options.articles.get({ kind: 'article', ref: articleId, statuses: ['published'] });
    } catch (error) {
      if (error instanceof NotFoundError)
        throw ValidationError.field(
          'article_id',
          'COMMENT_ARTICLE_INVALID',
          'This comment does not belong to an article.',
        );
      throw error;
    }
    if (!isOpen(article, settings))
      throw rejection('COMMENTS_CLOSED', 'Comments are closed on this article.', 403);
    return article;
  }

  /** Comments on, the article open to them, and not yet `close_after_days` past publication (by `clock`). */
  function isOpen(article: ArticleView, settings: CommentSettings): boolean {
    const closesAt =
      settings.close_after_days > 0 && article.publishedAt
        ? article.publishedAt.getTime() + settings.close_after_days * 86_400_000
        : Number.POSITIVE_INFINITY;
    return settings.enabled && article.hasCommentsOpen && clock.now().getTime() <= closesAt;
  }

  async function placeReply(
    executor: Executor,
    submission: CommentSubmission,
    settings: CommentSettings,
  ): Promise<{ parent: Comment | null; rootId: string | null; depth: number }> {
    if (!submission.parentId) return { parent: null, rootId: null, depth: 0 };
    let parent = await repo.find(executor, submission.parentId);
    if (
      !parent ||
      parent.articleId !== submission.articleId ||
      parent.status !== 'approved' ||
      parent.isErased
    )
      throw ValidationError.field(
        'parent_id',
        'COMMENT_PARENT_INVALID',
        'The comment you replied to is not available.',
      );
    // Past the deepest level a reply joins its parent's level, as WordPress threads do.
    while (parent.depth + 1 >= settings.max_depth && parent.parentId) {
      const up = await repo.find(executor, parent.parentId);
      if (!up) break;
      parent = up;
    }
    if (parent.depth + 1 >= settings.max_depth) return { parent: null, rootId: null, depth: 0 };
    return { parent, rootId: parent.rootId, depth: parent.depth + 1 };
  }

  return {
    hashIp,
    formTime,
    isOpen,
    /** The signed render time for a form shown now (the minimum-time check reads it back). */
    signFormTime: () => formTime.sign(clock.now()),

    /**
     * Takes a comment through validation, the CAPTCHA and every spam layer, then stores it as
     * approved, pending (with the reason) or spam. Throws field errors (422), COMMENTS_CLOSED (403),
     * COMMENT_BANNED (403), COMMENT_RATE_LIMITED (429) and COMMENT_DUPLICATE (409).
     */
    async submit(
      raw: unknown,
      origin: RequestOrigin,
      captchaPayload: string | undefined,
    ): Promise<SubmitResult> {
      const settings = await options.commentSettings.get();
      const submission = parseSubmission(raw, { isEmailRequired: settings.require_email });
      const article = await openArticle(submission.articleId, settings);
      const now = clock.now();
      const ipHash = hashIp(origin.ip);
      const content = checkContent(
        {
          body: submission.body,
          name: submission.name,
          url: submission.url,
          email: submission.email,
          honeypot: submission.honeypot,
          secondsSinceRender: submission.formTime ? formTime.secondsSince(submission.formTime, now) : null,
        },
        settings,
      );
      if (content.action === 'reject')
        throw ValidationError.field(
          'body',
          content.code,
          `Your comment contains a word that is not allowed here: “${content.detail}”.`,
        );

      const isThirdParty = captcha.provider !== 'altcha';
      const early = isThirdParty
        ? await captcha.verify({ payload: captchaPayload, remoteIp: origin.ip })
        : null;
      const akismetVerdict =
        options.akismet && settings.akismet && content.action === 'pass'
          ? await options.akismet.check({
              user_ip: origin.ip,
              user_agent: origin.userAgent,
              referrer: origin.referrer,
              permalink: options.urls.permalinkOf(article, await options.settings.get()),
              comment_type: submission.parentId ? 'reply' : 'comment',
              comment_author: submission.name,
              ...(submission.email ? { comment_author_email: submission.email } : {}),
              ...(submission.url ? { comment_author_url: submission.url } : {}),
              comment_content: submission.body,
              comment_date_gmt: now,
              comment_post_modified_gmt: article.updatedAt,
              blog_lang: article.language,
            })
          : null;

      // Read before the transaction: on SQLite nothing may query outside it while it is open.
      const site = await options.settings.get();
      // Pure work stays out of the transaction: SQLite has one writer, every millisecond in it counts.
      const bodyHtml = renderCommentBody(submission.body);
      const comment = await withTransaction(db, async (trx) => {
        const verdict =
          early ?? (await captcha.verify({ payload: captchaPayload, remoteIp: origin.ip, executor: trx }));
        if (!verdict.ok && verdict.code !== 'CAPTCHA_MISSING' && verdict.code !== 'CAPTCHA_UNAVAILABLE')
          throw ValidationError.field(
            captcha.widget.field,
            verdict.code,
            captchaMessages[verdict.code] ?? verdict.code,
          );
        if (await guards.isBanned(trx, { email: submission.email, ipHash }))
          throw rejection('COMMENT_BANNED', 'You cannot comment on this site.', 403);
        const since = new Date(now.getTime() - settings.rate_window_minutes * 60_000);
        const isTooMany =
          (settings.ip_rate_limit > 0 &&
            (await repo.countSince(trx, { column: 'ip_hash', value: ipHash, since })) >=
              settings.ip_rate_limit) ||
          (settings.email_rate_limit > 0 &&
            submission.email !== null &&
            (await repo.countSince(trx, { column: 'author_email', value: submission.email, since })) >=
              settings.email_rate_limit);
        if (isTooMany)
          throw rejection('COMMENT_RATE_LIMITED', 'You are posting comments too quickly. Slow down.', 429);
        if (
          settings.duplicate_check &&
          (await repo.hasDuplicate(trx, {
            articleId: article.id,
            body: submission.body,
            email: submission.email,
            ipHash,
          }))
        )
          throw rejection(
            'COMMENT_DUPLICATE',
            'Duplicate comment detected; it looks as though you’ve already said that!',
            409,
            'body',
          );
        const place = await placeReply(trx, submission, settings);

        let status = 'approved' as Comment['status'];
        let holdReason: HoldReason | null = null;
        let holdDetail: string | null = null;
        const hold = (reason: HoldReason, detail: string | null, as: 'pending' | 'spam' = 'pending') => {
          if (status !== 'approved') return;
          status = as;
          holdReason = reason;
          holdDetail = detail;
        };
        if (content.action === 'spam') hold(content.reason, content.detail, 'spam');
        if (content.action === 'hold') hold(content.reason, content.detail);
        if (akismetVerdict === 'spam' || akismetVerdict === 'discard')
          hold('akismet', akismetVerdict, 'spam');
        if (akismetVerdict === 'unavailable') hold('akismet_unavailable', null);
        if (!verdict.ok)
          hold(
            verdict.code === 'CAPTCHA_MISSING' ? 'no_captcha' : 'captcha_unavailable',
            verdict.detail ?? null,
          );
        if (
          settings.hold_first_time &&
          (!submission.email ||
            (await repo.approvedCountByEmail(trx, submission.email)) < settings.approved_to_trust)
        )
          hold('first_time', null);
        if (settings.hold_all) hold('all_held', null);

        const id = newId();
        await repo.insert(trx, {
          id,
          articleId: article.id,
          parentId: place.parent?.id ?? null,
          rootId: place.rootId ?? id,
          depth: place.depth,
          status,
          holdReason,
          holdDetail,
          authorName: submission.name,
          authorEmail: submission.email,
          authorUrl: submission.url,
          ipHash,
          userAgent: origin.userAgent.slice(0, 500) || null,
          body: submission.body,
          bodyHtml,
          isStaff: false,
          notifyReplies: submission.notifyReplies,
          now,
        });
        const stored = (await repo.find(trx, id)) as Comment;
        const articleRef = { title: article.title, url: options.urls.permalinkOf(article, site) };
        if (submission.notifyReplies && submission.email && status !== 'spam')
          await notifier.requestOptIn(trx, {
            email: submission.email,
            name: submission.name,
            language: article.language,
            article: articleRef,
          });
        if (status === 'approved' && place.parent)
          await notifyReply(trx, {
            reply: stored,
            parent: place.parent,
            article: articleRef,
            language: article.language,
          });
        return stored;
      });
      if (comment.status === 'approved')
        events.emit('comment.changed', { id: comment.id, articleId: article.id });
      return { comment, article };
    },

    /**
     * One page of an article's approved threads, its featured comments and how many threads there
     * are. `known.approved`: how many approved comments the article has, when the caller has counted.
     */
    async threadsOf(articleId: string, page = 1, known: { approved?: number } = {}) {
      const settings = await options.commentSettings.get();
      const perPage = settings.threads_per_page;
      // Most articles have no comment: when the caller has counted none, there is nothing to read.
      if (known.approved === 0)
        return { threads: [], featured: [], count: 0, threadCount: 0, page, pages: 1, settings };
      const [{ comments, threadCount }, featured] = await Promise.all([
        repo.approvedThreads(db, {
          articleId,
          order: settings.order,
          offset: (page - 1) * perPage,
          limit: perPage,
        }),
        repo.featured(db, articleId),
      ]);
      return {
        threads: buildThreads(comments.map(toPublic)),
        featured: featured.map(toPublic),
        count: comments.length,
        threadCount,
        page,
        pages: Math.max(1, Math.ceil(threadCount / perPage)),
        settings,
      };
    },

    /** The page of an article's comment area that holds a comment's thread (1 when unknown). */
    async pageOf(comment: Comment): Promise<number> {
      const settings = await options.commentSettings.get();
      const root = comment.depth === 0 ? comment : await repo.find(db, comment.rootId);
      if (!root) return 1;
      return Math.floor((await repo.threadsBefore(db, root, settings.order)) / settings.threads_per_page) + 1;
    },

    approvedCounts: (articleIds: string[]) => repo.approvedCounts(db, articleIds),

    /** A pending comment for the reader who just wrote it (the moderation link is signed). */
    async findPending(id: string): Promise<PublicComment | null> {
      const comment = await repo.find(db, id);
      return comment && comment.status === 'pending' ? toPublic(comment) : null;
    },

    moderationHash: (id: string) =>
      createHmac('sha256', deriveKey(options.secret, 'comment-moderation-hash'))
        .update(id)
        .digest('base64url')
        .slice(0, 22),
  };

  async function notifyReply(
    trx: Executor,
    input: { reply: Comment; parent: Comment; article: { title: string; url: string }; language: string },
  ) {
    await notifier.notifyApprovedReply(trx, {
      parent: {
        id: input.parent.id,
        email: input.parent.authorEmail,
        name: input.parent.authorName,
        notifyReplies: input.parent.notifyReplies,
      },
      reply: {
        id: input.reply.id,
        email: input.reply.authorEmail,
        name: input.reply.authorName,
        bodyText: input.reply.body,
      },
      article: input.article,
      commentUrl: `${input.article.url}#comment-${input.reply.id}`,
      language: input.language,
    });
  }
}

export const captchaMessages: Record<string, string> = {
  CAPTCHA_INVALID: 'The anti-spam check did not pass. Please send your comment again.',
  CAPTCHA_EXPIRED: 'The anti-spam check expired. It has renewed itself: please send your comment again.',
  CAPTCHA_REPLAYED: 'The anti-spam check was already used. Please send your comment again.',
};

export type CommentService = ReturnType<typeof createCommentService>;
