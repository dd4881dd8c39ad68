import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { openStore } from '../../src/store/open.js';
import { PaperWriter } from '../../src/store/papers.js';
import { indexNewPapers } from '../../src/store/fts.js';
import { ingestPaths } from '../../src/ingest/ingest.js';
import type { PaperEntry } from '../../src/model.js';
import { titleKey } from '../../src/store/identity.js';
import { parseText } from '../../src/parse/index.js';
import { toListingText } from '../helpers/listing.js';
import { tempDir } from '../helpers/temp-root.js';

// A first ingest into an empty database sets three indexes aside and finds titles from what it
// wrote (src/store/added-papers.ts): it must store exactly what the indexed look-ups would store.

const FIXTURES = path.join(import.meta.dirname, '../../fixtures');
const REAL = JSON.parse(fs.readFileSync(path.join(FIXTURES, 'hf-daily-papers-2024.json'), 'utf8')) as {
  title: string;
  abstract: string;
  published: string;
}[];

async function store(): Promise<{ db: Database.Database; file: string }> {
  const file = path.join(tempDir('papers-bulk-'), 'papers.db');
  return { db: await openStore(file), file };
}

/** A writer on `db` that has asked to set the indexes aside, as ingest's does. */
function bulkWriter(db: Database.Database): PaperWriter {
  const w = new PaperWriter(db);
  w.startBulkLoad();
  return w;
}

const ASIDE = ['papers_published', 'papers_title_key', 'papers_upvotes'];
/** True when the indexes a bulk load sets aside are all there, false when none is. */
function indexesExist(db: Database.Database): boolean {
  const names = db.prepare(`SELECT name FROM sqlite_master WHERE type = 'index' AND name IN ('${ASIDE.join("', '")}') ORDER BY name`).pluck().all();
  if (names.length > 0 && names.length < ASIDE.length) throw new Error(`only some of the indexes: ${names.join(', ')}`);
  return names.length === ASIDE.length;
}

/** The real papers as parsed listing entries. */
const BASE = parseText(
  toListingText(REAL.slice(0, 12).map((p) => ({ title: p.title, abstract: p.abstract, published: p.published, upvotes: 1, authors: 2 })), { pageDate: '2024-12-31' }),
  { asOf: '2024-12-31' },
).entries;

/**
 * Ways one of six papers can show up again: as it was, in other case, with an arXiv id, as another
 * paper sharing its title (another id), or retitled under its id (an arXiv v2).
 */
function variant(i: number, kind: number, upvotes: number): PaperEntry {
  const e = BASE[i]!;
  switch (kind) {
    case 0: return { ...e, upvotes };
    case 1: return { ...e, title: e.title.toUpperCase(), upvotes };
    case 2: return { ...e, arxivId: `2401.0000${i}`, upvotes };
    case 3: return { ...e, arxivId: `2402.0000${i}`, upvotes };
    default: return { ...e, title: BASE[i + 6]!.title, arxivId: `2401.0000${i}`, upvotes };
  }
}

function write(db: Database.Database, w: PaperWriter, batch: PaperEntry[], file: string) {
  return db.transaction(() => {
    const counts = w.upsertAll(batch, file, 'now');
    indexNewPapers(db);
    return counts;
  })();
}

const stored = (db: Database.Database) => ({
  papers: db.prepare('SELECT id, title, title_key, arxiv_id, upvotes FROM papers ORDER BY id').all(),
  sources: db.prepare('SELECT paper_id, file, line FROM paper_sources ORDER BY paper_id, file').all(),
});

