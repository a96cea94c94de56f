/** Value syntaxes that feeds use, as pure predicates for the feed checker. */

const DAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];
const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

const daysInMonth = (year: number, month: number): number => new Date(Date.UTC(year, month, 0)).getUTCDate();

const isValidCalendarDate = (year: number, month: number, day: number): boolean =>
  month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);

const isValidClock = (hour: number, minute: number, second = 0): boolean =>
  hour <= 23 && minute <= 59 && second <= 60;

/** RFC 2822 comments, nested and with quoted-pairs, count as white space (RFC 2822 §3.2.3). */
function stripComments(value: string): string {
  let depth = 0;
  let out = '';
  for (let i = 0; i < value.length; i += 1) {
    const char = value[i] as string;
    if (depth > 0 && char === '\\') i += 1;
    else if (char === '(') depth += 1;
    else if (char === ')' && depth > 0) {
      depth -= 1;
      if (depth === 0) out += ' ';
    } else if (depth === 0) out += char;
  }
  return depth === 0 ? out : value;
}

const rfc822Pattern =
  /^(?:([a-z]{3})\s*,\s*)?(\d{1,2})\s+([a-z]{3})\s+(\d{2}|\d{4})\s+(\d{2}):(\d{2})(?::(\d{2}))?\s+([+-]\d{4}|ut|gmt|[ecmp][sd]t|[a-ik-z])$/i;

/**
 * An RFC 822 date-time as RSS 2.0 requires (https://www.rssboard.org/rss-specification#ltpubdategtSubelementOfLtitemgt),
 * read with RFC 2822's rules: comments, folding white space, two-digit years, military zones; the day
 * must exist and the weekday, when given, must match it.
 *
 * @example
 * isRfc822Date('Thu, 09 Feb 2006 23:59:45 +0000') // true
 */
export function isRfc822Date(value: string): boolean {
  const match = rfc822Pattern.exec(stripComments(value).replace(/\s+/g, ' ').trim());
  if (!match) return false;
  const [, dow, dd, mon, yy, hh, mm, ss] = match;
  const month = MONTHS.indexOf((mon as string).toLowerCase()) + 1;
  let year = Number(yy);
  if ((yy as string).length === 2) year += year < 50 ? 2000 : 1900;
  const day = Number(dd);
  if (month === 0 || !isValidCalendarDate(year, month, day)) return false;
  if (!isValidClock(Number(hh), Number(mm), Number(ss ?? 0))) return false;
  if (!dow) return true;
  const date = new Date(Date.UTC(2000, month - 1, day));
  date.setUTCFullYear(year);
  return DAYS[date.getUTCDay()] === dow.toLowerCase();
}

const rfc3339Pattern = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d+)?(Z|[+-](\d{2}):(\d{2}))$/;

/** An RFC 3339 date-time as Atom requires (RFC 4287 §3.3): upper-case `T` and `Z`, a real day. */
export function isRfc3339Date(value: string): boolean {
  const match = rfc3339Pattern.exec(value);
  if (!match) return false;
  const [, yyyy, mo, dd, hh, mi, ss, , , zh, zm] = match.map((part) => Number(part));
  return (
    isValidCalendarDate(yyyy as number, mo as number, dd as number) &&
    isValidClock(hh as number, mi as number, ss as number) &&
    (zh === undefined || Number.isNaN(zh) || (zh <= 23 && (zm as number) <= 59))
  );
}

const w3cdtfPattern =
  /^(\d{4})(?:-(\d{2})(?:-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(?:Z|[+-]\d{2}:\d{2}))?)?)?$/;

/** A W3C date-time profile of ISO 8601 (https://www.w3.org/TR/NOTE-datetime), as Dublin Core uses. */
export function isW3cDate(value: string): boolean {
  const match = w3cdtfPattern.exec(value);
  if (!match) return false;
  const [, yyyy, mo, dd, hh, mi, ss] = match;
  if (mo && !(Number(mo) >= 1 && Number(mo) <= 12)) return false;
  if (dd && !isValidCalendarDate(Number(yyyy), Number(mo), Number(dd))) return false;
  return !hh || isValidClock(Number(hh), Number(mi), Number(ss ?? 0));
}

