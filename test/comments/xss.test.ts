import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { DomUtils } from 'htmlparser2';
import type { ArticleView } from '../../src/articles/article.ts';
import { NAME_MAX } from '../../src/comments/comment-input.ts';
import { cleanName } from '../../src/comments/comment-text.ts';
import { AppError } from '../../src/lib/errors.ts';
import { fixturePath, hasFixtures } from '../helpers/fixtures.ts';
import { skipUnless } from '../helpers/require-all.ts';
import { byTag, type Doc, type El, type Page, text, withClass } from '../site/site-helpers.ts';
import { type CommentsSite, commentItem, commentSection, openComments } from './comment-helpers.ts';

/*
 * Every vector of ../shared/fixtures/sanitizer (DOMPurify's 223 test cases and RSnake's 73 lines,
 * see its SOURCE.md) posted as a comment's text, its author's name and its website, then the
 * article page — every page of its comments — read back as a browser would parse it.
 */

type Vector = { source: string; payload: string };

function loadVectors(): Vector[] {
  const dompurify = JSON.parse(readFileSync(fixturePath('sanitizer', 'dompurify-expect.json'), 'utf8')) as {
    title: string;
    payload: string;
  }[];
  const rsnake = readFileSync(fixturePath('sanitizer', 'rsnake-xss-vectors.txt'), 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '');
  return [
    ...dompurify.map((c, i) => ({ source: `DOMPurify #${i + 1} ${c.title}`, payload: c.payload })),
    ...rsnake.map((line, i) => ({ source: `RSnake line ${i + 1}`, payload: line })),
  ];
}

/** Names that try to turn the page's text around or hide in control characters. */
const bidiNames = [
  'evil\u202Egpj.exe',
  '\u2067<b>Admin</b>\u2069',
  'Ada\u200F\u202A Reader\u202C',
  'Null\u0000Byte\u0007Bell',
  'Zero\uFEFFWidth\u00ADSoft',
];

/** Web addresses that are valid URLs yet carry markup or script in their path, query or fragment. */
const craftedWebsites = [
  'https://ada.example/"><script>alert(1)</script>',
  "https://ada.example/'onmouseover='alert(1)'",
  'https://ada.example/?q=<img src=x onerror=alert(1)>',
  'http://ada.example/#javascript:alert(1)',
  'https://ada.example/\u202Egpj.exe',
  'HTTPS://ADA.EXAMPLE/%22%3E%3Csvg/onload=alert(1)%3E',
];

/** Attributes a browser loads or follows. */
const URL_ATTRIBUTES = new Set([
  'href',
  'src',
  'action',
  'formaction',
  'xlink:href',
  'poster',
  'background',
  'cite',
  'data',
  'lowsrc',
  'dynsrc',
  'srcset',
  'ping',
  'codebase',
  'longdesc',
]);

/** What the comment threads may hold: the thread markup and markdown-it's few elements. */
const THREAD_ELEMENTS = new Set([
  'ol',
  'li',
  'article',
  'header',
  'footer',
  'span',
  'a',
  'time',
  'div',
  'p',
  'br',
  'em',
  'strong',
  'blockquote',
  'code',
  'pre',
]);

/** A URL as a browser reads it: without the white space and control characters it skips. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: browsers drop these before reading the scheme.
const schemeOf = (value: string): string => value.replace(/[\u0000-\u0020\u007F-\u009F]+/g, '').toLowerCase();
const isDangerousUrl = (value: string): boolean => /^(javascript|data|vbscript):/.test(schemeOf(value));

/** The layout's own empty favicon (`<link rel="icon" href="data:,">`), which stops a favicon request. */
const isEmptyFavicon = (el: El): boolean =>
  el.name === 'link' && (el.attribs.rel ?? '').split(/\s+/).includes('icon') && el.attribs.href === 'data:,';

