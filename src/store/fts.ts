import type Database from 'better-sqlite3';

/**
 * The full-text indexes, in one place. Their definitions live in the migrations of schema.ts
 * (migration 2 made the current ones); this is what other code needs to know about them.
 *
 * Tokenizer: `unicode61 remove_diacritics 2`, no stemmer. Porter would merge "continual" with
 * "continuous" and "general" with "generation"; instead the query side adds the few inflections a
 * word can take (model/models, study/studies) and corrects typos against the vocabulary. Hyphens
 * and dots separate words, so "text-to-image" also matches "image", and the query side turns
 * `GPT-4.5` into the phrase "gpt 4 5" (digits and "3D" stay whole tokens).
 *
 * `papers_fts` (titles and abstracts) and `titles_fts` (titles alone, a fraction of the postings:
 * the first tier of a search) are external-content (the text lives once, in `papers`). New papers
 * are added by indexNewPapers, once per transaction; triggers keep indexed papers in step when their
 * text changes or they are deleted (migration 4 says why). `search_terms` is the vocabulary, each
 * word with the number of papers holding it (and holding it in their title), filled by
 * refreshVocabulary from the papers noted in `search_terms_pending` (by indexNewPapers, and by a
 * trigger when a paper's text changes). A bulk loader that empties the indexes must afterwards call
 * rebuildFullText.
 */
export const FULL_TEXT_TABLES = ['papers_fts', 'titles_fts', 'search_terms', 'search_terms_pending'] as const;

/** The full index (titles and abstracts), or titles alone. */
export type FullTextIndex = 'papers_fts' | 'titles_fts';

/** Each index, and the statements that add the papers above a given id to it. */
const INDEXES = [
  {
    table: 'papers_fts',
    add: [
      // The vocabulary learns the words of the papers new to the full index (refreshVocabulary reads them).
      'INSERT OR IGNORE INTO search_terms_pending(paper_id) SELECT id FROM papers WHERE id > ?',
      'INSERT INTO papers_fts(rowid, title, abstract) SELECT id, title, abstract FROM papers WHERE id > ?',
    ],
  },
  { table: 'titles_fts', add: ['INSERT INTO titles_fts(rowid, title) SELECT id, title FROM papers WHERE id > ?'] },
] as const;

/**
 * Indexes every paper not yet in the full-text indexes: those with an id above the highest one an
 * index holds (ids only grow). Run it before a transaction that wrote papers commits; one statement
 * per index, however many papers, so FTS5 writes few, large segments. Cheap when there is nothing
 * to do, and then it writes nothing (a read-only database is fine).
 */
export function indexNewPapers(db: Database.Database): void {
  const newest = (db.prepare('SELECT coalesce(max(id), 0) AS n FROM papers').get() as { n: number }).n;
  for (const { table, add } of INDEXES) {
    const through = (db.prepare(`SELECT coalesce(max(id), 0) AS n FROM ${table}_docsize`).get() as { n: number }).n;
    if (newest > through) for (const sql of add) db.prepare(sql).run(through);
  }
}

/** Rebuilds every full-text table from `papers`; run refreshVocabulary after them. */
export const FULL_TEXT_REBUILD: readonly string[] = [
  `INSERT INTO papers_fts(papers_fts) VALUES ('rebuild')`,
  `INSERT INTO titles_fts(titles_fts) VALUES ('rebuild')`,
  `DELETE FROM search_terms`,
  `INSERT OR IGNORE INTO search_terms_pending(paper_id) SELECT id FROM papers`,
];

export function rebuildFullText(db: Database.Database): void {
  db.transaction(() => {
    for (const sql of FULL_TEXT_REBUILD) db.exec(sql);
    refreshVocabulary(db);
  })();
}

/**
 * The words of a text as the index sees them: runs of letters and digits, lower case, accents
 * folded (unicode61 with remove_diacritics 2 does the same).
 */
export function indexWords(text: string): string[] {
  // Most text is ASCII, where folding changes nothing: skipping it makes this several times faster.
  const lower = text.toLowerCase();
  if (!NON_ASCII.test(lower)) return lower.match(/[a-z0-9]+/g) ?? [];
  const out: string[] = [];
  for (const w of lower.match(/[\p{L}\p{N}\p{M}]+/gu) ?? []) {
    if (!NON_ASCII.test(w)) out.push(w);
    else out.push(...(w.normalize('NFKD').replace(/\p{M}+/gu, '').normalize('NFKC').match(/[\p{L}\p{N}]+/gu) ?? []));
  }
  return out;
}

const NON_ASCII = /[^\x00-\x7f]/;

const BATCH = 2000;
/**
 * From this many waiting papers on, the vocabulary is read off the full-text index instead:
 * one scan of its term list (under a second at 10^5 papers) beats tokenizing every abstract
 * again in JavaScript (about 10 s at 10^5). Below it, the few new papers are cheaper to read.
 */
const BULK_REFRESH = 5000;

/**
 * An index's term list (term, doc, cnt) as a table: one per connection, in temp so read-only
 * databases can use it too. Returns its name.
 */
export function indexTerms(db: Database.Database, index: FullTextIndex = 'papers_fts'): string {
  db.exec(`CREATE VIRTUAL TABLE IF NOT EXISTS temp.${index}_terms USING fts5vocab(main, '${index}', 'row')`);
  return `temp.${index}_terms`;
}

