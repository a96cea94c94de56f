import type { ArticleSummary } from '../../articles/article.ts';
import type { Translator } from '../../lib/i18n.ts';
import type { Settings } from '../settings.ts';
import type { Urls } from '../urls.ts';
import { ArticleCard, type CardImages, CardList } from './article-card.tsx';
import { Pagination, type PaginationLinks } from './pagination.tsx';

/** A section, tag or author archive: heading, optional description, cards, pagination. */
export function ArchivePage(props: {
  heading: string;
  description?: string;
  articles: ArticleSummary[];
  links: PaginationLinks;
  site: Settings;
  urls: Urls;
  tr: Translator;
  images: CardImages;
}) {
  const { heading, description, articles, links, site, urls, tr, images } = props;
  return (
    <>
      <h1>{heading}</h1>
      {description ? <p class="standfirst">{description}</p> : null}
      {articles.length === 0 ? (
        <p>{tr.t('archive.empty')}</p>
      ) : (
        <CardList
          articles={articles}
          site={site}
          urls={urls}
          locale={tr.locale}
          headingLevel={2}
          images={images}
        />
      )}
      <Pagination links={links} tr={tr} />
    </>
  );
}

export type HomeSection = { name: string; url: string; articles: ArticleSummary[] };

/** The front page: the lead story, the latest news, then one block per top-level section. */
export function HomePage(props: {
  lead: ArticleSummary | null;
  latest: ArticleSummary[];
  sections: HomeSection[];
  links: PaginationLinks;
  site: Settings;
  urls: Urls;
  tr: Translator;
  images: CardImages;
}) {
  const { lead, latest, sections, links, site, urls, tr, images } = props;
  const { t, locale } = tr;
  return (
    <>
      <h1 class="visually-hidden">{site.title}</h1>
      {lead ? (
        <section class="lead" aria-labelledby="lead-heading">
          <div>
            <p class="section-title" id="lead-heading">
              {t('home.lead')}
            </p>
            <h2 lang={lead.language}>
              <a href={urls.permalinkOf(lead, site)}>{lead.title}</a>
            </h2>
            {lead.standfirst ? <p class="standfirst">{lead.standfirst}</p> : null}
          </div>
          {lead.featuredImage ? (
            <img
              src={urls.absolute(lead.featuredImage.url)}
              alt={lead.featuredImage.alt ?? ''}
              width={1200}
              height={675}
              fetchpriority="high"
            />
          ) : null}
        </section>
      ) : null}
      <section aria-labelledby="latest-heading">
        <h2 class="section-title" id="latest-heading">
          {t('home.latest')}
        </h2>
        <CardList articles={latest} site={site} urls={urls} locale={locale} images={images} />
      </section>
      {sections.map((section, index) => (
        <section key={section.url} aria-labelledby={`section-${index}`}>
          <h2 class="section-title" id={`section-${index}`}>
            <a href={section.url}>{t('home.moreIn', { section: section.name })}</a>
          </h2>
          <ul class="cards">
            {section.articles.map((article) => (
              <li key={article.id}>
                <ArticleCard article={article} site={site} urls={urls} locale={locale} hasImage={false} />
              </li>
            ))}
          </ul>
        </section>
      ))}
      <Pagination links={links} tr={tr} />
    </>
  );
}
