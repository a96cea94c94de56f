import { type Kysely, sql } from 'kysely';
import type { Dialect } from '../connection.ts';

/**
 * The full-text index of published articles (DESIGN.md, Full-text search), kept in step with
 * `articles` by triggers so that no code path that writes articles can forget it. Only rows with
 * `kind = 'article' AND status = 'published'` are in the index.
 *
 * SQLite: an FTS5 table (https://sqlite.org/fts5.html) over title, standfirst and body, tokenizer
 * `unicode61 remove_diacritics 2` ("cafe" finds "café"). It is an external-content table: the text
 * is read back from `articles` through a view, not stored twice. FTS5 needs a stable integer rowid
 * and `articles` has a text key (VACUUM may renumber the implicit rowid of such a table), so
 * `article_search_rows` hands each indexed article its own integer. Those integers grow as articles
 * enter the index, which is what lets a search look at the newest matches first.
 *
 * PostgreSQL: `article_search` holds a weighted `tsvector` per published article with a GIN index,
 * maintained by a trigger. It lives beside `articles`, not in it, so that the many `SELECT *` reads
 * of articles never carry it. The text search configuration copies `simple` (no stemming, no
 * stop words: any language) and passes words through `unaccent` first, so the document, the query
 * and `ts_headline` all fold diacritics the same way (https://www.postgresql.org/docs/15/unaccent.html).
 */
export function searchMigration(dialect: Dialect) {
  return dialect === 'sqlite' ? sqliteSearch : postgresSearch;
}

const indexed = (row: 'new' | 'old') => sql.raw(`${row}.kind = 'article' AND ${row}.status = 'published'`);

const sqliteSearch = {
  async up(db: Kysely<unknown>): Promise<void> {
    await sql`CREATE TABLE article_search_rows (
      rowid INTEGER PRIMARY KEY,
      article_id TEXT NOT NULL UNIQUE
    )`.execute(db);
    await sql`CREATE VIEW article_search_source AS
      SELECT r.rowid AS search_rowid, a.title AS title, a.standfirst AS standfirst, a.body_text AS body
      FROM article_search_rows r JOIN articles a ON a.id = r.article_id`.execute(db);
    await sql`CREATE VIRTUAL TABLE article_search USING fts5(
      title, standfirst, body,
      content = 'article_search_source', content_rowid = 'search_rowid',
      tokenize = 'unicode61 remove_diacritics 2'
    )`.execute(db);

    // External content: FTS5 removes a row's words only when told the exact old text ('delete').
    const removeOld = sql`INSERT INTO article_search (article_search, rowid, title, standfirst, body)
      SELECT 'delete', rowid, old.title, old.standfirst, old.body_text
      FROM article_search_rows WHERE article_id = old.id;`;
    const addNew = sql`INSERT OR IGNORE INTO article_search_rows (article_id) SELECT new.id WHERE ${indexed('new')};
      INSERT INTO article_search (rowid, title, standfirst, body)
      SELECT rowid, new.title, new.standfirst, new.body_text
      FROM article_search_rows WHERE article_id = new.id;`;

    await sql`CREATE TRIGGER articles_search_insert AFTER INSERT ON articles BEGIN ${addNew} END`.execute(db);
    // Saving an article rewrites every column; re-index only when an indexed value really changed.
    await sql`CREATE TRIGGER articles_search_update
      AFTER UPDATE OF title, standfirst, body_text, status, kind ON articles
      WHEN old.title IS NOT new.title OR old.standfirst IS NOT new.standfirst
        OR old.body_text IS NOT new.body_text OR old.status IS NOT new.status OR old.kind IS NOT new.kind
      BEGIN
        ${removeOld}
        DELETE FROM article_search_rows WHERE article_id = old.id AND NOT (${indexed('new')});
        ${addNew}
      END`.execute(db);
    await sql`CREATE TRIGGER articles_search_delete AFTER DELETE ON articles BEGIN
        ${removeOld}
        DELETE FROM article_search_rows WHERE article_id = old.id;
      END`.execute(db);

    // Existing articles, oldest first so that index order follows publication.
    await sql`INSERT INTO article_search_rows (article_id)
      SELECT id FROM articles WHERE kind = 'article' AND status = 'published'
      ORDER BY published_at, id`.execute(db);
    await sql`INSERT INTO article_search (article_search) VALUES ('rebuild')`.execute(db);
  },

  async down(db: Kysely<unknown>): Promise<void> {
    for (const trigger of ['articles_search_insert', 'articles_search_update', 'articles_search_delete'])
      await sql`DROP TRIGGER IF EXISTS ${sql.id(trigger)}`.execute(db);
    await sql`DROP TABLE IF EXISTS article_search`.execute(db);
    await sql`DROP VIEW IF EXISTS article_search_source`.execute(db);
    await sql`DROP TABLE IF EXISTS article_search_rows`.execute(db);
  },
};

