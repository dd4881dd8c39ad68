import type Database from 'better-sqlite3';
import type { Paper } from '../model.js';
import { PAPER_COLUMNS, rowToPaper, type PaperRow } from '../store/papers.js';
import { indexTerms } from '../store/fts.js';
import { countPapers } from '../store/read.js';
import { anyOf, quoteTerm } from './fts-query.js';

/**
 * "More like this": papers compared as tf·idf vectors (cosine), with title words counting more
 * than abstract words, stop words dropped, and two-word phrases ("reward model", "gaussian
 * splatting") as terms of their own.
 *
 * Two steps keep it fast at any corpus size: the full-text index finds candidates with the
 * paper's most telling words (an OR query ranked by bm25), and only those are re-ranked here.
 * Document frequencies come from the index itself (fts5vocab), never from a scan of the abstracts.
 */

/** A title word counts as this many abstract words: a title is the paper's own summary. */
const TITLE_BOOST = 3;
/**
 * How much a two-word phrase counts beside its words. Measured (npm run eval:similar): 0 and 1
 * both do worse than a light touch, since a phrase's rarity is estimated, not counted.
 */
const BIGRAM_WEIGHT = 0.3;
/**
 * How many of the paper's terms go into the index query, and how many candidates come back. On a
 * 100k corpus the bm25-ranked OR query and the idf of the candidates' words are most of the time;
 * 24 terms / 400 candidates measured no better on the real papers than 10 / 100.
 */
const SEED_TERMS = 10;
const CANDIDATES = 100;

/** Words that carry no topic, common in abstracts of every field. */
const STOP_WORDS = new Set(
  `a an the and or but of for in on at to from by with without into onto over under via as is are was were be been being
  this that these those it its we our us they their them which who whom whose what when where why how than then
  there here such can could may might will would shall should must do does did done not no nor also only both each
  all any some most more less many much very well further however while although though thus hence therefore
  between among across through during before after above below up down out off again once per about against
  new novel propose proposed proposes present presents introduce introduces show shows shown demonstrate
  demonstrates approach approaches method methods paper work results result use using used based
  achieve achieves achieving existing recent recently significantly significant performance state-of-the-art
  task tasks model models large extensive experiments experimental effective effectively improve improves improved
  address challenge challenges including include includes first one two three key often even like make makes
  via towards toward within other others make enable enables allows allow leverage leverages`.split(/\s+/),
);

/**
 * Tokens of a paper for similarity: letters and digits with diacritics removed, like the index, but
 * with '-' kept inside words ("text-to-image" is one token). The index splits hyphens, so such a
 * token has no document frequency there and counts as rare: measured, that ranks better than its parts.
 */
export function indexTokens(text: string): string[] {
  return text.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase().match(/[\p{L}\p{N}-]+/gu) ?? [];
}

function isContent(token: string): boolean {
  return token.length > 1 && !STOP_WORDS.has(token) && /\p{L}/u.test(token);
}

export interface TermCounts {
  /** term → title-boosted frequency; bigrams are "a b". */
  tf: Map<string, number>;
}

/** Unigrams and adjacent-word bigrams of title and abstract; stop words break phrases. */
export function termCounts(title: string, abstract: string | null): TermCounts {
  const tf = new Map<string, number>();
  const add = (text: string, weight: number): void => {
    let prev: string | null = null;
    for (const whole of indexTokens(text)) {
      // Whole: the split parts of "text-to-image" measured worse (see indexTokens).
      if (!isContent(whole)) {
        prev = null;
        continue;
      }
      tf.set(whole, (tf.get(whole) ?? 0) + weight);
      if (prev) tf.set(`${prev} ${whole}`, (tf.get(`${prev} ${whole}`) ?? 0) + weight);
      prev = whole;
    }
  };
  add(title, TITLE_BOOST);
  if (abstract) add(abstract, 1);
  return { tf };
}

/** Document frequencies of unigrams, read from the full-text index. */
export class IndexStats {
  readonly total: number;
  private readonly df: Database.Statement<[string], { doc: number }>;
  private readonly cache = new Map<string, number>();

  constructor(db: Database.Database) {
    this.df = db.prepare(`SELECT doc FROM ${indexTerms(db)} WHERE term = ?`);
    this.total = countPapers(db);
  }

  docFreq(term: string): number {
    let n = this.cache.get(term);
    if (n === undefined) {
      n = this.df.get(term)?.doc ?? 0;
      this.cache.set(term, n);
    }
    return n;
  }

  /**
   * Smoothed idf, log((1+N)/(1+df)) + 1: common words keep some weight. BM25's idf, which drops
   * them to zero, measured worse for paper-to-paper likeness. A bigram's document frequency is
   * estimated as if its words were independent.
   */
  idf(term: string): number {
    const space = term.indexOf(' ');
    const df =
      space < 0
        ? this.docFreq(term)
        : Math.max(1, (this.docFreq(term.slice(0, space)) * this.docFreq(term.slice(space + 1))) / Math.max(1, this.total));
    const weight = Math.log((1 + this.total) / (1 + df)) + 1;
    return space < 0 ? weight : weight * BIGRAM_WEIGHT;
  }
}

export interface SimilarOptions {
  limit: number;
}

/** The papers most like `paper`, best first; `score` is the cosine of the two papers' term vectors. */
export function similarPapers(db: Database.Database, paper: Paper, opts: SimilarOptions, stats = new IndexStats(db)): Paper[] {
  const query = vector(termCounts(paper.title, paper.abstract), stats);
  // The paper's most telling single words find the candidates; phrases are not in the index.
  const seeds = [...query].filter(([t]) => !t.includes(' ')).sort((a, b) => b[1] - a[1]).slice(0, SEED_TERMS).map(([t]) => t);
  if (seeds.length === 0) return [];
  const rows = db
    .prepare<[string, number], PaperRow>(
      `SELECT ${PAPER_COLUMNS} FROM papers p WHERE p.id IN (
         SELECT rowid FROM papers_fts WHERE papers_fts MATCH ? ORDER BY bm25(papers_fts, ${TITLE_BOOST}, 1) LIMIT ${CANDIDATES + 1})
       AND p.id <> ?`,
    )
    .all(anyOf(seeds.map(quoteTerm)), paper.id);
  return rows
    .map((row) => ({ row, score: cosine(query, vector(termCounts(row.title, row.abstract), stats)) }))
    .filter((c) => c.score > 0)
    .sort((a, b) => b.score - a.score || a.row.id - b.row.id)
    .slice(0, opts.limit)
    .map((c) => rowToPaper({ ...c.row, score: Math.round(c.score * 1e4) / 1e4 }));
}

/**
 * tf·idf, unit length. Term counts stay linear: saturating them (BM25's k1) measured worse, as
 * a paper that says "video" ten times is about video more surely than one that says it twice.
 */
function vector(terms: TermCounts, stats: IndexStats): Map<string, number> {
  const v = new Map<string, number>();
  let norm = 0;
  for (const [term, tf] of terms.tf) {
    const w = tf * stats.idf(term);
    v.set(term, w);
    norm += w * w;
  }
  norm = Math.sqrt(norm) || 1;
  for (const [t, w] of v) v.set(t, w / norm);
  return v;
}

function cosine(a: Map<string, number>, b: Map<string, number>): number {
  const [small, large] = a.size < b.size ? [a, b] : [b, a];
  let s = 0;
  for (const [term, w] of small) s += w * (large.get(term) ?? 0);
  return s;
}
