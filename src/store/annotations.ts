import type Database from 'better-sqlite3';

/**
 * The user's own data on a paper: tags and a note. Only these functions write them; ingest
 * never does (except restoring them from the tool's own export, in PaperWriter).
 */

export function addTags(db: Database.Database, paperId: number, tags: readonly string[]): number {
  const insert = db.prepare('INSERT OR IGNORE INTO paper_tags (paper_id, tag) VALUES (?, ?)');
  return db.transaction(() => tags.reduce((n, tag) => n + insert.run(paperId, tag).changes, 0))();
}

export function removeTags(db: Database.Database, paperId: number, tags: readonly string[]): number {
  const remove = db.prepare('DELETE FROM paper_tags WHERE paper_id = ? AND tag = ?');
  return db.transaction(() => tags.reduce((n, tag) => n + remove.run(paperId, tag).changes, 0))();
}

export function paperTags(db: Database.Database, paperId: number): string[] {
  return db.prepare<[number], { tag: string }>('SELECT tag FROM paper_tags WHERE paper_id = ? ORDER BY tag').all(paperId).map((r) => r.tag);
}

/** Every tag in use with how many papers carry it, most used first. */
export function tagCounts(db: Database.Database): { tag: string; papers: number }[] {
  return db.prepare<[], { tag: string; papers: number }>('SELECT tag, count(*) AS papers FROM paper_tags GROUP BY tag ORDER BY papers DESC, tag').all();
}

/** null clears the note. */
export function setNote(db: Database.Database, paperId: number, note: string | null): void {
  db.prepare('UPDATE papers SET note = ? WHERE id = ?').run(note, paperId);
}
