import { escapeXml, NOT_XML_CHARS, XML_ENTITIES } from '../lib/xml.ts';

export { escapeXml, NOT_XML_CHARS };

/** HTML-escapes plain text, for RSS `<description>`, which readers treat as HTML. */
export const escapeHtmlText = (text: string): string =>
  text.replace(/[&<>"]/g, (char) => XML_ENTITIES[char] as string);

type Attributes = Record<string, string | null | undefined>;

const attributesOf = (attrs: Attributes): string =>
  Object.entries(attrs)
    .filter((entry): entry is [string, string] => entry[1] !== null && entry[1] !== undefined)
    .map(([name, value]) => ` ${name}="${escapeXml(value)}"`)
    .join('');

/**
 * One element with escaped text (or empty when `text` is undefined); null attributes are left out.
 *
 * @example
 * xmlText('category', { domain: 'https://news.example/tag/x/' }, 'Fish & chips')
 * // '<category domain="https://news.example/tag/x/">Fish &amp; chips</category>'
 */
export function xmlText(name: string, attrs: Attributes, text?: string): string {
  return text === undefined
    ? `<${name}${attributesOf(attrs)}/>`
    : `<${name}${attributesOf(attrs)}>${escapeXml(text)}</${name}>`;
}

/** One element around children that are already XML. */
export function xmlParent(name: string, attrs: Attributes, children: string[]): string {
  return `<${name}${attributesOf(attrs)}>\n${children.join('\n')}\n</${name}>`;
}

export const XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>';
