import type { ComponentChildren } from 'preact';
import type { Translator } from '../../lib/i18n.ts';
import type { ImageInfo } from '../../media/image-info.ts';
import type { Settings } from '../../site/settings.ts';
import type { Urls } from '../../site/urls.ts';
import { type CardImages, CardList } from '../../site/views/article-card.tsx';
import { formatDateTime } from '../../site/views/format.ts';
import type { Category } from '../../taxonomy/taxonomy.ts';
import type { ArticleSummary, ArticleView } from '../article.ts';
import type { ArticleNote } from '../notes/article-note.ts';
import { ArticleNotes } from '../notes/views/article-notes.tsx';

export type ArticlePageProps = {
  /** The comment area (the comments feature renders it), under the article. */
  comments?: ComponentChildren;
  /** The subscribe form (the subscribe feature renders it), at the end of the article. */
  subscribe?: ComponentChildren;
  article: ArticleView;
  /** Its corrections and updates, oldest first, shown after the body. */
  notes?: ArticleNote[];
  /** The primary section and its parents, top first. */
  trail: Category[];
  more: ArticleSummary[];
  previous: ArticleSummary | null;
  next: ArticleSummary | null;
  image: ImageInfo | null;
  /** Sizes and variants of the More Articles images. */
  images: CardImages;
  site: Settings;
  urls: Urls;
  tr: Translator;
};

/** The article as readers see it, readable without JavaScript. */
export function ArticlePage({
  article,
  trail,
  more,
  previous,
  next,
  image,
  site,
  urls,
  tr,
  images,
  comments,
  subscribe,
  notes = [],
}: ArticlePageProps) {
  const { t, locale } = tr;
  const when = (date: Date) => formatDateTime(date, { locale, timeZone: site.timezone });
  const isUpdated =
    article.publishedAt && article.updatedAt.getTime() - article.publishedAt.getTime() > 60_000;
  const section = article.primaryCategory;
  return (
    <>
      <article class="article">
        {article.kind === 'article' && trail.length > 0 ? (
          <nav class="breadcrumb" aria-label={t('article.breadcrumb')}>
            <ol>
              <li>
                <a href={urls.home()}>{t('site.home')}</a>
              </li>
              {trail.map((category) => (
                <li key={category.id}>
                  <a href={urls.category(category.slug)}>{category.name}</a>
                </li>
              ))}
            </ol>
          </nav>
        ) : null}
        <h1>{article.title}</h1>
        {article.standfirst ? <p class="standfirst">{article.standfirst}</p> : null}
        {article.kind === 'article' ? (
          <div class="byline">
            {article.authors.length > 0 ? (
              <span>
                {t('article.by')}{' '}
                {article.authors.map((author, index) => (
                  <span key={author.id}>
                    {index > 0
                      ? index === article.authors.length - 1
                        ? ` ${t('article.and')} `
                        : ', '
                      : null}
                    <a href={urls.author(author.slug)} rel="author">
                      {author.name}
                    </a>
                  </span>
                ))}
              </span>
            ) : null}
            {article.publishedAt ? (
              <span>
                {t('article.published')}{' '}
                <time dateTime={article.publishedAt.toISOString()}>{when(article.publishedAt)}</time>
              </span>
            ) : null}
            {isUpdated ? (
              <span>
                {t('article.updated')}{' '}
                <time dateTime={article.updatedAt.toISOString()}>{when(article.updatedAt)}</time>
              </span>
            ) : null}
          </div>
        ) : null}
        {article.featuredImage ? (
          <figure>
            <img
              src={urls.absolute(article.featuredImage.url)}
              alt={article.featuredImage.alt ?? ''}
              width={image?.width ?? 1200}
              height={image?.height ?? 675}
              {...(image?.srcset ? { srcset: image.srcset, sizes: '(min-width: 72rem) 68ch, 100vw' } : {})}
              // The largest paint of the page: fetched first, decoded with the page, never lazily.
              fetchpriority="high"
            />
            {article.featuredImage.caption || article.featuredImage.credit ? (
              <figcaption>
                {article.featuredImage.caption}
                {article.featuredImage.credit ? (
                  <>
                    {' '}
                    <span class="credit">
                      {t('article.photo')}: {article.featuredImage.credit}
                    </span>
                  </>
                ) : null}
              </figcaption>
            ) : null}
          </figure>
        ) : null}
        {/* body_html is sanitised with sanitize-html when it is written (article-input.ts). */}
        <div class="body" dangerouslySetInnerHTML={{ __html: article.bodyHtml }} />
        <ArticleNotes notes={notes} tr={tr} timeZone={site.timezone} />
        {article.tags.length > 0 ? (
          <section class="tags" aria-labelledby="tags-heading">
            <h2 id="tags-heading" class="visually-hidden">
              {t('article.tags')}
            </h2>
            <ul>
              {article.tags.map((tag) => (
                <li key={tag.id}>
                  <a href={urls.tag(tag.slug)} rel="tag">
                    {tag.name}
                  </a>
                </li>
              ))}
            </ul>
          </section>
        ) : null}
        {section && (previous || next) ? (
          <nav class="prev-next" aria-label={section.name}>
            <div>
              {previous ? (
                <a href={urls.permalinkOf(previous, site)} rel="prev">
                  {t('article.previous', { category: section.name })}:{' '}
                  <span lang={previous.language} dir="auto">
                    {previous.title}
                  </span>
                </a>
              ) : null}
            </div>
            <div class="next">
              {next ? (
                <a href={urls.permalinkOf(next, site)} rel="next">
                  {t('article.next', { category: section.name })}:{' '}
                  <span lang={next.language} dir="auto">
                    {next.title}
                  </span>
                </a>
              ) : null}
            </div>
          </nav>
        ) : null}
        {subscribe ?? null}
        {comments ?? null}
      </article>
      {more.length > 0 ? (
        <section class="more-articles" aria-labelledby="more-articles-heading">
          <h2 id="more-articles-heading" class="section-title">
            {t('article.moreArticles')}
          </h2>
          <CardList articles={more} site={site} urls={urls} locale={locale} images={images} />
        </section>
      ) : null}
    </>
  );
}
