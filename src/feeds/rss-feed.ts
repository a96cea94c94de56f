import type { Feed, FeedItem } from './feed.ts';
import { escapeHtmlText, XML_DECLARATION, xmlParent, xmlText } from './xml-writer.ts';

const NAMESPACES = {
  'xmlns:atom': 'http://www.w3.org/2005/Atom',
  'xmlns:content': 'http://purl.org/rss/1.0/modules/content/',
  'xmlns:dc': 'http://purl.org/dc/elements/1.1/',
};

/** RFC 822 date-time, as RSS 2.0 requires: `Thu, 09 Feb 2006 23:59:45 GMT`. */
const rfc822 = (date: Date): string => date.toUTCString();

function itemXml(item: FeedItem): string {
  return xmlParent('item', {}, [
    xmlText('title', {}, item.title),
    xmlText('link', {}, item.url),
    xmlText('guid', { isPermaLink: 'true' }, item.url),
    xmlText('pubDate', {}, rfc822(item.publishedAt)),
    // RSS `<author>` must be an email address, which a byline does not have: Dublin Core names the person.
    ...item.authors.map((person) => xmlText('dc:creator', {}, person.name)),
    ...item.terms.map((term) => xmlText('category', { domain: term.url }, term.name)),
    xmlText('dc:language', {}, item.language),
    // `<description>` is HTML to readers: plain text is escaped once as HTML, then as XML.
    xmlText('description', {}, escapeHtmlText(item.summary)),
    ...(item.contentHtml === null ? [] : [xmlText('content:encoded', {}, item.contentHtml)]),
    // The size is unknown, and RSS 2.0 readers take 0 to mean so.
    ...(item.image?.type
      ? [xmlText('enclosure', { url: item.image.url, length: '0', type: item.image.type })]
      : []),
  ]);
}

/**
 * RSS 2.0 (https://www.rssboard.org/rss-specification) with `atom:link rel="self"` as the RSS
 * Advisory Board recommends, `content:encoded` for full bodies and Dublin Core for bylines.
 *
 * @example
 * renderRss(buildFeed({ … })) // '<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0" …'
 */
export function renderRss(feed: Feed): string {
  const channel = xmlParent('channel', {}, [
    xmlText('title', {}, feed.title),
    xmlText('link', {}, feed.links.home),
    xmlText('description', {}, feed.description),
    xmlText('atom:link', { href: feed.links.rss, rel: 'self', type: 'application/rss+xml' }),
    xmlText('language', {}, feed.language),
    xmlText('lastBuildDate', {}, rfc822(feed.updatedAt)),
    xmlText('generator', {}, 'Masthead'),
    xmlText('docs', {}, 'https://www.rssboard.org/rss-specification'),
    ...(feed.logoUrl
      ? [
          xmlParent('image', {}, [
            xmlText('url', {}, feed.logoUrl),
            xmlText('title', {}, feed.title),
            xmlText('link', {}, feed.links.home),
          ]),
        ]
      : []),
    ...feed.items.map(itemXml),
  ]);
  return `${XML_DECLARATION}\n${xmlParent('rss', { version: '2.0', ...NAMESPACES }, [channel])}\n`;
}
