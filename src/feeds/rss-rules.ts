import { checkExtensionElement, checkSingleExtensions, NS, type Report } from './extension-rules.ts';
import {
  isAscii,
  isHttpUrl,
  isLanguageTag,
  isMimeType,
  isNonNegativeInteger,
  isPositiveInteger,
  isRfc822Date,
  isRssContact,
} from './feed-values.ts';
import {
  attributeOf,
  childElements,
  childrenNamed,
  hasOwnText,
  textOf,
  type XmlElement,
} from './xml-tree.ts';

/** RSS 2.0 rules (https://www.rssboard.org/rss-specification), element by element. */

const CHANNEL_CHILDREN = [
  'title',
  'link',
  'description',
  'language',
  'copyright',
  'managingEditor',
  'webMaster',
  'pubDate',
  'lastBuildDate',
  'category',
  'generator',
  'docs',
  'cloud',
  'ttl',
  'image',
  'rating',
  'textInput',
  'skipHours',
  'skipDays',
  'item',
];
const CHANNEL_SINGLES = CHANNEL_CHILDREN.filter((name) => name !== 'category' && name !== 'item');
const ITEM_CHILDREN = [
  'title',
  'link',
  'description',
  'author',
  'category',
  'comments',
  'enclosure',
  'guid',
  'pubDate',
  'source',
];
const ITEM_SINGLES = ITEM_CHILDREN.filter((name) => name !== 'category' && name !== 'enclosure');
const DAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
const URL_ELEMENTS = ['link', 'docs', 'comments', 'url'];
const MISSING_CODES: Record<string, string> = {
  title: 'MissingTitle',
  link: 'MissingLink',
  description: 'MissingDescription',
};

const core = (parent: XmlElement, local: string) => childrenNamed(parent, '', local);

function requireChildren(parent: XmlElement, locals: string[], report: Report): void {
  for (const local of locals)
    if (core(parent, local).length === 0)
      report(MISSING_CODES[local] ?? 'MissingElement', parent, `<${parent.local}> needs a <${local}>`);
}

function checkSingles(parent: XmlElement, locals: string[], report: Report): void {
  for (const local of locals)
    for (const extra of core(parent, local).slice(1))
      report('DuplicateElement', extra, `<${parent.local}> may hold only one <${local}>`);
}

/** Unknown core elements, stray text, and extension elements (whose own children need a namespace). */
function checkChildren(parent: XmlElement, allowed: string[], report: Report): void {
  if (hasOwnText(parent))
    report('UnexpectedText', parent, `<${parent.local}> holds text outside its elements`);
  checkSingleExtensions(parent, report);
  for (const child of childElements(parent)) {
    if (child.ns !== '') {
      checkExtension(child, report);
      continue;
    }
    if (child.local === 'blink') report('NoBlink', child, 'there is no <blink> in RSS');
    else if (!allowed.includes(child.local))
      report('UndefinedElement', child, `<${child.local}> is not an RSS element here`);
    else checkValue(child, report);
  }
}

function checkExtension(element: XmlElement, report: Report): void {
  checkExtensionElement(element, report);
  for (const child of childElements(element)) {
    if (child.ns === '')
      report('NotInANamespace', child, `<${child.name}> inside <${element.name}> has no namespace`);
    else checkExtension(child, report);
  }
}

/** The value rules of each core element. */
function checkValue(element: XmlElement, report: Report): void {
  const value = textOf(element).trim();
  const name = element.local;
  if ((name === 'pubDate' || name === 'lastBuildDate') && !isRfc822Date(value))
    report('InvalidRFC2822Date', element, `"${value}" is not an RFC 822 date-time`);
  if (['managingEditor', 'webMaster', 'author'].includes(name) && !isRssContact(value))
    report('InvalidContact', element, `"${value}" is not an email address with an optional (name)`);
  if (URL_ELEMENTS.includes(name) && !isAscii(value))
    report('UriNotIri', element, `"${value}" holds characters a URI may not (an IRI is not a URI)`);
  if (name === 'language' && !isLanguageTag(value))
    report('InvalidLanguage', element, `"${value}" is not a language code`);
  if (name === 'ttl' && !isNonNegativeInteger(value))
    report('InvalidInteger', element, `"${value}" is not an integer`);
  if (name === 'cloud') checkCloud(element, report);
  if (name === 'image') checkImage(element, report);
  if (name === 'textInput') checkTextInput(element, report);
  if (name === 'skipHours') checkSkip(element, 'hour', report);
  if (name === 'skipDays') checkSkip(element, 'day', report);
  if (name === 'guid') checkGuid(element, report);
  if (name === 'enclosure') checkEnclosure(element, report);
  if (name === 'source' && attributeOf(element, 'url') === undefined)
    report('MissingAttribute', element, '<source> needs a url');
}

function requireAttributes(element: XmlElement, names: string[], report: Report): void {
  for (const name of names)
    if (attributeOf(element, name) === undefined)
      report('MissingAttribute', element, `<${element.local}> needs ${name}`);
}

function checkCloud(cloud: XmlElement, report: Report): void {
  requireAttributes(cloud, ['domain', 'port', 'path', 'registerProcedure', 'protocol'], report);
  const port = attributeOf(cloud, 'port');
  if (port !== undefined && !isPositiveInteger(port))
    report('InvalidIntegerAttribute', cloud, `port="${port}" is not a positive integer`);
}

