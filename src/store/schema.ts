import type Database from 'better-sqlite3';

/**
 * Migrations, oldest first. Migration N brings a database from user_version N-1 to N.
 * Append only: a released migration is never edited, because databases made by it exist.
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
}
