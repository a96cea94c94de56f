import type { ArticleJson, Draft, DraftField } from './article-types.ts';

export const draftFields: DraftField[] = [
  'title',
  'standfirst',
  'body_html',
  'slug',
  'language',
  'seo_title',
  'seo_description',
  'comments_open',
  'send_email',
  'primary_category',
  'categories',
  'tags',
  'authors',
  'featured_image_url',
  'featured_image_alt',
  'featured_image_caption',
  'featured_image_credit',
];

/** Fields the API takes together: a primary category is always one of the categories. */
const companions: Partial<Record<DraftField, DraftField[]>> = {
  primary_category: ['categories'],
  categories: ['primary_category'],
  featured_image_url: ['featured_image_alt', 'featured_image_caption', 'featured_image_credit'],
};

/** A blank article for `/articles/new`; an empty language and slug let the server choose them. */
export const emptyDraft = (): Draft => ({
  title: '',
  standfirst: '',
  body_html: '',
  slug: '',
  language: '',
  seo_title: '',
  seo_description: '',
  comments_open: true,
  send_email: true,
  primary_category: null,
  categories: [],
  tags: [],
  authors: [],
  featured_image_url: null,
  featured_image_alt: '',
  featured_image_caption: '',
  featured_image_credit: '',
});

/**
 * The site's own absolute URLs as paths: the API answers `https://site/media/x.webp` for what was
 * stored as `/media/x.webp`, and sending the path back keeps the stored value unchanged.
 *
 * @example
 * sitePath('http://127.0.0.1:3000/media/a.webp') // '/media/a.webp' on that origin
 */
export function sitePath(url: string | null): string | null {
  if (!url) return null;
  try {
    const parsed = new URL(url, location.origin);
    return parsed.origin === location.origin ? `${parsed.pathname}${parsed.search}` : url;
  } catch {
    return url;
  }
}

/**
 * The form's copy of an article.
 *
 * @example
 * const draft = draftFromArticle(articles[0]);
 */
export function draftFromArticle(article: ArticleJson): Draft {
  const primary = article.primary_category?.id ?? null;
  return {
    title: article.title,
    standfirst: article.standfirst,
    body_html: article.body_html,
    slug: article.slug,
    language: article.language,
    seo_title: article.seo_title ?? '',
    seo_description: article.seo_description ?? '',
    comments_open: article.comments_open,
    send_email: article.send_email,
    primary_category: primary,
    categories: article.categories.map((category) => category.id).filter((id) => id !== primary),
    tags: article.tags.map((tag) => tag.name),
    authors: article.authors.map((person) => person.id),
    featured_image_url: sitePath(article.featured_image_url),
    featured_image_alt: article.featured_image_alt ?? '',
    featured_image_caption: article.featured_image_caption ?? '',
    featured_image_credit: article.featured_image_credit ?? '',
  };
}

/** The fields to send: those named, their companions, in the API's shape. */
export function updateInput(draft: Draft, fields: Iterable<DraftField>): Record<string, unknown> {
  const wanted = new Set<DraftField>();
  for (const field of fields) {
    wanted.add(field);
    for (const companion of companions[field] ?? []) wanted.add(companion);
  }
  const input: Record<string, unknown> = {};
  for (const field of wanted) {
    if (field === 'slug' && !draft.slug.trim()) continue;
    if (field === 'language' && !draft.language.trim()) continue;
    input[field] = apiValue(draft, field);
  }
  return input;
}

/** A new article: everything the writer filled in (the server fills the rest). */
export function createInput(draft: Draft): Record<string, unknown> {
  const blank = emptyDraft();
  const filled = draftFields.filter(
    (field) => JSON.stringify(draft[field]) !== JSON.stringify(blank[field]) || field === 'title',
  );
  return updateInput(draft, filled);
}

function apiValue(draft: Draft, field: DraftField): unknown {
  switch (field) {
    case 'seo_title':
    case 'seo_description':
      return draft[field].trim() || null;
    case 'featured_image_alt':
    case 'featured_image_caption':
    case 'featured_image_credit':
      return draft.featured_image_url ? draft[field].trim() || null : null;
    case 'slug':
    case 'language':
      return draft[field].trim();
    default:
      return draft[field];
  }
}

/** Whether a draft holds anything worth keeping (an untouched new article does not). */
export const hasContent = (draft: Draft): boolean =>
  draft.title.trim() !== '' ||
  draft.standfirst.trim() !== '' ||
  draft.body_html.replace(/<[^>]*>/g, '').trim() !== '' ||
  /<(img|iframe|figure|table)\b/i.test(draft.body_html);
