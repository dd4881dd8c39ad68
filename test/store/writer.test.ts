import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { openStore } from '../../src/store/open.js';
import { PaperWriter } from '../../src/store/papers.js';
import { indexNewPapers } from '../../src/store/fts.js';
import type { PaperEntry } from '../../src/model.js';
import { titleKey } from '../../src/store/identity.js';
import { parseText } from '../../src/parse/index.js';
import { toListingText, type ListingPaper } from '../helpers/listing.js';
import { tempDir } from '../helpers/temp-root.js';

const REAL = JSON.parse(fs.readFileSync(path.join(import.meta.dirname, '../../fixtures/hf-daily-papers-2024.json'), 'utf8')) as {
  title: string;
  abstract: string;
  published: string;
  upvotes: number;
}[];

async function store(): Promise<Database.Database> {
  const dir = tempDir('papers-writer-');
  return openStore(path.join(dir, 'papers.db'));
}

function entries(papers: ListingPaper[]) {
  return parseText(toListingText(papers, { pageDate: '2024-12-31' }), { asOf: '2024-12-31' }).entries;
}

/** What ingest does in each transaction: merge the entries, then index the new papers before it commits. */
function upsert(db: Database.Database, w: PaperWriter, list: PaperEntry[], file: string, now: string) {
  return db.transaction(() => {
    const counts = w.upsertAll(list, file, now);
    indexNewPapers(db);
    return counts;
  })();
}

function ftsIsConsistent(db: Database.Database): void {
  // Raises SQLITE_CORRUPT_VTAB when the index and the papers table disagree.
  db.exec(`INSERT INTO papers_fts(papers_fts, rank) VALUES ('integrity-check', 1)`);
}

