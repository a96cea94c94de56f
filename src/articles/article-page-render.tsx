import { commentArea } from '../comments/comment-area.tsx';
import type { PageInput } from '../lib/http/page-cache.ts';
import type { Settings } from '../site/settings.ts';
import type { SiteContext } from '../site/site-context.ts';
import { renderSitePage } from '../site/site-page.tsx';
import { SubscribeForm } from '../subscribe/views/subscribe-form.tsx';
import type { Category } from '../taxonomy/taxonomy.ts';
import type { ArticleView } from './article.ts';
import { articleHead } from './article-head.ts';
import { responsiveBodyImages } from './body-images.ts';
import { ArticlePage } from './views/article-page.tsx';

/** The primary section and its parents, top first (at most ten deep). */
async function sectionTrail(ctx: SiteContext, article: ArticleView): Promise<Category[]> {
  if (!article.primaryCategory) return [];
  const all = await ctx.services.taxonomy.categories.all();
  const byId = new Map(all.map((c) => [c.id, c]));
  const trail: Category[] = [];
  for (
    let c: Category | undefined = article.primaryCategory;
    c && trail.length < 10;
    c = c.parentId ? byId.get(c.parentId) : undefined
  ) {
    trail.unshift(c);
  }
  return trail;
}

/**
 * An article or page in the site's theme, as the public permalink shows it and as a preview link
 * shows it before it is published (`isPreview`: kept out of search indexes, and without the
 * comment area, which belongs to the published article). The cache keys name everything shown.
 *
 * @example
 * const page = await renderArticlePage(ctx, { article, site, commentPage: 1 });
 */
export async function renderArticlePage(
  ctx: SiteContext,
  options: { article: ArticleView; site: Settings; commentPage: number; isPreview?: boolean },
): Promise<PageInput> {
  const { article: stored, site, commentPage, isPreview = false } = options;
  const canonical = ctx.urls.permalinkOf(stored, site);
  const isArticle = stored.kind === 'article';
  const [trail, around, image, notes, bodyHtml] = await Promise.all([
    sectionTrail(ctx, stored),
    isArticle ? ctx.services.neighbours.around(stored) : { more: [], previous: null, next: null },
    stored.featuredImage ? ctx.images.get(stored.featuredImage.url) : null,
    ctx.services.articles.notes.forArticle(stored.id),
    responsiveBodyImages(stored.bodyHtml, {
      imageInfo: (url) => ctx.images.get(url),
      mediaDir: ctx.config.mediaDir,
      siteUrl: ctx.config.siteUrl,
    }),
  ]);
  const article: ArticleView = { ...stored, bodyHtml };
  const { more } = around;
  const images = await ctx.images.many(more.map((a) => a.featuredImage?.url));
  const tr = ctx.i18n.forLanguage(article.language);
  const comments =
    isArticle && !isPreview ? await commentArea(ctx, { article, site, tr, page: commentPage }) : null;
  const shown = [article, ...more, ...[around.previous, around.next].flatMap((a) => a ?? [])];
  const newsletters = await ctx.subscribe.newsletters.listAll();
  return renderSitePage(ctx, {
    page: {
      tr,
      canonical: article.canonicalUrl ?? canonical,
      ...articleHead({ article, trail, site, urls: ctx.urls, image }),
      ...(isPreview ? { isNoIndex: true } : {}),
    },
    keys: [
      ...shown.map((a) => `article:${a.id}`),
      ...article.categories.map((c) => `category:${c.id}`),
      ...article.tags.map((t) => `tag:${t.id}`),
      ...article.authors.map((p) => `author:${p.id}`),
      ...(comments?.keys ?? []),
    ],
    lastModified: article.updatedAt,
    body: (
      <ArticlePage
        article={article}
        trail={trail}
        more={more}
        previous={around.previous}
        next={around.next}
        image={image}
        images={images}
        notes={notes}
        site={site}
        urls={ctx.urls}
        tr={tr}
        comments={comments?.node}
        subscribe={
          newsletters.length > 0 ? <SubscribeForm tr={tr} newsletters={newsletters} source="article" /> : null
        }
      />
    ),
  });
}
