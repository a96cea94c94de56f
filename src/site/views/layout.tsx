import type { ComponentChildren } from 'preact';
import type { Translator } from '../../lib/i18n.ts';
import type { Category } from '../../taxonomy/taxonomy.ts';
import type { Settings } from '../settings.ts';
import type { Urls } from '../urls.ts';
import { scriptSafeJson } from './html.ts';

export type FeedLink = {
  title: string;
  href: string;
  type: 'application/rss+xml' | 'application/atom+xml' | 'application/feed+json';
};

export type PageMeta = {
  title: string;
  description?: string;
  canonical: string;
  /** The page's own language (an article's), which decides `lang`, `dir` and the words. */
  tr: Translator;
  feeds?: FeedLink[];
  prev?: string | null;
  next?: string | null;
  /** OpenGraph/Twitter meta and similar, rendered into <head>. */
  meta?: { property?: string; name?: string; content: string }[];
  jsonLd?: unknown[];
  isNoIndex?: boolean;
};

export type LayoutProps = {
  site: Settings;
  sections: Category[];
  urls: Urls;
  /** The site's stylesheet, sent inside the page (its hash is in the CSP: site-assets.ts). */
  css: string;
  page: PageMeta;
  /** Shown at the top of the footer on every page (the subscribe form). */
  footer?: ComponentChildren;
  children: ComponentChildren;
};

/**
 * The shell of every public page: language and direction from the page, the site's sections as
 * navigation, a search form that works without JavaScript, and feed autodiscovery.
 */
export function Layout({ site, sections, urls, css, page, footer, children }: LayoutProps) {
  const { t, dir, locale } = page.tr;
  const year = new Date().getUTCFullYear();
  return (
    <html lang={locale} dir={dir}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{page.title}</title>
        {page.description ? <meta name="description" content={page.description} /> : null}
        <link rel="canonical" href={page.canonical} />
        {page.prev ? <link rel="prev" href={page.prev} /> : null}
        {page.next ? <link rel="next" href={page.next} /> : null}
        {page.isNoIndex ? <meta name="robots" content="noindex" /> : null}
        <meta name="color-scheme" content="light dark" />
        {/* No favicon yet: an empty one spares every page a 404 for /favicon.ico. */}
        <link rel="icon" href="data:," />
        {/* Not escaped: the stylesheet is the theme's own file, and CSS needs its `>` and quotes. */}
        <style dangerouslySetInnerHTML={{ __html: css }} />
        {(page.feeds ?? []).map((feed) => (
          <link key={feed.href} rel="alternate" type={feed.type} title={feed.title} href={feed.href} />
        ))}
        {(page.meta ?? []).map((m) => (
          <meta
            key={`${m.property ?? m.name}:${m.content}`}
            {...(m.property ? { property: m.property } : { name: m.name })}
            content={m.content}
          />
        ))}
        {(page.jsonLd ?? []).map((data, index) => (
          <script
            key={index}
            type="application/ld+json"
            dangerouslySetInnerHTML={{ __html: scriptSafeJson(data) }}
          />
        ))}
      </head>
      <body>
        <a class="skip-link" href="#content">
          {t('site.skipToContent')}
        </a>
        <header class="masthead">
          <div class="masthead__inner">
            <a
              class="masthead__title"
              href={urls.home()}
              lang={site.locale === locale ? undefined : site.locale}
            >
              {site.logoUrl ? (
                <img src={urls.absolute(site.logoUrl)} alt={site.title} height={40} />
              ) : (
                site.title
              )}
            </a>
            <form class="search-form" action="/search" method="get">
              <label class="visually-hidden" for="site-search">
                {t('site.searchLabel')}
              </label>
              <input
                id="site-search"
                type="search"
                name="q"
                placeholder={t('site.searchPlaceholder')}
                maxLength={200}
              />
              <button type="submit">{t('site.search')}</button>
            </form>
          </div>
          <nav class="sections" aria-label={t('site.mainNavigation')}>
            <ul lang={site.locale === locale ? undefined : site.locale}>
              <li>
                <a href={urls.home()}>{t('site.home')}</a>
              </li>
              {sections.map((section) => (
                <li key={section.id}>
                  <a href={urls.category(section.slug)}>{section.name}</a>
                </li>
              ))}
            </ul>
          </nav>
        </header>
        <main id="content" tabIndex={-1}>
          {children}
        </main>
        <footer class="site-footer">
          {footer ?? null}
          <p>{t('site.footer', { year, title: site.title })}</p>
          <p>
            {t('site.feeds')}: <a href={`${urls.home()}feed/`}>{t('site.rss')}</a> ·{' '}
            <a href={`${urls.home()}feed/atom/`}>{t('site.atom')}</a> ·{' '}
            <a href={`${urls.home()}feed/json/`}>{t('site.jsonFeed')}</a>
          </p>
        </footer>
      </body>
    </html>
  );
}