describe('PaperWriter batches', () => {
  it('merges a paper seen twice in one file as it would across files: one row, later facts, later line', async () => {
    const db = await store();
    const [a, b] = REAL;
    const file = entries([
      { title: a!.title, abstract: a!.abstract, published: a!.published, upvotes: 3, authors: 2 },
      { title: b!.title, abstract: b!.abstract, published: b!.published, upvotes: 1, authors: 2 },
      { title: a!.title.toUpperCase(), abstract: a!.abstract, published: a!.published, upvotes: 40, authors: 2 },
    ]);
    const counts = upsert(db, new PaperWriter(db), file, 'one.txt', '2024-12-31T00:00:00Z');
    expect(counts).toEqual({ inserted: 2, updated: 1, unchanged: 0 });
    const rows = db.prepare('SELECT id, title, upvotes FROM papers ORDER BY id').all() as { id: number; title: string; upvotes: number }[];
    expect(rows.map((r) => r.upvotes)).toEqual([40, 1]);
    const src = db.prepare('SELECT line FROM paper_sources WHERE paper_id = ?').all(rows[0]!.id) as { line: number }[];
    expect(src).toEqual([{ line: file[2]!.line }]);
    ftsIsConsistent(db);
    db.close();
  });

  it('finds papers written after it began by another connection, another writer, or other code on its own connection', async () => {
    // A writer that began on an empty database skips looking up papers it did not add itself:
    // anything else writing papers must end that, or the same paper would be stored twice.
    const dir = tempDir('papers-writer-');
    const file = path.join(dir, 'papers.db');
    const db = await openStore(file);
    const w = new PaperWriter(db);
    const [a, b, c, d, e] = REAL;
    const paper = (p: typeof a, upvotes: number): ListingPaper => ({ title: p!.title, abstract: p!.abstract, published: p!.published, upvotes, authors: 2 });
    upsert(db, w, entries([paper(a, 1)]), 'one.txt', 'now');

    // Another connection renaming a paper adds no paper, yet its new title is now stored.
    const renamer = new Database(file);
    renamer.prepare('UPDATE papers SET title = ?, title_key = ? WHERE title = ?').run(d!.title, titleKey(d!.title), a!.title);
    renamer.close();
    expect(upsert(db, w, entries([paper(d, 5)]), 'two.txt', 'now')).toEqual({ inserted: 0, updated: 1, unchanged: 0 });

    const other = await openStore(file);
    upsert(other, new PaperWriter(other), entries([paper(b, 1)]), 'other.txt', 'now');
    other.close();
    expect(upsert(db, w, entries([paper(b, 7)]), 'three.txt', 'now')).toEqual({ inserted: 0, updated: 1, unchanged: 0 });

    const fresh = await store();
    const first = new PaperWriter(fresh);
    upsert(fresh, new PaperWriter(fresh), entries([paper(c, 1)]), 'one.txt', 'now');
    expect(upsert(fresh, first, entries([paper(c, 9)]), 'two.txt', 'now')).toEqual({ inserted: 0, updated: 1, unchanged: 0 });
    // A paper written on the same connection by other code than a writer.
    fresh.prepare("INSERT INTO papers (title_key, title, added_at, updated_at) VALUES (?, ?, 'now', 'now')").run(titleKey(e!.title), e!.title);
    expect(upsert(fresh, first, entries([paper(e, 3)]), 'three.txt', 'now')).toEqual({ inserted: 0, updated: 1, unchanged: 0 });

    for (const d of [db, fresh]) {
      const titles = d.prepare('SELECT title FROM papers').pluck().all() as string[];
      expect(new Set(titles).size).toBe(titles.length);
      d.close();
    }
  });

  it('new ids continue after the highest ever given, and the index finds every batch', async () => {
    const db = await store();
    const w = new PaperWriter(db);
    const batch = (from: number, n: number) =>
      entries(REAL.slice(from, from + n).map((p) => ({ title: p.title, abstract: p.abstract, published: p.published, upvotes: p.upvotes })));
    upsert(db, w, batch(0, 30), 'a.txt', 'now');
    db.prepare('DELETE FROM papers WHERE id = 30').run();
    const second = upsert(db, w, batch(25, 30), 'b.txt', 'now');
    // 25..28 are known, 29 was deleted and comes back as a new paper; ids are never reused.
    expect(second).toMatchObject({ inserted: 26 });
    const ids = (db.prepare('SELECT id FROM papers ORDER BY id').all() as { id: number }[]).map((r) => r.id);
    expect(ids.slice(28, 31)).toEqual([29, 31, 32]);
    ftsIsConsistent(db);
    const hits = db.prepare(`SELECT count(*) AS n FROM papers_fts WHERE papers_fts MATCH ?`).get(`"${REAL[50]!.title.split(' ')[0]}"`) as { n: number };
    expect(hits.n).toBeGreaterThan(0);
    db.close();
  });

  it('re-indexes a stored paper whose text changed, and only the text changes re-index it', async () => {
    const db = await store();
    const w = new PaperWriter(db);
    const p = REAL[3]!;
    upsert(db, w, entries([{ title: p.title, abstract: p.abstract, published: p.published, upvotes: 1 }]), 'a.txt', 'now');
    const longer = `${p.abstract} Zyxwvutsrq appears only in the newer copy.`;
    const counts = upsert(db, w, entries([{ title: p.title, abstract: longer, published: p.published, upvotes: 9 }]), 'b.txt', 'later');
    expect(counts).toEqual({ inserted: 0, updated: 1, unchanged: 0 });
    const hit = db.prepare(`SELECT rowid FROM papers_fts WHERE papers_fts MATCH 'zyxwvutsrq'`).all();
    expect(hit).toEqual([{ rowid: 1 }]);
    upsert(db, w, entries([{ title: p.title, abstract: longer, published: p.published, upvotes: 12 }]), 'c.txt', 'later');
    expect(db.prepare('SELECT upvotes FROM papers').get()).toEqual({ upvotes: 12 });
    ftsIsConsistent(db);
    db.close();
  });

  it('a paper changed or deleted before it is indexed is indexed as it ends up, and the index stays whole', async () => {
    const db = await store();
    const w = new PaperWriter(db);
    const [a, b, c] = REAL;
    const row = (p: typeof a, extra = '') => ({ title: p!.title, abstract: p!.abstract + extra, published: p!.published, upvotes: 1 });
    upsert(db, w, entries([row(c)]), 'indexed.txt', 'now');
    db.transaction(() => {
      w.upsertAll(entries([row(a), row(b)]), 'one.txt', 'now');
      // Later files of the same transaction: a longer copy of a, b gone, c (indexed) changed too.
      w.upsertAll(entries([row(a, ' Qwertyuiop only in the longer copy.'), row(c, ' Asdfghjkl too.')]), 'two.txt', 'now');
      db.prepare('DELETE FROM papers WHERE title = ?').run(b!.title);
      indexNewPapers(db);
    })();
    ftsIsConsistent(db);
    const match = (q: string) => (db.prepare('SELECT rowid FROM papers_fts WHERE papers_fts MATCH ?').all(q) as { rowid: number }[]).map((r) => r.rowid);
    const id = (t: string) => (db.prepare('SELECT id FROM papers WHERE title = ?').get(t) as { id: number }).id;
    expect(match('qwertyuiop')).toEqual([id(a!.title)]);
    expect(match('asdfghjkl')).toEqual([id(c!.title)]);
    db.exec(`INSERT INTO titles_fts(titles_fts, rank) VALUES ('integrity-check', 1)`);
    db.close();
  });

  it('a failed batch leaves nothing behind for the next one', async () => {
    const db = await store();
    const w = new PaperWriter(db);
    const good = entries([{ title: REAL[0]!.title, abstract: REAL[0]!.abstract, published: REAL[0]!.published }]);
    const bad = [...good, { ...good[0]!, title: undefined as unknown as string }];
    expect(() => upsert(db, w, bad, 'bad.txt', 'now')).toThrow();
    upsert(db, w, entries([{ title: REAL[1]!.title, abstract: REAL[1]!.abstract, published: REAL[1]!.published }]), 'ok.txt', 'now');
    expect(db.prepare('SELECT title FROM papers').all()).toEqual([{ title: REAL[1]!.title }]);
    db.close();
  });
});

describe('titleKey', () => {
  // The definition, spelled out: the ASCII fast path must give exactly this.
  const definition = (t: string) => t.normalize('NFKC').toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();

  it('matches its definition on real titles and on any text', () => {
    for (const p of REAL) expect(titleKey(p.title)).toBe(definition(p.title));
    fc.assert(fc.property(fc.oneof(fc.string(), fc.fullUnicodeString(), fc.asciiString()), (t) => titleKey(t) === definition(t)));
  });
});
