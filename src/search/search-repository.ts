import { sql } from 'kysely';
import { z } from 'zod';
import type { Dialect } from '../db/connection.ts';
import type { Executor } from '../db/transaction.ts';
import { fromDbTime, fromDbTimeOrNull } from '../db/values.ts';
import {
  MATCH_END,
  MATCH_START,
  MAX_RESULTS,
  type SearchFound,
  type SearchRow,
  toFts5Match,
} from './search.ts';

export type SearchRepository = ReturnType<typeof createSearchRepository>;

export type SearchOptions = {
  /** Words from `parseSearchQuery`; every one must match. */
  query: string[];
  limit: number;
  offset: number;
};

const time = z.union([z.string(), z.date()]);
const rowSchema = z.object({
  id: z.string(),
  title: z.string(),
  slug: z.string(),
  language: z.string(),
  published_at: time.nullable(),
  created_at: time,
  primary_category_id: z.string().nullable(),
  marked_standfirst: z.string().nullable(),
  marked_body: z.string().nullable(),
});
const countSchema = z.object({ n: z.coerce.number() });

const toSearchRow = (raw: unknown): SearchRow => {
  const row = rowSchema.parse(raw);
  return {
    id: row.id,
    title: row.title,
    slug: row.slug,
    language: row.language,
    publishedAt: fromDbTimeOrNull(row.published_at),
    createdAt: fromDbTime(row.created_at),
    primaryCategoryId: row.primary_category_id,
    markedStandfirst: row.marked_standfirst ?? '',
    markedBody: row.marked_body ?? '',
  };
};

// One more than can be shown, so that the count can say "more than MAX_RESULTS".
const WINDOW = MAX_RESULTS + 1;

/**
 * A word in more published articles than this is too common to rank by bm25: FTS5's bm25 counts
 * every article holding each word (its IDF) before it scores one, a walk through the word's whole
 * index entry. For a word in nearly every article that walk alone takes 30 ms at 100,000 articles,
 * whatever the window; counting up to this many takes well under one.
 */
export const COMMON_WORD_ARTICLES = 2000;

/** One statement: does any of the words occur in more than `commonAt` published articles? */
async function hasCommonWord(db: Executor, terms: string[], commonAt: number): Promise<boolean> {
  const counts = terms.map(
    (term) => sql`SELECT count(*) AS n FROM (
      SELECT 1 FROM article_search WHERE article_search MATCH ${toFts5Match([term])} LIMIT ${commonAt + 1}
    )`,
  );
  const { rows } = await sql`SELECT max(n) AS n FROM (${sql.join(counts, sql` UNION ALL `)})`.execute(db);
  return countSchema.parse(rows[0]).n > commonAt;
}

// The newest WINDOW matches are ranked, best first (lower is better), into `scored`.
// - bm25 with column weights (https://sqlite.org/fts5.html#the_bm25_function): title, standfirst,
//   body. FTS5's own `ORDER BY rank` would rank every match and ignore the window.
// - With a common word, in tiers instead: all the words in the title, else in the standfirst, else
//   anywhere; each tier newest first. Two more MATCHes, each bounded to the window's rowids (a
//   rowid range FTS5 seeks to), find the tiers.
const bm25Scored = (match: string) => sql`
    scored AS MATERIALIZED (
      SELECT rowid AS search_rowid, bm25(article_search, 10.0, 4.0, 1.0) AS score
      FROM article_search WHERE article_search MATCH ${match}
      ORDER BY rowid DESC LIMIT ${WINDOW}
    )`;
const tieredScored = (match: string) => sql`
    recent AS MATERIALIZED (
      SELECT rowid AS search_rowid FROM article_search WHERE article_search MATCH ${match}
      ORDER BY rowid DESC LIMIT ${WINDOW}
    ), floor AS MATERIALIZED (SELECT min(search_rowid) AS low FROM recent),
    scored AS MATERIALIZED (
      SELECT search_rowid, CASE
        WHEN search_rowid IN (SELECT rowid FROM article_search
          WHERE article_search MATCH ${`{title} : (${match})`} AND rowid >= (SELECT low FROM floor)) THEN 0
        WHEN search_rowid IN (SELECT rowid FROM article_search
          WHERE article_search MATCH ${`{standfirst} : (${match})`} AND rowid >= (SELECT low FROM floor)) THEN 1
        ELSE 2 END AS score
      FROM recent
    )`;

