import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ComponentChildren } from 'preact';
import { AppError, type ErrorDetail } from '../lib/errors.ts';
import type { Translator } from '../lib/i18n.ts';
import type { SiteContext } from '../site/site-context.ts';
import { sendPrivatePage } from '../site/site-page.tsx';
import { NoticeView } from '../site/views/notice.tsx';
import type { Subscribe } from './subscribe.ts';
import { type SignupSource, signupSources } from './subscribe-input.ts';
import { subscribePaths as paths } from './subscribe-links.ts';
import { SubscribeForm } from './views/subscribe-form.tsx';

export type SubscribeRouteDeps = { site: SiteContext; subscribe: Subscribe; isRateLimited: boolean };

type Form = Record<string, unknown>;

const formOf = (request: FastifyRequest): Form =>
  typeof request.body === 'object' && request.body !== null ? (request.body as Form) : {};
const text = (value: unknown): string => (typeof value === 'string' ? value : '');
const list = (value: unknown): string[] =>
  (Array.isArray(value) ? value : [value]).filter((item): item is string => typeof item === 'string');
const tokenOf = (request: FastifyRequest): unknown => (request.query as Record<string, unknown>).token;

/** Signups a client may send in ten minutes: enough for a family behind one address, not for a script. */
const SIGNUPS_PER_10_MINUTES = 10;

/**
 * The public side of Subscribe: the /subscribe page and form, the confirmation link, and the
 * unsubscribe link (GET shows a button, POST unsubscribes: RFC 8058 one-click). Pages about one
 * reader are sent with `Cache-Control: no-store`.
 *
 * @example
 * await registerSubscribeRoutes(site, { site: ctx, subscribe, isRateLimited: true });
 */
