import assert from 'node:assert/strict';
import { DomUtils, parseDocument } from 'htmlparser2';
import type { ArticleCreateInput, ArticleView } from '../../src/articles/article.ts';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';

/** SITE_URL of every test app (test/helpers/test-app.ts). */
export const SITE = 'https://news.example';

export type Doc = ReturnType<typeof parseDocument>;
export type El = ReturnType<typeof DomUtils.findAll>[number];
type Root = Doc | El;

export type Page = {
  status: number;
  headers: Record<string, string | string[] | number | undefined>;
  /** The body as sent (compressed when the request asked for it). */
  raw: Buffer;
  text: string;
  doc: Doc;
};

/** A GET as a browser sends it (`Accept: text/html`), with the HTML parsed. */
export async function get(t: TestApp, url: string, headers: Record<string, string> = {}): Promise<Page> {
  const res = await t.masthead.app.inject({
    method: 'GET',
    url,
    headers: { accept: 'text/html', ...headers },
  });
  return {
    status: res.statusCode,
    headers: res.headers,
    raw: res.rawPayload,
    text: res.body,
    doc: parseDocument(res.body),
  };
}

/** Fails with the response's status and the start of its body, which says why. */
export function assertStatus(page: Page, status: number, url = ''): void {
  assert.equal(page.status, status, `${url} answered ${page.status}: ${page.text.slice(0, 300)}`);
}

/** An absolute site URL → its path ("https://news.example/tag/x/" → "/tag/x/"). */
export const pathOf = (url: string): string => new URL(url, SITE).pathname;

/** Where the default permalink (`/{yyyy}/{mm}/{slug}/` in UTC) puts an article. */
export function articlePath(article: Pick<ArticleView, 'slug' | 'publishedAt'>): string {
  const at = article.publishedAt ?? new Date();
  const month = String(at.getUTCMonth() + 1).padStart(2, '0');
  return `/${at.getUTCFullYear()}/${month}/${article.slug}/`;
}

/** A moment on 2025-01-`day` (UTC) at `hour`: later days are newer articles. */
export const onDay = (day: number, hour = 9): Date => new Date(Date.UTC(2025, 0, day, hour));

export type ArticleInput = Partial<ArticleCreateInput> & { title: string };

/** Creates one article, published on 2025-01-01 unless the input says otherwise. */
export async function publish(t: TestApp, input: ArticleInput): Promise<ArticleView> {
  const [article] = await t.masthead.services.articles.create('article', [
    { status: 'published', published_at: onDay(1), ...input },
  ]);
  assert.ok(article);
  return article;
}

export type HarbourSite = Record<
  'ferry' | 'wall' | 'storm' | 'budget' | 'rowing' | 'draft' | 'later',
  ArticleView
>;

/**
 * A small site: "Harbour Herald", two articles a list page, News with a Harbour sub-section, Sport,
 * five published articles (2025-01-01 to 05), a draft, a scheduled one and an "About us" page.
 * The storm story (3 January) has everything an article page can show.
 */
export async function seedHarbourSite(t: TestApp): Promise<HarbourSite> {
  const { services } = t.masthead;
  await services.settings.update({ title: 'Harbour Herald', articles_per_page: 2 });
  await services.people.create({ name: 'Ada Reporter' });
  await services.people.create({ name: 'Ben Writer' });
  const news = await services.taxonomy.categories.create({ name: 'News' });
  await services.taxonomy.categories.create({ name: 'Harbour', parent: news.slug });
  await services.taxonomy.categories.create({ name: 'Sport' });
  const simple = (title: string, section: string, day: number) =>
    publish(t, { title, primary_category: section, published_at: onDay(day) });
  const ferry = await simple('Ferry timetable changes', 'news', 1);
  const wall = await simple('Harbour wall repaired', 'harbour', 2);
  const storm = await publish(t, {
    title: 'Storm closes the port',
    standfirst: 'Gales kept every boat in harbour overnight.',
    body_html: '<p>Safe words.</p><script>alert("pwned")</script><img src="/x.png" onerror="alert(1)">',
    primary_category: 'news',
    tags: ['Weather', 'Port Life'],
    authors: ['ada-reporter', 'ben-writer'],
    featured_image_url: '/media/storm.webp',
    featured_image_alt: 'Waves over the harbour wall',
    featured_image_caption: 'The sea wall at high tide.',
    featured_image_credit: 'Jo Lens',
    published_at: onDay(3, 14),
  });
  const budget = await simple('Council approves budget', 'news', 4);
  const rowing = await simple('Rowing club wins', 'sport', 5);
  const draft = await publish(t, { title: 'Unfinished draft', primary_category: 'news', status: 'draft' });
  const later = await publish(t, {
    title: 'Story for next century',
    primary_category: 'news',
    status: 'scheduled',
    published_at: new Date('2099-01-01T09:00:00Z'),
  });
  await services.articles.create('page', [
    { title: 'About us', body_html: '<p>Who we are.</p>', status: 'published' },
  ]);
  return { ferry, wall, storm, budget, rowing, draft, later };
}

