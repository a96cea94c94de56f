/**
 * Code points XML 1.0 refuses anywhere in a document, even as character references (§2.2 `Char`):
 * C0 controls other than tab, newline and return, U+FFFE, U+FFFF and unpaired surrogates.
 */
export const NOT_XML_CHARS =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are exactly what is matched
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

export const XML_ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
};

/**
 * Escapes text for XML content or a quoted attribute value, and drops the characters XML cannot
 * carry. Escaping `>` means a body holding `]]>` can never end anything early. Feeds and sitemaps
 * both write through it.
 *
 * @example
 * escapeXml('Fish & <chips> ]]>') // 'Fish &amp; &lt;chips&gt; ]]&gt;'
 */
export const escapeXml = (text: string): string =>
  text.replace(NOT_XML_CHARS, '').replace(/[&<>"']/g, (char) => XML_ENTITIES[char] as string);
