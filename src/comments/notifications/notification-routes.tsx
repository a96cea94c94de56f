import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ComponentChildren } from 'preact';
import type { Translator } from '../../lib/i18n.ts';
import type { SiteContext } from '../../site/site-context.ts';
import { sendPrivatePage } from '../../site/site-page.tsx';
import type { ForgetOutcome, ForgetRequests } from './forget-requests.ts';
import { notificationPaths as paths } from './notification-links.ts';
import type { Notifications } from './notifications.ts';
import type { LinkOutcome } from './reply-subscriptions.ts';
import { ForgetFormView, NoticeView, type PageLink } from './views/notification-pages.tsx';

export type NotificationRouteDeps = Pick<Notifications, 'subscriptions' | 'forget'> & { site: SiteContext };

type Page = { status?: number; title: string; body: ComponentChildren };

const tokenOf = (request: FastifyRequest): unknown => (request.query as Record<string, unknown>).token;

const emailOf = (request: FastifyRequest): string => {
  const email = (request.body as Record<string, unknown> | undefined)?.email;
  return typeof email === 'string' ? email : '';
};

/**
 * Pages behind the links in notification mails, and "delete my comments". Each answers with the
 * site's layout and `Cache-Control: no-store`: they are about one reader's address and must never
 * sit in a shared cache. A bad token gets a page saying so (400 changed, 410 too old), never a 500.
 *
 * @example
 * await registerNotificationRoutes(app, { site: ctx, ...notifications });
 */
