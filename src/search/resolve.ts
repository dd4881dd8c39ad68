import type Database from 'better-sqlite3';
import type { Paper } from '../model.js';
import { getPaper, getPapers } from '../store/read.js';
import { titleKey } from '../store/identity.js';
import { runSearch, type RankingOptions } from './search.js';
import { leadingSimilarity, titleSimilarity } from './similarity.js';
import { words } from './query.js';

export type Resolution =
  | { kind: 'found'; paper: Paper; how: 'id' | 'exact' | 'prefix' | 'fuzzy' }
  | { kind: 'ambiguous'; candidates: Paper[] }
  | { kind: 'none' };

/** Full-text candidates re-ranked by title similarity. */
const CANDIDATES = 10;
/** Two titles this close in similarity are both plausible: the user must say which. */
const CLOSE = 0.05;
/** Below this, the best candidate shares too little with what was typed to be taken for it. */
const MIN_SIMILARITY = 0.45;
/**
 * A title's opening typed with slips scores just under the whole title typed right, so that a
 * complete match still wins over a title that merely starts the same way.
 */
const LEADING_WEIGHT = 0.9;

/**
 * `papers show` resolution (docs/cli.md): an integer is an id; otherwise the title, exact
 * (case, spacing and punctuation aside) → unique prefix → the closest title, when no other is close.
 */
export function resolvePaper(db: Database.Database, query: string, opts: RankingOptions = {}): Resolution {
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

  // A range scan on the title_key index: fast at any corpus size (a scan while a first ingest has it aside).
  const prefix = db
    .prepare<[string, string], { id: number }>('SELECT id FROM papers WHERE title_key > ? AND title_key < ? ORDER BY title_key LIMIT 6')
    .all(key, `${key}\u{10ffff}`);
  if (prefix.length === 1) return { kind: 'found', paper: getPaper(db, prefix[0]!.id)!, how: 'prefix' };
  if (prefix.length > 1) return { kind: 'ambiguous', candidates: getPapers(db, prefix.map((r) => r.id)) };

  return closest(db, q, opts);
}

/**
 * The full-text search (typo-corrected, partial matches included) proposes candidates; their
 * titles are scored against what was typed, and the best is taken unless another is as close.
 */
function closest(db: Database.Database, q: string, opts: RankingOptions): Resolution {
  // The text is a title, not a query: its words only, so `-` or `title:` in it are not operators.
  const { papers } = runSearch(db, { text: words(q).join(' '), limit: CANDIDATES }, opts);
  const ranked = papers
    .map((paper) => ({
      paper,
      similarity: Math.max(titleSimilarity(q, paper.title), LEADING_WEIGHT * leadingSimilarity(q, paper.title)),
    }))
    .sort((a, b) => b.similarity - a.similarity);
  const [best, second] = ranked;
  if (!best || best.similarity < MIN_SIMILARITY) return { kind: 'none' };
  if (second && best.similarity - second.similarity < CLOSE) {
    return { kind: 'ambiguous', candidates: ranked.filter((r) => best.similarity - r.similarity < CLOSE).slice(0, 5).map((r) => r.paper) };
  }
  return { kind: 'found', paper: best.paper, how: 'fuzzy' };
}