function checkImage(image: XmlElement, report: Report): void {
  requireChildren(image, ['url', 'title', 'link'], report);
  checkSingles(image, ['url', 'title', 'link', 'width', 'height', 'description'], report);
  checkChildren(image, ['url', 'title', 'link', 'width', 'height', 'description'], report);
  const limits = [
    ['width', 144, 'InvalidWidth'],
    ['height', 400, 'InvalidHeight'],
  ] as const;
  for (const [local, max, code] of limits)
    for (const size of core(image, local)) {
      const text = textOf(size).trim();
      if (!isPositiveInteger(text) || Number(text) > max)
        report(code, size, `"${text}" is not a ${local} of 1 to ${max}`);
    }
}

function checkTextInput(input: XmlElement, report: Report): void {
  requireChildren(input, ['title', 'description', 'name', 'link'], report);
  checkChildren(input, ['title', 'description', 'name', 'link'], report);
  for (const name of core(input, 'name'))
    if (!/^[a-z_][a-z0-9_.-]*$/i.test(textOf(name).trim()))
      report('InvalidFormComponentName', name, `"${textOf(name)}" is not a form field name`);
}

function checkSkip(skip: XmlElement, local: 'hour' | 'day', report: Report): void {
  const entries = core(skip, local);
  if (entries.length === 0) report('MissingElement', skip, `<${skip.local}> needs a <${local}>`);
  if (local === 'day' && entries.length > 7) report('EightDaysAWeek', skip, 'more than seven days');
  if (local === 'hour' && entries.length > 24) report('NotEnoughHoursInTheDay', skip, 'more than 24 hours');
  for (const entry of entries) {
    const text = textOf(entry).trim();
    const isValid = local === 'day' ? DAYS.includes(text) : /^\d+$/.test(text) && Number(text) <= 23;
    if (!isValid)
      report(local === 'day' ? 'InvalidDay' : 'InvalidHour', entry, `"${text}" is not a valid ${local}`);
  }
}

function checkGuid(guid: XmlElement, report: Report): void {
  for (const attr of guid.attrs)
    if (attr.ns === '' && attr.name !== 'isPermaLink')
      report(
        'UnexpectedAttribute',
        guid,
        `<guid> has no ${attr.name} attribute (note the case of isPermaLink)`,
      );
  const isPermaLink = attributeOf(guid, 'isPermaLink');
  if (isPermaLink !== undefined && isPermaLink !== 'true' && isPermaLink !== 'false') {
    report('InvalidBooleanAttribute', guid, `isPermaLink="${isPermaLink}" is not "true" or "false"`);
    return;
  }
  if (isPermaLink === 'false') return;
  const value = textOf(guid).trim();
  if (/^(tag|urn):/i.test(value)) report('InvalidPermalink', guid, `"${value}" is not a permalink`);
  else if (!isHttpUrl(value))
    report('InvalidHttpGUID', guid, `"${value}" is not an http URL, so isPermaLink must be false`);
}

function checkEnclosure(enclosure: XmlElement, report: Report): void {
  requireAttributes(enclosure, ['url', 'length', 'type'], report);
  const url = attributeOf(enclosure, 'url');
  const length = attributeOf(enclosure, 'length');
  const type = attributeOf(enclosure, 'type');
  if (url !== undefined && !isHttpUrl(url))
    report('InvalidURLAttribute', enclosure, `url="${url}" is not a full URL`);
  if (length !== undefined && !isNonNegativeInteger(length))
    report(
      /^-\d+$/.test(length) ? 'UseZeroForUnknown' : 'InvalidNonNegativeInteger',
      enclosure,
      `length="${length}" is not a byte count (0 if unknown)`,
    );
  if (type !== undefined && !isMimeType(type))
    report('InvalidMIMEAttribute', enclosure, `type="${type}" is not a media type`);
}

function checkItem(item: XmlElement, report: Report): void {
  if (core(item, 'title').length === 0 && core(item, 'description').length === 0)
    report('ItemMustContainTitleOrDescription', item, 'an item needs a title or a description');
  checkSingles(item, ITEM_SINGLES, report);
  checkChildren(item, ITEM_CHILDREN, report);
}

/** The `<rss>` document: no namespace, one channel with title, link and description, unique guids. */
export function checkRssFeed(rss: XmlElement, doctype: string | null, report: Report): void {
  if (rss.ns !== '') {
    report('InvalidNamespace', rss, `<rss> must not be in a namespace ("${rss.ns}")`);
    return;
  }
  if (doctype && /netscape/i.test(doctype) && attributeOf(rss, 'version') !== '0.91')
    report('InvalidDoctype', rss, 'the RSS 0.91 DOCTYPE on a feed that is not RSS 0.91');
  checkChildren(rss, ['channel'], report);
  const [channel, ...extra] = core(rss, 'channel');
  for (const duplicate of extra) report('DuplicateElement', duplicate, '<rss> may hold only one <channel>');
  if (!channel) {
    report('MissingElement', rss, '<rss> needs a <channel>');
    return;
  }
  requireChildren(channel, ['title', 'link', 'description'], report);
  checkSingles(channel, CHANNEL_SINGLES, report);
  checkChildren(channel, CHANNEL_CHILDREN, report);
  const guids = new Set<string>();
  for (const item of core(channel, 'item')) {
    checkItem(item, report);
    for (const guid of core(item, 'guid')) {
      const value = textOf(guid).trim();
      if (guids.has(value)) report('DuplicateValue', guid, `guid "${value}" appears twice`);
      guids.add(value);
    }
  }
  for (const link of childrenNamed(channel, NS.atom, 'link'))
    if (attributeOf(link, 'href') === undefined) report('MissingHref', link, '<atom:link> needs an href');
}
