import type Database from 'better-sqlite3';
import type { Paper, PaperEntry } from '../model.js';
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

/**
 * A restored paper keeps its exported id when this database never handed that id out, so restoring
 * a backup into a new database gives the same ids; otherwise (NULL) it gets the next one, as ids are
 * never reused.
 */
const KEEP_ID_IF_NEVER_USED = `CASE WHEN @id > coalesce((SELECT seq FROM sqlite_sequence WHERE name = 'papers'), 0) THEN @id END`;

/**
 * Merges entries into the papers table by the rules of docs/cli.md ("Identity and merging").
 * Statements are prepared once per store; callers wrap calls in a transaction per file.
 */
export class PaperWriter {
  private readonly byArxiv: Database.Statement<[string], StoredRow>;
  private readonly byKey: Database.Statement<[string], StoredRow>;
  private readonly insert: Database.Statement;
  private readonly update: Database.Statement;
  private readonly source: Database.Statement;
  private readonly addTag: Database.Statement;
  private readonly setNote: Database.Statement;

  constructor(db: Database.Database) {
    const cols = 'id, title, abstract, authors, author_names, arxiv_id, organization, org_handle, published, year_inferred, upvotes';
    this.byArxiv = db.prepare(`SELECT ${cols} FROM papers WHERE arxiv_id = ?`);
    // Without an arXiv id, a title matches a paper that has none either, or the one it was first seen as.
    this.byKey = db.prepare(`SELECT ${cols} FROM papers WHERE title_key = ? ORDER BY arxiv_id IS NOT NULL, id LIMIT 1`);
    this.insert = db.prepare(`INSERT INTO papers
      (id, title_key, title, abstract, authors, author_names, arxiv_id, organization, org_handle, published, year_inferred, upvotes, note, added_at, updated_at)
      VALUES (${KEEP_ID_IF_NEVER_USED}, @title_key, @title, @abstract, @authors, @author_names, @arxiv_id, @organization, @org_handle, @published, @year_inferred, @upvotes, @note, @now, @now)`);
    this.update = db.prepare(`UPDATE papers SET
      title = @title, abstract = @abstract, authors = @authors, author_names = @author_names, arxiv_id = @arxiv_id,
      organization = @organization, org_handle = @org_handle, published = @published, year_inferred = @year_inferred,
      upvotes = @upvotes, updated_at = @now
      WHERE id = @id`);
    this.source = db.prepare(`INSERT INTO paper_sources (paper_id, file, line) VALUES (?, ?, ?)
      ON CONFLICT (paper_id, file) DO UPDATE SET line = excluded.line WHERE line <> excluded.line`);
    this.addTag = db.prepare('INSERT OR IGNORE INTO paper_tags (paper_id, tag) VALUES (?, ?)');
    this.setNote = db.prepare('UPDATE papers SET note = ? WHERE id = ? AND note IS NULL');
  }

  upsert(entry: PaperEntry, file: string, now: string): UpsertOutcome {
    const key = titleKey(entry.title);
    const stored = (entry.arxivId ? this.byArxiv.get(entry.arxivId) : undefined) ?? this.findByTitle(key, entry.arxivId);
    let outcome: UpsertOutcome;
    let id: number;
    if (!stored) {
      const info = this.insert.run({
        id: entry.id ?? null,
        title_key: key,
        title: entry.title,
        abstract: entry.abstract,
        authors: entry.authors,
        author_names: JSON.stringify(entry.authorNames),
        arxiv_id: entry.arxivId,
        organization: entry.organization,
        org_handle: entry.orgHandle,
        published: entry.published,
        year_inferred: entry.yearInferred ? 1 : 0,
        upvotes: entry.upvotes ?? 0,
        note: entry.note ?? null,
        now,
      });
      id = Number(info.lastInsertRowid);
      outcome = 'inserted';
    } else {
      id = stored.id;
      const merged = mergeEntry(stored, entry);
      if (merged) {
        this.update.run({ ...merged, id, now });
        outcome = 'updated';
      } else {
        outcome = 'unchanged';
      }
      if (entry.note) this.setNote.run(entry.note, id);
    }
    // Tags arrive only from the tool's own export: restoring a backup adds them, never removes any.
    for (const tag of entry.tags ?? []) this.addTag.run(id, tag);
    // A restored backup keeps the paper's original sources rather than naming the backup file.
    if (entry.sources) for (const src of entry.sources) this.source.run(id, src.file, src.line);
    else this.source.run(id, file, entry.line);
    return outcome;
  }

  private findByTitle(key: string, arxivId: string | null): StoredRow | undefined {
    const row = this.byKey.get(key);
    // A paper known under another arXiv id is another paper that happens to share the title.
    if (row && arxivId && row.arxiv_id && row.arxiv_id !== arxivId) return undefined;
    return row;
  }
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
