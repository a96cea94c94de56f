import type { ImageInfo } from '../media/image-info.ts';
import type { Settings } from '../site/settings.ts';
import type { Urls } from '../site/urls.ts';
import type { FeedLink, PageMeta } from '../site/views/layout.tsx';
import type { Category } from '../taxonomy/taxonomy.ts';
import type { ArticleView } from './article.ts';

/** Feeds a page advertises: the site's, and the section's when the page belongs to one. */
export function feedLinks(site: Settings, urls: Urls, section?: { name: string; url: string }): FeedLink[] {
  const links: FeedLink[] = [
    { title: `${site.title} (RSS)`, href: `${urls.home()}feed/`, type: 'application/rss+xml' },
    { title: `${site.title} (Atom)`, href: `${urls.home()}feed/atom/`, type: 'application/atom+xml' },
    { title: `${site.title} (JSON Feed)`, href: `${urls.home()}feed/json/`, type: 'application/feed+json' },
  ];
  if (section)
    links.push({
      title: `${site.title}: ${section.name} (RSS)`,
      href: `${section.url}feed/`,
      type: 'application/rss+xml',
    });
  return links;
}

/** The <head> of an article page: title, description, feeds, sharing meta and structured data. */
export function articleHead(options: {
  article: ArticleView;
  trail: Category[];
  site: Settings;
  urls: Urls;
  image: ImageInfo | null;
}): Omit<PageMeta, 'tr' | 'canonical'> {
  const { article, site, urls } = options;
  const section = article.primaryCategory;
  return {
    title: `${article.seoTitle ?? article.title} | ${site.title}`,
    description: article.seoDescription ?? (article.standfirst || article.bodyText.slice(0, 160)),
    feeds: feedLinks(
      site,
      urls,
      section ? { name: section.name, url: urls.category(section.slug) } : undefined,
    ),
  };
}
