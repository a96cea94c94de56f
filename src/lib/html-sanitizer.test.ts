import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { decodeHTML } from 'entities';
import { DomUtils, parseDocument } from 'htmlparser2';
import { z } from 'zod';
import { fixturePath, hasFixtures } from '../../test/helpers/fixtures.ts';
import { skipUnless } from '../../test/helpers/require-all.ts';
import { htmlToPlainText, sanitizeArticleHtml } from './html-sanitizer.ts';

const MISSING_FIXTURES = '../shared/fixtures/sanitizer is missing';

/** Elements that must never come out of the sanitiser, whatever went in. */
const FORBIDDEN_ELEMENTS = new Set(['script', 'style', 'object', 'embed', 'form', 'input', 'svg', 'math']);
const DANGEROUS_SCHEMES = ['javascript:', 'vbscript:', 'data:'];
const EMBED_HOSTS = new Set([
  'youtube-nocookie.com',
  'www.youtube-nocookie.com',
  'www.youtube.com',
  'player.vimeo.com',
]);

const dompurifyCases = z.array(z.object({ payload: z.string() }));

/**
 * Reduces an attribute value to what a browser's URL parser would see, and then some: entities are
 * decoded until nothing changes (the parser already decoded once, a second pass catches double
 * encoding) and every control character and space is removed, because browsers skip tabs and
 * newlines inside a scheme (https://url.spec.whatwg.org/#concept-basic-url-parser).
 */
function normaliseUrlish(value: string): string {
  let decoded = value;
  for (let pass = 0; pass < 5; pass++) {
    const next = decodeHTML(decoded);
    if (next === decoded) break;
    decoded = next;
  }
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are exactly what browsers ignore in a URL scheme.
  return decoded.replace(/[\u0000-\u0020\u007f-\u009f]/g, '').toLowerCase();
}

/** A value may hold several URLs (srcset candidates are comma-separated); each must be checked. */
function hasDangerousUrl(value: string): boolean {
  const normalised = normaliseUrlish(value);
  const candidates = [normalised, ...normalised.split(',')];
  return candidates.some((candidate) => DANGEROUS_SCHEMES.some((scheme) => candidate.startsWith(scheme)));
}

/** Parses sanitised HTML the way a consumer would and lists everything in it that could run script. */
function findUnsafeMarkup(html: string): string[] {
  const problems: string[] = [];
  // A second, independent look at the raw string: sanitize-html escapes every `<` in text, so a
  // literal `<script` can only be a tag, even one this parser happened to read differently.
  if (/<\s*script/i.test(html)) problems.push('raw <script in output');
  const elements = DomUtils.findAll(() => true, parseDocument(html).children);
  for (const element of elements) {
    const tag = element.name.toLowerCase();
    if (FORBIDDEN_ELEMENTS.has(tag)) problems.push(`<${tag}> element`);
    for (const [name, value] of Object.entries(element.attribs)) {
      if (name.toLowerCase().startsWith('on')) problems.push(`${name} on <${tag}>`);
      if (hasDangerousUrl(value)) problems.push(`${name}="${value}" on <${tag}>`);
    }
    if (tag === 'iframe') {
      // Resolved against a base that is not an embed host, so a relative src counts as a foreign one.
      const src = element.attribs.src ?? '';
      const base = 'https://masthead.invalid/';
      const host = URL.canParse(src, base) ? new URL(src, base).hostname : '';
      if (!EMBED_HOSTS.has(host)) problems.push(`<iframe> from "${host}"`);
    }
  }
  return problems;
}

/** Sanitises each payload, then sanitises the output again, and returns every payload that left something unsafe. */
function checkVectors(payloads: string[]): { payload: string; problems: string[] }[] {
  const failures: { payload: string; problems: string[] }[] = [];
  for (const payload of payloads) {
    const once = sanitizeArticleHtml(payload);
    const twice = sanitizeArticleHtml(once);
    const problems = [
      ...findUnsafeMarkup(once).map((problem) => `first pass: ${problem}`),
      ...findUnsafeMarkup(twice).map((problem) => `second pass: ${problem}`),
    ];
    if (problems.length > 0) failures.push({ payload, problems });
  }
  return failures;
}

describe('sanitizeArticleHtml against shared XSS fixtures', () => {
  it('should leave no script, on* handler or dangerous URL when given every DOMPurify expect.mjs payload', (t) => {
    if (skipUnless(t, hasFixtures('sanitizer'), MISSING_FIXTURES)) return;
    const raw: unknown = JSON.parse(readFileSync(fixturePath('sanitizer', 'dompurify-expect.json'), 'utf8'));
    const payloads = dompurifyCases.parse(raw).map((testCase) => testCase.payload);

    const failures = checkVectors(payloads);

    assert.equal(payloads.length, 223, 'dompurify-expect.json should hold the 223 pinned cases');
    assert.deepEqual(failures, [], `unsafe output for ${failures.length} payload(s)`);
  });

  it('should leave no script, on* handler or dangerous URL when given every RSnake filter-evasion vector', (t) => {
    if (skipUnless(t, hasFixtures('sanitizer'), MISSING_FIXTURES)) return;
    const text = readFileSync(fixturePath('sanitizer', 'rsnake-xss-vectors.txt'), 'utf8');
    const vectors = text.split(/\r?\n/).filter((line) => line.length > 0);

    const failures = checkVectors(vectors);

    assert.equal(vectors.length, 73, 'rsnake-xss-vectors.txt should hold the 73 pinned vectors');
    assert.deepEqual(failures, [], `unsafe output for ${failures.length} vector(s)`);
  });

  it('should report a problem when the checker is given markup that is unsafe', () => {
    const unsafe =
      '<a href="java&#x09;script:alert(1)">x</a><img src=x ONERROR=y><svg></svg><script></script>';

    const problems = findUnsafeMarkup(unsafe);

    assert.equal(problems.length, 5, problems.join('; '));
  });
});

