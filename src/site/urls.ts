import type { Settings } from './settings.ts';

export type PermalinkTarget = {
  kind: 'article' | 'page';
  slug: string;
  publishedAt: Date | null;
  createdAt: Date;
  primaryCategorySlug: string | null;
};

const segment = (value: string): string => encodeURIComponent(value);

/** Building an Intl formatter costs far more than using one: keep one per timezone. */
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

type DateParts = { yyyy: string; mm: string; dd: string };

/**
 * The dates of recent permalinks: a page links the same few articles several times (canonical,
 * breadcrumbs, structured data, cards) and the next page links many of them again.
 */
const knownDates = new Map<string, DateParts>();

/** Calendar parts of a moment in the site's timezone: a story published at 00:30 in Sydney is dated there. */
function dateParts(date: Date, timeZone: string): DateParts {
  const key = `${timeZone} ${date.getTime()}`;
  let known = knownDates.get(key);
  if (!known) {
    const parts = formatterFor(timeZone).formatToParts(date);
    const get = (type: string) => parts.find((part) => part.type === type)?.value ?? '';
    known = { yyyy: get('year'), mm: get('month'), dd: get('day') };
    if (knownDates.size >= 5000) knownDates.delete(knownDates.keys().next().value as string);
    knownDates.set(key, known);
  }
  return known;
}

export type Urls = ReturnType<typeof createUrls>;

/**
 * Public URLs (DESIGN.md, URLs), absolute against SITE_URL. Slugs in other scripts are
 * percent-encoded as RFC 3986 requires.
 *
 * @example
 * createUrls({ siteUrl: 'https://news.example' }).tag('harbour') // 'https://news.example/tag/harbour/'
 */
export function createUrls({ siteUrl }: { siteUrl: string }) {
  const absolute = (pathOrUrl: string): string =>
    /^https?:\/\//i.test(pathOrUrl) ? pathOrUrl : `${siteUrl}${pathOrUrl}`;
  return {
    absolute,
    absoluteOrNull: (pathOrUrl: string | null): string | null => (pathOrUrl ? absolute(pathOrUrl) : null),
    home: () => `${siteUrl}/`,
    author: (slug: string) => `${siteUrl}/author/${segment(slug)}/`,
    category: (slug: string) => `${siteUrl}/category/${segment(slug)}/`,
    tag: (slug: string) => `${siteUrl}/tag/${segment(slug)}/`,
    /** The permalink of an article as the views and APIs hold it (with its primary section). */
    permalinkOf(
      article: Omit<PermalinkTarget, 'primaryCategorySlug'> & { primaryCategory: { slug: string } | null },
      settings: Pick<Settings, 'permalink' | 'timezone'>,
    ): string {
      // Only the fields a permalink reads: spreading a whole article would copy its body too.
      const { kind, slug, publishedAt, createdAt } = article;
      const primaryCategorySlug = article.primaryCategory?.slug ?? null;
      return this.article({ kind, slug, publishedAt, createdAt, primaryCategorySlug }, settings);
    },
    /** The permalink of an article (pattern from settings) or a page (`/{slug}/`). */
    article(target: PermalinkTarget, settings: Pick<Settings, 'permalink' | 'timezone'>): string {
      if (target.kind === 'page') return `${siteUrl}/${segment(target.slug)}/`;
      const { yyyy, mm, dd } = dateParts(target.publishedAt ?? target.createdAt, settings.timezone);
      const path = settings.permalink
        .replaceAll('{yyyy}', yyyy)
        .replaceAll('{mm}', mm)
        .replaceAll('{dd}', dd)
        .replaceAll('{category}', segment(target.primaryCategorySlug ?? 'uncategorised'))
        .replaceAll('{slug}', segment(target.slug));
      return `${siteUrl}${path}`;
    },
  };
}
