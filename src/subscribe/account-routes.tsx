import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ComponentChildren } from 'preact';
import { personNameSchema } from '../lib/email-address.ts';
import { AppError, type ErrorDetail } from '../lib/errors.ts';
import type { Translator } from '../lib/i18n.ts';
import type { SiteContext } from '../site/site-context.ts';
import { sendPrivatePage } from '../site/site-page.tsx';
import { NoticeView } from '../site/views/notice.tsx';
import type { Account } from './account-service.ts';
import type { Subscribe } from './subscribe.ts';
import { subscribePaths as paths } from './subscribe-links.ts';
import { AccountView, LoginView } from './views/account-views.tsx';

/** The session cookie (HttpOnly) and a flag the page's script may read to know someone is signed in. */
export const READER_COOKIE = 'masthead_reader';
export const SIGNED_IN_COOKIE = 'masthead_signed_in';

type Form = Record<string, unknown>;
const formOf = (request: FastifyRequest): Form =>
  typeof request.body === 'object' && request.body !== null ? (request.body as Form) : {};
const text = (value: unknown): string => (typeof value === 'string' ? value : '');
const list = (value: unknown): string[] =>
  (Array.isArray(value) ? value : [value]).filter((item): item is string => typeof item === 'string');

/** Login links a client may ask for in ten minutes. */
const LOGINS_PER_10_MINUTES = 10;

export type AccountRouteDeps = { site: SiteContext; subscribe: Subscribe; isRateLimited: boolean };

/**
 * Reader accounts: /account/login (the form, and the magic link's landing), /account and its forms,
 * the data download and account deletion. Every page is private (`no-store`); every form carries a
 * CSRF token bound to the session.
 *
 * @example
 * await registerAccountRoutes(site, { site: ctx, subscribe, isRateLimited: true });
 */
