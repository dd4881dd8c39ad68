import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { json, papers, tempHome } from '../helpers/cli.js';
import { toListingText } from '../helpers/listing.js';
import { MIGRATIONS, SCHEMA_VERSION } from '../../src/store/schema.js';
import { openStore } from '../../src/store/open.js';
import { FULL_TEXT_TABLES, indexTotals, indexWords, rebuildFullText, refreshVocabulary, varints } from '../../src/store/fts.js';
import { runSearch } from '../../src/search/search.js';
import type { Paper } from '../../src/model.js';
import { CORPUS, corpusHome, titleOf } from './corpus.js';

const found = (env: NodeJS.ProcessEnv, q: string): string[] => json<Paper[]>(papers(['search', q, '--json'], { env })).map((p) => p.title);

describe('the search index', () => {
  it('learns the words of papers ingested later, so their slips are corrected too', () => {
    const home = corpusHome(CORPUS.slice(0, 3));
    expect(found(home.env, 'matryoshak')).toEqual([]);
    const more = path.join(home.dir, 'more.txt');
    fs.writeFileSync(more, toListingText([CORPUS[12]!], { pageDate: '2025-11-27' }));
    expect(papers(['ingest', more, '--as-of', '2025-11-27'], { env: home.env }).code).toBe(0);
    expect(found(home.env, 'matryoshak')).toEqual([titleOf(12)]);
  });

  it('learns the same words, and how many papers hold each, whether it reads the new papers or, after a large ingest, the index', async () => {
    const vocabulary = async (bulkFrom: number): Promise<unknown[]> => {
      const home = corpusHome(CORPUS);
      const db = await openStore(home.db);
      // As if nothing had been learnt yet: every paper waits.
      db.exec('DELETE FROM search_terms; INSERT INTO search_terms_pending(paper_id) SELECT id FROM papers');
      expect(refreshVocabulary(db, bulkFrom)).toBe(CORPUS.length);
      const terms = db.prepare('SELECT term, len, rev, docs, title_docs FROM search_terms ORDER BY term').all();
      expect(db.prepare('SELECT count(*) AS n FROM search_terms_pending').get()).toEqual({ n: 0 });
      db.close();
      return terms;
    };
    const fromPapers = await vocabulary(Infinity);
    expect(fromPapers.length).toBeGreaterThan(50);
    expect(fromPapers.filter((t) => (t as { docs: number }).docs > 1).length).toBeGreaterThan(10);
    expect(await vocabulary(1)).toEqual(fromPapers);
  });

  it("reads the index's paper and word totals, and each paper's sizes, as FTS5 keeps them", async () => {
    const home = corpusHome();
    const db = await openStore(home.db);
    const rows = db.prepare<[], { title: string; abstract: string | null; sz: Buffer }>(
      'SELECT p.title, p.abstract, d.sz FROM papers p JOIN papers_fts_docsize d ON d.id = p.id',
    ).all();
    for (const r of rows) expect(varints(r.sz)).toEqual([indexWords(r.title).length, indexWords(r.abstract ?? '').length]);
    expect(indexTotals(db)).toEqual({
      papers: CORPUS.length,
      words: [0, 1].map((col) => rows.reduce((n, r) => n + varints(r.sz)[col]!, 0)),
    });
    db.close();
    // Varints of every length, up to the nine-byte form.
    expect(varints(Uint8Array.from([0x7f, 0x81, 0x00, 0x82, 0x80, 0x01]))).toEqual([127, 128, 32769]);
    expect(varints(Uint8Array.from([...Array(8).fill(0x80), 0x05]))).toEqual([5]);
  });

  it('is rebuilt from the papers by the migration that introduced it', async () => {
    const { db: file } = tempHome();
    // A database as the first release made it, holding one paper.
    const v1 = new SQLite(file);
    v1.exec(MIGRATIONS[0]!);
    v1.pragma('user_version = 1');
    v1.prepare(`INSERT INTO papers (title_key, title, abstract, added_at, updated_at) VALUES (?, ?, ?, 'x', 'x')`).run(
      'matryoshka representation learning', titleOf(12), CORPUS[12]!.abstract,
    );
    v1.close();
    const db = await openStore(file);
    expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    expect(runSearch(db, { text: 'matryoshak represntation', limit: 5 }).papers.map((p) => p.title)).toEqual([titleOf(12)]);
    // Migration 5 counted the papers holding each word.
    expect(db.prepare("SELECT docs, title_docs FROM search_terms WHERE term IN ('matryoshka', 'nested') ORDER BY term").all()).toEqual([
      { docs: 1, title_docs: 1 },
      { docs: 1, title_docs: 0 },
    ]);
    db.close();
  });

  it('can be rebuilt whole by a bulk loader, from the list of full-text tables', async () => {
    const home = corpusHome();
    const db = await openStore(home.db);
    for (const table of FULL_TEXT_TABLES) expect(db.prepare(`SELECT count(*) AS n FROM sqlite_master WHERE name = ?`).get(table)).toEqual({ n: 1 });
    // What a loader that bypasses the triggers leaves behind: papers, and no index over them.
    db.exec(`INSERT INTO papers_fts(papers_fts) VALUES ('delete-all'); INSERT INTO titles_fts(titles_fts) VALUES ('delete-all'); DELETE FROM search_terms;`);
    expect(runSearch(db, { text: 'gaussian', limit: 5 }).papers).toEqual([]);
    rebuildFullText(db);
    expect(runSearch(db, { text: 'gausian splating', limit: 5 }).papers.map((p) => p.title)).toEqual([titleOf(8)]);
    db.close();
  });
});
