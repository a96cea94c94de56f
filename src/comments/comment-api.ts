import type { FastifyInstance, FastifyRequest } from 'fastify';
import { captchaPayloadFrom } from '../captcha/captcha.ts';
import { AppError, ValidationError } from '../lib/errors.ts';
import { parseRef } from '../lib/http/request-input.ts';
import type { SiteContext } from '../site/site-context.ts';
import type { RequestOrigin } from './comment.ts';
import { publicCommentJson } from './comment-json.ts';
import { messageOf } from './views/comment-form.tsx';

export const originOf = (request: FastifyRequest): RequestOrigin => ({
  ip: request.ip,
  userAgent: String(request.headers['user-agent'] ?? ''),
  referrer: String(request.headers.referer ?? ''),
});

/** What strangers may post: a few comments and reports a minute per address (0 turns it off). */
export const strangerLimit = (ctx: SiteContext, max: number) =>
  ctx.config.apiRateLimit > 0 ? { config: { rateLimit: { max, timeWindow: '1 minute' } } } : {};

/** An error's messages in the page's language (the form sends `lang`), codes and fields unchanged. */
export function translated(ctx: SiteContext, error: unknown, language: unknown): unknown {
  if (!(error instanceof AppError)) return error;
  const tr = ctx.i18n.forLanguage(typeof language === 'string' && language ? language : 'en');
  const details = error.details.map((detail) => ({ ...detail, message: messageOf(tr, detail) }));
  if (error instanceof ValidationError) return new ValidationError(details);
  return new AppError({
    code: error.code,
    status: error.status,
    message: details[0]?.message ?? error.message,
    details,
    ...(error.field ? { field: error.field } : {}),
  });
}

/**
 * The JSON twin of the comment form (`POST /api/comments`: 201 `{ comments: [...] }` or
 * `{ errors: [...] }`) and readers' reports. The enhanced form calls it; so can any client.
 */
export function registerCommentApi(app: FastifyInstance, ctx: SiteContext): void {
  const { service, moderation } = ctx.comments;

  app.post('/api/comments', strangerLimit(ctx, 30), async (request, reply) => {
    const body = (request.body ?? {}) as Record<string, unknown>;
    try {
      const { comment, article } = await service.submit(
        body,
        originOf(request),
        captchaPayloadFrom(body, ctx.captcha.provider),
      );
      const site = await ctx.services.settings.get();
      const url = `${ctx.urls.permalinkOf(article, site)}#comment-${comment.id}`;
      return reply
        .code(201)
        .header('Cache-Control', 'no-store')
        .send({ comments: [publicCommentJson(comment, url)] });
    } catch (error) {
      throw translated(ctx, error, body.lang);
    }
  });

  // Per reader and never cached: the form's signed render time, for pages served from a cache.
  app.get('/api/comments/form-time', strangerLimit(ctx, 60), async (_request, reply) =>
    reply.header('Cache-Control', 'no-store').send({ form_time: service.signFormTime() }),
  );

  app.post<{ Params: { id: string } }>(
    '/api/comments/:id/reports',
    strangerLimit(ctx, 10),
    async (request, reply) => {
      const id = parseRef(request.params.id);
      const { isNew } = await moderation.report(id, request.body, request.ip);
      return reply.code(isNew ? 201 : 200).send({ reports: [{ comment_id: id, is_new: isNew }] });
    },
  );
}
