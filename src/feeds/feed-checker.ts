import { checkAtomFeed } from './atom-rules.ts';
import { checkXmlAttributes, NS } from './extension-rules.ts';
import { checkRssFeed } from './rss-rules.ts';
import { checkPublisherRules } from './strict-rules.ts';
import { parseXml, type XmlElement } from './xml-tree.ts';

/** One problem in a feed, named as the W3C feed validator names it (`MissingElement`, `InvalidRFC2822Date`…). */
export type FeedProblem = { code: string; message: string; path: string };

/**
 * The W3C feed validator's message classes that this checker reports, each with its parent class
 * (feedvalidator `src/feedvalidator/logging.py`), so that a test expecting `InvalidLink` accepts
 * the more precise `InvalidUriChar`, as the validator's own test harness does.
 */
const PARENT_CODES: Record<string, string> = {
  MissingNamespace: 'SAXError',
  NotInANamespace: 'MissingNamespace',
  NoBlink: 'UndefinedElement',
  InvalidContact: 'InvalidValue',
  InvalidAddrSpec: 'InvalidContact',
  InvalidLink: 'InvalidValue',
  UriNotIri: 'InvalidLink',
  InvalidFullLink: 'InvalidLink',
  InvalidUriChar: 'InvalidLink',
  InvalidURIAttribute: 'InvalidLink',
  InvalidURLAttribute: 'InvalidURIAttribute',
  InvalidW3CDTFDate: 'InvalidValue',
  InvalidRFC2822Date: 'InvalidValue',
  InvalidRFC3339Date: 'InvalidValue',
  InvalidInteger: 'InvalidValue',
  InvalidNonNegativeInteger: 'InvalidInteger',
  InvalidPositiveInteger: 'InvalidInteger',
  UseZeroForUnknown: 'InvalidNonNegativeInteger',
  MissingDescription: 'MissingElement',
  MissingLink: 'MissingElement',
  MissingTitle: 'MissingElement',
  ItemMustContainTitleOrDescription: 'MissingElement',
  MissingXhtmlDiv: 'MissingElement',
  MissingContentOrAlternate: 'MissingElement',
  MissingHref: 'MissingAttribute',
  DuplicateValue: 'InvalidValue',
  InvalidMIMEType: 'InvalidMediaRange',
};

/** True when `code` is `expected` or one of its kinds (`InvalidUriChar` is an `InvalidLink`). */
export function isProblemKind(code: string, expected: string): boolean {
  for (let current: string | undefined = code; current; current = PARENT_CODES[current])
    if (current === expected) return true;
  return false;
}

const pathOf = (element: XmlElement): string => {
  const names: string[] = [];
  for (let node: XmlElement | null = element; node; node = node.parent) names.unshift(node.name);
  return names.join('/');
};

/**
 * Checks an RSS 2.0 or Atom 1.0 document against the rules the W3C feed validator enforces as errors:
 * well-formed XML with declared namespaces, required elements, RFC 822 / RFC 3339 dates, absolute and
 * well-formed links and ids, unique ids, text constructs, and the common extension modules.
 * Warnings are not reported, except with `isStrict`, which adds what a publisher should never ship
 * (src/feeds/strict-rules.ts: a self link, absolute URLs everywhere). Pure: a string in, problems out.
 *
 * @example
 * checkFeed('<rss version="2.0"><channel><title>T</title></channel></rss>').map((p) => p.code)
 * // ['MissingLink', 'MissingDescription']
 */
export function checkFeed(xml: string, options: { isStrict?: boolean } = {}): FeedProblem[] {
  const document = parseXml(xml);
  const problems: FeedProblem[] = document.errors.map((message) => ({ code: 'SAXError', message, path: '' }));
  const root = document.root;
  if (!root) return problems;
  const report = (code: string, element: XmlElement, message: string) => {
    problems.push({ code, message, path: pathOf(element) });
  };
  checkXmlAttributes(root, report);
  // Like an XML processor, stop at a well-formedness error: the rest of the tree is guesswork.
  if (document.errors.length > 0) return problems;
  if (root.local === 'rss') checkRssFeed(root, document.doctype, report);
  else if (root.local === 'feed') checkAtomFeed(root, report);
  else report('UndefinedElement', root, `<${root.name}> is neither an RSS 2.0 nor an Atom ${NS.atom} feed`);
  if (options.isStrict && (root.local === 'rss' || root.local === 'feed')) checkPublisherRules(root, report);
  return problems;
}

/**
 * Decodes feed bytes as their XML declaration says (UTF-8 unless it names another encoding), since
 * older feeds come in ISO-8859-1 or windows-1252.
 */
export function decodeFeedBytes(bytes: Uint8Array): string {
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 200));
  const declared = /^(?:\uFEFF)?<\?xml[^>]*encoding\s*=\s*["']([A-Za-z0-9._-]+)["']/.exec(head)?.[1];
  return new TextDecoder(declared ?? 'utf-8').decode(bytes);
}
