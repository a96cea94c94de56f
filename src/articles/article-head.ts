import type { ImageInfo } from '../media/image-info.ts';
import { articleSharingMeta, breadcrumbJsonLd, newsArticleJsonLd } from '../seo/structured-data.ts';
import type { Settings } from '../site/settings.ts';
import type { Urls } from '../site/urls.ts';
import type { FeedLink, PageMeta } from '../site/views/layout.tsx';
import type { Category } from '../taxonomy/taxonomy.ts';
import type { ArticleView } from './article.ts';

const feedTypes: [string, FeedLink['type'], string][] = [
  ['RSS', 'application/rss+xml', 'feed/'],
  ['Atom', 'application/atom+xml', 'feed/atom/'],
  ['JSON Feed', 'application/feed+json', 'feed/json/'],
];

/** Feeds a page advertises: the site's, and the section's (or tag's, author's) when it has one. */
export function feedLinks(site: Settings, urls: Urls, section?: { name: string; url: string }): FeedLink[] {
  const of = (title: string, base: string) =>
    feedTypes.map(([name, type, path]) => ({ title: `${title} (${name})`, href: `${base}${path}`, type }));
  return [
    ...of(site.title, urls.home()),
    ...(section ? of(`${site.title}: ${section.name}`, section.url) : []),
  ];
}

/** The <head> of an article page: title, description, feeds, sharing meta and structured data. */
export function articleHead(options: {
  article: ArticleView;
  trail: Category[];
  site: Settings;
  urls: Urls;
  image: ImageInfo | null;
}): Omit<PageMeta, 'tr' | 'canonical'> {
  const { article, trail, site, urls } = options;
  const section = article.primaryCategory;
  const crumbs = [
    { name: site.title, url: urls.home() },
    ...trail.map((c) => ({ name: c.name, url: urls.category(c.slug) })),
    { name: article.title, url: urls.permalinkOf(article, site) },
  ];
  return {
    title: `${article.seoTitle ?? article.title} | ${site.title}`,
    description: article.seoDescription ?? (article.standfirst || article.bodyText.slice(0, 160)),
    feeds: feedLinks(
      site,
      urls,
      section ? { name: section.name, url: urls.category(section.slug) } : undefined,
    ),
    meta: articleSharingMeta({ article, site, urls }),
    jsonLd:
      article.kind === 'article'
        ? [newsArticleJsonLd({ article, site, urls }), breadcrumbJsonLd({ items: crumbs })]
        : [],
  };
}
