import { type Feed, type FeedItem, type FeedPerson, rfc3339 } from './feed.ts';
import { XML_DECLARATION, xmlParent, xmlText } from './xml-writer.ts';

const personXml = (tag: 'author', person: FeedPerson): string =>
  xmlParent(tag, {}, [
    xmlText('name', {}, person.name),
    ...(person.url ? [xmlText('uri', {}, person.url)] : []),
  ]);

function entryXml(item: FeedItem): string {
  return xmlParent('entry', { 'xml:lang': item.language }, [
    xmlText('id', {}, item.id),
    xmlText('title', { type: 'text' }, item.title),
    xmlText('link', { rel: 'alternate', type: 'text/html', href: item.url }),
    xmlText('published', {}, rfc3339(item.publishedAt)),
    xmlText('updated', {}, rfc3339(item.updatedAt)),
    ...item.authors.map((person) => personXml('author', person)),
    // The term is the name readers see; the scheme says whether it is a section or a tag.
    ...item.terms.map((term) =>
      xmlText('category', { term: term.name, scheme: new URL('..', term.url).href, label: term.name }),
    ),
    xmlText('summary', { type: 'text' }, item.summary),
    ...(item.contentHtml === null ? [] : [xmlText('content', { type: 'html' }, item.contentHtml)]),
    ...(item.image
      ? [
          xmlText('link', {
            rel: 'enclosure',
            href: item.image.url,
            type: item.image.type,
            title: item.image.alt || null,
          }),
        ]
      : []),
  ]);
}

/**
 * Atom 1.0 (RFC 4287). Entry ids are `urn:uuid:` of the article, so an entry stays the same entry
 * when its slug or section changes; the feed's author is the publication, which covers entries
 * without a byline (§4.1.1).
 *
 * @example
 * renderAtom(buildFeed({ … })) // '<?xml version="1.0" encoding="UTF-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom" …'
 */
export function renderAtom(feed: Feed): string {
  const children = [
    xmlText('id', {}, feed.links.home),
    xmlText('title', { type: 'text' }, feed.title),
    xmlText('subtitle', { type: 'text' }, feed.description),
    xmlText('link', { rel: 'alternate', type: 'text/html', href: feed.links.home }),
    xmlText('link', { rel: 'self', type: 'application/atom+xml', href: feed.links.atom }),
    xmlText('updated', {}, rfc3339(feed.updatedAt)),
    personXml('author', feed.publisher),
    xmlText('generator', {}, 'Masthead'),
    ...(feed.logoUrl ? [xmlText('logo', {}, feed.logoUrl)] : []),
    ...feed.items.map(entryXml),
  ];
  const attrs = { xmlns: 'http://www.w3.org/2005/Atom', 'xml:lang': feed.language };
  return `${XML_DECLARATION}\n${xmlParent('feed', attrs, children)}\n`;
}