/**
 * PostgreSQL refuses a tsvector over 1 MB; a body beyond this many characters (a book, not an
 * article) is indexed up to here.
 */
const MAX_INDEXED_BODY = 200_000;

const postgresSearch = {
  async up(db: Kysely<unknown>): Promise<void> {
    // A trusted extension since PostgreSQL 13: the database owner may create it. Debian ships it in
    // postgresql-contrib, which the server package depends on.
    await sql`CREATE EXTENSION IF NOT EXISTS unaccent`.execute(db);
    await sql`CREATE TEXT SEARCH CONFIGURATION masthead_search (COPY = simple)`.execute(db);
    await sql`ALTER TEXT SEARCH CONFIGURATION masthead_search
      ALTER MAPPING FOR word, hword, hword_part, numword, numhword, hword_numpart
      WITH unaccent, simple`.execute(db);

    // PostgreSQL's parser reads `<…>` as an HTML tag and drops it, with everything between <script>
    // and </script>; these columns hold plain text, where "<" is a character like any other.
    await sql`CREATE FUNCTION masthead_search_text(value text) RETURNS text
      LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$ SELECT translate(value, '<>', '  ') $$`.execute(db);
    await sql`CREATE FUNCTION masthead_search_document(title text, standfirst text, body text)
      RETURNS tsvector LANGUAGE sql STABLE PARALLEL SAFE AS $$
        SELECT setweight(to_tsvector('masthead_search', masthead_search_text(title)), 'A')
          || setweight(to_tsvector('masthead_search', masthead_search_text(standfirst)), 'B')
          || setweight(to_tsvector('masthead_search',
               masthead_search_text(left(body, ${sql.lit(MAX_INDEXED_BODY)}))), 'C')
      $$`.execute(db);

    await sql`CREATE TABLE article_search (
      article_id uuid PRIMARY KEY REFERENCES articles (id) ON DELETE CASCADE,
      seq bigint GENERATED ALWAYS AS IDENTITY,
      document tsvector NOT NULL
    )`.execute(db);
    await sql`CREATE INDEX article_search_document_idx ON article_search USING gin (document)`.execute(db);
    // The newest matches of a word found nearly everywhere are quicker to find walking back by seq.
    await sql`CREATE INDEX article_search_seq_idx ON article_search (seq)`.execute(db);

    // Deletes follow the foreign key (ON DELETE CASCADE); inserts and updates go through here.
    await sql`CREATE FUNCTION masthead_article_search_sync() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF ${indexed('new')} THEN
          INSERT INTO article_search (article_id, document)
          VALUES (NEW.id, masthead_search_document(NEW.title, NEW.standfirst, NEW.body_text))
          ON CONFLICT (article_id) DO UPDATE SET document = EXCLUDED.document;
        ELSE
          DELETE FROM article_search WHERE article_id = NEW.id;
        END IF;
        RETURN NULL;
      END
    $$`.execute(db);
    await sql`CREATE TRIGGER articles_search_insert AFTER INSERT ON articles
      FOR EACH ROW EXECUTE FUNCTION masthead_article_search_sync()`.execute(db);
    await sql`CREATE TRIGGER articles_search_update
      AFTER UPDATE OF title, standfirst, body_text, status, kind ON articles
      FOR EACH ROW WHEN (
        OLD.title IS DISTINCT FROM NEW.title OR OLD.standfirst IS DISTINCT FROM NEW.standfirst
        OR OLD.body_text IS DISTINCT FROM NEW.body_text OR OLD.status IS DISTINCT FROM NEW.status
        OR OLD.kind IS DISTINCT FROM NEW.kind
      )
      EXECUTE FUNCTION masthead_article_search_sync()`.execute(db);

    await sql`INSERT INTO article_search (article_id, document)
      SELECT id, masthead_search_document(title, standfirst, body_text) FROM articles
      WHERE kind = 'article' AND status = 'published' ORDER BY published_at, id`.execute(db);
  },

  async down(db: Kysely<unknown>): Promise<void> {
    await sql`DROP TRIGGER IF EXISTS articles_search_insert ON articles`.execute(db);
    await sql`DROP TRIGGER IF EXISTS articles_search_update ON articles`.execute(db);
    await sql`DROP FUNCTION IF EXISTS masthead_article_search_sync()`.execute(db);
    await sql`DROP TABLE IF EXISTS article_search`.execute(db);
    await sql`DROP FUNCTION IF EXISTS masthead_search_document(text, text, text)`.execute(db);
    await sql`DROP FUNCTION IF EXISTS masthead_search_text(text)`.execute(db);
    await sql`DROP TEXT SEARCH CONFIGURATION IF EXISTS masthead_search`.execute(db);
  },
};
