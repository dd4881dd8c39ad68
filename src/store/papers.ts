import type Database from 'better-sqlite3';
import type { Paper, PaperEntry } from '../model.js';
import { AddedPapers } from './added-papers.js';
import { titleKey } from './identity.js';

/** The columns every read returns, with tags and sources folded in so one query streams whole papers. */
export const PAPER_COLUMNS = `
  p.id, p.title, p.abstract, p.authors, p.author_names, p.arxiv_id, p.organization, p.org_handle,
  p.published, p.year_inferred, p.upvotes, p.note,
  (SELECT json_group_array(tag) FROM (SELECT tag FROM paper_tags WHERE paper_id = p.id ORDER BY tag)) AS tags,
  (SELECT json_group_array(json_array(file, line)) FROM paper_sources WHERE paper_id = p.id) AS sources`;

export interface PaperRow {
  id: number;
  title: string;
  abstract: string | null;
  authors: number | null;
  author_names: string;
  arxiv_id: string | null;
  organization: string | null;
  org_handle: string | null;
  published: string | null;
  year_inferred: number;
  upvotes: number;
  note: string | null;
  tags: string;
  sources: string;
  score?: number;
}

export function rowToPaper(row: PaperRow): Paper {
  const paper: Paper = {
    id: row.id,
    title: row.title,
    abstract: row.abstract,
    authors: row.authors,
    author_names: JSON.parse(row.author_names) as string[],
    arxiv_id: row.arxiv_id,
    organization: row.organization,
    org_handle: row.org_handle,
    published: row.published,
    year_inferred: row.year_inferred === 1,
    upvotes: row.upvotes,
    tags: JSON.parse(row.tags) as string[],
    note: row.note,
    sources: (JSON.parse(row.sources) as [string, number][]).map(([file, line]) => ({ file, line })),
  };
  if (row.score !== undefined) paper.score = row.score;
  return paper;
}

export type UpsertOutcome = 'inserted' | 'updated' | 'unchanged';

/** The stored fields merging compares; tags, note and sources are not the listing's to change. */
type StoredRow = Omit<PaperRow, 'note' | 'tags' | 'sources' | 'score'>;

export type UpsertCounts = Record<UpsertOutcome, number>;

/**
 * Merges entries into the papers table by the rules of docs/cli.md ("Identity and merging").
 * Statements are prepared once per store; callers wrap each `upsertAll` in a transaction.
 *
 * Rows are written as they come; the full-text indexes are not touched here. They are filled once
 * per transaction by indexNewPapers (src/store/fts.ts), which CommitGroup runs before each commit:
 * one statement over every new paper lets FTS5 write a few large segments instead of one per file.
 * Callers outside CommitGroup run indexNewPapers themselves before the transaction ends.
 */
export class PaperWriter {
  private readonly byArxiv: Database.Statement<[string], StoredRow>;
  private readonly byKey: Database.Statement<[string], StoredRow>;
  private readonly byId: Database.Statement<[number], StoredRow & { title_key: string }>;
  private readonly insert: Database.Statement;
  private readonly lastId: Database.Statement<[], { n: number }>;
  private readonly update: Database.Statement;
  private readonly updateFacts: Database.Statement;
  private readonly source: Database.Statement;
  private readonly firstSource: Database.Statement;
  private readonly addTag: Database.Statement;
  private readonly setNote: Database.Statement;
  private readonly added: AddedPapers;

