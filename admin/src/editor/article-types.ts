/** A category, tag or person as the Admin API names them in an article. */
export type NamedRef = { id: string; name: string; slug: string };

export type ArticleStatus = 'draft' | 'scheduled' | 'published' | 'archived';

/** An article as the Admin API returns it (src/articles/article-json.ts). */
export type ArticleJson = {
  id: string;
  slug: string;
  url: string;
  title: string;
  standfirst: string;
  body_html: string;
  language: string;
  status: ArticleStatus;
  revision: number;
  published_at: string | null;
  updated_at: string;
  created_at: string;
  comments_open: boolean;
  send_email: boolean;
  featured_image_url: string | null;
  featured_image_alt: string | null;
  featured_image_caption: string | null;
  featured_image_credit: string | null;
  seo_title: string | null;
  seo_description: string | null;
  authors: NamedRef[];
  primary_category: (NamedRef & { parent_id?: string | null }) | null;
  categories: (NamedRef & { parent_id?: string | null })[];
  tags: NamedRef[];
};

/** What the writer edits: every writable field of an article, in the shape the form holds it. */
export type Draft = {
  title: string;
  standfirst: string;
  body_html: string;
  slug: string;
  language: string;
  seo_title: string;
  seo_description: string;
  comments_open: boolean;
  send_email: boolean;
  /** The primary category's id, or null. */
  primary_category: string | null;
  /** Ids of the other categories (the primary one left out). */
  categories: string[];
  /** Tag names (new names create tags, for the roles that may). */
  tags: string[];
  /** Ids of the people in the byline. */
  authors: string[];
  featured_image_url: string | null;
  featured_image_alt: string;
  featured_image_caption: string;
  featured_image_credit: string;
};

export type DraftField = keyof Draft;

/** An image of the media library (src/media/media-json.ts). */
export type MediaItem = {
  id: string;
  url: string;
  width: number;
  height: number;
  original_name: string;
  alt: string;
  caption: string;
  credit: string;
  variants: { width: number; format: string; url: string }[];
};

/** What the media dialog hands back: an image with the words that go with it. */
export type ChosenImage = {
  src: string;
  width: number | null;
  height: number | null;
  alt: string;
  caption: string;
  credit: string;
};