describe('a first ingest with indexes set aside', () => {
  it('merges duplicates, shared titles and retitles exactly as the indexed look-ups do', async () => {
    const entry = fc.record({ i: fc.integer({ min: 0, max: 5 }), kind: fc.integer({ min: 0, max: 4 }), upvotes: fc.nat(50) });
    await fc.assert(
      fc.asyncProperty(fc.array(fc.array(entry, { minLength: 1, maxLength: 6 }), { minLength: 1, maxLength: 6 }), async (batches) => {
        const bulk = await store();
        const plain = await store();
        const loader = bulkWriter(bulk.db);
        const plainWriter = new PaperWriter(plain.db);
        try {
          batches.forEach((batch, n) => {
            const list = batch.map((e) => variant(e.i, e.kind, e.upvotes));
            expect(write(bulk.db, loader, list, `f${n}.txt`)).toEqual(write(plain.db, plainWriter, list, `f${n}.txt`));
            expect(indexesExist(bulk.db)).toBe(false);
          });
          expect(stored(bulk.db)).toEqual(stored(plain.db));
          loader.finishBulkLoad();
          expect(indexesExist(bulk.db)).toBe(true);
          // With the index back, the same entries once more are merged as the other store merges them.
          const again = batches.flat().map((e) => variant(e.i, e.kind, e.upvotes + 1));
          expect(write(bulk.db, loader, again, 'again.txt')).toEqual(write(plain.db, plainWriter, again, 'again.txt'));
          expect(stored(bulk.db)).toEqual(stored(plain.db));
        } finally {
          bulk.db.close();
          plain.db.close();
        }
      }),
      { numRuns: 40 },
    );
  });

  it('they are set aside only while an ingest writes into an empty database, and are back when it ends', async () => {
    const { db } = await store();
    const seen: boolean[] = [];
    try {
      await ingestPaths(db, [FIXTURES], { asOf: '2024-12-31', onCommit: () => seen.push(indexesExist(db)) });
      expect(seen.length).toBeGreaterThan(0);
      expect(seen.every((exists) => !exists)).toBe(true);
      expect(indexesExist(db)).toBe(true);
      // A later ingest, into a database that holds papers, keeps it.
      seen.length = 0;
      const later = path.join(tempDir('papers-bulk-'), 'later.txt');
      const papers = REAL.slice(0, 3).map((p) => ({ title: `Revisited: ${p.title}`, abstract: p.abstract, published: p.published, upvotes: 2, authors: 3 }));
      fs.writeFileSync(later, toListingText(papers, { pageDate: '2024-12-31' }));
      const report = await ingestPaths(db, [later], { asOf: '2024-12-31', onCommit: () => seen.push(indexesExist(db)) });
      expect(report.inserted).toBe(3);
      expect(seen.length).toBeGreaterThan(0);
      expect(seen.every((exists) => exists)).toBe(true);
    } finally {
      db.close();
    }
  });

  it('left out by a load that was killed, they are built by the next ingest, which finds every paper', async () => {
    const { db, file } = await store();
    const w = bulkWriter(db);
    write(db, w, BASE.slice(0, 4), 'one.txt');
    db.close(); // as a killed process would: no finishBulkLoad

    const next = await openStore(file);
    try {
      // Opening builds nothing: the load might still be running in another process.
      expect(indexesExist(next)).toBe(false);
      expect(write(next, new PaperWriter(next), BASE.slice(0, 4), 'one.txt')).toEqual({ inserted: 0, updated: 0, unchanged: 4 });
      expect(indexesExist(next)).toBe(true);
    } finally {
      next.close();
    }
  });

  it('they are built at once when anything else writes papers, and their papers are found', async () => {
    const { db, file } = await store();
    const w = bulkWriter(db);
    try {
      write(db, w, [variant(0, 0, 1)], 'one.txt');
      expect(indexesExist(db)).toBe(false);
      // Code that knows nothing of the load adds a paper through its own connection.
      const other = new Database(file);
      other.prepare("INSERT INTO papers (title_key, title, added_at, updated_at) VALUES (?, ?, 'x', 'x')").run(titleKey(BASE[1]!.title), BASE[1]!.title);
      other.close();
      expect(write(db, w, [variant(1, 0, 9), variant(0, 1, 2)], 'two.txt')).toEqual({ inserted: 0, updated: 2, unchanged: 0 });
      expect(indexesExist(db)).toBe(true);
      expect(db.prepare('SELECT count(*) FROM papers').pluck().get()).toBe(2);
    } finally {
      db.close();
    }
  });
});
