import { checkExtensionElement, checkSingleExtensions, NS, type Report } from './extension-rules.ts';
import {
  hasBadIriChars,
  idSchemeError,
  isAbsoluteIri,
  isAddrSpec,
  isBase64,
  isLanguageTag,
  isMimeType,
  isNonNegativeInteger,
  isRfc3339Date,
} from './feed-values.ts';
import {
  attributeOf,
  childElements,
  childrenNamed,
  hasOwnText,
  textOf,
  type XmlElement,
} from './xml-tree.ts';

/** Atom 1.0 rules (RFC 4287, https://www.rfc-editor.org/rfc/rfc4287), by section. */

const FEED_CHILDREN = ['author', 'category', 'contributor', 'generator', 'icon', 'id', 'link', 'logo'];
const FEED_METADATA = [...FEED_CHILDREN, 'rights', 'subtitle', 'title', 'updated'];
const FEED_SINGLES = ['generator', 'icon', 'id', 'logo', 'rights', 'subtitle', 'title', 'updated'];
const ENTRY_CHILDREN = ['author', 'category', 'content', 'contributor', 'id', 'link', 'published'];
const ENTRY_ALL = [...ENTRY_CHILDREN, 'rights', 'source', 'summary', 'title', 'updated'];
const ENTRY_SINGLES = ['content', 'id', 'published', 'rights', 'source', 'summary', 'title', 'updated'];
const TEXT_TYPES = ['text', 'html', 'xhtml'];

const atomChildren = (parent: XmlElement, local: string) => childrenNamed(parent, NS.atom, local);

function requireOne(parent: XmlElement, local: string, report: Report, code = 'MissingElement'): void {
  if (atomChildren(parent, local).length === 0)
    report(code, parent, `<${parent.local}> needs an <${local}> element`);
}

function checkSingles(parent: XmlElement, locals: string[], report: Report): void {
  for (const local of locals)
    for (const extra of atomChildren(parent, local).slice(1))
      report('DuplicateElement', extra, `<${parent.local}> may hold only one <${local}>`);
}

/** §3.3: dates; §4.2.6: ids; §3.2.2 and §4.2.4–8: IRI references. */
function checkValue(element: XmlElement, report: Report): void {
  const value = textOf(element);
  const kind = element.local;
  if (['updated', 'published', 'id', 'uri', 'icon', 'logo'].includes(kind) && value.trim() !== value) {
    report('UnexpectedWhitespace', element, `<${kind}> has white space around its value`);
    return;
  }
  if ((kind === 'updated' || kind === 'published') && !isRfc3339Date(value))
    report('InvalidRFC3339Date', element, `"${value}" is not an RFC 3339 date-time`);
  if (kind === 'id') {
    if (!isAbsoluteIri(value)) report('InvalidFullLink', element, `"${value}" is not an absolute IRI`);
    const problem = idSchemeError(value);
    if (problem) report(problem, element, `"${value}" is not a valid ${problem.slice(7)}`);
  }
  if (['uri', 'icon', 'logo'].includes(kind) && hasBadIriChars(value))
    report('InvalidUriChar', element, `"${value}" has characters an IRI may not hold`);
}

/** §3.2: a person has exactly one name, at most one uri and email; the email is an addr-spec. */
function checkPerson(person: XmlElement, report: Report): void {
  requireOne(person, 'name', report);
  checkSingles(person, ['name', 'uri', 'email'], report);
  for (const uri of atomChildren(person, 'uri')) checkValue(uri, report);
  for (const email of atomChildren(person, 'email'))
    if (!isAddrSpec(textOf(email)))
      report('InvalidAddrSpec', email, `"${textOf(email)}" is not a bare email address`);
}

/** §3.1.1.3: XHTML content is one xhtml:div whose descendants are XHTML (or other vocabularies). */
function checkXhtml(element: XmlElement, report: Report): void {
  const [div, ...others] = childElements(element);
  if (!div || others.length > 0 || div.ns !== NS.xhtml || div.local !== 'div' || hasOwnText(element)) {
    report('MissingXhtmlDiv', element, `<${element.local} type="xhtml"> needs one xhtml:div`);
    return;
  }
  const walk = (node: XmlElement) => {
    for (const child of childElements(node)) {
      if (child.ns === '')
        report('MissingNamespace', child, `<${child.name}> in XHTML content has no namespace`);
      else if (child.ns === NS.atom || child.ns === NS.app)
        report('UndefinedElement', child, `<${child.name}> does not belong in XHTML content`);
      walk(child);
    }
  };
  walk(div);
}

