import type { ArticleView } from '../articles/article.ts';
import type { Settings } from '../site/settings.ts';
import type { Urls } from '../site/urls.ts';
import { articleDescription, clip, ogLocale } from './seo-text.ts';

/**
 * Structured data (schema.org JSON-LD, https://developers.google.com/search/docs/appearance/structured-data/article)
 * and sharing meta (OpenGraph https://ogp.me, Twitter cards) for the public pages. Pure: the views
 * embed the objects with `scriptSafeJson` and render the meta tags.
 */

type SiteInput = { site: Settings; urls: Urls };
type ArticleInput = SiteInput & { article: ArticleView };
export type JsonLd = Record<string, unknown>;
export type MetaTag = { property?: string; name?: string; content: string };

const CONTEXT = 'https://schema.org';
/** Google shows at most 110 characters of a headline. */
const HEADLINE_MAX = 110;

/** Leaves out keys whose value is empty, so that no `"image": []` or `"description": ""` is emitted. */
function compact(object: JsonLd): JsonLd {
  return Object.fromEntries(
    Object.entries(object).filter(
      ([, value]) =>
        value !== undefined && value !== null && value !== '' && !(Array.isArray(value) && !value.length),
    ),
  );
}

function publisher({ site, urls }: SiteInput): JsonLd {
  return compact({
    '@type': 'NewsMediaOrganization',
    name: site.title,
    url: urls.home(),
    logo: site.logoUrl ? { '@type': 'ImageObject', url: urls.absolute(site.logoUrl) } : undefined,
  });
}

const imageOf = ({ article, urls }: ArticleInput): string | undefined =>
  article.featuredImage ? urls.absolute(article.featuredImage.url) : undefined;

const publishedOf = (article: ArticleView): Date => article.publishedAt ?? article.createdAt;

/**
 * schema.org `NewsArticle` for an article page. A story without a byline is credited to the
 * publication; one without an image or standfirst simply has no `image` or `description`.
 *
 * @example
 * scriptSafeJson(newsArticleJsonLd({ article, site, urls }))
 */
export function newsArticleJsonLd(input: ArticleInput): JsonLd {
  const { article, site, urls } = input;
  const permalink = urls.permalinkOf(article, site);
  const image = imageOf(input);
  return compact({
    '@context': CONTEXT,
    '@type': 'NewsArticle',
    headline: clip(article.title, HEADLINE_MAX),
    description: articleDescription(article),
    url: permalink,
    datePublished: publishedOf(article).toISOString(),
    dateModified: article.updatedAt.toISOString(),
    author:
      article.authors.length > 0
        ? article.authors.map((person) => ({
            '@type': 'Person',
            name: person.name,
            url: urls.author(person.slug),
          }))
        : [publisher(input)],
    image: image ? [image] : undefined,
    publisher: publisher(input),
    mainEntityOfPage: { '@type': 'WebPage', '@id': permalink },
    inLanguage: article.language,
    articleSection: article.primaryCategory?.name,
    keywords: article.tags.map((tag) => tag.name),
  });
}

/**
 * schema.org `BreadcrumbList`; positions count from 1 in the order given.
 *
 * @example
 * breadcrumbJsonLd({ items: [{ name: 'Home', url: urls.home() }, { name: 'Sport', url: urls.category('sport') }] })
 */
export function breadcrumbJsonLd({ items }: { items: { name: string; url: string }[] }): JsonLd {
  return {
    '@context': CONTEXT,
    '@type': 'BreadcrumbList',
    itemListElement: items.map((item, index) => ({
      '@type': 'ListItem',
      position: index + 1,
      name: item.name,
      item: item.url,
    })),
  };
}

/**
 * The publication as a schema.org `NewsMediaOrganization` (an `Organization`), with its logo.
 *
 * @example
 * organizationJsonLd({ site, urls }) // { '@type': 'NewsMediaOrganization', name: 'Masthead', … }
 */
export function organizationJsonLd(input: SiteInput): JsonLd {
  return { '@context': CONTEXT, ...publisher(input) };
}

/**
 * schema.org `WebSite` with a `SearchAction` pointing at the site's search page, for the home page.
 *
 * @example
 * webSiteJsonLd({ site, urls }) // { '@type': 'WebSite', potentialAction: { '@type': 'SearchAction', … } }
 */
export function webSiteJsonLd(input: SiteInput): JsonLd {
  const { site, urls } = input;
  return {
    ...compact({
      '@context': CONTEXT,
      '@type': 'WebSite',
      name: site.title,
      description: site.description,
      url: urls.home(),
      inLanguage: site.locale,
      publisher: publisher(input),
    }),
    potentialAction: {
      '@type': 'SearchAction',
      target: { '@type': 'EntryPoint', urlTemplate: `${urls.absolute('/search')}?q={search_term_string}` },
      'query-input': 'required name=search_term_string',
    },
  };
}

const og = (property: string, content: string | undefined): MetaTag[] =>
  content ? [{ property, content }] : [];
const named = (name: string, content: string | undefined): MetaTag[] => (content ? [{ name, content }] : []);

/**
 * OpenGraph and Twitter card meta for an article page. The large-image card needs an image: without
 * one the card is `summary`.
 *
 * @example
 * articleSharingMeta({ article, site, urls }).map((m) => <meta {...m} />)
 */
export function articleSharingMeta(input: ArticleInput): MetaTag[] {
  const { article, site, urls } = input;
  const title = article.seoTitle || article.title;
  const description = articleDescription(article);
  const image = imageOf(input);
  const alt = image ? article.featuredImage?.alt || undefined : undefined;
  return [
    ...og('og:type', 'article'),
    ...og('og:title', title),
    ...og('og:description', description),
    ...og('og:url', urls.permalinkOf(article, site)),
    ...og('og:image', image),
    ...og('og:image:alt', alt),
    ...og('og:site_name', site.title),
    ...og('og:locale', ogLocale(article.language)),
    ...og('article:published_time', publishedOf(article).toISOString()),
    ...og('article:modified_time', article.updatedAt.toISOString()),
    ...og('article:section', article.primaryCategory?.name),
    ...article.authors.flatMap((person) => og('article:author', urls.author(person.slug))),
    ...article.tags.flatMap((tag) => og('article:tag', tag.name)),
    ...named('twitter:card', image ? 'summary_large_image' : 'summary'),
    ...named('twitter:title', title),
    ...named('twitter:description', description),
    ...named('twitter:image', image),
    ...named('twitter:image:alt', alt),
  ];
}

/**
 * OpenGraph and Twitter card meta for the home page, or for a list page when `page` names its
 * own title, description and URL.
 *
 * @example
 * siteSharingMeta({ site, urls, page: { title: 'Sport', url: urls.category('sport') } })
 */
export function siteSharingMeta(
  input: SiteInput & { page?: { title?: string; description?: string; url?: string } },
): MetaTag[] {
  const { site, urls, page } = input;
  const title = page?.title ?? site.title;
  const description = page?.description ?? site.description;
  const image = site.logoUrl ? urls.absolute(site.logoUrl) : undefined;
  return [
    ...og('og:type', 'website'),
    ...og('og:title', title),
    ...og('og:description', description),
    ...og('og:url', page?.url ?? urls.home()),
    ...og('og:image', image),
    ...og('og:site_name', site.title),
    ...og('og:locale', ogLocale(site.locale)),
    ...named('twitter:card', 'summary'),
    ...named('twitter:title', title),
    ...named('twitter:description', description),
    ...named('twitter:image', image),
  ];
}
