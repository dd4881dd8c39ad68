import type Database from 'better-sqlite3';
import { filterSql, type PaperFilters } from './filters.js';

export interface CorpusStats {
  papers: number;
  by_year: { year: string; papers: number }[];
  by_month: { month: string; papers: number }[];
  top_organizations: { organization: string; papers: number }[];
  upvotes: { bucket: string; min: number; max: number | null; papers: number }[];
  no_date: number;
  year_inferred: number;
  tagged: number;
  with_note: number;
  tags: { tag: string; papers: number }[];
}

/** Upvote ranges, chosen for a long-tailed count: most papers have a handful, a few have hundreds. */
const UPVOTE_BUCKETS: [number, number | null][] = [[0, 0], [1, 4], [5, 9], [10, 24], [25, 49], [50, 99], [100, 249], [250, null]];

/** Aggregates over the (filtered) corpus, each one GROUP BY in SQLite: no paper is loaded into memory. */
export function corpusStats(db: Database.Database, filters: PaperFilters, top: number): CorpusStats {
  const { where, params } = filterSql(filters);
  const from = `FROM papers p${where.length ? ` WHERE ${where.join(' AND ')}` : ''}`;
  const and = where.length ? ' AND' : ' WHERE';
  const all = <T>(sql: string): T[] => db.prepare<[Record<string, unknown>], T>(sql).all(params);
  const one = (sql: string): number => (db.prepare<[Record<string, unknown>], { n: number }>(sql).get(params)?.n ?? 0);

  const bucketCase = UPVOTE_BUCKETS.map(([min, max], i) => `WHEN p.upvotes >= ${min}${max === null ? '' : ` AND p.upvotes <= ${max}`} THEN ${i}`).join(' ');
  const bucketCounts = new Map(all<{ b: number; n: number }>(`SELECT CASE ${bucketCase} END AS b, count(*) AS n ${from} GROUP BY b`).map((r) => [r.b, r.n]));

  return {
    papers: one(`SELECT count(*) AS n ${from}`),
    by_year: all(`SELECT substr(p.published, 1, 4) AS year, count(*) AS papers ${from}${and} p.published IS NOT NULL GROUP BY year ORDER BY year`),
    by_month: all(`SELECT substr(p.published, 1, 7) AS month, count(*) AS papers ${from}${and} p.published IS NOT NULL GROUP BY month ORDER BY month`),
    top_organizations: all(
      `SELECT p.organization AS organization, count(*) AS papers ${from}${and} p.organization IS NOT NULL
       GROUP BY p.organization ORDER BY papers DESC, organization LIMIT ${top}`,
    ),
    upvotes: UPVOTE_BUCKETS.map(([min, max], i) => ({
      bucket: max === null ? `${min}+` : min === max ? `${min}` : `${min}-${max}`,
      min,
      max,
      papers: bucketCounts.get(i) ?? 0,
    })),
    no_date: one(`SELECT count(*) AS n ${from}${and} p.published IS NULL`),
    year_inferred: one(`SELECT count(*) AS n ${from}${and} p.year_inferred = 1`),
    tagged: one(`SELECT count(*) AS n ${from}${and} EXISTS (SELECT 1 FROM paper_tags t WHERE t.paper_id = p.id)`),
    with_note: one(`SELECT count(*) AS n ${from}${and} p.note IS NOT NULL`),
    tags: all(
      `SELECT t.tag AS tag, count(*) AS papers FROM paper_tags t JOIN papers p ON p.id = t.paper_id
       ${where.length ? `WHERE ${where.join(' AND ')}` : ''} GROUP BY t.tag ORDER BY papers DESC, tag LIMIT ${top}`,
    ),
  };
}
