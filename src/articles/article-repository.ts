import { type Selectable, type SelectQueryBuilder, sql } from 'kysely';
import type { Dialect } from '../db/connection.ts';
import { preparedRead } from '../db/prepared.ts';
import type { ArticleTable, Schema } from '../db/schema.ts';
import type { Executor } from '../db/transaction.ts';
import {
  fromDbBool,
  fromDbTime,
  fromDbTimeOrNull,
  toDbBool,
  toDbTime,
  toDbTimeOrNull,
} from '../db/values.ts';
import type { Article, ArticleKind, ArticleStatus } from './article.ts';
import { type SummaryRecord, summaryColumns, toSummaryRecord } from './article-summary-row.ts';

export type ArticleListQuery = {
  kind: ArticleKind;
  statuses: ArticleStatus[];
  categoryIds?: string[];
  tagId?: string;
  authorId?: string;
  /** Part of the title or standfirst, any case (the newsroom's list filter; drafts are not in the search index). */
  text?: string;
  /** Only the articles this staff member created. */
  createdBy?: string;
  /** Articles to leave out (those a page already shows). */
  excludeIds?: string[];
  /** `upcoming`: soonest publication first (the schedule). */
  order: 'published' | 'updated' | 'upcoming';
  limit: number;
  offset: number;
};

/** `%`, `_` and `\` as literal characters in a LIKE pattern (with `escape '\'`). */
const escapeLike = (text: string): string => text.replace(/[\\%_]/g, (c) => `\\${c}`);

export type ArticleRelations = {
  authors: { articleId: string; id: string }[];
  categories: { articleId: string; id: string }[];
  tags: { articleId: string; id: string }[];
};

const toArticle = (row: Selectable<ArticleTable>): Article => ({
  id: row.id,
  kind: row.kind,
  title: row.title,
  slug: row.slug,
  standfirst: row.standfirst,
  bodyHtml: row.body_html,
  bodyText: row.body_text,
  status: row.status,
  publishedAt: fromDbTimeOrNull(row.published_at),
  createdAt: fromDbTime(row.created_at),
  updatedAt: fromDbTime(row.updated_at),
  language: row.language,
  featuredImage: row.featured_image_url
    ? {
        url: row.featured_image_url,
        alt: row.featured_image_alt,
        caption: row.featured_image_caption,
        credit: row.featured_image_credit,
      }
    : null,
  seoTitle: row.seo_title,
  seoDescription: row.seo_description,
  canonicalUrl: row.canonical_url,
  isFeatured: fromDbBool(row.is_featured),
  hasCommentsOpen: fromDbBool(row.comments_open),
  sendsEmail: fromDbBool(row.send_email),
  primaryCategoryId: row.primary_category_id,
  revision: row.revision,
  ...(row.created_by ? { createdBy: row.created_by } : {}),
});

export type ArticleRepository = ReturnType<typeof createArticleRepository>;