/** Everything in the page that could run script, each described for the failure message. */
function dangersIn(doc: Doc): string[] {
  const found: string[] = [];
  for (const el of DomUtils.findAll(() => true, doc.children)) {
    if (isEmptyFavicon(el)) continue;
    for (const [name, value] of Object.entries(el.attribs)) {
      if (/^on/i.test(name)) found.push(`<${el.name} ${name}="${value.slice(0, 60)}">`);
      if (URL_ATTRIBUTES.has(name.toLowerCase()) && isDangerousUrl(value))
        found.push(`<${el.name} ${name}="${value.slice(0, 60)}">`);
    }
    if (el.name === 'script') {
      const inline = DomUtils.textContent(el).trim();
      const isOwnFile = (el.attribs.src ?? '').startsWith('/assets/') && inline === '';
      const isData = el.attribs.type === 'application/ld+json' && isJson(inline);
      if (!isOwnFile && !isData) found.push(`<script src="${el.attribs.src ?? ''}">${inline.slice(0, 60)}`);
    }
  }
  const threads = withClass(commentSection(doc), 'comment-list');
  for (const el of threads.flatMap((list) => DomUtils.findAll(() => true, list.children))) {
    if (!THREAD_ELEMENTS.has(el.name)) found.push(`<${el.name}> inside the threads`);
    if ('style' in el.attribs) found.push(`<${el.name} style> inside the threads`);
  }
  return found;
}

function isJson(value: string): boolean {
  try {
    JSON.parse(value);
    return true;
  } catch {
    return false;
  }
}

type Posted = { vector: Vector; id: string };
type Refused = { vector: Vector; code: string; field: string | undefined };

