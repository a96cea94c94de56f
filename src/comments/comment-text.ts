import MarkdownIt from 'markdown-it';

/**
 * Markdown-lite for comments: paragraphs, line breaks, emphasis, quotes, code and links, nothing
 * else. `html: false` turns any HTML a reader types into text; links keep only http(s) and mailto
 * targets and carry `rel="nofollow ugc noopener"` (https://developers.google.com/search/docs/crawling-indexing/qualify-outbound-links).
 */
const markdown = new MarkdownIt('zero', { html: false, linkify: false, breaks: true }).enable([
  'paragraph',
  'newline',
  'escape',
  'entity',
  'emphasis',
  'blockquote',
  'backticks',
  'code',
  'fence',
  'link',
]);

const allowedLink = /^(https?:\/\/|mailto:)/i;
markdown.validateLink = (url: string) => allowedLink.test(url.trim());
// Fences never name a language class from reader input.
markdown.renderer.rules.fence = (tokens, index) =>
  `<pre><code>${markdown.utils.escapeHtml(tokens[index]?.content ?? '')}</code></pre>\n`;
markdown.renderer.rules.link_open = (tokens, index, options, _env, self) => {
  tokens[index]?.attrSet('rel', 'nofollow ugc noopener');
  return self.renderToken(tokens, index, options);
};

/** The comment's HTML: safe to put in a page as is. */
export const renderCommentBody = (body: string): string => markdown.render(body);

/**
 * Unicode bidirectional overrides and isolates (which let "evil‮gpj.exe" read backwards), other
 * format and control characters; kept: ordinary letters of every script, spaces, ZWJ/ZWNJ that
 * Persian and Indic scripts need.
 */
const unsafeInName = /[\p{Cc}\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069\u2028\u2029\uFEFF\u00AD]/gu;

/** A display name as stored: NFC, no bidi overrides or control characters, single spaces. */
export const cleanName = (raw: string): string =>
  raw.normalize('NFC').replace(/\s+/g, ' ').replace(unsafeInName, '').trim();

/** Comment text as stored: NFC, Unix line ends, no control characters but tab and newline. */
export const cleanBody = (raw: string): string =>
  raw
    .normalize('NFC')
    .replace(/\r\n?/g, '\n')
    .replace(/[\p{Cc}\u202A-\u202E\u2066-\u2069]/gu, (c) => (c === '\n' || c === '\t' ? c : ''))
    .trim();

/** Up to two letters for the locally drawn avatar: "Ada Lovelace" → "AL", "محمد" → "م". */
export function initialsOf(name: string): string {
  const words = name.split(' ').filter((word) => /\p{L}/u.test(word));
  const letters = words.map((word) => [...word].find((c) => /\p{L}/u.test(c)) ?? '');
  const picked = letters.length > 1 ? [letters[0], letters[letters.length - 1]] : letters.slice(0, 1);
  return picked.join('').toLocaleUpperCase() || '?';
}

/** One of eight avatar colours, the same for the same name on every page. */
export function avatarToneOf(name: string): number {
  let hash = 0;
  for (const char of name) hash = (hash * 31 + (char.codePointAt(0) ?? 0)) >>> 0;
  return hash % 8;
}

/**
 * Links in a comment however written: URLs, bare www. addresses and Markdown links, each once (a
 * Markdown link's `](` counts only when no address follows it that is counted already).
 */
export const countLinks = (body: string): number =>
  (body.match(/\bhttps?:\/\/|\bwww\.|\]\((?!\s*<?(?:https?:\/\/|www\.|mailto:))|\bmailto:/gi) ?? []).length;
