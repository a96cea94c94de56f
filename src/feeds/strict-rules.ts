import { NS, type Report } from './extension-rules.ts';
import { isAbsoluteIri } from './feed-values.ts';
import { attributeOf, childElements, textOf, type XmlElement } from './xml-tree.ts';

/**
 * What the W3C validator only warns about but a publisher should never ship, and Masthead promises:
 * a `rel="self"` link (MissingSelf) and absolute URLs in every link, id and HTML body (ContainsRelRef),
 * since a reader shows items away from the feed that holds them.
 */

const CONTENT_NS = 'http://purl.org/rss/1.0/modules/content/';
const HTML_URL_ATTRIBUTE = /\s(?:href|src|poster|cite)\s*=\s*(?:"([^"]*)"|'([^']*)')/gi;

/** Where each format keeps URLs: [namespace, element, attribute or null for the text]. */
const URL_PLACES: Record<'rss' | 'atom', [string, string, string | null][]> = {
  rss: [
    ['', 'link', null],
    ['', 'docs', null],
    ['', 'comments', null],
    ['', 'url', null],
    ['', 'enclosure', 'url'],
    ['', 'source', 'url'],
    [NS.atom, 'link', 'href'],
  ],
  atom: [
    [NS.atom, 'link', 'href'],
    [NS.atom, 'uri', null],
    [NS.atom, 'icon', null],
    [NS.atom, 'logo', null],
    [NS.atom, 'id', null],
    [NS.atom, 'content', 'src'],
    [NS.atom, 'category', 'scheme'],
    [NS.atom, 'generator', 'uri'],
  ],
};

const isHtmlElement = (element: XmlElement): boolean =>
  (element.ns === '' && element.local === 'description') ||
  (element.ns === CONTENT_NS && element.local === 'encoded') ||
  (element.ns === NS.atom &&
    ['content', 'summary'].includes(element.local) &&
    attributeOf(element, 'type') === 'html');

function checkUrls(element: XmlElement, format: 'rss' | 'atom', report: Report): void {
  for (const [ns, local, attribute] of URL_PLACES[format]) {
    if (element.ns !== ns || element.local !== local) continue;
    const value = attribute ? attributeOf(element, attribute) : textOf(element).trim();
    if (value !== undefined && !isAbsoluteIri(value))
      report('ContainsRelRef', element, `"${value}" in <${element.name}> is not an absolute URL`);
  }
  if (
    format === 'rss' &&
    element.ns === '' &&
    element.local === 'guid' &&
    attributeOf(element, 'isPermaLink') !== 'false'
  ) {
    if (!isAbsoluteIri(textOf(element).trim()))
      report('ContainsRelRef', element, 'a permalink guid is not absolute');
  }
  if (isHtmlElement(element)) {
    for (const match of textOf(element).matchAll(HTML_URL_ATTRIBUTE)) {
      const value = (match[1] ?? match[2] ?? '').trim();
      if (value !== '' && !isAbsoluteIri(value))
        report('ContainsRelRef', element, `the HTML in <${element.name}> links to "${value}"`);
    }
  }
  for (const child of childElements(element)) checkUrls(child, format, report);
}

function hasSelfLink(parent: XmlElement): boolean {
  return childElements(parent).some(
    (child) => child.ns === NS.atom && child.local === 'link' && attributeOf(child, 'rel') === 'self',
  );
}

/** The publisher's rules for an RSS (`rss`) or Atom (`feed`) root already known to be well-formed. */
export function checkPublisherRules(root: XmlElement, report: Report): void {
  const format = root.local === 'rss' ? 'rss' : 'atom';
  const channel = format === 'rss' ? childElements(root).find((child) => child.local === 'channel') : root;
  if (channel && !hasSelfLink(channel))
    report('MissingSelf', channel, 'no link with rel="self" to the feed itself');
  checkUrls(root, format, report);
}
