import type Database from 'better-sqlite3';
import type { Paper } from '../model.js';
import { PAPER_COLUMNS, rowToPaper, type PaperRow } from '../store/papers.js';
import { filterSql, pageSql, type Page, type PaperFilters } from '../store/filters.js';
import { anyOf, queryTerms } from './fts-query.js';

export interface SearchQuery extends PaperFilters, Page {
  text: string;
}

/** bm25 column weights: a word in the title says far more about a paper than one in its abstract. */
const TITLE_WEIGHT = 10;
const ABSTRACT_WEIGHT = 1;

/** Ranked papers for a query; the score is -bm25, higher is better. */
export function searchPapers(db: Database.Database, q: SearchQuery): Paper[] {
  const terms = queryTerms(q.text);
  if (terms.length === 0) return [];
  const { where, params } = filterSql(q);
  const sql = `SELECT ${PAPER_COLUMNS}, -bm25(papers_fts, ${TITLE_WEIGHT}, ${ABSTRACT_WEIGHT}) AS score
    FROM papers_fts JOIN papers p ON p.id = papers_fts.rowid
    WHERE papers_fts MATCH @match${where.length ? ` AND ${where.join(' AND ')}` : ''}
    ORDER BY score DESC, p.id${pageSql(q)}`;
  return db
    .prepare<[Record<string, unknown>], PaperRow>(sql)
    .all({ ...params, match: anyOf(terms) })
    .map(rowToPaper);
}
