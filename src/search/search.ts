import type { Category } from '../taxonomy/taxonomy.ts';

/** Longer than this (in characters) is not a search but a paste: the reader is asked for a few words. */
export const MAX_QUERY_LENGTH = 200;
/** Words beyond this many are ignored; every word must match, so more would only find nothing. */
export const MAX_TERMS = 12;
/**
 * A search ranks the newest this-many matches by relevance and shows at most this many results.
 * Ranking every match of a word found in most articles costs hundreds of milliseconds at 100,000
 * articles; ranking the newest 1,000 costs a few (bench/search-bench.ts).
 */
export const MAX_RESULTS = 1000;

/**
 * What the reader typed, read once: nothing to search, too long, or the words to look for.
 * `terms` may be empty (only punctuation or emoji were typed): a search that finds nothing.
 */
export type SearchQuery =
  | { kind: 'empty'; text: string }
  | { kind: 'tooLong'; text: string }
  | { kind: 'terms'; text: string; terms: string[] };

// Letters, digits and combining marks, as the FTS5 unicode61 tokenizer and PostgreSQL's parser see
// words; everything else (quotes, `*`, `-`, `:`, `^`, brackets, emoji) separates them.
const WORD = /[\p{L}\p{N}\p{M}\p{Co}]+/gu;
const HAS_LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;
const CONTROL_CHARACTERS = /\p{Cc}/gu;
// Arabic short vowels, shadda, sukun and tatweel: news text is written without them, so a reader
// who types them would otherwise find nothing (https://www.unicode.org/charts/PDF/U0600.pdf).
const ARABIC_VOWEL_MARKS = /[\u0640\u064B-\u065F\u0670]/g;

/**
 * Reads a search box into words. Operators are not offered: every word must appear, in any
 * order, so no input can be an FTS5 or tsquery syntax error. Letter case and Latin diacritics are
 * left to the database, which folds the articles' words the same way.
 *
 * @example
 * parseSearchQuery('  "Harbour" AND -bridge* ') // { kind: 'terms', text: '"Harbour" AND -bridge*', terms: ['Harbour', 'AND', 'bridge'] }
 */
export function parseSearchQuery(raw: unknown): SearchQuery {
  // Control characters are never words and have no business in the page that echoes the query.
  const text = (typeof raw === 'string' ? raw : '').replace(CONTROL_CHARACTERS, ' ').trim();
  if (text === '') return { kind: 'empty', text };
  if ([...text].length > MAX_QUERY_LENGTH) return { kind: 'tooLong', text };
  const words = text.normalize('NFC').replace(ARABIC_VOWEL_MARKS, '').match(WORD) ?? [];
  const terms = [...new Set(words.filter((word) => HAS_LETTER_OR_DIGIT.test(word)))].slice(0, MAX_TERMS);
  return { kind: 'terms', text, terms };
}

/**
 * An FTS5 MATCH expression from parsed words: each word a string literal (`"` doubled inside, per
 * https://sqlite.org/fts5.html#fts5_strings), joined by spaces, which FTS5 reads as AND.
 *
 * @example
 * toFts5Match(['café', 'and']) // '"café" "and"'
 */
export const toFts5Match = (terms: string[]): string =>
  terms.map((term) => `"${term.replaceAll('"', '""')}"`).join(' ');

/**
 * Private-use characters that the database wraps around matched words in a snippet. They stay
 * private: the snippet is HTML-escaped first, then only these become `<mark>` and `</mark>`.
 */
export const MATCH_START = '\uE000';
export const MATCH_END = '\uE001';

const HTML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/**
 * A highlighted snippet as safe HTML: the article's text is escaped, matches become `<mark>`.
 * Markers that were already in the article's text cannot unbalance the markup: an end without a
 * start is dropped, a start inside a mark is dropped, and an open mark is closed at the end.
 *
 * @example
 * snippetToHtml('a \uE000<b>\uE001 c') // 'a <mark>&lt;b&gt;</mark> c'
 */
export function snippetToHtml(marked: string): string {
  let html = '';
  let isOpen = false;
  for (const char of marked) {
    if (char === MATCH_START) {
      if (!isOpen) html += '<mark>';
      isOpen = true;
    } else if (char === MATCH_END) {
      if (isOpen) html += '</mark>';
      isOpen = false;
    } else {
      html += HTML_ESCAPES[char] ?? char;
    }
  }
  return isOpen ? `${html}</mark>` : html;
}

export const hasMatchMarker = (marked: string): boolean => marked.includes(MATCH_START);

/** One found article as the repository reads it: enough to link, date and label it. */
export type SearchRow = {
  id: string;
  title: string;
  slug: string;
  language: string;
  publishedAt: Date | null;
  createdAt: Date;
  primaryCategoryId: string | null;
  /** Text with matches between MATCH_START and MATCH_END, never HTML. */
  markedStandfirst: string;
  markedBody: string;
};

export type SearchFound = { rows: SearchRow[]; total: number };

/** One result as pages and APIs show it. */
export type SearchHit = {
  id: string;
  kind: 'article';
  title: string;
  slug: string;
  language: string;
  publishedAt: Date | null;
  createdAt: Date;
  primaryCategory: Category | null;
  /** Safe HTML: escaped text with matched words in `<mark>`. */
  snippetHtml: string;
};