/** A language tag with a two- or three-letter primary subtag (RFC 3066 as RSS and Atom cite it). */
export const isLanguageTag = (value: string): boolean => /^([a-z]{2,3}|[ix])(-[a-z0-9]{1,8})*$/i.test(value);

/** Characters that may not appear in an IRI at all (RFC 3987 §2.2): spaces, controls, `<>"{}|\^` and backtick. */
export const hasBadIriChars = (value: string): boolean =>
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are exactly what is refused
  /[\s\u0000-\u001f\u007f<>"{}|\\^`]/.test(value);

/** Non-ASCII characters: fine in an IRI (Atom), not in a URI (RSS 2.0). */
// biome-ignore lint/suspicious/noControlCharactersInRegex: the range is all of ASCII
export const isAscii = (value: string): boolean => /^[\u0000-\u007f]*$/.test(value);

/** An absolute IRI: a scheme, then a colon (RFC 3987 §2.2 `IRI`). */
export const isAbsoluteIri = (value: string): boolean =>
  /^[a-z][a-z0-9+.-]*:/i.test(value) && !hasBadIriChars(value);

export const isHttpUrl = (value: string): boolean =>
  /^https?:\/\/[^/\s]+/i.test(value) && !hasBadIriChars(value);

/** What is wrong with an absolute id in a well-known scheme (`urn:uuid:`, other URNs, `tag:`), if anything. */
export function idSchemeError(value: string): 'InvalidUUID' | 'InvalidURN' | 'InvalidTAG' | null {
  if (/^urn:uuid:/i.test(value))
    return /^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value)
      ? null
      : 'InvalidUUID';
  // RFC 8141 §2: the namespace identifier is letters, digits and hyphens.
  if (/^urn:/i.test(value)) return /^urn:[a-z0-9][a-z0-9-]{0,31}:\S+$/i.test(value) ? null : 'InvalidURN';
  // RFC 4151 §2.1: tag:authority,date:specific, where the authority is a DNS name or an email address.
  if (/^tag:/i.test(value)) {
    const match = /^tag:([^,]+),(\d{4}(?:-\d{2}(?:-\d{2})?)?):(.*)$/i.exec(value);
    const authority = match?.[1] ?? '';
    const isAuthority = /^([a-z0-9-]+\.)*[a-z0-9-]+$|^[^@\s]+@([a-z0-9-]+\.)*[a-z0-9-]+$/i.test(authority);
    return match && isAuthority && isW3cDate(match[2] as string) ? null : 'InvalidTAG';
  }
  return null;
}

/** An RFC 2822 addr-spec with nothing around it (RFC 4287 §3.2.3 `atom:email`). */
export const isAddrSpec = (value: string): boolean =>
  /^[a-z0-9!#$%&'*+/=?^_`{|}~.-]+@[a-z0-9-]+(\.[a-z0-9-]+)+$/i.test(value);

/** An RSS 2.0 person: an email address, optionally followed by the real name in parentheses. */
export const isRssContact = (value: string): boolean => {
  const match = /^(\S+)(\s+\(.*\))?$/s.exec(value);
  return Boolean(match && isAddrSpec(match[1] as string));
};

/** A MIME media type (RFC 6838 §4.2), parameters allowed. */
export const isMimeType = (value: string): boolean =>
  /^[a-z0-9][a-z0-9!#$&^_.+-]*\/[a-z0-9][a-z0-9!#$&^_.+-]*(\s*;.*)?$/i.test(value);

export const isBase64 = (value: string): boolean => {
  const compact = value.replace(/\s+/g, '');
  return compact.length % 4 === 0 && /^[a-z0-9+/]*={0,2}$/i.test(compact);
};

export const isNonNegativeInteger = (value: string): boolean => /^\d+$/.test(value);
export const isPositiveInteger = (value: string): boolean => /^\d+$/.test(value) && Number(value) > 0;
