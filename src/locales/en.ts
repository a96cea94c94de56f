/** The site's own words in English: the complete catalog every other language falls back to. */
export const en = {
  site: {
    skipToContent: 'Skip to content',
    mainNavigation: 'Sections',
    home: 'Home',
    search: 'Search',
    searchLabel: 'Search articles',
    searchPlaceholder: 'Search the news',
    footer: '© {{year}} {{title}}. Published with Masthead.',
    feeds: 'Feeds',
    rss: 'RSS',
    atom: 'Atom',
    jsonFeed: 'JSON Feed',
  },
  article: {
    by: 'By',
    and: 'and',
    published: 'Published',
    updated: 'Updated',
    tags: 'Tags',
    moreArticles: 'More Articles',
    previous: 'Previous in {{category}}',
    next: 'Next in {{category}}',
    readingTime_one: '{{count}} minute read',
    readingTime_other: '{{count}} minutes read',
    breadcrumb: 'Breadcrumb',
    comments: 'Comments',
    commentsSoon: 'Comments on this article will appear here.',
    commentsClosed: 'Comments are closed for this article.',
    photo: 'Photo',
  },
  home: {
    lead: 'Top story',
    latest: 'Latest news',
    moreIn: 'More in {{section}}',
  },
  archive: {
    category: 'Section: {{name}}',
    tag: 'Tag: {{name}}',
    author: 'Articles by {{name}}',
    empty: 'There are no articles here yet.',
    pageOf: 'Page {{page}} of {{pages}}',
  },
  pagination: {
    label: 'Pagination',
    previous: 'Newer articles',
    next: 'Older articles',
  },
  search: {
    title: 'Search',
    resultsFor: 'Results for “{{query}}”',
    results_one: '{{count}} article found',
    results_other: '{{count}} articles found',
    none: 'No articles match “{{query}}”. Try fewer or different words.',
    empty: 'Type a word or two to search the news.',
    tooLong: 'That search is too long. Try a few words.',
    submit: 'Search',
    previous: 'Previous results',
    next: 'More results',
    pageOf: 'Page {{page}} of {{pages}}',
    resultsMore: 'More than {{max}} articles found. Add a word to narrow the search.',
  },
  notFound: {
    title: 'Page not found',
    body: 'We could not find that page. It may have moved, or the address may be mistyped.',
    backHome: 'Go to the front page',
  },
} as const;

/** The shape every catalog follows: the same keys, plus the plural forms its language needs. */
export type Catalog = DeepStrings<typeof en> & {
  article: Record<string, string>;
  search: Record<string, string>;
};
type DeepStrings<T> = { [K in keyof T]: T[K] extends string ? string : DeepStrings<T[K]> };
