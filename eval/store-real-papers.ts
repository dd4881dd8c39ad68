import type SQLite from 'better-sqlite3';
import { indexNewPapers } from '../src/store/fts.js';
import { PaperWriter } from '../src/store/papers.js';
import type { DataPaper } from '../test/parse/sources.js';

/** A paper of fixtures/hf-daily-papers-2024.json. */
export type RealPaper = DataPaper;

/** Stores the real papers of fixtures/ as one file's worth, the way ingest would. */
export function storeRealPapers(db: SQLite.Database, real: readonly RealPaper[]): void {
  const entries = real.map((p, i) => ({
    title: p.title, abstract: p.abstract, authors: p.authors.length, authorNames: p.authors, arxivId: p.arxiv_id,
    organization: null, orgHandle: null, published: p.published, yearInferred: false, upvotes: p.upvotes, line: i + 1,
  }));
  db.transaction(() => {
    new PaperWriter(db).upsertAll(entries, 'fixtures/hf-daily-papers-2024.json', new Date().toISOString());
    indexNewPapers(db);
  })();
}
