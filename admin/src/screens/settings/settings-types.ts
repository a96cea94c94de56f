/** `GET /api/admin/settings`. */
export type SiteSettings = {
  title: string;
  description: string;
  locale: string;
  timezone: string;
  permalink: string;
  articles_per_page: number;
  logo_url: string | null;
  feed_content: 'full' | 'excerpt';
  /** The site's address (SITE_URL): read-only. */
  url: string;
};
