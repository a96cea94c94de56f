import type { PageMeta } from '../../components/pagination.tsx';

export type ArticleStatus = 'draft' | 'scheduled' | 'published' | 'archived';

/** A person, category or tag as the Admin API lists them (what a filter or a cell needs). */
export type Named = { id: string; name: string; slug: string; parent_id?: string | null };

/** An article as `GET /api/admin/articles` sends it: only the fields the list shows. */
export type ListedArticle = {
  id: string;
  title: string;
  slug: string;
  /** The article's language (BCP 47), so that its title is read and shaped in it. */
  language: string;
  status: ArticleStatus;
  published_at: string | null;
  updated_at: string;
  created_at: string;
  /** The staff member who started it; null when a token, the CLI or an import did. */
  created_by: { id: string; name: string } | null;
  authors: Named[];
  primary_category: Named | null;
};

export type ArticleList = { articles: ListedArticle[]; meta: { pagination: PageMeta } };
