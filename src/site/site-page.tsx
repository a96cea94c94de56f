import type { FastifyReply } from 'fastify';
import type { ComponentChildren } from 'preact';
import type { PageInput } from '../lib/http/page-cache.ts';
import type { Translator } from '../lib/i18n.ts';
import { SubscribeForm } from '../subscribe/views/subscribe-form.tsx';
import { siteStylesheet } from './site-assets.ts';
import type { SiteContext } from './site-context.ts';
import { renderDocument } from './views/html.ts';
import { Layout, type PageMeta } from './views/layout.tsx';

export type SitePageOptions = {
  page: PageMeta;
  /** Cache keys of what the page shows; `settings` and `sections` are added (every page shows both). */
  keys: string[];
  body: ComponentChildren;
  status?: number;
  lastModified?: Date | null;
  /** No subscribe form in the footer (pages that are about subscribing already show one). */
  isSubscribeHidden?: boolean;
};

/**
 * Stands for the stylesheet while a page is rendered; the encoded stylesheet replaces it. It comes
 * first in the document, in `<head>`, so the first occurrence is the one the layout wrote.
 */
const STYLESHEET_MARK = '\u0000masthead-stylesheet\u0000';

/** A rendered document as UTF-8, with the stylesheet's bytes spliced in where the mark is. */
function withStylesheet(html: string): Buffer {
  const at = html.indexOf(STYLESHEET_MARK);
  if (at === -1) return Buffer.from(html);
  return Buffer.concat([
    Buffer.from(html.slice(0, at)),
    siteStylesheet.bytes,
    Buffer.from(html.slice(at + STYLESHEET_MARK.length)),
  ]);
}

/**
 * Renders a public HTML page in the site's shell, ready for the page cache. The stylesheet inside
 * every page (17 KB) is encoded once, not on each render.
 *
 * @example
 * return renderSitePage(ctx, { page: { title, canonical, tr }, keys: ['home'], body: <Home … /> });
 */
export async function renderSitePage(ctx: SiteContext, options: SitePageOptions): Promise<PageInput> {
  const [site, categories, newsletters] = await Promise.all([
    ctx.services.settings.get(),
    ctx.services.taxonomy.categories.all(),
    ctx.subscribe.newsletters.listAll(),
  ]);
  const sections = categories.filter((category) => category.parentId === null);
  const html = renderDocument(
    <Layout
      site={site}
      sections={sections}
      urls={ctx.urls}
      css={STYLESHEET_MARK}
      page={options.page}
      footer={
        newsletters.length > 0 && !options.isSubscribeHidden ? (
          <SubscribeForm tr={options.page.tr} newsletters={newsletters} source="footer" />
        ) : null
      }
    >
      {options.body}
    </Layout>,
  );
  return {
    body: withStylesheet(html),
    contentType: 'text/html; charset=utf-8',
    keys: ['settings', 'sections', ...options.keys],
    status: options.status ?? 200,
    lastModified: options.lastModified ?? null,
  };
}

/**
 * Sends a page about one reader (a held comment, a subscription, a form with their errors): the
 * site's shell, kept out of search indexes and of every cache (`Cache-Control: no-store`).
 *
 * @example
 * return sendPrivatePage(reply, ctx, { title, tr, path: '/comments/forget', body: <Form /> });
 */
export async function sendPrivatePage(
  reply: FastifyReply,
  ctx: SiteContext,
  options: { title: string; tr: Translator; path: string; status?: number; body: ComponentChildren },
) {
  const site = await ctx.services.settings.get();
  const page = await renderSitePage(ctx, {
    page: {
      title: `${options.title} | ${site.title}`,
      canonical: ctx.urls.absolute(options.path),
      tr: options.tr,
      isNoIndex: true,
    },
    keys: [],
    isSubscribeHidden: true,
    body: options.body,
    status: options.status ?? 200,
  });
  return reply
    .code(page.status ?? 200)
    .type(page.contentType)
    .header('Cache-Control', 'no-store')
    .send(page.body);
}
