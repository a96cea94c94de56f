/** The words of some HTML, parsed inertly (a template runs no script and loads no image). */
function textOf(html: string): string {
  const template = document.createElement('template');
  template.innerHTML = html;
  return template.content.textContent ?? '';
}

/** cyrb53: a fast 53-bit string hash (public domain, bryc). Not for security; for recognising text. */
function hash(text: string): string {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i += 1) {
    const code = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ code, 2654435761);
    h2 = Math.imul(h2 ^ code, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(36);
}

/**
 * A short fingerprint of an article's words (title, standfirst and the text of its body, spacing
 * ignored), the same for the editor's HTML and the sanitised HTML the server keeps. It recognises
 * a save of our own that landed after we read the article (a save sent as the page unloaded).
 *
 * @example
 * fingerprint({ title: 'Vote', standfirst: '', body_html: '<p>Delayed</p>' }) === fingerprint(serverCopy)
 */
export function fingerprint(words: { title: string; standfirst: string; body_html: string }): string {
  const normalise = (text: string) => text.replace(/\s+/g, ' ').trim();
  return hash(
    [normalise(words.title), normalise(words.standfirst), normalise(textOf(words.body_html))].join('\n'),
  );
}
