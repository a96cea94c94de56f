/**
 * Code points XML 1.0 refuses anywhere in a document, even as character references (§2.2 `Char`):
 * C0 controls other than tab, newline and return, U+FFFE, U+FFFF and unpaired surrogates.
 */
export const NOT_XML_CHARS =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are exactly what is matched
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

const ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
};

/**
 * Escapes text for XML content or a quoted attribute value, and drops the characters XML cannot
 * carry. Escaping `>` means a body holding `]]>` can never end anything early.
 *
 * @example
 * escapeXml('Fish & <chips> ]]>') // 'Fish &amp; &lt;chips&gt; ]]&gt;'
 */
export const escapeXml = (text: string): string =>
  text.replace(NOT_XML_CHARS, '').replace(/[&<>"']/g, (char) => ENTITIES[char] as string);

/** HTML-escapes plain text, for RSS `<description>`, which readers treat as HTML. */
export const escapeHtmlText = (text: string): string =>
  text.replace(/[&<>"]/g, (char) => ENTITIES[char] as string);

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
