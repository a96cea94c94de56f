import {
  hasBadIriChars,
  idSchemeError,
  isHttpUrl,
  isLanguageTag,
  isPositiveInteger,
  isW3cDate,
} from './feed-values.ts';
import { childElements, textOf, type XmlElement } from './xml-tree.ts';

/** How a rule reports a problem: a feedvalidator message name, where, and why. */
export type Report = (code: string, element: XmlElement, detail: string) => void;

export const NS = {
  atom: 'http://www.w3.org/2005/Atom',
  xhtml: 'http://www.w3.org/1999/xhtml',
  app: 'http://www.w3.org/2007/app',
  xml: 'http://www.w3.org/XML/1998/namespace',
  xmlns: 'http://www.w3.org/2000/xmlns/',
  dc: 'http://purl.org/dc/elements/1.1/',
  sy: 'http://purl.org/rss/1.0/modules/syndication/',
  admin: 'http://webns.net/mvcb/',
  geo: 'http://www.w3.org/2003/01/geo/wgs84_pos#',
  geourl: 'http://geourl.org/rss/module/',
  slash: 'http://purl.org/rss/1.0/modules/slash/',
  trackback: 'http://madskills.com/public/xml/rss/module/trackback/',
  blogChannel: 'http://backend.userland.com/blogChannelModule',
  creativeCommons: 'http://backend.userland.com/creativeCommonsRssModule',
} as const;

const UPDATE_PERIODS = ['hourly', 'daily', 'weekly', 'monthly', 'yearly'];

const inRange = (value: string, limit: number): boolean => {
  const number = Number(value.trim());
  return value.trim() !== '' && Number.isFinite(number) && Math.abs(number) <= limit;
};

/** Extension elements whose value must be a full http(s) URL (their modules' specifications). */
const FULL_URL_ELEMENTS: [string, string][] = [
  [NS.creativeCommons, 'license'],
  [NS.blogChannel, 'blink'],
  [NS.blogChannel, 'blogRoll'],
  [NS.blogChannel, 'mySubscriptions'],
  [NS.trackback, 'ping'],
  [NS.trackback, 'about'],
];

/** Extension elements a parent may hold only once. */
const SINGLE_ELEMENTS: [string, string][] = [
  [NS.admin, 'errorReportsTo'],
  [NS.admin, 'generatorAgent'],
  [NS.sy, 'updatePeriod'],
  [NS.sy, 'updateFrequency'],
  [NS.sy, 'updateBase'],
];

/** The value rules of one extension element (Dublin Core, syndication, geo, slash, admin, …). */
export function checkExtensionElement(element: XmlElement, report: Report): void {
  const value = textOf(element);
  const is = (ns: string, ...names: string[]) => element.ns === ns && names.includes(element.local);
  if (FULL_URL_ELEMENTS.some(([ns, local]) => is(ns, local)) && !isHttpUrl(value.trim()))
    report('InvalidFullLink', element, `"${value.trim()}" is not a full URL`);
  if (is(NS.dc, 'date') && !isW3cDate(value.trim()))
    report('InvalidW3CDTFDate', element, `"${value}" is not a W3C date-time`);
  if (is(NS.sy, 'updateBase') && !isW3cDate(value.trim()))
    report('InvalidW3CDTFDate', element, `"${value}" is not a W3C date-time`);
  if (is(NS.dc, 'language') && !isLanguageTag(value.trim()))
    report('InvalidLanguage', element, `"${value}" is not a language code`);
  if (element.ns === NS.dc) {
    for (const child of childElements(element))
      report('UndefinedElement', child, `<${child.name}> is not allowed inside <${element.name}>`);
  }
  if (is(NS.sy, 'updatePeriod') && !UPDATE_PERIODS.includes(value.trim()))
    report('InvalidUpdatePeriod', element, `"${value}" is not one of ${UPDATE_PERIODS.join(', ')}`);
  if (is(NS.sy, 'updateFrequency') && !isPositiveInteger(value.trim()))
    report('InvalidPositiveInteger', element, `"${value}" is not a positive integer`);
  if ((is(NS.geo, 'lat') || is(NS.geourl, 'latitude')) && !inRange(value, 90))
    report('InvalidLatitude', element, `"${value}" is not a latitude`);
  if ((is(NS.geo, 'long') || is(NS.geourl, 'longitude')) && !inRange(value, 180))
    report('InvalidLongitude', element, `"${value}" is not a longitude`);
  if (is(NS.slash, 'hit_parade') && !/^\d+(,\d+)*$/.test(value.trim()))
    report('InvalidCommaSeparatedIntegers', element, `"${value}" is not a list of integers`);
}

/** Extension children repeated where their module allows one. */
export function checkSingleExtensions(parent: XmlElement, report: Report): void {
  for (const [ns, local] of SINGLE_ELEMENTS) {
    const found = childElements(parent).filter((child) => child.ns === ns && child.local === local);
    for (const extra of found.slice(1)) report('DuplicateElement', extra, `more than one <${extra.name}>`);
  }
}

/** Rules every feed format shares: `xml:lang`, `xml:base` and namespace names, on every element. */
export function checkXmlAttributes(element: XmlElement, report: Report): void {
  for (const attr of element.attrs) {
    if (attr.ns === NS.xml && attr.local === 'lang' && attr.value !== '' && !isLanguageTag(attr.value))
      report('InvalidLanguage', element, `xml:lang="${attr.value}" is not a language tag`);
    if (attr.ns === NS.xml && attr.local === 'base' && hasBadIriChars(attr.value))
      report('InvalidUriChar', element, `xml:base="${attr.value}" has characters an IRI may not hold`);
    if (attr.ns === NS.xmlns) {
      const problem = idSchemeError(attr.value);
      if (problem) report(problem, element, `namespace name "${attr.value}" is not a valid URI`);
    }
  }
  for (const child of childElements(element)) checkXmlAttributes(child, report);
}