/** §3.1: a text construct is text, escaped HTML or XHTML. */
function checkText(element: XmlElement, report: Report, type = attributeOf(element, 'type') ?? 'text'): void {
  if (attributeOf(element, 'mode') === 'escaped' && childElements(element).length > 0)
    report('NotEscaped', element, `<${element.local}> says it is escaped but holds markup`);
  if (!TEXT_TYPES.includes(type)) {
    report('InvalidTextType', element, `type="${type}" is not text, html or xhtml`);
    return;
  }
  if (type === 'xhtml') {
    checkXhtml(element, report);
    return;
  }
  for (const child of childElements(element))
    report('UndefinedElement', child, `<${element.local} type="${type}"> may not hold elements`);
}

const isXmlMime = (type: string) => /[/+]xml(\s*;|$)/i.test(type);
const isCompositeMime = (type: string) => /^(multipart|message)\//i.test(type);

/** §4.1.3: content inline (text, HTML, XHTML, XML, base64) or out of line (`src`). */
function checkContent(content: XmlElement, entry: XmlElement, report: Report): void {
  const type = attributeOf(content, 'type') ?? 'text';
  const src = attributeOf(content, 'src');
  const needsSummary = () => {
    if (atomChildren(entry, 'summary').length === 0)
      report('MissingSummary', entry, 'an entry whose content is not inline text needs a summary');
  };
  if (src !== undefined) {
    if (hasBadIriChars(src))
      report('InvalidUriChar', content, `src="${src}" has characters an IRI may not hold`);
    const declared = attributeOf(content, 'type');
    if (declared !== undefined && (!isMimeType(declared) || isCompositeMime(declared)))
      report('InvalidMIMEType', content, `type="${declared}" is not a media type`);
    for (const child of childElements(content))
      report('UndefinedElement', child, '<content src> must be empty');
    if (hasOwnText(content)) report('UnexpectedText', content, '<content src> must be empty');
    needsSummary();
    return;
  }
  if (TEXT_TYPES.includes(type)) {
    checkText(content, report, type);
    return;
  }
  if (attributeOf(content, 'mode') === 'escaped' && childElements(content).length > 0)
    report('NotEscaped', content, '<content> says it is escaped but holds markup');
  if (!isMimeType(type) || isCompositeMime(type)) {
    report('InvalidMIMEType', content, `type="${type}" is not a media type`);
    return;
  }
  if (isXmlMime(type)) {
    if (hasOwnText(content)) report('UnexpectedText', content, 'XML content holds text beside its element');
  } else if (!/^text\//i.test(type)) {
    if (!isBase64(textOf(content))) report('NotBase64', content, `type="${type}" content is not base64`);
    needsSummary();
  }
}

/** §4.2.7: links; alternates must differ in type or hreflang. */
function checkLinks(parent: XmlElement, report: Report): void {
  const alternates = new Set<string>();
  for (const link of atomChildren(parent, 'link')) {
    const href = attributeOf(link, 'href');
    if (href === undefined) report('MissingHref', link, '<link> needs an href');
    else if (hasBadIriChars(href))
      report('InvalidUriChar', link, `href="${href}" has characters an IRI may not hold`);
    const hreflang = attributeOf(link, 'hreflang');
    if (hreflang !== undefined && !isLanguageTag(hreflang))
      report('InvalidLanguage', link, `hreflang="${hreflang}" is not a language tag`);
    const length = attributeOf(link, 'length');
    if (length !== undefined && !isNonNegativeInteger(length))
      report('InvalidNonNegativeInteger', link, `length="${length}" is not a non-negative integer`);
    const rel = attributeOf(link, 'rel') ?? 'alternate';
    if (rel !== 'alternate' && rel !== 'http://www.iana.org/assignments/relation/alternate') continue;
    const key = `${attributeOf(link, 'type') ?? ''} ${attributeOf(link, 'hreflang') ?? ''}`;
    if (alternates.has(key))
      report('DuplicateAtomLink', link, 'two alternate links share a type and hreflang');
    alternates.add(key);
  }
}