describe('sanitizeArticleHtml', () => {
  it('should keep a paragraph with a link when the link is http', () => {
    const html = '<p>Read <a href="https://example.com/story" title="Story">the story</a>.</p>';

    assert.equal(sanitizeArticleHtml(html), html);
  });

  it('should keep a figure with its image and caption when both are allowed', () => {
    const html =
      '<figure class="wide"><img src="/media/a.jpg" srcset="/media/a-2x.jpg 2x" alt="A harbour" width="800" height="600" loading="lazy" /><figcaption>The harbour at dawn.</figcaption></figure>';

    assert.equal(sanitizeArticleHtml(html), html);
  });

  it('should keep a table with header scope and spans when given a data table', () => {
    const html =
      '<table><caption>Results</caption><thead><tr><th scope="col">Party</th><th scope="col" colspan="2">Seats</th></tr></thead><tbody><tr><td>A</td><td rowspan="2">12</td></tr></tbody></table>';

    assert.equal(sanitizeArticleHtml(html), html);
  });

  it('should keep lang and dir when they are set on any allowed element', () => {
    const html =
      '<blockquote lang="ar" dir="rtl"><p>نص</p></blockquote><span lang="en" dir="ltr">text</span>';

    assert.equal(sanitizeArticleHtml(html), html);
  });

  it('should turn an h1 into an h2 when the body contains one', () => {
    assert.equal(sanitizeArticleHtml('<h1 lang="fr">Titre</h1>'), '<h2 lang="fr">Titre</h2>');
  });

  it('should drop the href when it uses the javascript: scheme', () => {
    assert.equal(sanitizeArticleHtml('<a href="javascript:alert(1)">x</a>'), '<a>x</a>');
  });

  it('should drop onerror when an image carries an event handler', () => {
    assert.equal(sanitizeArticleHtml('<img src=x onerror=alert(1)>'), '<img src="x" />');
  });

  it('should drop target when a link asks for a new window', () => {
    const output = sanitizeArticleHtml('<a href="https://example.com/" target="_blank">x</a>');

    assert.equal(output, '<a href="https://example.com/">x</a>');
  });

  it('should remove the whole iframe when its host is not an allowed video host', () => {
    assert.equal(
      sanitizeArticleHtml('<p>a</p><iframe src="https://evil.example/">fallback</iframe>'),
      '<p>a</p>',
    );
  });

  it('should keep the iframe when it embeds youtube-nocookie', () => {
    const html =
      '<iframe src="https://www.youtube-nocookie.com/embed/abc123" title="Interview" allowfullscreen></iframe>';

    assert.equal(sanitizeArticleHtml(html), html);
  });

  it('should drop the style attribute when a paragraph has inline styles', () => {
    assert.equal(sanitizeArticleHtml('<p style="color:red">Hi</p>'), '<p>Hi</p>');
  });

  it('should drop classes that are not plain tokens when a paragraph has them', () => {
    assert.equal(sanitizeArticleHtml('<p class="lead x&quot;y">Hi</p>'), '<p class="lead">Hi</p>');
  });

  it('should keep no script content when a script precedes text', () => {
    assert.equal(sanitizeArticleHtml('<script>alert(1)</script>text'), 'text');
  });

  it('should keep the text of an unknown element when the element is dropped', () => {
    assert.equal(sanitizeArticleHtml('<p><blink>still news</blink></p>'), '<p>still news</p>');
  });

  it('should drop data: URLs when an image or srcset candidate uses one', () => {
    const output = sanitizeArticleHtml(
      '<img src="data:image/png;base64,AAAA" srcset="data:image/png;base64,AAAA 1x, https://example.com/b.png 2x" alt="" />',
    );

    assert.equal(output, '<img srcset="https://example.com/b.png 2x" alt="" />');
  });

  it('should leave Arabic text and emoji unchanged when they appear in text', () => {
    const html = '<p dir="rtl">مرحبا بالعالم 📰🌍 — قراءة ممتعة</p>';

    assert.equal(sanitizeArticleHtml(html), html);
  });
});

describe('htmlToPlainText', () => {
  it('should separate words when they sit in adjacent paragraphs', () => {
    assert.equal(htmlToPlainText('<p>a</p><p>b</p>'), 'a b');
  });

  it('should separate list items when they have no whitespace between them', () => {
    assert.equal(
      htmlToPlainText('<ul><li>one</li><li>two</li></ul><ol><li>three</li></ol>'),
      'one two three',
    );
  });

  it('should drop tags, link URLs and images when converting markup', () => {
    const text = htmlToPlainText(
      '<h2>Budget</h2><p>See <a href="https://example.com/x">the <em>full</em> report</a>.<img src="/a.jpg" alt="chart"></p>',
    );

    assert.equal(text, 'Budget See the full report.');
  });

  it('should decode entities when the markup escapes characters', () => {
    assert.equal(
      htmlToPlainText('<p>Fish &amp; chips &lt;3 &quot;today&quot;</p>'),
      'Fish & chips <3 "today"',
    );
  });
});