// CROSS JOIN keeps the page's few rows as the outer loop (https://sqlite.org/optoverview.html#crossjoin):
// left to itself, the planner scans every match of the MATCH and joins the page to it. Snippets
// are made for the page's rows only.
const sqliteSearch = async (db: Executor, { query, limit, offset }: SearchOptions, commonAt: number) => {
  const match = toFts5Match(query);
  const scored = (await hasCommonWord(db, query, commonAt)) ? tieredScored(match) : bm25Scored(match);
  const found = await sql`
    WITH ${scored}, page AS MATERIALIZED (
      SELECT search_rowid, score FROM scored ORDER BY score, search_rowid DESC LIMIT ${limit} OFFSET ${offset}
    )
    SELECT a.id, a.title, a.slug, a.language, a.published_at, a.created_at, a.primary_category_id,
      highlight(article_search, 1, ${MATCH_START}, ${MATCH_END}) AS marked_standfirst,
      snippet(article_search, 2, ${MATCH_START}, ${MATCH_END}, '…', 32) AS marked_body
    FROM page
    CROSS JOIN article_search ON article_search.rowid = page.search_rowid
    JOIN article_search_rows r ON r.rowid = page.search_rowid
    JOIN articles a ON a.id = r.article_id
    WHERE article_search MATCH ${match} AND a.kind = 'article' AND a.status = 'published'
    ORDER BY page.score, page.search_rowid DESC`.execute(db);
  const counted = await sql`
    SELECT count(*) AS n FROM (
      SELECT 1 FROM article_search WHERE article_search MATCH ${match} LIMIT ${WINDOW}
    )`.execute(db);
  return { rows: found.rows, counted: counted.rows[0] };
};

// ts_rank weights default to {D 0.1, C 0.2, B 0.4, A 1.0}; the document is title A, standfirst B,
// body C (https://www.postgresql.org/docs/15/textsearch-controls.html#TEXTSEARCH-RANKING).
const HEADLINE = `StartSel=${MATCH_START}, StopSel=${MATCH_END}`;
const BODY_HEADLINE = `${HEADLINE}, MaxWords=32, MinWords=16, ShortWord=0, MaxFragments=2, FragmentDelimiter=" … "`;

// The tsquery is written out in each place rather than shared through a CTE: with the words in
// view, the planner can see that a common word matches most rows and walk `seq` backwards instead
// of fetching every match.
const postgresSearch = async (db: Executor, { query, limit, offset }: SearchOptions) => {
  const words = query.join(' ');
  const tsquery = sql`plainto_tsquery('masthead_search', ${words})`;
  const found = await sql`
    WITH recent AS MATERIALIZED (
      SELECT article_id, seq FROM article_search WHERE document @@ ${tsquery}
      ORDER BY seq DESC LIMIT ${WINDOW}
    ), page AS MATERIALIZED (
      SELECT recent.article_id, recent.seq, ts_rank(s.document, ${tsquery}) AS score
      FROM recent JOIN article_search s ON s.article_id = recent.article_id
      ORDER BY score DESC, recent.seq DESC LIMIT ${limit} OFFSET ${offset}
    )
    SELECT a.id, a.title, a.slug, a.language, a.published_at, a.created_at, a.primary_category_id,
      ts_headline('masthead_search', masthead_search_text(a.standfirst), ${tsquery},
        ${`${HEADLINE}, HighlightAll=true`}) AS marked_standfirst,
      ts_headline('masthead_search', masthead_search_text(a.body_text), ${tsquery},
        ${BODY_HEADLINE}) AS marked_body
    FROM page JOIN articles a ON a.id = page.article_id
    WHERE a.kind = 'article' AND a.status = 'published'
    ORDER BY page.score DESC, page.seq DESC`.execute(db);
  const counted = await sql`
    SELECT count(*) AS n FROM (
      SELECT 1 FROM article_search WHERE document @@ ${tsquery} LIMIT ${WINDOW}
    ) hits`.execute(db);
  return { rows: found.rows, counted: counted.rows[0] };
};

/**
 * Full-text search over published articles: SQLite FTS5 and PostgreSQL tsvector side by side.
 * Every user word reaches SQL as a bound parameter, never as SQL text.
 */
export function createSearchRepository({
  dialect,
  commonWordArticles = COMMON_WORD_ARTICLES,
}: {
  dialect: Dialect;
  /** See COMMON_WORD_ARTICLES; tests lower it to reach the tiered ranking with a few articles. */
  commonWordArticles?: number;
}) {
  return {
    /**
     * The newest matches ranked by relevance (title over standfirst over body), one page of them
     * with marked snippets, and how many there are (at most MAX_RESULTS + 1).
     *
     * @example
     * const { rows, total } = await repo.search(db, { query: ['harbour'], limit: 10, offset: 0 });
     */
    async search(db: Executor, options: SearchOptions): Promise<SearchFound> {
      if (options.query.length === 0) return { rows: [], total: 0 };
      const { rows, counted } =
        dialect === 'sqlite'
          ? await sqliteSearch(db, options, commonWordArticles)
          : await postgresSearch(db, options);
      return { rows: rows.map(toSearchRow), total: countSchema.parse(counted).n };
    },
  };
}