/**
 * Every term papers_fts holds (the same words as indexWords: one tokenizer), into search_terms,
 * with the numbers of papers the indexes say hold it (which resets the counts of every word still
 * in the index; a word no paper holds any more keeps its last count).
 */
function refreshVocabularyFromIndex(db: Database.Database, waiting: number): number {
  // One statement, so the terms never cross into JavaScript as rows; lengths and reversals are
  // JavaScript's own (UTF-16 units, as the lookups in src/search/vocab.ts count them).
  db.function('papers_term_length', { deterministic: true }, (w: string) => w.length);
  db.function('papers_term_reversed', { deterministic: true }, (w: string) => [...w].reverse().join(''));
  db.transaction(() => {
    db.prepare(`INSERT INTO search_terms(term, len, rev, docs)
      SELECT term, papers_term_length(term), papers_term_reversed(term), doc FROM ${indexTerms(db)} WHERE true
      ON CONFLICT(term) DO UPDATE SET docs = excluded.docs`).run();
    db.prepare(`UPDATE search_terms SET title_docs = t.doc FROM ${indexTerms(db, 'titles_fts')} t WHERE search_terms.term = t.term`).run();
    db.prepare('DELETE FROM search_terms_pending').run();
  })();
  return waiting;
}

/**
 * Adds the words of every paper noted as new or changed to the vocabulary, counting the papers
 * that hold each. Cheap and incremental: only the noted papers are read. Terms are never removed
 * and counts never lowered here (a changed paper's old words are not known any more), so a count
 * may run a little high until the next bulk refresh sets it from the index; search uses the
 * counts to weigh words and to foresee its own cost, where a little high does no harm. Returns how
 * many papers were read.
 */
export function refreshVocabulary(db: Database.Database, bulkFrom = BULK_REFRESH): number {
  const pending = db.prepare<[number], { id: number; title: string; abstract: string | null }>(
    `SELECT p.id, p.title, p.abstract FROM search_terms_pending s JOIN papers p ON p.id = s.paper_id
     WHERE s.paper_id > ? ORDER BY s.paper_id LIMIT ${BATCH}`,
  );
  const add = db.prepare<[string, number, string, number, number]>(
    `INSERT INTO search_terms(term, len, rev, docs, title_docs) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT(term) DO UPDATE SET docs = docs + excluded.docs, title_docs = title_docs + excluded.title_docs`,
  );
  const done = db.prepare<[number, number]>('DELETE FROM search_terms_pending WHERE paper_id BETWEEN ? AND ?');
  const waiting = (db.prepare('SELECT count(*) AS n FROM search_terms_pending').get() as { n: number }).n;
  if (waiting >= bulkFrom) return refreshVocabularyFromIndex(db, waiting);
  let read = 0;
  let after = 0;
  for (;;) {
    const rows = pending.all(after);
    if (rows.length === 0) break;
    // Papers per word in this batch, anywhere and in titles: one write per word, not one per paper and word.
    const docs = new Map<string, [number, number]>();
    for (const row of rows) {
      const title = new Set(indexWords(row.title));
      for (const w of new Set([...title, ...indexWords(row.abstract ?? '')])) {
        const n = docs.get(w) ?? [0, 0];
        n[0]++;
        if (title.has(w)) n[1]++;
        docs.set(w, n);
      }
    }
    db.transaction(() => {
      for (const [w, [all, inTitles]] of docs) add.run(w, w.length, [...w].reverse().join(''), all, inTitles);
      done.run(after + 1, rows.at(-1)!.id);
    })();
    read += rows.length;
    after = rows.at(-1)!.id;
  }
  // Rows noted for papers deleted since: nothing to read. Only cleared when there are any, so
  // a writer with nothing to do never writes (and works on a read-only database).
  if (db.prepare('SELECT 1 FROM search_terms_pending LIMIT 1').get()) db.prepare('DELETE FROM search_terms_pending').run();
  return read;
}

/** What FTS5 knows of the full index's size: papers, and words per column (title, abstract). */
export interface IndexTotals {
  papers: number;
  words: number[];
}

/**
 * The full index's totals, read from FTS5's own "averages" record (rowid 1 of its data table:
 * varints, the number of rows then the tokens of each column), which bm25 reads too. Counting
 * papers with count(*) would read the whole table.
 */
export function indexTotals(db: Database.Database): IndexTotals {
  const row = db.prepare<[], { block: Buffer }>('SELECT block FROM papers_fts_data WHERE id = 1').get();
  const [papers = 0, ...words] = row ? varints(row.block) : [];
  return { papers, words: [words[0] ?? 0, words[1] ?? 0] };
}

/** SQLite's varints (FTS5 writes its sizes and totals with them), one after another. */
export function varints(bytes: Uint8Array): number[] {
  const out: number[] = [];
  let i = 0;
  while (i < bytes.length) {
    let v = 0;
    let k = 0;
    for (; k < 8 && i < bytes.length; k++) {
      const b = bytes[i++]!;
      v = v * 128 + (b & 0x7f);
      if (b < 0x80) break;
    }
    // The ninth byte, when there is one, gives all 8 of its bits.
    if (k === 8 && i < bytes.length) v = v * 256 + bytes[i++]!;
    out.push(v);
  }
  return out;
}