/** §4.2.2: categories need a term; a scheme is an absolute IRI. */
function checkCategory(category: XmlElement, report: Report): void {
  if (attributeOf(category, 'term') === undefined)
    report('MissingAttribute', category, '<category> needs a term');
  const scheme = attributeOf(category, 'scheme');
  if (scheme === undefined) return;
  if (hasBadIriChars(scheme))
    report('InvalidUriChar', category, `scheme="${scheme}" has characters an IRI may not hold`);
  else if (!isAbsoluteIri(scheme))
    report('InvalidFullLink', category, `scheme="${scheme}" is not an absolute IRI`);
}

/** What feeds and entries share: people, categories, links, dates, ids, text constructs, extensions. */
function checkCommonChildren(parent: XmlElement, allowed: string[], report: Report): void {
  checkLinks(parent, report);
  checkSingleExtensions(parent, report);
  for (const child of childElements(parent)) {
    if (child.ns !== NS.atom) {
      checkExtensionElement(child, report);
      continue;
    }
    if (!allowed.includes(child.local))
      report('UndefinedElement', child, `<${child.local}> is not an Atom element here`);
    else if (child.local === 'author' || child.local === 'contributor') checkPerson(child, report);
    else if (child.local === 'category') checkCategory(child, report);
    else if (['title', 'subtitle', 'summary', 'rights'].includes(child.local)) checkText(child, report);
    else if (['id', 'updated', 'published', 'icon', 'logo'].includes(child.local)) checkValue(child, report);
    else if (child.local === 'generator') {
      const uri = attributeOf(child, 'uri');
      if (uri !== undefined && hasBadIriChars(uri))
        report('InvalidUriChar', child, `uri="${uri}" has characters an IRI may not hold`);
    }
  }
}

/** §4.1.2: one entry. */
function checkEntry(entry: XmlElement, hasFeedAuthor: boolean, report: Report): void {
  for (const local of ['id', 'title', 'updated']) requireOne(entry, local, report);
  checkSingles(entry, ENTRY_SINGLES, report);
  const source = atomChildren(entry, 'source')[0];
  const hasAuthor =
    atomChildren(entry, 'author').length > 0 || (source && atomChildren(source, 'author').length > 0);
  if (!hasFeedAuthor && !hasAuthor)
    report('MissingElement', entry, 'an entry needs an author when the feed has none');
  checkCommonChildren(entry, ENTRY_ALL, report);
  for (const content of atomChildren(entry, 'content')) checkContent(content, entry, report);
  const hasAlternate = atomChildren(entry, 'link').some(
    (link) => (attributeOf(link, 'rel') ?? 'alternate') === 'alternate',
  );
  if (atomChildren(entry, 'content').length === 0 && !hasAlternate)
    report('MissingContentOrAlternate', entry, 'an entry needs content or an alternate link');
}

/** §4.1.1: the feed, its metadata before its entries, and unique entry ids. */
export function checkAtomFeed(feed: XmlElement, report: Report): void {
  if (feed.ns === 'http://purl.org/atom/ns#') {
    report('ObsoleteNamespace', feed, 'pre-1.0 Atom namespace; Atom 1.0 is http://www.w3.org/2005/Atom');
    return;
  }
  if (feed.ns !== NS.atom) {
    report('InvalidNamespace', feed, `"${feed.ns}" is not the Atom namespace`);
    return;
  }
  for (const local of ['id', 'title', 'updated']) requireOne(feed, local, report);
  checkSingles(feed, FEED_SINGLES, report);
  checkCommonChildren(feed, [...FEED_METADATA, 'entry'], report);
  const entries = atomChildren(feed, 'entry');
  let hasSeenEntry = false;
  for (const child of childElements(feed)) {
    if (child.ns === NS.atom && child.local === 'entry') hasSeenEntry = true;
    else if (hasSeenEntry && child.ns === NS.atom)
      report('MisplacedMetadata', child, `<${child.local}> comes after the first entry`);
  }
  const hasFeedAuthor = atomChildren(feed, 'author').length > 0;
  const seen = new Set<string>();
  for (const entry of entries) {
    checkEntry(entry, hasFeedAuthor, report);
    const id = atomChildren(entry, 'id')[0];
    if (!id) continue;
    const key = `${textOf(id)} ${atomChildren(entry, 'updated').map(textOf).join()}`;
    if (seen.has(key)) report('DuplicateIds', entry, 'two entries share an id and an updated time');
    seen.add(key);
  }
}
