import fastifyCookie from '@fastify/cookie';
import fastifyFormbody from '@fastify/formbody';
import fastifyHelmet from '@fastify/helmet';
import fastifyRateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import { registerArticleAdminApi } from './articles/article-api.ts';
import { registerArticleContentApi } from './articles/article-content-api.ts';
import { createPreviewLinks } from './articles/preview/preview-links.ts';
import { registerPreviewRoute } from './articles/preview/preview-routes.ts';
import { registerAuditApi } from './audit/audit-api.ts';
import { openActorScope } from './auth/actor.ts';
import { registerApiTokenApi } from './auth/api-token-api.ts';
import type { Captcha } from './captcha/captcha.ts';
import { withCaptchaCsp } from './captcha/captcha-providers.ts';
import { registerCaptchaRoutes } from './captcha/captcha-routes.ts';
import { registerCommentAdminApi } from './comments/comment-admin-api.ts';
import type { Comments } from './comments/comments.ts';
import type { Notifications } from './comments/notifications/notifications.ts';
import type { Config } from './config.ts';
import { registerDashboardApi } from './dashboard/dashboard-api.ts';
import { createDashboardService } from './dashboard/dashboard-service.ts';
import type { Database } from './db/connection.ts';
import { cacheHitServerFactory } from './lib/http/cache-hit-server.ts';
import { createErrorHandling } from './lib/http/error-handler.ts';
import { registerJsonBodyParser } from './lib/http/json-body.ts';
import type { PageCache } from './lib/http/page-cache.ts';
import type { I18n } from './lib/i18n.ts';
import { newId } from './lib/ids.ts';
import { resolveSiteSecret } from './lib/secret.ts';
import { mailStatus } from './mail/mail-admin.ts';
import { createMailAdminService } from './mail/mail-admin-service.ts';
import { registerMailApi } from './mail/mail-api.ts';
import { createImageInfo } from './media/image-info.ts';
import { registerMediaApi } from './media/media-api.ts';
import { cacheUploadsForever } from './media/media-storage.ts';
import { ADMIN_DIST, registerAdminApp } from './newsroom/admin-app.ts';
import { registerPersonApi } from './people/person-api.ts';
import type { Services } from './services.ts';
import { createErrorPageRenderer } from './site/error-page.tsx';
import { registerPublicSite } from './site/public-routes.ts';
import { registerSettingsApi } from './site/settings-api.ts';
import { siteStylesheet } from './site/site-assets.ts';
import type { Urls } from './site/urls.ts';
import { registerStaffApi } from './staff/staff-api.ts';
import { createAdminAuthentication } from './staff/staff-auth.ts';
import type { StaffService } from './staff/staff-service.ts';
import { registerAccountRoutes } from './subscribe/account-routes.tsx';
import { registerNewsletterAdminApi } from './subscribe/newsletter-api.ts';
import { registerNewsletterTrackingRoutes } from './subscribe/sending/newsletter-tracking.ts';
import type { Subscribe } from './subscribe/subscribe.ts';
import { registerSubscribeApi } from './subscribe/subscribe-api.ts';
import { registerSubscribeRoutes } from './subscribe/subscribe-routes.tsx';
import { registerTaxonomyApi } from './taxonomy/taxonomy-api.ts';

/** Per-client limit on what strangers can call; `0` (API_RATE_LIMIT=0) turns it off, e.g. behind a CDN that limits. */
async function limitRate(app: FastifyInstance, perMinute: number): Promise<void> {
  if (perMinute > 0) await app.register(fastifyRateLimit, { max: perMinute, timeWindow: '1 minute' });
}

export type AppDeps = {
  config: Config;
  database: Database;
  services: Services;
  urls: Urls;
  logger: Logger;
  cache: PageCache;
  i18n: I18n;
  captcha: Captcha;
  notifications: Notifications;
  comments: Comments;
  subscribe: Subscribe;
  staff: StaffService;
};

/**
 * The HTTP application with every module registered, not listening: `masthead serve` calls
 * `listen()`, tests call `inject()`.
 */
