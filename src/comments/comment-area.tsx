import type { ArticleView } from '../articles/article.ts';
import type { Translator } from '../lib/i18n.ts';
import type { Settings } from '../site/settings.ts';
import type { SiteContext } from '../site/site-context.ts';
import { commentsScriptUrl } from './comment-assets.ts';
import { CommentSection } from './views/comment-section.tsx';

/**
 * The comment area of an article page, and the cache key it depends on: `comments:ID`, which a
 * comment change drops without touching anything else.
 *
 * @example
 * const area = await commentArea(ctx, { article, site, tr, page: 1 });
 * keys.push(...area.keys);
 */
export async function commentArea(
  ctx: SiteContext,
  options: { article: ArticleView; site: Settings; tr: Translator; page: number },
) {
  const { article, site, tr } = options;
  const { service } = ctx.comments;
  const counts = await service.approvedCounts([article.id]);
  const approved = counts.get(article.id) ?? 0;
  const area = await service.threadsOf(article.id, options.page, { approved });
  const isOpen = service.isOpen(article, area.settings);
  const home = ctx.urls.home();
  return {
    pages: area.pages,
    keys: [`comments:${article.id}`],
    node: (
      <CommentSection
        tr={tr}
        timeZone={site.timezone}
        articleId={article.id}
        language={article.language}
        articleUrl={ctx.urls.permalinkOf(article, site)}
        data={{
          threads: area.threads,
          featured: area.featured,
          total: approved,
          page: area.page,
          pages: area.pages,
          isOpen,
          isEmailRequired: area.settings.require_email,
          canReply: area.settings.max_depth > 1,
        }}
        formAction={`${home}comments`}
        formTime={service.signFormTime()}
        captcha={ctx.captcha.widget}
        scriptUrl={commentsScriptUrl}
        replyUrl={(id) => `${home}comments/reply/${id}`}
        reportUrl={(id) => `${home}comments/report/${id}`}
      />
    ),
  };
}
