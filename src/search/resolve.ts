import type Database from 'better-sqlite3';
import type { Paper } from '../model.js';
import { getPaper, getPapers } from '../store/read.js';
import { titleKey } from '../store/identity.js';
import { anyOf, queryTerms } from './fts-query.js';

export type Resolution =
  | { kind: 'found'; paper: Paper; how: 'id' | 'exact' | 'prefix' | 'fuzzy' }
  | { kind: 'ambiguous'; candidates: Paper[] }
  | { kind: 'none' };

/** How much better (relative) the best fuzzy candidate must score than the next to be taken alone. */
const CLEARLY_BEST = 0.15;
const CANDIDATES = 50;

/**
 * `papers show` resolution (docs/cli.md): an integer is an id; otherwise the title, exact
 * (case, spacing and punctuation aside) → unique prefix → best fuzzy match when clearly best.
 */
export async function resolvePaper(db: Database.Database, query: string): Promise<Resolution> {
  const q = query.trim();
  if (/^\d+$/.test(q)) {
    const paper = getPaper(db, Number(q));
    if (paper) return { kind: 'found', paper, how: 'id' };
  }
  const key = titleKey(q);
  if (!key) return { kind: 'none' };

  const exact = db.prepare<[string], { id: number }>('SELECT id FROM papers WHERE title_key = ? ORDER BY id LIMIT 5').all(key);
  if (exact.length === 1) return { kind: 'found', paper: getPaper(db, exact[0]!.id)!, how: 'exact' };
  if (exact.length > 1) return { kind: 'ambiguous', candidates: getPapers(db, exact.map((r) => r.id)) };

  // A range scan on the title_key index: fast at any corpus size.
  const prefix = db
    .prepare<[string, string], { id: number }>('SELECT id FROM papers WHERE title_key > ? AND title_key < ? ORDER BY title_key LIMIT 6')
    .all(key, `${key}\u{10ffff}`);
  if (prefix.length === 1) return { kind: 'found', paper: getPaper(db, prefix[0]!.id)!, how: 'prefix' };
  if (prefix.length > 1) return { kind: 'ambiguous', candidates: getPapers(db, prefix.map((r) => r.id)) };

  return fuzzy(db, q);
}

async function fuzzy(db: Database.Database, q: string): Promise<Resolution> {
  const terms = queryTerms(q);
  if (terms.length === 0) return { kind: 'none' };
  const ids = db
    .prepare<[string], { id: number }>(`SELECT rowid AS id FROM papers_fts WHERE papers_fts MATCH ? ORDER BY bm25(papers_fts, 10, 0) LIMIT ${CANDIDATES}`)
    .all(`title : (${anyOf(terms)})`)
    .map((r) => r.id);
  if (ids.length === 0) return { kind: 'none' };
  const candidates = getPapers(db, ids);
  const { default: Fuse } = await import('fuse.js');
  const fuse = new Fuse(candidates, { keys: ['title'], includeScore: true, ignoreLocation: true, threshold: 0.6 });
  const ranked = fuse.search(q);
  const [best, second] = ranked;
  if (!best) return { kind: 'none' };
  const bestScore = best.score ?? 1;
  if (!second || (second.score ?? 1) - bestScore >= CLEARLY_BEST) return { kind: 'found', paper: best.item, how: 'fuzzy' };
  return { kind: 'ambiguous', candidates: ranked.slice(0, 5).map((r) => r.item) };
}
