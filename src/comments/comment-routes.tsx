import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ComponentChildren } from 'preact';
import { captchaPayloadFrom } from '../captcha/captcha.ts';
import { AppError, type ErrorDetail, NotFoundError } from '../lib/errors.ts';
import type { Translator } from '../lib/i18n.ts';
import { isUuid } from '../lib/ids.ts';
import type { SiteContext } from '../site/site-context.ts';
import { sendPrivatePage } from '../site/site-page.tsx';
import { reportReasons } from './comment.ts';
import { originOf, strangerLimit, translated } from './comment-api.ts';
import { CommentForm, type CommentFormValues, messageOf } from './views/comment-form.tsx';
import { CommentBody, type CommentDisplay } from './views/comment-item.tsx';

type Form = Record<string, unknown>;
const formValue = (form: Form, key: string): string =>
  typeof form[key] === 'string' ? (form[key] as string) : '';

/**
 * The comment form without JavaScript: `POST /comments` answers 303 to the comment (or to a page
 * saying it awaits moderation), or 422 with the form again, every value kept and each message
 * beside its field. Replying and reporting have small pages of their own, so the cached article
 * page stays the same for everyone.
 */
export function registerCommentRoutes(app: FastifyInstance, ctx: SiteContext): void {
  const { service, moderation } = ctx.comments;

  const send = (
    reply: FastifyReply,
    options: { title: string; tr: Translator; path: string; status?: number; body: ComponentChildren },
  ) => sendPrivatePage(reply, ctx, { ...options, body: <div class="comment-page">{options.body}</div> });

  async function articleFor(articleId: string) {
    if (!isUuid(articleId)) return null;
    try {
      return await ctx.services.articles.get({ kind: 'article', ref: articleId, statuses: ['published'] });
    } catch (error) {
      if (error instanceof NotFoundError) return null;
      throw error;
    }
  }

  /** The form again, on a page of its own, with what the reader wrote and why it was refused. */
  async function formPage(reply: FastifyReply, form: Form, errors: ErrorDetail[], status: number) {
    const article = await articleFor(formValue(form, 'article_id'));
    const tr = ctx.i18n.forLanguage(article?.language ?? formValue(form, 'lang') ?? 'en');
    const site = await ctx.services.settings.get();
    const settings = await ctx.comments.settings.get();
    const values: CommentFormValues = Object.fromEntries(
      (['name', 'email', 'url', 'body', 'parent_id'] as const).map((key) => [key, formValue(form, key)]),
    );
    values.notify_replies = ['1', 'on', 'true'].includes(formValue(form, 'notify_replies')) ? '1' : '';
    return send(reply, {
      title: tr.t('comments.fixTitle'),
      tr,
      path: '/comments',
      status,
      body: (
        <>
          <h1>{tr.t('comments.fixTitle')}</h1>
          <p>
            {article ? (
              <a href={`${ctx.urls.permalinkOf(article, site)}#comments`}>
                {tr.t('comments.backTo', { title: article.title })}
              </a>
            ) : (
              tr.t('comments.fixIntro')
            )}
          </p>
          <CommentForm
            tr={tr}
            action={`${ctx.urls.home()}comments`}
            articleId={formValue(form, 'article_id')}
            language={article?.language ?? tr.language}
            formTime={formValue(form, 'form_time')}
            captcha={ctx.captcha.widget}
            isEmailRequired={settings.require_email}
            values={values}
            errors={errors}
          />
        </>
      ),
    });
  }

  app.post('/comments', strangerLimit(ctx, 30), async (request, reply) => {
    const form = (request.body ?? {}) as Form;
    try {
      const { comment, article } = await service.submit(
        form,
        originOf(request),
        captchaPayloadFrom(form, ctx.captcha.provider),
      );
      const site = await ctx.services.settings.get();
      const articleUrl = ctx.urls.permalinkOf(article, site);
      if (comment.status !== 'approved')
        return reply.redirect(
          `${ctx.urls.home()}comments/${comment.id}/pending?hash=${service.moderationHash(comment.id)}`,
          303,
        );
      const page = await service.pageOf(comment);
      return reply.redirect(`${articleUrl}${page > 1 ? `?cpage=${page}` : ''}#comment-${comment.id}`, 303);
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      const shown = translated(ctx, error, form.lang) as AppError;
      return formPage(reply, form, shown.details, error.status === 422 ? 422 : error.status);
    }
  });

  app.get<{ Params: { id: string }; Querystring: { hash?: string } }>(
    '/comments/:id/pending',
    async (request, reply) => {
      const { id } = request.params;
      const comment =
        isUuid(id) && request.query.hash === service.moderationHash(id)
          ? await service.findPending(id)
          : null;
      const article = comment ? await articleFor(comment.articleId) : null;
      if (!comment || !article)
        throw new NotFoundError('comment', 'This comment is no longer waiting for moderation.');
      const site = await ctx.services.settings.get();
      const tr = ctx.i18n.forLanguage(article.language);
      return send(reply, {
        title: tr.t('comments.pendingTitle'),
        tr,
        path: `/comments/${id}/pending`,
        body: (
          <>
            <h1>{tr.t('comments.pendingTitle')}</h1>
            <p role="status">{tr.t('comments.pending')}</p>
            <CommentBody comment={comment} display={displayFor(tr, site.timezone)} />
            <p>
              <a href={`${ctx.urls.permalinkOf(article, site)}#comments`}>
                {tr.t('comments.backTo', { title: article.title })}
              </a>
            </p>
          </>
        ),
      });
    },
  );

  const displayFor = (tr: Translator, timeZone: string): CommentDisplay => ({
    tr,
    timeZone,
    canReply: false,
    replyUrl: (id) => `${ctx.urls.home()}comments/reply/${id}`,
    reportUrl: (id) => `${ctx.urls.home()}comments/report/${id}`,
  });

  async function approvedComment(id: string) {
    const comment = isUuid(id) ? await moderation.get(id).catch(() => null) : null;
    const article =
      comment?.status === 'approved' && !comment.isErased ? await articleFor(comment.articleId) : null;
    if (!comment || !article) throw new NotFoundError('comment');
    return {
      comment,
      article,
      site: await ctx.services.settings.get(),
      tr: ctx.i18n.forLanguage(article.language),
    };
  }

  app.get<{ Params: { id: string } }>('/comments/reply/:id', async (request, reply) => {
    const { comment, article, site, tr } = await approvedComment(request.params.id);
    const settings = await ctx.comments.settings.get();
    return send(reply, {
      title: tr.t('comments.replyHeading', { name: comment.authorName }),
      tr,
      path: `/comments/reply/${comment.id}`,
      body: (
        <>
          <p>
            <a href={`${ctx.urls.permalinkOf(article, site)}#comment-${comment.id}`}>
              {tr.t('comments.backTo', { title: article.title })}
            </a>
          </p>
          <CommentBody comment={comment} display={displayFor(tr, site.timezone)} />
          <CommentForm
            tr={tr}
            action={`${ctx.urls.home()}comments`}
            articleId={article.id}
            language={article.language}
            formTime={service.signFormTime()}
            captcha={ctx.captcha.widget}
            isEmailRequired={settings.require_email}
            replyTo={{ id: comment.id, name: comment.authorName }}
          />
        </>
      ),
    });
  });

  const reportPage = async (
    reply: FastifyReply,
    id: string,
    outcome: { done?: boolean; error?: ErrorDetail; status?: number },
  ) => {
    const { comment, article, site, tr } = await approvedComment(id);
    const back = `${ctx.urls.permalinkOf(article, site)}#comment-${comment.id}`;
    return send(reply, {
      title: tr.t('comments.reportTitle'),
      tr,
      path: `/comments/report/${id}`,
      status: outcome.status ?? 200,
      body: outcome.done ? (
        <>
          <h1>{tr.t('comments.reportTitle')}</h1>
          <p role="status">{tr.t('comments.reportThanks')}</p>
          <p>
            <a href={back}>{tr.t('comments.backTo', { title: article.title })}</a>
          </p>
        </>
      ) : (
        <>
          <h1>{tr.t('comments.reportTitle')}</h1>
          <CommentBody comment={comment} display={displayFor(tr, site.timezone)} />
          <form method="post" action={`${ctx.urls.home()}comments/report/${id}`} class="report-form">
            <fieldset aria-describedby={outcome.error ? 'report-error' : undefined}>
              <legend>{tr.t('comments.reportReason')}</legend>
              {reportReasons.map((reason) => (
                <p key={reason}>
                  <input type="radio" id={`reason-${reason}`} name="reason" value={reason} required />
                  <label for={`reason-${reason}`}>{tr.t(`comments.reasons.${reason}`)}</label>
                </p>
              ))}
            </fieldset>
            {outcome.error ? (
              <p class="field-error" id="report-error" role="alert">
                {messageOf(tr, outcome.error)}
              </p>
            ) : null}
            <p>
              <label for="report-note">{tr.t('comments.reportNote')}</label>
              <textarea id="report-note" name="note" rows={3} maxLength={1000} />
            </p>
            <p>
              <button type="submit">{tr.t('comments.reportSubmit')}</button>{' '}
              <a href={back}>{tr.t('comments.cancel')}</a>
            </p>
          </form>
        </>
      ),
    });
  };

  app.get<{ Params: { id: string } }>('/comments/report/:id', async (request, reply) =>
    reportPage(reply, request.params.id, {}),
  );
  app.post<{ Params: { id: string } }>(
    '/comments/report/:id',
    strangerLimit(ctx, 10),
    async (request, reply) => {
      const form = (request.body ?? {}) as Form;
      try {
        await moderation.report(
          request.params.id,
          {
            reason: formValue(form, 'reason'),
            ...(formValue(form, 'note') ? { note: formValue(form, 'note') } : {}),
          },
          request.ip,
        );
        return reportPage(reply, request.params.id, { done: true });
      } catch (error) {
        if (!(error instanceof AppError) || error.status !== 422) throw error;
        return reportPage(reply, request.params.id, {
          error: { code: 'COMMENT_REPORT_REASON', message: 'Choose a reason.', field: 'reason' },
          status: 422,
        });
      }
    },
  );
}