/** SQL for articles and pages and their links to people, categories and tags. */
export function createArticleRepository({ dialect }: { dialect: Dialect }) {
  const toRow = (article: Article) => ({
    kind: article.kind,
    title: article.title,
    slug: article.slug,
    standfirst: article.standfirst,
    body_html: article.bodyHtml,
    body_text: article.bodyText,
    status: article.status,
    published_at: toDbTimeOrNull(dialect, article.publishedAt),
    updated_at: toDbTime(dialect, article.updatedAt),
    language: article.language,
    featured_image_url: article.featuredImage?.url ?? null,
    featured_image_alt: article.featuredImage?.alt ?? null,
    featured_image_caption: article.featuredImage?.caption ?? null,
    featured_image_credit: article.featuredImage?.credit ?? null,
    seo_title: article.seoTitle,
    seo_description: article.seoDescription,
    canonical_url: article.canonicalUrl,
    is_featured: toDbBool(dialect, article.isFeatured),
    comments_open: toDbBool(dialect, article.hasCommentsOpen),
    send_email: toDbBool(dialect, article.sendsEmail),
    primary_category_id: article.primaryCategoryId,
    revision: article.revision,
  });

  function filtered(db: Executor, query: Omit<ArticleListQuery, 'limit' | 'offset' | 'order'>) {
    let builder: SelectQueryBuilder<Schema, 'articles', object> = db
      .selectFrom('articles')
      .where('kind', '=', query.kind)
      .where('status', 'in', query.statuses);
    const { categoryIds, tagId, authorId, excludeIds, text, createdBy } = query;
    if (excludeIds && excludeIds.length > 0) builder = builder.where('articles.id', 'not in', excludeIds);
    if (createdBy) builder = builder.where('articles.created_by', '=', createdBy);
    if (text) {
      const pattern = `%${escapeLike(text.toLowerCase())}%`;
      builder = builder.where((eb) =>
        eb.or([
          sql<boolean>`lower(articles.title) like ${pattern} escape '\\'`,
          sql<boolean>`lower(articles.standfirst) like ${pattern} escape '\\'`,
        ]),
      );
    }
    if (categoryIds) {
      builder = builder.where(({ exists, selectFrom }) =>
        exists(
          selectFrom('article_categories')
            .select('article_id')
            .whereRef('article_categories.article_id', '=', 'articles.id')
            .where('article_categories.category_id', 'in', categoryIds),
        ),
      );
    }
    if (tagId) {
      builder = builder.where(({ exists, selectFrom }) =>
        exists(
          selectFrom('article_tags')
            .select('article_id')
            .whereRef('article_tags.article_id', '=', 'articles.id')
            .where('article_tags.tag_id', '=', tagId),
        ),
      );
    }
    if (authorId) {
      builder = builder.where(({ exists, selectFrom }) =>
        exists(
          selectFrom('article_authors')
            .select('article_id')
            .whereRef('article_authors.article_id', '=', 'articles.id')
            .where('article_authors.person_id', '=', authorId),
        ),
      );
    }
    return builder;
  }

  const sorted = (db: Executor, query: ArticleListQuery) => {
    if (query.order === 'upcoming') return filtered(db, query).orderBy('published_at').orderBy('id');
    if (query.order === 'published')
      return filtered(db, query).orderBy('published_at', 'desc').orderBy('id', 'desc');
    return filtered(db, query).orderBy('updated_at', 'desc').orderBy('id', 'desc');
  };
  const ordered = (db: Executor, query: ArticleListQuery) =>
    sorted(db, query).limit(query.limit).offset(query.offset);

  /** An article's bylines, sections and tags in one query, in their order. */
  const relationsQuery = (db: Executor, articleIds: string[]) =>
    db
      .selectFrom('article_authors')
      .select([sql.lit('author').as('relation'), 'article_id', 'person_id as id', 'position'])
      .where('article_id', 'in', articleIds)
      .unionAll(
        db
          .selectFrom('article_categories')
          .select([sql.lit('category').as('relation'), 'article_id', 'category_id as id', 'position'])
          .where('article_id', 'in', articleIds),
      )
      .unionAll(
        db
          .selectFrom('article_tags')
          .select([sql.lit('tag').as('relation'), 'article_id', 'tag_id as id', 'position'])
          .where('article_id', 'in', articleIds),
      )
      .orderBy('position');

  // What every article page reads, prepared once (src/db/prepared.ts).
  const relationsOfOne = preparedRead((db, articleId: string) => relationsQuery(db, [articleId]));
  const bySlug = preparedRead((db, kind: ArticleKind, slug: string) =>
    db.selectFrom('articles').selectAll().where('kind', '=', kind).where('slug', '=', slug),
  );

  async function replaceLinks(
    db: Executor,
    table: 'article_authors' | 'article_categories' | 'article_tags',
    column: 'person_id' | 'category_id' | 'tag_id',
    articleId: string,
    ids: string[],
  ): Promise<void> {
    await db.deleteFrom(table).where('article_id', '=', articleId).execute();
    if (ids.length === 0) return;
    const rows = ids.map((id, position) => ({ article_id: articleId, [column]: id, position }));
    await db
      .insertInto(table as 'article_tags')
      .values(rows as { article_id: string; tag_id: string; position: number }[])
      .execute();
  }

  return {
    async findById(db: Executor, id: string): Promise<Article | undefined> {
      const row = await db.selectFrom('articles').selectAll().where('id', '=', id).executeTakeFirst();
      return row && toArticle(row);
    },
    async findByIds(db: Executor, ids: string[]): Promise<Article[]> {
      if (ids.length === 0) return [];
      const rows = await db.selectFrom('articles').selectAll().where('id', 'in', ids).execute();
      return rows.map(toArticle);
    },
    async findBySlug(db: Executor, kind: ArticleKind, slug: string): Promise<Article | undefined> {
      const [row] = await bySlug(db, kind, slug);
      return row && toArticle(row);
    },
    async slugExists(db: Executor, kind: ArticleKind, slug: string): Promise<boolean> {
      const row = await db
        .selectFrom('articles')
        .select('id')
        .where('kind', '=', kind)
        .where('slug', '=', slug)
        .executeTakeFirst();
      return row !== undefined;
    },
    async list(db: Executor, query: ArticleListQuery): Promise<Article[]> {
      const rows = await ordered(db, query).selectAll('articles').execute();
      return rows.map(toArticle);
    },
    /** The same list as `list`, with only what a card shows (no bodies, see article-summary-row.ts). */
    async listSummaries(db: Executor, query: ArticleListQuery): Promise<SummaryRecord[]> {
      const rows = await ordered(db, query).select(summaryColumns).execute();
      return rows.map(toSummaryRecord);
    },
    /** How many articles match, or `upTo` when at least that many do (counting stops there). */
    async count(
      db: Executor,
      query: Omit<ArticleListQuery, 'limit' | 'offset' | 'order'>,
      options: { upTo?: number } = {},
    ): Promise<number> {
      const row =
        options.upTo === undefined
          ? await filtered(db, query)
              .select((eb) => eb.fn.countAll<number>().as('n'))
              .executeTakeFirstOrThrow()
          : await db
              .selectFrom(filtered(db, query).select('articles.id').limit(options.upTo).as('matched'))
              .select((eb) => eb.fn.countAll<number>().as('n'))
              .executeTakeFirstOrThrow();
      return Number(row.n);
    },
    async insert(db: Executor, article: Article): Promise<void> {
      await db
        .insertInto('articles')
        .values({
          id: article.id,
          created_at: toDbTime(dialect, article.createdAt),
          created_by: article.createdBy ?? null,
          ...toRow(article),
        })
        .execute();
    },
    /** Writes only if nobody saved since `expectedRevision` was read; false when someone did. */
    async update(db: Executor, article: Article, expectedRevision: number): Promise<boolean> {
      const result = await db
        .updateTable('articles')
        .set(toRow(article))
        .where('id', '=', article.id)
        .where('revision', '=', expectedRevision)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },
    async remove(db: Executor, id: string): Promise<boolean> {
      const result = await db.deleteFrom('articles').where('id', '=', id).executeTakeFirst();
      return Number(result.numDeletedRows) === 1;
    },
    setAuthors: (db: Executor, articleId: string, ids: string[]) =>
      replaceLinks(db, 'article_authors', 'person_id', articleId, ids),
    setCategories: (db: Executor, articleId: string, ids: string[]) =>
      replaceLinks(db, 'article_categories', 'category_id', articleId, ids),
    setTags: (db: Executor, articleId: string, ids: string[]) =>
      replaceLinks(db, 'article_tags', 'tag_id', articleId, ids),

    /** The links of many articles in one query, whatever their number (no N+1). */
    async relationsOf(db: Executor, articleIds: string[]): Promise<ArticleRelations> {
      if (articleIds.length === 0) return { authors: [], categories: [], tags: [] };
      const [only] = articleIds;
      const rows =
        articleIds.length === 1 && only
          ? await relationsOfOne(db, only)
          : await relationsQuery(db, articleIds).execute();
      const relations: ArticleRelations = { authors: [], categories: [], tags: [] };
      const lists = { author: relations.authors, category: relations.categories, tag: relations.tags };
      for (const row of rows)
        lists[row.relation as keyof typeof lists].push({ articleId: row.article_id, id: row.id });
      return relations;
    },

    async findRedirect(db: Executor, kind: ArticleKind, oldSlug: string): Promise<string | undefined> {
      const row = await db
        .selectFrom('slug_redirects')
        .select('article_id')
        .where('kind', '=', kind)
        .where('old_slug', '=', oldSlug)
        .executeTakeFirst();
      return row?.article_id;
    },
    /** Remembers an old slug (and frees a slug that an article now uses again). */
    async recordSlugChange(
      db: Executor,
      options: { kind: ArticleKind; articleId: string; oldSlug: string; newSlug: string; at: Date },
    ): Promise<void> {
      await db
        .deleteFrom('slug_redirects')
        .where('kind', '=', options.kind)
        .where('old_slug', 'in', [options.oldSlug, options.newSlug])
        .execute();
      await db
        .insertInto('slug_redirects')
        .values({
          kind: options.kind,
          old_slug: options.oldSlug,
          article_id: options.articleId,
          created_at: toDbTime(dialect, options.at),
        })
        .execute();
    },
    async clearRedirect(db: Executor, kind: ArticleKind, slug: string): Promise<void> {
      await db.deleteFrom('slug_redirects').where('kind', '=', kind).where('old_slug', '=', slug).execute();
    },

    /** Flips scheduled articles whose time has come to published; returns those it flipped. */
    async publishDue(
      db: Executor,
      options: { now: Date; id?: string },
    ): Promise<{ id: string; kind: ArticleKind }[]> {
      let query = db
        .updateTable('articles')
        .set((eb) => ({
          status: 'published',
          updated_at: toDbTime(dialect, options.now),
          revision: eb('revision', '+', 1),
        }))
        .where('status', '=', 'scheduled')
        .where('published_at', '<=', toDbTime(dialect, options.now));
      if (options.id) query = query.where('id', '=', options.id);
      return query.returning(['id', 'kind']).execute();
    },
    async scheduled(db: Executor): Promise<{ id: string; publishedAt: Date }[]> {
      const rows = await db
        .selectFrom('articles')
        .select(['id', 'published_at'])
        .where('status', '=', 'scheduled')
        .execute();
      return rows.map((row) => ({ id: row.id, publishedAt: fromDbTime(row.published_at ?? new Date(0)) }));
    },

    /**
     * Published rows of one kind for sitemaps (https://www.sitemaps.org/protocol.html): only what a
     * permalink, a lastmod and a news entry need, never bodies. In `order` (published time, then id),
     * the rows fall into chunks of `chunkSize`, one sitemap file each. Without `chunk`: `chunks`, the
     * size and newest change of every chunk (one grouped query, for the index). With `chunk` (from 0):
     * `rows`, the rows of that chunk, empty past the last.
     * Titles and languages (for news sitemaps) only `withTitles`: without them an index on the
     * listing columns alone could answer the query, rather than a read of every row with its body.
     */
    async sitemapListing(
      db: Executor,
      query: {
        kind: ArticleKind;
        order: 'oldest' | 'newest';
        chunkSize: number;
        chunk?: number;
        publishedSince?: Date;
        withTitles?: boolean;
      },
    ): Promise<{
      chunks: { count: number; lastModified: Date }[];
      rows: {
        id: string;
        kind: ArticleKind;
        slug: string;
        title: string | null;
        language: string | null;
        publishedAt: Date;
        createdAt: Date;
        updatedAt: Date;
        primaryCategoryId: string | null;
      }[];
    }> {
      if (!Number.isSafeInteger(query.chunkSize) || query.chunkSize < 1)
        throw new RangeError('chunkSize must be a positive integer');
      const direction = query.order === 'oldest' ? 'asc' : 'desc';
      let base = db.selectFrom('articles').where('kind', '=', query.kind).where('status', '=', 'published');
      if (query.publishedSince)
        base = base.where('published_at', '>=', toDbTime(dialect, query.publishedSince));
      if (query.chunk === undefined) {
        const ranked = base
          .select((eb) => [
            'updated_at',
            eb(
              eb.parens(
                eb.fn
                  .agg<number>('row_number', [])
                  .over((over) => over.orderBy('published_at', direction).orderBy('id', direction)),
                '-',
                eb.lit(1),
              ),
              '/',
              eb.lit(query.chunkSize),
            ).as('chunk'),
          ])
          .as('ranked');
        const summary = await db
          .selectFrom(ranked)
          .select((eb) => ['chunk', eb.fn.countAll<number>().as('n'), eb.fn.max('updated_at').as('last')])
          .groupBy('chunk')
          .orderBy('chunk')
          .execute();
        const chunks = summary.map((row) => ({ count: Number(row.n), lastModified: fromDbTime(row.last) }));
        return { chunks, rows: [] };
      }
      if (!Number.isSafeInteger(query.chunk) || query.chunk < 0) return { chunks: [], rows: [] };
      const rows = await base
        .select(['id', 'kind', 'slug', 'published_at', 'created_at', 'updated_at', 'primary_category_id'])
        .$if(query.withTitles === true, (qb) => qb.select(['title', 'language']))
        .orderBy('published_at', direction)
        .orderBy('id', direction)
        .limit(query.chunkSize)
        .offset(query.chunk * query.chunkSize)
        .execute();
      return {
        chunks: [],
        rows: rows.map((row) => ({
          id: row.id,
          kind: row.kind,
          slug: row.slug,
          title: row.title ?? null,
          language: row.language ?? null,
          publishedAt: fromDbTime(row.published_at ?? row.created_at),
          createdAt: fromDbTime(row.created_at),
          updatedAt: fromDbTime(row.updated_at),
          primaryCategoryId: row.primary_category_id,
        })),
      };
    },
  };
}
