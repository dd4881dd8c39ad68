import type Database from 'better-sqlite3';
import type { Paper } from '../model.js';
import { indexTotals } from './fts.js';
import { PAPER_COLUMNS, rowToPaper, type PaperRow } from './papers.js';
import { filterSql, orderSql, pageSql, type Page, type PaperFilters, type SortKey } from './filters.js';

export interface ListQuery extends PaperFilters, Page {
  sort: SortKey;
  dir: 'asc' | 'desc';
}

/** Streams papers one at a time, so list and export stay flat in memory at any corpus size. */
export function* iteratePapers(db: Database.Database, q: ListQuery): Generator<Paper> {
  const { where, params } = filterSql(q);
  const sql = `SELECT ${PAPER_COLUMNS} FROM papers p${where.length ? ` WHERE ${where.join(' AND ')}` : ''}
    ORDER BY ${orderSql(q.sort, q.dir)}${pageSql(q)}`;
  for (const row of db.prepare<[Record<string, unknown>], PaperRow>(sql).iterate(params)) yield rowToPaper(row);
}

export function getPaper(db: Database.Database, id: number): Paper | undefined {
  return getPapers(db, [id])[0];
}

export function getPapers(db: Database.Database, ids: number[]): Paper[] {
  const stmt = db.prepare<[number], PaperRow>(`SELECT ${PAPER_COLUMNS} FROM papers p WHERE p.id = ?`);
  return ids.flatMap((id) => {
    const row = stmt.get(id);
    return row ? [rowToPaper(row)] : [];
  });
}

/**
 * How many papers there are. FTS5 keeps the number of rows its index holds, which is the number of
 * papers whenever every paper is indexed: the store indexes new papers before each write commits and
 * drops deleted ones by trigger. So that number is read (under 1 ms) when the newest paper is indexed,
 * and the papers are counted otherwise (count(*) reads a whole index: 5 ms at 10^5 papers, 24–40 ms
 * at 10^6), e.g. in a database whose index a bulk loader emptied.
 */
export function countPapers(db: Database.Database): number {
  const newest = db
    .prepare<[], { papers: number | null; indexed: number | null }>('SELECT (SELECT max(id) FROM papers) AS papers, (SELECT max(id) FROM papers_fts_docsize) AS indexed')
    .get()!;
  if (newest.papers === newest.indexed) return newest.papers === null ? 0 : indexTotals(db).papers;
  return (db.prepare('SELECT count(*) AS n FROM papers').get() as { n: number }).n;
}