export async function registerSubscribeRoutes(app: FastifyInstance, deps: SubscribeRouteDeps): Promise<void> {
  const { site, subscribe } = deps;
  const limited = (max: number) =>
    deps.isRateLimited ? { config: { rateLimit: { max, timeWindow: '10 minutes' } } } : {};

  async function translator(): Promise<Translator> {
    const settings = await site.services.settings.get();
    return site.i18n.forLanguage(settings.locale);
  }

  async function page(
    reply: FastifyReply,
    options: {
      path: string;
      title: (tr: Translator) => string;
      body: (tr: Translator) => ComponentChildren;
      status?: number;
    },
  ) {
    const tr = await translator();
    return sendPrivatePage(reply, site, {
      title: options.title(tr),
      tr,
      path: options.path,
      body: options.body(tr),
      status: options.status ?? 200,
    });
  }

  async function formPage(reply: FastifyReply, form: Form, errors: ErrorDetail[], status: number) {
    const newsletters = await subscribe.newsletters.listAll();
    return page(reply, {
      path: paths.subscribe,
      status,
      title: (tr) => tr.t('subscribe.pageTitle'),
      body: (tr) => (
        <div class="subscribe-page">
          <SubscribeForm
            tr={tr}
            newsletters={newsletters}
            source="page"
            errors={errors}
            values={
              Object.keys(form).length > 0
                ? { email: text(form.email), name: text(form.name), newsletters: list(form.newsletters) }
                : {}
            }
          />
        </div>
      ),
    });
  }

  app.get(paths.subscribe, (_request, reply) => formPage(reply, {}, [], 200));

  app.post(paths.subscribe, limited(SIGNUPS_PER_10_MINUTES), async (request, reply) => {
    const form = formOf(request);
    const source = signupSources.includes(text(form.source) as SignupSource)
      ? (text(form.source) as SignupSource)
      : 'page';
    try {
      await subscribe.signup.signup(
        { email: text(form.email), name: text(form.name), newsletters: list(form.newsletters) },
        { source },
      );
    } catch (error) {
      // The reader's words come back in the form with the reason beside the field: nothing typed is lost.
      if (error instanceof AppError && error.status === 422) return formPage(reply, form, error.details, 422);
      throw error;
    }
    return page(reply, {
      path: paths.subscribe,
      title: (tr) => tr.t('subscribe.checkInboxTitle'),
      body: (tr) => (
        <NoticeView title={tr.t('subscribe.checkInboxTitle')} lines={[tr.t('subscribe.checkInboxBody')]} />
      ),
    });
  });

  app.get(paths.confirm, async (request, reply) => {
    const outcome = await subscribe.signup.confirm(tokenOf(request));
    const status = { confirmed: 200, used: 200, invalid: 400, expired: 410 }[outcome.status];
    return page(reply, {
      path: paths.confirm,
      status,
      title: (tr) => tr.t(`subscribe.confirm.${outcome.status}Title`),
      body: (tr) => (
        <NoticeView
          title={tr.t(`subscribe.confirm.${outcome.status}Title`)}
          lines={[
            outcome.status === 'confirmed'
              ? tr.t('subscribe.confirm.confirmedBody', {
                  newsletters: outcome.newsletters.map((newsletter) => newsletter.name).join(', '),
                  email: outcome.email,
                })
              : tr.t(`subscribe.confirm.${outcome.status}Body`),
          ]}
          link={
            outcome.status === 'confirmed' || outcome.status === 'used'
              ? { href: paths.account, label: tr.t('subscribe.manageLink') }
              : { href: paths.subscribe, label: tr.t('subscribe.again') }
          }
        />
      ),
    });
  });

  await app.register(async (unsubscribe) => {
    // RFC 8058 §3.1: mail clients POST multipart/form-data (or urlencoded). The token is in the URL,
    // so the body is read only to be discarded.
    unsubscribe.addContentTypeParser(
      'multipart/form-data',
      { parseAs: 'string', bodyLimit: 10_000 },
      (_r, _b, done) => done(null, {}),
    );

    unsubscribe.get(paths.unsubscribe, async (request, reply) => {
      const outcome = await subscribe.signup.checkUnsubscribe(tokenOf(request));
      if (outcome.status !== 'ok') return invalidUnsubscribe(reply);
      const names = outcome.newsletters.map((newsletter) => newsletter.name).join(', ');
      const token = tokenOf(request) as string;
      return page(reply, {
        path: paths.unsubscribe,
        title: (tr) => tr.t('subscribe.unsubscribe.title'),
        body: (tr) => (
          <NoticeView
            title={tr.t('subscribe.unsubscribe.title')}
            lines={[tr.t('subscribe.unsubscribe.question', { email: outcome.email, newsletters: names })]}
            button={{
              action: `${paths.unsubscribe}?token=${encodeURIComponent(token)}`,
              label: tr.t('subscribe.unsubscribe.button'),
              isOneClick: true,
            }}
          />
        ),
      });
    });

    unsubscribe.post(paths.unsubscribe, async (request, reply) => {
      const outcome = await subscribe.signup.unsubscribe(tokenOf(request));
      if (outcome.status !== 'ok') return invalidUnsubscribe(reply);
      const names = outcome.newsletters.map((newsletter) => newsletter.name).join(', ');
      return page(reply, {
        path: paths.unsubscribe,
        title: (tr) => tr.t('subscribe.unsubscribe.doneTitle'),
        body: (tr) => (
          <NoticeView
            title={tr.t('subscribe.unsubscribe.doneTitle')}
            lines={[tr.t('subscribe.unsubscribe.doneBody', { email: outcome.email, newsletters: names })]}
            link={{ href: paths.account, label: tr.t('subscribe.manageLink') }}
          />
        ),
      });
    });
  });

  function invalidUnsubscribe(reply: FastifyReply) {
    return page(reply, {
      path: paths.unsubscribe,
      status: 400,
      title: (tr) => tr.t('subscribe.unsubscribe.invalidTitle'),
      body: (tr) => (
        <NoticeView
          title={tr.t('subscribe.unsubscribe.invalidTitle')}
          lines={[tr.t('subscribe.unsubscribe.invalidBody')]}
          link={{ href: paths.account, label: tr.t('subscribe.manageLink') }}
        />
      ),
    });
  }
}