export async function registerAccountRoutes(app: FastifyInstance, deps: AccountRouteDeps): Promise<void> {
  const { site, subscribe } = deps;
  const { accounts, csrf } = subscribe;
  const isSecure = site.config.siteUrl.startsWith('https:');
  const cookieOptions = { path: '/', sameSite: 'lax', secure: isSecure } as const;

  async function translator(): Promise<Translator> {
    const settings = await site.services.settings.get();
    return site.i18n.forLanguage(settings.locale);
  }

  async function page(
    reply: FastifyReply,
    path: string,
    title: (tr: Translator) => string,
    body: (tr: Translator) => ComponentChildren,
    status = 200,
  ) {
    const tr = await translator();
    return sendPrivatePage(reply, site, { title: title(tr), tr, path, body: body(tr), status });
  }

  const loginPage = (
    reply: FastifyReply,
    options: {
      email?: string;
      error?: ErrorDetail | null;
      notice?: (tr: Translator) => string;
      status?: number;
    } = {},
  ) =>
    page(
      reply,
      paths.login,
      (tr) => tr.t('account.loginTitle'),
      (tr) => (
        <LoginView
          tr={tr}
          email={options.email ?? ''}
          error={options.error ?? null}
          notice={options.notice?.(tr) ?? null}
        />
      ),
      options.status,
    );

  const sessionOf = (request: FastifyRequest): string => text(request.cookies[READER_COOKIE]);

  async function signedIn(request: FastifyRequest): Promise<Account | null> {
    return accounts.current(sessionOf(request));
  }

  async function accountPage(
    reply: FastifyReply,
    request: FastifyRequest,
    account: Account,
    extra: { saved?: string; error?: ErrorDetail } = {},
    status = 200,
  ) {
    const newsletters = await subscribe.newsletters.listAll();
    return page(
      reply,
      paths.account,
      (tr) => tr.t('account.title'),
      (tr) => (
        <AccountView
          tr={tr}
          email={account.subscriber.email}
          name={account.subscriber.name}
          newsletters={newsletters}
          chosen={account.newsletterIds}
          replies={account.replyNotifications}
          csrf={csrf.tokenFor(sessionOf(request))}
          saved={extra.saved ? tr.t(extra.saved) : null}
          error={extra.error ?? null}
        />
      ),
      status,
    );
  }

  /** A form post from the account page: signed in, with the session's CSRF token, or refused. */
  async function withAccount(
    request: FastifyRequest,
    reply: FastifyReply,
    act: (account: Account) => Promise<unknown>,
  ) {
    const account = await signedIn(request);
    if (!account) return reply.redirect(paths.login, 303);
    if (!csrf.isValid(sessionOf(request), formOf(request).csrf))
      return page(
        reply,
        paths.account,
        (tr) => tr.t('account.csrfTitle'),
        (tr) => (
          <NoticeView
            title={tr.t('account.csrfTitle')}
            lines={[tr.t('account.csrfBody')]}
            link={{ href: paths.account, label: tr.t('account.back') }}
          />
        ),
        403,
      );
    return act(account);
  }

  app.get(paths.login, async (request, reply) => {
    const token = (request.query as Record<string, unknown>).token;
    if (token === undefined) {
      if (await signedIn(request)) return reply.redirect(paths.account, 303);
      return loginPage(reply);
    }
    const outcome = await accounts.login(token);
    if (outcome.status !== 'ok')
      return loginPage(reply, {
        notice: (tr) => tr.t(`account.link.${outcome.status}`),
        status: outcome.status === 'expired' ? 410 : 400,
      });
    const maxAge = Math.floor((outcome.session.expiresAt.getTime() - subscribe.clock.now().getTime()) / 1000);
    // The old session, if any, ends: a login always starts a fresh session id.
    await accounts.logout(sessionOf(request));
    return reply
      .setCookie(READER_COOKIE, outcome.session.token, { ...cookieOptions, httpOnly: true, maxAge })
      .setCookie(SIGNED_IN_COOKIE, '1', { ...cookieOptions, httpOnly: false, maxAge })
      .redirect(paths.account, 303);
  });

  app.post(
    paths.login,
    deps.isRateLimited
      ? { config: { rateLimit: { max: LOGINS_PER_10_MINUTES, timeWindow: '10 minutes' } } }
      : {},
    async (request, reply) => {
      const email = text(formOf(request).email);
      try {
        await accounts.requestLogin({ email });
      } catch (error) {
        if (error instanceof AppError && error.status === 422)
          return loginPage(reply, { email, error: error.details[0] ?? null, status: 422 });
        throw error;
      }
      return page(
        reply,
        paths.login,
        (tr) => tr.t('account.checkInboxTitle'),
        (tr) => (
          <NoticeView title={tr.t('account.checkInboxTitle')} lines={[tr.t('account.checkInboxBody')]} />
        ),
      );
    },
  );

  app.get(paths.account, async (request, reply) => {
    const account = await signedIn(request);
    if (!account) return reply.redirect(paths.login, 303);
    const saved = text((request.query as Record<string, unknown>).saved);
    return accountPage(
      reply,
      request,
      account,
      saved === 'newsletters' || saved === 'replies' ? { saved: `account.saved.${saved}` } : {},
    );
  });

  app.post(`${paths.account}/newsletters`, (request, reply) =>
    withAccount(request, reply, async (account) => {
      const form = formOf(request);
      try {
        const parsedName = personNameSchema.safeParse(text(form.name));
        if (!parsedName.success)
          return accountPage(
            reply,
            request,
            account,
            { error: { code: 'INVALID', field: 'name', message: 'name' } },
            422,
          );
        const name = parsedName.data;
        await accounts.setName(account.subscriber, name);
        await accounts.setNewsletters(account.subscriber, list(form.newsletters));
      } catch (error) {
        if (error instanceof AppError && error.status === 422)
          return accountPage(reply, request, account, { error: error.details[0] as ErrorDetail }, 422);
        throw error;
      }
      return reply.redirect(`${paths.account}?saved=newsletters`, 303);
    }),
  );

  app.post(`${paths.account}/notifications`, (request, reply) =>
    withAccount(request, reply, async (account) => {
      await accounts.setReplyNotifications(account.subscriber, text(formOf(request).replies) === '1');
      return reply.redirect(`${paths.account}?saved=replies`, 303);
    }),
  );

  app.get(`${paths.account}/data`, async (request, reply) => {
    const account = await signedIn(request);
    if (!account) return reply.redirect(paths.login, 303);
    return reply
      .header('Cache-Control', 'no-store')
      .header('Content-Disposition', 'attachment; filename="my-data.json"')
      .type('application/json; charset=utf-8')
      .send(JSON.stringify(await accounts.exportData(account.subscriber), null, 2));
  });

  app.post(`${paths.account}/delete`, (request, reply) =>
    withAccount(request, reply, async (account) => {
      if (text(formOf(request).confirm) !== '1')
        return accountPage(
          reply,
          request,
          account,
          { error: { code: 'DELETE_NOT_CONFIRMED', field: 'confirm', message: 'confirm' } },
          422,
        );
      await accounts.deleteAccount(account.subscriber);
      clearCookies(reply);
      return page(
        reply,
        paths.account,
        (tr) => tr.t('account.deletedTitle'),
        (tr) => <NoticeView title={tr.t('account.deletedTitle')} lines={[tr.t('account.deletedBody')]} />,
      );
    }),
  );

  app.post(`${paths.account}/logout`, (request, reply) =>
    withAccount(request, reply, async () => {
      await accounts.logout(sessionOf(request));
      clearCookies(reply);
      return reply.redirect(paths.login, 303);
    }),
  );

  /** The signed-in reader's name and email, for prefilling the comment form (never cached). */
  app.get(`${paths.account}/me`, async (request, reply) => {
    const account = await signedIn(request);
    reply.header('Cache-Control', 'no-store');
    if (!account)
      return reply.code(401).send({ errors: [{ code: 'NOT_SIGNED_IN', message: 'Not signed in.' }] });
    return { email: account.subscriber.email, name: account.subscriber.name };
  });

  function clearCookies(reply: FastifyReply) {
    reply.clearCookie(READER_COOKIE, cookieOptions).clearCookie(SIGNED_IN_COOKIE, cookieOptions);
  }
}
