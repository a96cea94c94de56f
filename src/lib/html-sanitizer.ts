import type { HtmlToTextOptions } from 'html-to-text';
import { convert } from 'html-to-text';
import type { IOptions } from 'sanitize-html';
import sanitizeHtml from 'sanitize-html';

/**
 * Hosts whose players may be embedded. `allowedIframeHostnames` compares the exact hostname, so the
 * privacy-enhanced YouTube host is listed with and without `www.`: its embed codes use the `www.` form.
 */
const VIDEO_EMBED_HOSTS = [
  'youtube-nocookie.com',
  'www.youtube-nocookie.com',
  'www.youtube.com',
  'player.vimeo.com',
];

/** Classes are style hooks only, so a plain token is enough and nothing that could smuggle markup gets through. */
const CLASS_TOKEN = /^[a-z0-9-]+$/i;

/**
 * Elements whose text must not leak into the article when the element itself is dropped: raw-text
 * and template-like containers whose content is code, a document title or a fallback, never prose.
 */
const DISCARDED_CONTENT_TAGS = [
  'script',
  'style',
  'textarea',
  'option',
  'xmp',
  'noscript',
  'noembed',
  'noframes',
  'template',
  'title',
];

const SANITIZE_OPTIONS: IOptions = {
  allowedTags: [
    'p',
    'br',
    'hr',
    'h2',
    'h3',
    'h4',
    'h5',
    'h6',
    'strong',
    'b',
    'em',
    'i',
    'u',
    's',
    'sub',
    'sup',
    'mark',
    'small',
    'abbr',
    'a',
    'blockquote',
    'q',
    'cite',
    'code',
    'pre',
    'kbd',
    'ul',
    'ol',
    'li',
    'dl',
    'dt',
    'dd',
    'figure',
    'figcaption',
    'img',
    'picture',
    'source',
    'table',
    'caption',
    'thead',
    'tbody',
    'tfoot',
    'tr',
    'th',
    'td',
    'iframe',
    'video',
    'audio',
    'aside',
    'time',
    'span',
    'div',
  ],
  // No `style` and no `on*` anywhere; `target` is left out on purpose so that no link can hand
  // `window.opener` to another site, which makes forcing `rel="noopener"` unnecessary.
  allowedAttributes: {
    // Every element may carry its language and direction: the site publishes right-to-left text.
    '*': ['dir', 'lang'],
    a: ['href', 'title', 'rel'],
    abbr: ['title'],
    blockquote: ['cite'],
    q: ['cite'],
    ol: ['start', 'reversed'],
    img: ['src', 'srcset', 'sizes', 'alt', 'title', 'width', 'height', 'loading'],
    source: ['src', 'srcset', 'media', 'type', 'sizes'],
    th: ['scope', 'colspan', 'rowspan'],
    td: ['colspan', 'rowspan'],
    iframe: ['src', 'title', 'width', 'height', 'allowfullscreen', 'loading'],
    video: ['src', 'controls', 'poster', 'preload'],
    audio: ['src', 'controls', 'preload'],
    time: ['datetime'],
  },
  // Listing classes here is what allows the `class` attribute, and only on these elements.
  allowedClasses: {
    span: [CLASS_TOKEN],
    div: [CLASS_TOKEN],
    figure: [CLASS_TOKEN],
    p: [CLASS_TOKEN],
  },
  // Scheme-less (relative) URLs stay allowed: they are how the site links to itself. `data:` is
  // never listed, so images cannot carry SVG documents or smuggled markup. The library's default
  // list of URL attributes already covers href, src, cite and poster, and it checks each srcset
  // candidate on its own.
  allowedSchemes: ['http', 'https', 'mailto', 'tel'],
  allowedSchemesByTag: {
    img: ['http', 'https'],
    source: ['http', 'https'],
    video: ['http', 'https'],
    audio: ['http', 'https'],
    iframe: ['https'],
  },
  allowedIframeHostnames: VIDEO_EMBED_HOSTS,
  allowIframeRelativeUrls: false,
  // The page title is the article's only h1; headings inside the body start one level below.
  transformTags: { h1: 'h2' },
  // sanitize-html removes a refused iframe `src` but keeps the empty frame; drop the frame instead.
  exclusiveFilter: (frame) => frame.tag === 'iframe' && !frame.attribs.src,
  nonTextTags: DISCARDED_CONTENT_TAGS,
  disallowedTagsMode: 'discard',
};

/**
 * Cleans article HTML from the editor or an import down to the newsroom allowlist: unknown
 * elements are unwrapped (their text stays), scripts and styles vanish with their content, and no
 * URL may use a scheme other than http, https, mailto or tel.
 *
 * @example
 * sanitizeArticleHtml('<h1 dir="rtl">عنوان</h1><p onclick="x()">Hi <script>bad()</script></p>');
 * // => '<h2 dir="rtl">عنوان</h2><p>Hi </p>'
 */
export function sanitizeArticleHtml(html: string): string {
  return sanitizeHtml(html, SANITIZE_OPTIONS);
}

const HEADING_SELECTORS = ['h1', 'h2', 'h3', 'h4', 'h5', 'h6'].map((selector) => ({
  selector,
  options: { uppercase: false },
}));

const PLAIN_TEXT_OPTIONS: HtmlToTextOptions = {
  wordwrap: false,
  selectors: [
    { selector: 'a', options: { ignoreHref: true } },
    { selector: 'img', format: 'skip' },
    ...HEADING_SELECTORS,
    // Search wants words, not list bullets or numbers; html-to-text treats an empty prefix as unset.
    { selector: 'ul', options: { itemPrefix: ' ' } },
    { selector: 'ol', format: 'unorderedList', options: { itemPrefix: ' ' } },
    { selector: 'table', format: 'dataTable', options: { uppercaseHeaderCells: false } },
    ...DISCARDED_CONTENT_TAGS.map((selector) => ({ selector, format: 'skip' })),
  ],
};

/**
 * Turns article HTML into one line of plain text for the search index: tags dropped, entities
 * decoded, blocks separated by a single space. The result is text, not HTML: escape it before
 * putting it in a page.
 *
 * @example
 * htmlToPlainText('<h2>Fish &amp; chips</h2><ul><li>cod</li><li>haddock</li></ul>');
 * // => 'Fish & chips cod haddock'
 */
export function htmlToPlainText(html: string): string {
  return convert(html, PLAIN_TEXT_OPTIONS).replace(/\s+/g, ' ').trim();
}
