import type { HtmlErrorRenderer } from '../lib/http/error-handler.ts';
import type { SiteContext } from './site-context.ts';
import { renderSitePage } from './site-page.tsx';

/**
 * The site's error pages: a friendly 404 with a way back, or the error's own message, in the
 * site's design and language.
 */
export function createErrorPageRenderer(ctx: SiteContext): HtmlErrorRenderer {
  return async ({ status, errors }) => {
    const site = await ctx.services.settings.get();
    const tr = ctx.i18n.forLanguage(site.locale);
    const isNotFound = status === 404;
    const title = isNotFound ? tr.t('notFound.title') : `${status}`;
    const page = await renderSitePage(ctx, {
      page: { title: `${title} | ${site.title}`, canonical: ctx.urls.home(), tr, isNoIndex: true },
      keys: [],
      status,
      body: (
        <>
          <h1>{title}</h1>
          {isNotFound ? <p>{tr.t('notFound.body')}</p> : errors.map((e) => <p key={e.code}>{e.message}</p>)}
          <p>
            <a href={ctx.urls.home()}>{tr.t('notFound.backHome')}</a>
          </p>
        </>
      ),
    });
    return page.body;
  };
}
