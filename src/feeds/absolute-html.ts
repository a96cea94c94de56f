const URL_ATTRIBUTES = /(\s(?:href|src|poster|cite)=")([^"]*)(")/gi;
const SRCSET_ATTRIBUTE = /(\ssrcset=")([^"]*)(")/gi;
const HAS_SCHEME = /^[a-z][a-z0-9+.-]*:/i;

function absoluteUrl(value: string, base: string): string {
  const trimmed = value.trim();
  if (trimmed === '' || HAS_SCHEME.test(trimmed)) return value;
  try {
    return new URL(trimmed.replaceAll('&amp;', '&'), base).href.replaceAll('&', '&amp;');
  } catch {
    return value;
  }
}

/**
 * Makes every link and media URL in article HTML absolute against the article's URL. Feed readers
 * show the body away from the site, where `/media/x.jpg` or `../other/` point nowhere; RSS has no
 * `xml:base` to fix that.
 *
 * Works on the sanitizer's output (src/lib/html-sanitizer.ts): attribute values always double-quoted,
 * `<`, `>` and `"` inside them escaped, so every `<…>` is a tag.
 *
 * @example
 * absolutizeHtml('<a href="/2026/11/x/">x</a>', 'https://news.example/2026/11/y/')
 * // '<a href="https://news.example/2026/11/x/">x</a>'
 */
export function absolutizeHtml(html: string, base: string): string {
  return html.replace(/<[a-z][^>]*>/gi, (tag) =>
    tag
      .replace(
        URL_ATTRIBUTES,
        (_all, start: string, value: string, end: string) => `${start}${absoluteUrl(value, base)}${end}`,
      )
      .replace(SRCSET_ATTRIBUTE, (_all, start: string, value: string, end: string) => {
        const candidates = value.split(',').map((candidate) => {
          const [url = '', ...descriptor] = candidate.trim().split(/\s+/);
          return [absoluteUrl(url, base), ...descriptor].join(' ');
        });
        return `${start}${candidates.join(', ')}${end}`;
      }),
  );
}
