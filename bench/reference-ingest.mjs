#!/usr/bin/env node
// The baseline ingest the benchmark holds `papers ingest` to: the least a listing-to-FTS5 tool must do.
// It parses every file with the project's own parser, inserts all rows in one transaction with no
// identity checks, no merging and no sources, then builds an external-content FTS5 index in one pass.
// Streams file by file like the real thing, so its memory is comparable too.
// usage: node bench/reference-ingest.mjs CORPUS_DIR DB_FILE
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { parseText } from '../dist/parse/index.js';

const [dir, dbFile] = process.argv.slice(2);
if (!dir || !dbFile) {
  console.error('usage: reference-ingest.mjs CORPUS_DIR DB_FILE');
  process.exit(2);
}
for (const suffix of ['', '-wal', '-shm']) fs.rmSync(dbFile + suffix, { force: true });
const db = new Database(dbFile);
db.pragma('journal_mode = WAL');
db.pragma('synchronous = NORMAL');
db.exec(`CREATE TABLE papers (id INTEGER PRIMARY KEY, title TEXT NOT NULL, abstract TEXT, authors INTEGER,
  organization TEXT, published TEXT, upvotes INTEGER)`);
const insert = db.prepare('INSERT INTO papers (title, abstract, authors, organization, published, upvotes) VALUES (?, ?, ?, ?, ?, ?)');

let n = 0;
db.transaction(() => {
  for (const name of fs.readdirSync(dir).sort()) {
    const { entries } = parseText(fs.readFileSync(path.join(dir, name), 'utf8'), { asOf: '2024-11-03' });
    for (const e of entries) insert.run(e.title, e.abstract, e.authors, e.organization, e.published, e.upvotes ?? 0);
    n += entries.length;
  }
})();
db.exec(`CREATE VIRTUAL TABLE papers_fts USING fts5(title, abstract, content='papers', content_rowid='id',
  tokenize="unicode61 remove_diacritics 2 tokenchars '-'");
  INSERT INTO papers_fts(papers_fts) VALUES ('rebuild');`);
db.close();
console.error(`reference: ${n} papers`);