  constructor(db: Database.Database) {
    this.added = AddedPapers.of(db);
    const cols = 'id, title, abstract, authors, author_names, arxiv_id, organization, org_handle, published, year_inferred, upvotes';
    this.byArxiv = db.prepare(`SELECT ${cols} FROM papers WHERE arxiv_id = ?`);
    // Without an arXiv id, a title matches a paper that has none either, or the one it was first seen as.
    this.byKey = db.prepare(`SELECT ${cols} FROM papers WHERE title_key = ? ORDER BY arxiv_id IS NOT NULL, id LIMIT 1`);
    this.byId = db.prepare(`SELECT ${cols}, title_key FROM papers WHERE id = ?`);
    this.insert = db.prepare(`INSERT INTO papers (id, title_key, title, abstract, authors, author_names, arxiv_id,
      organization, org_handle, published, year_inferred, upvotes, note, added_at, updated_at)
      VALUES (${'?, '.repeat(14)}?)`);
    // The highest id ever handed out (AUTOINCREMENT never reuses one): a restored id above it is free.
    this.lastId = db.prepare(`SELECT max(coalesce((SELECT seq FROM sqlite_sequence WHERE name = 'papers'), 0),
      coalesce((SELECT max(id) FROM papers), 0)) AS n`);
    // A new title (an arXiv v2 retitle) becomes the one a listing without an id finds the paper by.
    this.update = db.prepare(`UPDATE papers SET
      title = @title, title_key = @title_key, abstract = @abstract, authors = @authors, author_names = @author_names, arxiv_id = @arxiv_id,
      organization = @organization, org_handle = @org_handle, published = @published, year_inferred = @year_inferred,
      upvotes = @upvotes, updated_at = @now
      WHERE id = @id`);
    // The same without title and abstract, so an upvote count that moved does not re-index the text.
    this.updateFacts = db.prepare(`UPDATE papers SET
      authors = @authors, author_names = @author_names, arxiv_id = @arxiv_id,
      organization = @organization, org_handle = @org_handle, published = @published, year_inferred = @year_inferred,
      upvotes = @upvotes, updated_at = @now
      WHERE id = @id`);
    this.source = db.prepare(`INSERT INTO paper_sources (paper_id, file, line) VALUES (?, ?, ?)
      ON CONFLICT (paper_id, file) DO UPDATE SET line = excluded.line WHERE line <> excluded.line`);
    // A new paper has no sources yet: a plain insert, without the conflict check.
    this.firstSource = db.prepare('INSERT INTO paper_sources (paper_id, file, line) VALUES (?, ?, ?)');
    this.addTag = db.prepare('INSERT OR IGNORE INTO paper_tags (paper_id, tag) VALUES (?, ?)');
    this.setNote = db.prepare('UPDATE papers SET note = ? WHERE id = ? AND note IS NULL');
  }

  /**
   * Merges one file's entries, in order; call it inside a transaction. `keys` are the entries'
   * title keys when the caller has them already (the ingest's parsing thread makes them).
   */
  upsertAll(entries: readonly PaperEntry[], file: string, now: string, keys?: readonly string[]): UpsertCounts {
    const counts: UpsertCounts = { inserted: 0, updated: 0, unchanged: 0 };
    this.added.check();
    entries.forEach((entry, i) => counts[this.upsert(entry, file, now, keys?.[i] ?? titleKey(entry.title))]++);
    return counts;
  }

  private upsert(entry: PaperEntry, file: string, now: string, key: string): UpsertOutcome {
    const stored = this.added.mayBeStored(entry.arxivId, key) ? this.find(entry.arxivId, key) : undefined;
    if (!stored) {
      this.add(entry, key, file, now);
      return 'inserted';
    }
    const id = stored.id;
    const merged = mergeEntry(stored, entry);
    if (merged) {
      const textChanged = merged.title !== stored.title || merged.abstract !== stored.abstract;
      const mergedKey = titleKey(merged.title);
      (textChanged ? this.update : this.updateFacts).run({ ...merged, title_key: mergedKey, id, now });
      this.added.add(merged.arxiv_id, mergedKey, id);
    }
    if (entry.note) this.setNote.run(entry.note, id);
    // Tags arrive only from the tool's own export: restoring a backup adds them, never removes any.
    for (const tag of entry.tags ?? []) this.addTag.run(id, tag);
    for (const [src, line] of sourcesOf(entry, file)) this.source.run(id, src, line);
    return merged ? 'updated' : 'unchanged';
  }

  /** The stored paper an entry is, by arXiv id first, else by title. */
  private find(arxivId: string | null, key: string): StoredRow | undefined {
    if (arxivId) {
      const row = this.byArxiv.get(arxivId);
      if (row) return row;
    }
    const row = this.added.indexesAside ? this.byKeyWritten(key) : this.byKey.get(key);
    // A paper known under another arXiv id is another paper that happens to share the title.
    if (row && arxivId && row.arxiv_id && row.arxiv_id !== arxivId) return undefined;
    return row;
  }

