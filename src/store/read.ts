import type Database from 'better-sqlite3';
import type { Paper } from '../model.js';
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

export function countPapers(db: Database.Database): number {
  return (db.prepare('SELECT count(*) AS n FROM papers').get() as { n: number }).n;
}