describe('comment XSS vectors (../shared/fixtures/sanitizer)', () => {
  const isAvailable =
    hasFixtures('sanitizer', 'dompurify-expect.json') && hasFixtures('sanitizer', 'rsnake-xss-vectors.txt');
  const vectors = isAvailable ? loadVectors() : [];
  let site: CommentsSite;
  let serial = 0;

  before(async () => {
    if (!isAvailable) return;
    site = await openComments(null, {
      settings: { threads_per_page: 200, max_links: 100, duplicate_check: false, honeypot: false },
    });
  });
  after(() => site?.close());

  /**
   * Sends each form through the comment service (no CAPTCHA: each is held as no_captcha), then
   * approves every stored one as a moderator would, so that all of them are on the article page.
   */
  async function postAll(
    article: ArticleView,
    forms: { vector: Vector; fields: Record<string, string> }[],
  ): Promise<{ posted: Posted[]; refused: Refused[] }> {
    const posted: Posted[] = [];
    const refused: Refused[] = [];
    const { service, moderation } = site.t.masthead.comments;
    for (const { vector, fields } of forms) {
      serial += 1;
      try {
        const { comment } = await service.submit(
          {
            article_id: article.id,
            name: 'Ada Reader',
            email: `reader${serial}@example.com`,
            body: `Vector ${serial}.`,
            form_time: service.signFormTime(),
            ...fields,
          },
          { ip: `198.51.100.${serial % 250}`, userAgent: 'xss-test', referrer: '' },
          undefined,
        );
        posted.push({ vector, id: comment.id });
      } catch (error) {
        if (!(error instanceof AppError)) throw error;
        refused.push({ vector, code: error.code, field: error.field });
      }
    }
    for (let start = 0; start < posted.length; start += 500)
      await moderation.bulk({ ids: posted.slice(start, start + 500).map((p) => p.id), action: 'approve' });
    return { posted, refused };
  }

  /** Every page of an article's comments. */
  async function allPages(article: ArticleView): Promise<Page[]> {
    const pages: Page[] = [];
    for (let cpage = 1; cpage <= 50; cpage += 1) {
      const page = await site.page(cpage > 1 ? `?cpage=${cpage}` : '', article);
      assert.equal(page.status, 200, `comment page ${cpage}: ${page.text.slice(0, 200)}`);
      pages.push(page);
      if (!byTag(commentSection(page.doc), 'a').some((a) => a.attribs.rel === 'next')) break;
    }
    return pages;
  }

  /** Fails naming each vector whose page holds something that could run. */
  function assertSafe(pages: Page[], posted: Posted[]) {
    const dangers = pages.flatMap((page, i) => dangersIn(page.doc).map((d) => `page ${i + 1}: ${d}`));
    assert.deepEqual(dangers, []);
    const shown = new Map<string, El>();
    for (const page of pages) {
      for (const { id } of posted) {
        const item = commentItem(page.doc, id);
        if (item) shown.set(id, item);
      }
    }
    const missing = posted.filter((p) => !shown.has(p.id)).map((p) => p.vector.source);
    assert.deepEqual(missing, [], 'every approved comment is on a page, none swallowed by another');
    return shown;
  }

  it('should render every vector as a comment text with no script, on* attribute or javascript:/data: URL', async (t) => {
    if (skipUnless(t, isAvailable, 'no ../shared/fixtures/sanitizer')) return;
    const article = await site.publish({ title: 'Vectors in the comment text' });

    const { posted, refused } = await postAll(
      article,
      vectors.map((vector) => ({ vector, fields: { body: vector.payload } })),
    );
    const pages = await allPages(article);

    assert.equal(vectors.length, 223 + 73);
    assert.deepEqual(
      refused.map((r) => [r.vector.payload.trim(), r.code]),
      refused.map(() => ['', 'COMMENT_BODY_REQUIRED']),
      'a comment text is refused only when it is blank',
    );
    assert.ok(refused.length <= 1);
    const shown = assertSafe(pages, posted);
    for (const { id } of posted) {
      const textBlock = withClass(shown.get(id) as El, 'comment-text')[0];
      assert.ok(textBlock, `comment ${id} has its text`);
    }
    assert.ok(
      pages.some((page) => /&lt;script&gt;/i.test(page.text)),
      'typed tags are shown as text, escaped',
    );
  });

  it('should render every vector as a name escaped, with bidi overrides and control characters stripped', async (t) => {
    if (skipUnless(t, isAvailable, 'no ../shared/fixtures/sanitizer')) return;
    const article = await site.publish({ title: 'Vectors in the name' });
    const named = [...vectors, ...bidiNames.map((payload, i) => ({ source: `bidi name ${i + 1}`, payload }))];
    // A name longer than NAME_MAX is refused; its first NAME_MAX characters are posted instead.
    const fitting = (payload: string) =>
      cleanName(payload).length > NAME_MAX ? [...cleanName(payload)].slice(0, NAME_MAX).join('') : payload;

    const { posted, refused } = await postAll(
      article,
      named.map((vector) => ({ vector, fields: { name: fitting(vector.payload) } })),
    );
    const pages = await allPages(article);

    assert.deepEqual(
      refused.filter((r) => r.code !== 'COMMENT_NAME_REQUIRED'),
      [],
      'a name is refused only when nothing is left of it',
    );
    const shown = assertSafe(pages, posted);
    for (const { vector, id } of posted) {
      const item = shown.get(id) as El;
      const author = withClass(item, 'comment-author')[0];
      const expected = cleanName(fitting(vector.payload));
      assert.equal(
        DomUtils.textContent(author ?? item),
        expected,
        `${vector.source}: the name is shown as typed`,
      );
      assert.deepEqual(
        DomUtils.findAll(() => true, author?.children ?? []).map((el) => el.name),
        [],
        `${vector.source}: the name holds no element`,
      );
      assert.doesNotMatch(expected, /[\p{Cc}\u202A-\u202E\u2066-\u2069\u200E\u200F\uFEFF\u00AD]/u);
    }
    const evil = posted.find((p) => p.vector.payload === 'evil\u202Egpj.exe');
    assert.equal(text(withClass(shown.get(evil?.id ?? '') as El, 'comment-author')[0]), 'evilgpj.exe');
  });

  it('should refuse every vector that is not a web address as a website, and link the rest safely', async (t) => {
    if (skipUnless(t, isAvailable, 'no ../shared/fixtures/sanitizer')) return;
    const article = await site.publish({ title: 'Vectors in the website' });

    const crafted = craftedWebsites.map((payload, i) => ({ source: `crafted website ${i + 1}`, payload }));
    const { posted, refused } = await postAll(
      article,
      [...vectors, ...crafted].map((vector) => ({ vector, fields: { url: vector.payload } })),
    );
    const pages = await allPages(article);

    assert.ok(refused.length > 0);
    assert.deepEqual(
      crafted.filter((c) => !posted.some((p) => p.vector === c)).map((c) => c.source),
      [],
      'a real web address is accepted, whatever its path holds',
    );
    assert.deepEqual(
      refused.filter((r) => r.code !== 'COMMENT_URL_INVALID' || r.field !== 'url'),
      [],
      'a website is refused on its own field',
    );
    assert.equal(posted.length + refused.length, vectors.length + crafted.length);
    const shown = assertSafe(pages, posted);
    for (const { vector, id } of posted) {
      const link = byTag(withClass(shown.get(id) as El, 'comment-author')[0] as El, 'a')[0];
      if (vector.payload.trim() === '') {
        assert.equal(link, undefined, 'a blank website is no website');
        continue;
      }
      assert.match(link?.attribs.href ?? '', /^https?:\/\/[^\s"<>]+$/, `${vector.source}: an http(s) link`);
      assert.equal(link?.attribs.rel, 'nofollow ugc noopener');
    }
  });
});
