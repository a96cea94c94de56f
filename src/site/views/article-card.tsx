import type { ArticleSummary } from '../../articles/article.ts';
import type { ImageInfo } from '../../media/image-info.ts';
import type { Settings } from '../settings.ts';
import type { Urls } from '../urls.ts';
import { formatDateTime } from './format.ts';

export type CardImages = Map<string, ImageInfo | null>;

export type CardProps = {
  article: ArticleSummary;
  site: Settings;
  urls: Urls;
  locale: string;
  headingLevel?: 2 | 3;
  hasImage?: boolean;
  /** Known sizes and variants of the cards' images, so the browser can pick a small one. */
  images?: CardImages;
};

const srcsetOf = (images: CardImages | undefined, url: string) => {
  const srcset = images?.get(url)?.srcset;
  return srcset ? { srcset, sizes: '(min-width: 72rem) 22rem, (min-width: 40rem) 45vw, 100vw' } : undefined;
};

/** One article in a list: image, headline, standfirst and date, in the article's own language. */
export function ArticleCard({
  article,
  site,
  urls,
  locale,
  headingLevel = 3,
  hasImage = true,
  images,
}: CardProps) {
  const href = urls.permalinkOf(article, site);
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  const dir = article.language === locale ? undefined : 'auto';
  return (
    <article class="card" lang={article.language} dir={dir}>
      {hasImage && article.featuredImage ? (
        <img
          src={urls.absolute(article.featuredImage.url)}
          alt=""
          width={400}
          height={225}
          {...(srcsetOf(images, article.featuredImage.url) ?? {})}
          loading="lazy"
          decoding="async"
        />
      ) : null}
      <Heading>
        <a href={href}>{article.title}</a>
      </Heading>
      {article.standfirst ? <p>{article.standfirst}</p> : null}
      {article.publishedAt ? (
        <time class="meta" dateTime={article.publishedAt.toISOString()}>
          {formatDateTime(article.publishedAt, { locale, timeZone: site.timezone })}
        </time>
      ) : null}
      {article.commentsLabel ? (
        <a class="meta card-comments" href={`${href}#comments`}>
          {article.commentsLabel}
        </a>
      ) : null}
    </article>
  );
}

/** A list of cards, each in a list item so screen readers announce the count. */
export function CardList(props: Omit<CardProps, 'article'> & { articles: ArticleSummary[] }) {
  const { articles, ...rest } = props;
  return (
    <ul class="cards">
      {articles.map((article) => (
        <li key={article.id}>
          <ArticleCard article={article} {...rest} />
        </li>
      ))}
    </ul>
  );
}
