/**
 * Shapes of the fictional demo site that `masthead demo` loads into an empty database.
 * The loader feeds these plain objects into the ordinary services, so nothing here touches storage.
 */

export type DemoCategory = {
  name: string;
  slug: string;
  description: string;
  parent?: string; // parent slug
};
export type DemoAuthor = { name: string; slug: string; bio: string };
export type DemoImage = { seed: string; alt: string; caption: string; credit: string };
export type DemoArticle = {
  title: string;
  slug: string; // lower-case ascii a-z0-9 and hyphens, unique across all articles, max 80 chars
  standfirst: string; // one or two sentences
  body_html: string; // 4–8 paragraphs of <p>, with some <h2>, <blockquote>, <ul>/<li>, <a href="https://…example…">, <strong>/<em>
  language: string; // BCP 47: 'en' for most
  primary_category: string; // a category slug
  categories: string[]; // extra category slugs (may be empty)
  tags: string[]; // tag NAMES (2–4), e.g. 'Harbour', 'Transport'; the loader slugifies them
  authors: string[]; // author slugs, 1–2
  featured: boolean;
  published_hours_ago: number; // spread from 1 to ~720 hours so the site looks alive; a few within the last 48 h
  image: DemoImage;
};
export type DemoPage = { title: string; slug: string; body_html: string };
export type DemoSite = { title: string; description: string; locale: string; timezone: string };