export async function registerNotificationRoutes(app: FastifyInstance, deps: NotificationRouteDeps) {
  const { site, subscriptions, forget } = deps;

  async function send(reply: FastifyReply, path: string, build: (tr: Translator) => Page) {
    const settings = await site.services.settings.get();
    const tr = site.i18n.forLanguage(settings.locale);
    const page = build(tr);
    return sendPrivatePage(reply, site, {
      title: page.title,
      tr,
      path,
      body: page.body,
      status: page.status ?? 200,
    });
  }

  /**
   * The page for a link's outcome: `ok` builds it when the link worked; a changed link gets 400 and an
   * expired one 410, each saying what to do next.
   */
  function answer<O extends LinkOutcome | ForgetOutcome>(
    outcome: O,
    tr: Translator,
    expired: { body: string; link?: PageLink },
    ok: (outcome: Extract<O, { status: 'ok' }>) => Page,
  ): Page {
    const { t } = tr;
    if (outcome.status === 'invalid')
      return {
        status: 400,
        title: t('notifications.invalidTitle'),
        body: <NoticeView title={t('notifications.invalidTitle')} lines={[t('notifications.invalidBody')]} />,
      };
    if (outcome.status === 'expired')
      return {
        status: 410,
        title: t('notifications.expiredTitle'),
        body: (
          <NoticeView
            title={t('notifications.expiredTitle')}
            lines={[expired.body]}
            link={expired.link ?? null}
          />
        ),
      };
    return ok(outcome as Extract<O, { status: 'ok' }>);
  }

  const confirmExpiry = (tr: Translator) => ({ body: tr.t('notifications.expiredConfirmBody') });

  /** A page about a subscription: what the link did, then the button that undoes or redoes it. */
  const subscriptionPage = (
    outcome: LinkOutcome,
    tr: Translator,
    title: string,
    lines: () => string[],
  ): Page =>
    answer(outcome, tr, confirmExpiry(tr), (done) => {
      const { t } = tr;
      const button =
        done.state === 'receiving'
          ? {
              action: done.actions.unsubscribe,
              label: t('notifications.unsubscribeButton'),
              isOneClick: true,
            }
          : done.state === 'unsubscribed'
            ? { action: done.actions.resubscribe, label: t('notifications.resubscribeButton') }
            : null;
      return { title, body: <NoticeView title={title} lines={lines()} button={button} /> };
    });

  type Subscribed = Extract<LinkOutcome, { status: 'ok' }>;
  const stateKeys = {
    receiving: 'notifications.stateReceiving',
    unsubscribed: 'notifications.stateUnsubscribed',
    unconfirmed: 'notifications.stateUnconfirmed',
  } as const;
  const stateLine = (outcome: LinkOutcome, tr: Translator): string =>
    outcome.status === 'ok' ? tr.t(stateKeys[outcome.state], { email: outcome.email }) : '';
  const emailIn = (outcome: LinkOutcome | ForgetOutcome) => ({
    email: outcome.status === 'ok' ? outcome.email : '',
  });

  await app.register(async (scope) => {
    // RFC 8058 lets the mail client send its one-click POST as multipart/form-data; the body is
    // fixed ("List-Unsubscribe=One-Click") and the token is in the URL, so the body is not read.
    if (!scope.hasContentTypeParser('multipart/form-data'))
      scope.addContentTypeParser('multipart/form-data', (_request, payload, done) => {
        payload.resume();
        payload.on('end', () => done(null, {}));
        payload.on('error', (error) => done(error));
      });

    scope.get(paths.confirm, async (request, reply) => {
      const outcome = await subscriptions.confirm(tokenOf(request));
      return send(reply, paths.confirm, (tr) =>
        subscriptionPage(outcome, tr, tr.t('notifications.confirmedTitle'), () => [
          tr.t('notifications.confirmedBody', emailIn(outcome)),
        ]),
      );
    });

    // A GET only asks: mail scanners fetch links, and must not unsubscribe anyone by doing so.
    scope.get(paths.unsubscribe, async (request, reply) => {
      const outcome = await subscriptions.checkUnsubscribe(tokenOf(request));
      return send(reply, paths.unsubscribe, (tr) =>
        subscriptionPage(outcome, tr, tr.t('notifications.unsubscribeTitle'), () => [
          (outcome as Subscribed).state === 'receiving'
            ? tr.t('notifications.unsubscribeQuestion', emailIn(outcome))
            : stateLine(outcome, tr),
        ]),
      );
    });

    // RFC 8058 one-click: no cookie, no CSRF token; the signed token in the URL is the authority.
    scope.post(paths.unsubscribe, async (request, reply) => {
      const outcome = await subscriptions.unsubscribe(tokenOf(request));
      return send(reply, paths.unsubscribe, (tr) =>
        answer(outcome, tr, confirmExpiry(tr), (done) => {
          const title = tr.t('notifications.unsubscribedTitle');
          const lines = [tr.t('notifications.unsubscribedBody', { email: done.email })];
          const link = { href: done.actions.manage, label: tr.t('notifications.manageLink') };
          return { title, body: <NoticeView title={title} lines={lines} link={link} /> };
        }),
      );
    });

    scope.get(paths.manage, async (request, reply) => {
      const outcome = await subscriptions.status(tokenOf(request));
      return send(reply, paths.manage, (tr) =>
        subscriptionPage(outcome, tr, tr.t('notifications.manageTitle'), () => [stateLine(outcome, tr)]),
      );
    });

    scope.post(paths.resubscribe, async (request, reply) => {
      const outcome = await subscriptions.resubscribe(tokenOf(request));
      return send(reply, paths.manage, (tr) =>
        subscriptionPage(outcome, tr, tr.t('notifications.resubscribedTitle'), () => [
          stateLine(outcome, tr),
        ]),
      );
    });

    if (forget) registerForgetRoutes(scope, forget);
  });

  function registerForgetRoutes(scope: FastifyInstance, requests: ForgetRequests) {
    const formPage = (tr: Translator, value: string, error: string | null): Page => ({
      status: error ? 422 : 200,
      title: tr.t('notifications.forgetTitle'),
      body: <ForgetFormView tr={tr} action={paths.forget} email={value} error={error} />,
    });
    const forgetExpiry = (tr: Translator) => ({
      body: tr.t('notifications.expiredForgetBody'),
      link: { href: paths.forget, label: tr.t('notifications.askAgain') },
    });

    scope.get(paths.forget, async (_request, reply) =>
      send(reply, paths.forget, (tr) => formPage(tr, '', null)),
    );

    scope.post(
      paths.forget,
      // Per client, on top of one mail per address per hour: a stranger cannot sweep through addresses.
      { config: { rateLimit: { max: 10, timeWindow: '10 minutes' } } },
      async (request, reply) => {
        const value = emailOf(request);
        const settings = await site.services.settings.get();
        const result = await requests.request({ email: value, language: settings.locale });
        return send(reply, paths.forget, (tr) => {
          if (result.status === 'bad-email') return formPage(tr, value, tr.t('notifications.emailInvalid'));
          const title = tr.t('notifications.forgetSentTitle');
          const lines = [tr.t('notifications.forgetSentBody', { email: value.trim() })];
          return { title, body: <NoticeView title={title} lines={lines} /> };
        });
      },
    );

    // A GET only asks; the deletion needs the button's POST.
    scope.get(paths.forgetConfirm, async (request, reply) => {
      const token = tokenOf(request);
      const outcome = requests.check(token);
      return send(reply, paths.forgetConfirm, (tr) =>
        answer(outcome, tr, forgetExpiry(tr), (done) => {
          const title = tr.t('notifications.forgetConfirmTitle');
          const lines = [tr.t('notifications.forgetConfirmBody', { email: done.email })];
          const action = `${paths.forgetConfirm}?token=${encodeURIComponent(String(token))}`;
          const button = { action, label: tr.t('notifications.forgetConfirmButton') };
          return { title, body: <NoticeView title={title} lines={lines} button={button} /> };
        }),
      );
    });

    scope.post(paths.forgetConfirm, async (request, reply) => {
      const outcome = await requests.confirm(tokenOf(request));
      return send(reply, paths.forgetConfirm, (tr) =>
        answer(outcome, tr, forgetExpiry(tr), (done) => {
          const title = tr.t('notifications.forgetDoneTitle');
          const line = tr.t('notifications.forgetDone', { count: done.deleted ?? 0, email: done.email });
          return { title, body: <NoticeView title={title} lines={[line]} /> };
        }),
      );
    });
  }
}