/** A whole app on a fresh database; closed when the test ends. */
export async function openSite(
  context: { after: (fn: () => Promise<void>) => void },
  env: Record<string, string> = {},
): Promise<TestApp> {
  const t = await createTestApp({ env });
  context.after(() => t.close());
  return t;
}

// ---- reading the HTML ----

const elements = (root: Root, test: (el: El) => boolean): El[] =>
  DomUtils.findAll(test, 'children' in root ? root.children : []);

export const byTag = (root: Root, tag: string): El[] => elements(root, (el) => el.name === tag);

export const withAttr = (root: Root, name: string, value?: string): El[] =>
  elements(root, (el) => (value === undefined ? name in el.attribs : el.attribs[name] === value));

export const withClass = (root: Root, className: string): El[] =>
  elements(root, (el) => (el.attribs.class ?? '').split(/\s+/).includes(className));

export const attr = (el: El | undefined, name: string): string | undefined => el?.attribs[name];

/** Text content with runs of white space folded to one space. */
export const text = (el: El | undefined): string =>
  el ? DomUtils.textContent(el).replace(/\s+/g, ' ').trim() : '';

export function one(found: El[], what: string): El {
  assert.equal(found.length, 1, `expected exactly one ${what}, found ${found.length}`);
  return found[0] as El;
}

export const htmlElement = (doc: Doc): El => one(byTag(doc, 'html'), '<html>');

/** `href`s of the `<link rel=…>` elements in the head. */
export const headLinks = (doc: Doc, rel: string): El[] =>
  byTag(doc, 'link').filter((el) => (el.attribs.rel ?? '').split(/\s+/).includes(rel));

/** A card's one link: its headline. */
const cardLink = (card: El): El | undefined => byTag(card, 'a')[0];

/** Headline texts of the article cards on a page, in order. */
export const cardTitles = (root: Root): string[] =>
  withClass(root, 'card').map((card) => text(cardLink(card)));

/** Every card title of a paginated list, following its `rel="next"` links from `path`. */
export async function listTitles(t: TestApp, path: string): Promise<string[]> {
  const titles: string[] = [];
  for (let url: string | undefined = path, guard = 0; url && guard < 20; guard += 1) {
    const page = await get(t, url);
    assertStatus(page, 200, url);
    titles.push(...cardTitles(one(byTag(page.doc, 'main'), '<main>')));
    const next = attr(headLinks(page.doc, 'next')[0], 'href');
    url = next ? pathOf(next) : undefined;
  }
  return titles;
}

export type MoreArticles = { section: El; heading: El; titles: string[]; paths: string[] };

/** The "More Articles" section: the `<section>` labelled by its heading, and the articles it lists. */
export function moreArticles(doc: Doc): MoreArticles | undefined {
  const section = byTag(doc, 'section').find((s) => {
    const id = s.attribs['aria-labelledby'];
    return id !== undefined && withClass(s, 'card').length > 0 && withAttr(s, 'id', id).length === 1;
  });
  if (!section) return undefined;
  const heading = one(withAttr(section, 'id', section.attribs['aria-labelledby']), 'labelling heading');
  const links = withClass(section, 'card').map(cardLink);
  return {
    section,
    heading,
    titles: links.map((a) => text(a)),
    paths: links.map((a) => pathOf(attr(a, 'href') ?? '')),
  };
}