export async function buildApp({
  config,
  database,
  services,
  urls,
  logger,
  cache,
  i18n,
  captcha,
  notifications,
  comments,
  subscribe,
  staff,
}: AppDeps): Promise<FastifyInstance> {
  const siteContext = {
    config,
    services,
    urls,
    cache,
    i18n,
    notifications,
    comments,
    subscribe,
    captcha,
    images: createImageInfo({ mediaDir: config.mediaDir }),
  };
  // The article editor's preview links, signed with the site secret (already resolved at start-up).
  const previews = createPreviewLinks({
    secret: await resolveSiteSecret({ database, configured: config.secret, now: subscribe.clock.now() }),
    clock: subscribe.clock,
    siteUrl: config.siteUrl,
  });
  const errors = createErrorHandling({ renderHtml: createErrorPageRenderer(siteContext) });
  const app = Fastify({
    loggerInstance: logger as FastifyBaseLogger,
    bodyLimit: config.bodyLimit,
    // Client addresses come from X-Forwarded-For only when the hop is a proxy the operator named.
    trustProxy: config.trustProxy.length > 0 ? config.trustProxy : false,
    genReqId: () => newId(),
    requestIdHeader: false,
    frameworkErrors: errors.handleFrameworkError,
    routerOptions: { ignoreTrailingSlash: true, maxParamLength: 500 },
    // Page-cache hits are answered by the server before Fastify routes them.
    serverFactory: cacheHitServerFactory({ cache, logger }),
  });

  errors.register(app);
  registerJsonBodyParser(app);
  await app.register(fastifyHelmet, {
    // No third-party scripts, styles or fonts; images may come from https hosts (featured images
    // on a CDN). Upgrading to https is left to the proxy that terminates TLS.
    contentSecurityPolicy: {
      // A third-party CAPTCHA's script and frames are allowed only when that provider is configured.
      directives: withCaptchaCsp(config.captcha.provider, {
        'img-src': ["'self'", 'data:', 'https:'],
        // Style elements: the theme's own inline stylesheet by its hash, stylesheets from files.
        'style-src-elem': ["'self'", 'https:', siteStylesheet.hash],
        'frame-src': [
          'https://www.youtube-nocookie.com',
          'https://www.youtube.com',
          'https://player.vimeo.com',
        ],
        'upgrade-insecure-requests': null,
      }),
    },
  });
  await app.register(fastifyRateLimit, { global: false });
  // Reads cookies for reader sessions; no signing: session ids are random and checked in the database.
  await app.register(fastifyCookie);
  await app.register(fastifyStatic, {
    root: config.mediaDir,
    prefix: '/media/',
    decorateReply: false,
    maxAge: '7d',
    immutable: false,
    setHeaders: cacheUploadsForever(config.mediaDir),
  });

  app.get('/healthz', async () => {
    await database.db.selectFrom('settings').select('key').limit(1).execute();
    return { status: 'ok' };
  });

  await app.register(
    async (admin) => {
      await limitRate(admin, config.apiRateLimit);
      // Every Admin API request runs in its own actor box; authentication names who is in it.
      admin.addHook('onRequest', (_request, _reply, done) => openActorScope(done));
      // A Bearer token, or the staff session cookie (with X-CSRF-Token on writes); see staff-auth.ts.
      const auth = createAdminAuthentication({
        tokens: services.tokens,
        staff,
        isSecure: config.siteUrl.startsWith('https:'),
      });
      admin.addHook('preHandler', auth.preHandler);
      registerStaffApi(admin, { staff, auth, isRateLimited: config.apiRateLimit > 0 });
      registerArticleAdminApi(admin, {
        articles: services.articles,
        settings: services.settings,
        urls,
        previews,
      });
      registerTaxonomyApi(admin, { taxonomy: services.taxonomy, urls, isWritable: true });
      registerPersonApi(admin, { people: services.people, urls, isWritable: true });
      registerSettingsApi(admin, { settings: services.settings, urls, isWritable: true });
      registerNewsletterAdminApi(admin, subscribe.adminDeps);
      registerAuditApi(admin, { audit: services.audit });
      registerApiTokenApi(admin, { tokens: services.tokens });
      registerMailApi(admin, {
        mail: createMailAdminService({
          database,
          clock: subscribe.clock,
          settings: services.settings,
          status: mailStatus({ smtpUrl: config.smtpUrl, from: config.mailFrom }),
        }),
      });
      registerDashboardApi(admin, {
        dashboard: createDashboardService({
          articles: services.articles,
          comments: comments.moderation,
          subscribers: subscribe.directory,
        }),
      });
      await admin.register(registerMediaApi, { media: services.media });
      registerCommentAdminApi(admin, comments, {
        staffName: async () => (await services.settings.get()).title,
      });
    },
    { prefix: '/api/admin' },
  );

  await app.register(
    async (content) => {
      await limitRate(content, config.apiRateLimit);
      content.addHook('onSend', async (_request, reply) => {
        reply.header('Access-Control-Allow-Origin', '*');
        if (!reply.hasHeader('Cache-Control'))
          reply.header('Cache-Control', 'public, max-age=60, stale-while-revalidate=300');
      });
      registerArticleContentApi(content, { articles: services.articles, settings: services.settings, urls });
      registerTaxonomyApi(content, { taxonomy: services.taxonomy, urls, isWritable: false });
      registerPersonApi(content, { people: services.people, urls, isWritable: false });
      registerSettingsApi(content, { settings: services.settings, urls, isWritable: false });
    },
    { prefix: '/api/content' },
  );

  await app.register(registerAdminApp, { distDir: ADMIN_DIST });
  await registerCaptchaRoutes(app, { captcha, isRateLimited: config.apiRateLimit > 0 });
  registerSubscribeApi(app, { subscribe, isRateLimited: config.apiRateLimit > 0 });
  await app.register(async (site) => {
    // HTML forms post form-encoded bodies; the JSON APIs keep answering 415 to them.
    await site.register(fastifyFormbody);
    await registerSubscribeRoutes(site, {
      site: siteContext,
      subscribe,
      isRateLimited: config.apiRateLimit > 0,
    });
    await registerAccountRoutes(site, {
      site: siteContext,
      subscribe,
      isRateLimited: config.apiRateLimit > 0,
    });
    await registerNewsletterTrackingRoutes(site, {
      tracking: subscribe.tracking,
      database,
      clock: subscribe.clock,
    });
    registerPreviewRoute(site, { site: siteContext, previews });
    await registerPublicSite(site, siteContext);
  });

  return app;
}
