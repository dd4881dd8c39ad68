import type Database from 'better-sqlite3';
import { indexNewPapers, refreshVocabulary } from './fts.js';

/**
 * Migrations, oldest first. Migration N brings a database from user_version N-1 to N.
 * Append only: a released migration is never edited, because databases made by it exist.
 * A first ingest that was killed leaves papers_title_key, papers_published and papers_upvotes
 * out until the next ingest builds them (src/store/added-papers.ts): a migration that touches
 * them must not assume they exist.
 */
export const MIGRATIONS: readonly string[] = [
  // 1: papers, their sources, the user's tags, the files already ingested, and the full-text index.
  `
  CREATE TABLE papers (
    id            INTEGER PRIMARY KEY AUTOINCREMENT, -- AUTOINCREMENT: ids are never reused
    title_key     TEXT NOT NULL,                      -- normalised title: the identity without an arXiv id
    title         TEXT NOT NULL,
    abstract      TEXT,
    authors       INTEGER,
    author_names  TEXT NOT NULL DEFAULT '[]',          -- JSON array
    arxiv_id      TEXT,
    organization  TEXT,
    org_handle    TEXT,
    published     TEXT,                               -- YYYY-MM-DD
    year_inferred INTEGER NOT NULL DEFAULT 0,
    upvotes       INTEGER NOT NULL DEFAULT 0,
    note          TEXT,
    added_at      TEXT NOT NULL,
    updated_at    TEXT NOT NULL
  );
  CREATE INDEX papers_title_key ON papers(title_key);
  CREATE UNIQUE INDEX papers_arxiv_id ON papers(arxiv_id) WHERE arxiv_id IS NOT NULL;
  CREATE INDEX papers_published ON papers(published);
  CREATE INDEX papers_upvotes ON papers(upvotes);

  CREATE TABLE paper_sources (
    paper_id INTEGER NOT NULL REFERENCES papers(id) ON DELETE CASCADE,
    file     TEXT NOT NULL,
    line     INTEGER NOT NULL,
    PRIMARY KEY (paper_id, file)
  ) WITHOUT ROWID;

  CREATE TABLE paper_tags (
    paper_id INTEGER NOT NULL REFERENCES papers(id) ON DELETE CASCADE,
    tag      TEXT NOT NULL,
    PRIMARY KEY (paper_id, tag)
  ) WITHOUT ROWID;
  CREATE INDEX paper_tags_tag ON paper_tags(tag);

  CREATE TABLE ingested_files (
    path        TEXT PRIMARY KEY,
    size        INTEGER NOT NULL,
    mtime_ms    INTEGER NOT NULL,
    sha1        TEXT NOT NULL,
    papers      INTEGER NOT NULL,
    ingested_at TEXT NOT NULL
  );

  -- External-content index: the text lives once, in papers; triggers keep the index in step.
  CREATE VIRTUAL TABLE papers_fts USING fts5(
    title, abstract,
    content='papers', content_rowid='id',
    tokenize="unicode61 remove_diacritics 2 tokenchars '-'"
  );
  CREATE TRIGGER papers_fts_insert AFTER INSERT ON papers BEGIN
    INSERT INTO papers_fts(rowid, title, abstract) VALUES (new.id, new.title, new.abstract);
  END;
  CREATE TRIGGER papers_fts_delete AFTER DELETE ON papers BEGIN
    INSERT INTO papers_fts(papers_fts, rowid, title, abstract) VALUES ('delete', old.id, old.title, old.abstract);
  END;
  CREATE TRIGGER papers_fts_update AFTER UPDATE OF title, abstract ON papers BEGIN
    INSERT INTO papers_fts(papers_fts, rowid, title, abstract) VALUES ('delete', old.id, old.title, old.abstract);
    INSERT INTO papers_fts(rowid, title, abstract) VALUES (new.id, new.title, new.abstract);
  END;
  `,
  // 2: the full-text index rebuilt with a deliberately chosen tokenizer (src/store/fts.ts says why),
  // and its vocabulary exposed for typo correction. Triggers are recreated for the new table.
  `
  DROP TRIGGER papers_fts_insert;
  DROP TRIGGER papers_fts_delete;
  DROP TRIGGER papers_fts_update;
  DROP TABLE papers_fts;
  CREATE VIRTUAL TABLE papers_fts USING fts5(
    title, abstract,
    content='papers', content_rowid='id',
    tokenize="unicode61 remove_diacritics 2"
  );
  CREATE TRIGGER papers_fts_insert AFTER INSERT ON papers BEGIN
    INSERT INTO papers_fts(rowid, title, abstract) VALUES (new.id, new.title, new.abstract);
  END;
  CREATE TRIGGER papers_fts_delete AFTER DELETE ON papers BEGIN
    INSERT INTO papers_fts(papers_fts, rowid, title, abstract) VALUES ('delete', old.id, old.title, old.abstract);
  END;
  CREATE TRIGGER papers_fts_update AFTER UPDATE OF title, abstract ON papers BEGIN
    INSERT INTO papers_fts(papers_fts, rowid, title, abstract) VALUES ('delete', old.id, old.title, old.abstract);
    INSERT INTO papers_fts(rowid, title, abstract) VALUES (new.id, new.title, new.abstract);
  END;
  INSERT INTO papers_fts(papers_fts) VALUES ('rebuild');

  -- Titles alone: a title match is the strongest evidence of what a paper is about, and this index
  -- holds a fraction of the postings, so the first tier of a search (and show's candidates) stay
  -- quick when a query's words are in most abstracts.
  CREATE VIRTUAL TABLE titles_fts USING fts5(
    title,
    content='papers', content_rowid='id',
    tokenize="unicode61 remove_diacritics 2"
  );
  CREATE TRIGGER titles_fts_insert AFTER INSERT ON papers BEGIN
    INSERT INTO titles_fts(rowid, title) VALUES (new.id, new.title);
  END;
  CREATE TRIGGER titles_fts_delete AFTER DELETE ON papers BEGIN
    INSERT INTO titles_fts(titles_fts, rowid, title) VALUES ('delete', old.id, old.title);
  END;
  CREATE TRIGGER titles_fts_update AFTER UPDATE OF title ON papers BEGIN
    INSERT INTO titles_fts(titles_fts, rowid, title) VALUES ('delete', old.id, old.title);
    INSERT INTO titles_fts(rowid, title) VALUES (new.id, new.title);
  END;
  INSERT INTO titles_fts(titles_fts) VALUES ('rebuild');

  -- The index's vocabulary, for typo correction without reading doclists: a term, its length and
  -- the term reversed, so that near spellings are found by prefix or by suffix within a length band.
  -- Filled from papers by refreshVocabulary (src/store/fts.ts): SQL cannot tokenize, so a trigger
  -- only notes which papers are new or changed.
  CREATE TABLE search_terms (
    term TEXT PRIMARY KEY,
    len  INTEGER NOT NULL,
    rev  TEXT NOT NULL
  ) WITHOUT ROWID;
  CREATE INDEX search_terms_len_term ON search_terms(len, term);
  CREATE INDEX search_terms_len_rev ON search_terms(len, rev);
  CREATE TABLE search_terms_pending (paper_id INTEGER PRIMARY KEY);
  CREATE TRIGGER search_terms_pending_insert AFTER INSERT ON papers BEGIN
    INSERT OR IGNORE INTO search_terms_pending(paper_id) VALUES (new.id);
  END;
  CREATE TRIGGER search_terms_pending_update AFTER UPDATE OF title, abstract ON papers BEGIN
    INSERT OR IGNORE INTO search_terms_pending(paper_id) VALUES (new.id);
  END;
  INSERT INTO search_terms_pending(paper_id) SELECT id FROM papers;
  `,
  // 3: what a file was parsed with, so re-ingesting it with another --as-of or --format parses it again.
  `
  ALTER TABLE ingested_files ADD COLUMN as_of TEXT;
  ALTER TABLE ingested_files ADD COLUMN kind TEXT;
  `,
  // 4: the full-text indexes are filled by the store, once per transaction (indexNewPapers in
  // src/store/fts.ts), instead of by a trigger per row: FTS5 writes a segment at every statement and
  // savepoint, so per-row triggers wrote one small segment per file and merged them again and again,
  // and a trigger on INSERT makes SQLite keep a statement journal for every single-row insert. New
  // papers are noted for the vocabulary there too. A paper is indexed when its id is at most the
  // highest id an index holds (ids only grow), so the update and delete triggers (named ..._indexed for
  // that) touch indexed papers only; a paper changed before it is indexed is indexed with its final
  // text. 8 MiB of pending terms before FTS5 writes a segment (its default is 1 MiB) makes fewer,
  // larger segments (docs/benchmarks.md has the numbers). IF EXISTS: the old triggers may be gone
  // already (the store's advice to bulk loaders was to drop them), which must not stop the upgrade.
  `
  DROP TRIGGER IF EXISTS papers_fts_insert;
  DROP TRIGGER IF EXISTS papers_fts_delete;
  DROP TRIGGER IF EXISTS papers_fts_update;
  DROP TRIGGER IF EXISTS titles_fts_insert;
  DROP TRIGGER IF EXISTS titles_fts_delete;
  DROP TRIGGER IF EXISTS titles_fts_update;
  DROP TRIGGER IF EXISTS search_terms_pending_insert;
  CREATE TRIGGER papers_fts_delete_indexed AFTER DELETE ON papers
  WHEN old.id <= (SELECT max(id) FROM papers_fts_docsize) BEGIN
    INSERT INTO papers_fts(papers_fts, rowid, title, abstract) VALUES ('delete', old.id, old.title, old.abstract);
  END;
  CREATE TRIGGER papers_fts_update_indexed AFTER UPDATE OF title, abstract ON papers
  WHEN old.id <= (SELECT max(id) FROM papers_fts_docsize) BEGIN
    INSERT INTO papers_fts(papers_fts, rowid, title, abstract) VALUES ('delete', old.id, old.title, old.abstract);
    INSERT INTO papers_fts(rowid, title, abstract) VALUES (new.id, new.title, new.abstract);
  END;
  CREATE TRIGGER titles_fts_delete_indexed AFTER DELETE ON papers
  WHEN old.id <= (SELECT max(id) FROM titles_fts_docsize) BEGIN
    INSERT INTO titles_fts(titles_fts, rowid, title) VALUES ('delete', old.id, old.title);
  END;
  CREATE TRIGGER titles_fts_update_indexed AFTER UPDATE OF title ON papers
  WHEN old.id <= (SELECT max(id) FROM titles_fts_docsize) BEGIN
    INSERT INTO titles_fts(titles_fts, rowid, title) VALUES ('delete', old.id, old.title);
    INSERT INTO titles_fts(rowid, title) VALUES (new.id, new.title);
  END;
  INSERT INTO papers_fts(papers_fts, rank) VALUES ('hashsize', 8388608);
  INSERT INTO titles_fts(titles_fts, rank) VALUES ('hashsize', 8388608);
  `,
  // 5: how many papers hold each word, anywhere and in their title, kept in the vocabulary. Search
  // needs them to know, before it asks FTS5 to rank, what ranking will cost (bm25 counts every query
  // word's papers over the whole index first, which at 10^6 papers is most of a query's time), and
  // to rank as bm25 would without FTS5 when that costs too much (src/search/text-rank.ts). The counts
  // are filled by refreshVocabulary, for which every paper is noted here.
  `
  ALTER TABLE search_terms ADD COLUMN docs INTEGER NOT NULL DEFAULT 0;
  ALTER TABLE search_terms ADD COLUMN title_docs INTEGER NOT NULL DEFAULT 0;
  INSERT OR IGNORE INTO search_terms_pending(paper_id) SELECT id FROM papers;
  `,
];

export const SCHEMA_VERSION = MIGRATIONS.length;

/**
 * Runs every migration the database has not seen, each in its own transaction. The version is
 * read again inside the write lock: two processes opening a new database at once would otherwise
 * both run migration 1, and the second would fail.
 */
export function migrate(db: Database.Database): void {
  const current = (): number => db.pragma('user_version', { simple: true }) as number;
  while (current() < SCHEMA_VERSION) {
    db.transaction(() => {
      const version = current();
      if (version >= SCHEMA_VERSION) return;
      db.exec(MIGRATIONS[version]!);
      db.pragma(`user_version = ${version + 1}`);
    }).immediate();
  }
  // Catches the indexes and the vocabulary up with papers written since the last writer (or by the migration).
  indexNewPapers(db);
  refreshVocabulary(db);
}