  /**
   * What byKey would find while a bulk load has the indexes aside (the title-key index with them): the papers this
   * connection wrote with that key (nothing else can hold it), ordered as byKey orders them.
   */
  private byKeyWritten(key: string): StoredRow | undefined {
    let best: (StoredRow & { title_key: string }) | undefined;
    for (const id of this.added.idsWithKey(key)) {
      const row = this.byId.get(id);
      if (!row || row.title_key !== key) continue; // another key with the same hash, or renamed since
      if (!best || byKeyOrder(row, best) < 0) best = row;
    }
    return best;
  }

  /**
   * For an ingest: lets the store set some indexes of papers aside while this connection writes
   * into a database that held no papers (AddedPapers says which and why). Call finishBulkLoad when done.
   */
  startBulkLoad(): void {
    this.added.setIndexesAside();
  }

  /** Builds the indexes startBulkLoad set aside (`onBuild` first, if there are any); call outside a transaction. */
  finishBulkLoad(onBuild?: () => void): void {
    this.added.endBulkLoad(onBuild);
  }

  private add(entry: PaperEntry, key: string, file: string, now: string): void {
    // A restored backup keeps its exported id when this database never handed that id out, so a
    // backup restored into a new database has the same ids. Otherwise AUTOINCREMENT gives the next
    // id above any ever handed out: ids only ever increase.
    const keep = entry.id !== undefined && entry.id > this.lastId.get()!.n;
    const { lastInsertRowid } = this.insert.run(
      keep ? entry.id : null, key, entry.title, entry.abstract, entry.authors, JSON.stringify(entry.authorNames), entry.arxivId,
      entry.organization, entry.orgHandle, entry.published, entry.yearInferred ? 1 : 0, entry.upvotes ?? 0,
      entry.note ?? null, now, now,
    );
    const id = Number(lastInsertRowid);
    this.added.add(entry.arxivId, key, id);
    const [first, ...later] = sourcesOf(entry, file);
    this.firstSource.run(id, first![0], first![1]);
    for (const [src, line] of later) this.source.run(id, src, line);
    for (const tag of entry.tags ?? []) this.addTag.run(id, tag);
  }
}

/** byKey's ORDER BY: papers without an arXiv id first, then the oldest. */
function byKeyOrder(a: StoredRow, b: StoredRow): number {
  return Number(a.arxiv_id !== null) - Number(b.arxiv_id !== null) || a.id - b.id;
}

/** Where an entry came from: the file in hand, or for a restored backup the paper's original sources. */
function sourcesOf(entry: PaperEntry, file: string): [file: string, line: number][] {
  return entry.sources?.length ? entry.sources.map((s) => [s.file, s.line]) : [[file, entry.line]];
}

type Merged = Omit<StoredRow, 'id'>;

/**
 * What a newer copy changes. A missing value never replaces a known one; a cut-off abstract
 * (a prefix of the stored one) never shortens it; a written year beats an inferred one.
 * Returns null when nothing changes, so re-ingesting the same text writes nothing.
 */
export function mergeEntry(stored: StoredRow, entry: PaperEntry): Merged | null {
  const next: Merged = {
    title: stored.title,
    abstract: stored.abstract,
    authors: stored.authors,
    author_names: stored.author_names,
    arxiv_id: stored.arxiv_id,
    organization: stored.organization,
    org_handle: stored.org_handle,
    published: stored.published,
    year_inferred: stored.year_inferred,
    upvotes: stored.upvotes,
  };
  if (entry.title && entry.title !== stored.title) next.title = entry.title;
  if (entry.abstract && entry.abstract !== stored.abstract && !stored.abstract?.startsWith(entry.abstract)) {
    next.abstract = entry.abstract;
  }
  if (entry.authors !== null) next.authors = entry.authors;
  if (entry.authorNames.length > 0) next.author_names = JSON.stringify(entry.authorNames);
  if (entry.arxivId && !stored.arxiv_id) next.arxiv_id = entry.arxivId;
  if (entry.organization !== null) {
    next.organization = entry.organization;
    next.org_handle = entry.orgHandle;
  }
  if (entry.published !== null && (entry.yearInferred ? stored.year_inferred === 1 || stored.published === null : true)) {
    next.published = entry.published;
    next.year_inferred = entry.yearInferred ? 1 : 0;
  }
  if (entry.upvotes !== null) next.upvotes = entry.upvotes;

  const changed = (Object.keys(next) as (keyof Merged)[]).some((k) => next[k] !== stored[k]);
  return changed ? next : null;
}
