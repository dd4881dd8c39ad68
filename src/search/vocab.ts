import type Database from 'better-sqlite3';
import { quoteTerm } from './fts-query.js';

/**
 * What a query word may stand for, looked up in the index's own vocabulary (`search_terms`)
 * without reading a single document: its inflections, its likely corrections when it is
 * misspelt, and its completions when it is the word being typed.
 */
export class Vocabulary {
  private readonly docs: Database.Statement<[string], Counts>;
  private readonly byPrefix: Database.Statement<[number, string, string], { term: string }>;
  private readonly bySuffix: Database.Statement<[number, string, string], { term: string }>;
  private readonly counts = new Map<string, Counts>();
  private waiting: boolean | undefined;

  constructor(private readonly db: Database.Database) {
    this.docs = db.prepare('SELECT docs, title_docs AS titleDocs FROM search_terms WHERE term = ?');
    this.byPrefix = db.prepare(`SELECT term FROM search_terms WHERE len = ? AND term >= ? AND term < ? LIMIT ${BAND_LIMIT}`);
    this.bySuffix = db.prepare(`SELECT term FROM search_terms WHERE len = ? AND rev >= ? AND rev < ? LIMIT ${BAND_LIMIT}`);
  }

  /**
   * Whether papers wait to be counted (search_terms_pending): during an ingest, whose files are
   * committed one group at a time, and after one that was killed, until the next writer. The counts
   * may then be too low, and search takes them as hints only (src/search/search.ts).
   */
  behind(): boolean {
    return (this.waiting ??= this.db.prepare('SELECT EXISTS (SELECT 1 FROM search_terms_pending) AS n').pluck().get() === 1);
  }

  known(term: string): boolean {
    return this.df(term) > 0;
  }

  /**
   * How many papers hold the term: the count kept in the vocabulary (src/store/fts.ts), one
   * index lookup at any corpus size. It may run a little high after papers changed their text.
   */
  df(term: string): number {
    return this.countsOf(term).docs;
  }

  /** How many papers hold the term in their title. */
  titleDf(term: string): number {
    return this.countsOf(term).titleDocs;
  }

  private countsOf(term: string): Counts {
    let n = this.counts.get(term);
    if (n === undefined) {
      n = this.docs.get(term) ?? { docs: 0, titleDocs: 0 };
      if (n.docs === 0 && this.behind()) n = this.inIndexes(term);
      this.counts.set(term, n);
    }
    return n;
  }

  /**
   * Whether the indexes hold a term the counts do not know yet (behind): as 1 paper if so. A new
   * word would otherwise be taken for one no paper has, dropped from the query, or lose its phrase.
   */
  private inIndexes(term: string): Counts {
    const has = (index: string): number =>
      this.db.prepare<[string], number>(`SELECT EXISTS (SELECT 1 FROM ${index} WHERE ${index} MATCH ?)`).pluck().get(quoteTerm(term)) ?? 0;
    return { docs: has('papers_fts'), titleDocs: has('titles_fts') };
  }

  /** The forms of a word the index holds, the word itself first: model -> models, study -> studies. */
  inflections(word: string): string[] {
    return [...new Set([word, ...inflect(word)])].filter((w, i) => i === 0 || this.known(w));
  }

  /**
   * Vocabulary terms within the allowed edit distance of a word, nearest first, then most common.
   * Candidates come from two index range scans per length: terms sharing the word's first letters,
   * and terms sharing its last letters, so one slip anywhere (and most pairs) is still found.
   */
  corrections(word: string): string[] {
    const chars = [...word];
    const max = maxEdits(chars.length);
    // A word with digits is a name or a number (gpt4, 1lvb, 2024): a near one is a different thing.
    if (max === 0 || /\d/.test(word)) return [];
    const k = chars.length >= 8 ? 3 : 2;
    const prefix = chars.slice(0, k).join('');
    const suffix = chars.slice(-k).reverse().join('');
    const found = new Map<string, number>();
    for (let len = word.length - max; len <= word.length + max; len++) {
      if (len < 2) continue;
      for (const { term } of [...this.byPrefix.all(len, prefix, `${prefix}\u{10ffff}`), ...this.bySuffix.all(len, suffix, `${suffix}\u{10ffff}`)]) {
        // Nor is a word the digits of a name or a number away ("lag0" for "lage"): the word has none.
        if (term === word || found.has(term) || DIGIT.test(term)) continue;
        const d = editDistance(word, term, max);
        if (d <= max) found.set(term, d);
      }
    }
    const nearest = Math.min(...found.values());
    return [...found]
      .filter(([, d]) => d === nearest)
      // Neighbours sharing more of the word's start first; only the first few are counted.
      .sort(([a], [b]) => sharedPrefix(b, word) - sharedPrefix(a, word) || inOrder(a, b))
      .slice(0, MAX_COUNTED)
      .map(([term]) => ({ term, df: this.df(term) }))
      .sort((a, b) => b.df - a.df || inOrder(a.term, b.term))
      .slice(0, MAX_CORRECTIONS)
      .map((c) => c.term);
  }

  /** Terms that start with the word, shortest first: the word being typed, completed. */
  completions(word: string, n = MAX_COMPLETIONS): string[] {
    const out: string[] = [];
    for (let len = word.length + 1; len <= word.length + 12 && out.length < n; len++) {
      for (const { term } of this.byPrefix.all(len, word, `${word}\u{10ffff}`)) {
        out.push(term);
        if (out.length >= n) break;
      }
    }
    return out;
  }
}

interface Counts {
  docs: number;
  titleDocs: number;
}

/** Terms read per length band and direction: bounds the work for very common first letters. */
const BAND_LIMIT = 2000;
const MAX_CORRECTIONS = 3;
/**
 * Equally near candidates whose papers are counted, at most. A short word has dozens: at 10^6
 * papers "lage" has 74, and with 8 counted, "large" (595,000 papers) lost to rare words sharing more
 * of its start. Counting 74 took about a millisecond of the 6-7 its correction takes.
 */
const MAX_COUNTED = 100;
const DIGIT = /\d/;
const MAX_COMPLETIONS = 6;

/**
 * Terms in code-unit order, for ties. Not localeCompare: its first call builds an ICU collator,
 * 13-14 ms of a fresh process, which was most of what correcting a slip cost `papers search`.
 */
function inOrder(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function sharedPrefix(a: string, b: string): number {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  return i;
}

/** Short words have too many neighbours to correct safely; long words take two slips. */
export function maxEdits(length: number): number {
  if (length <= 3) return 0;
  if (length <= 6) return 1;
  return 2;
}

/** English plural/singular forms; the vocabulary decides which of them exist. */
function inflect(w: string): string[] {
  if (w.length < 3 || /\d/.test(w)) return [];
  const out: string[] = [];
  if (w.endsWith('ies')) out.push(`${w.slice(0, -3)}y`);
  else if (/(s|x|z|ch|sh)es$/.test(w)) out.push(w.slice(0, -2));
  if (w.endsWith('s') && !w.endsWith('ss')) out.push(w.slice(0, -1));
  if (!w.endsWith('s')) {
    if (/[^aeiou]y$/.test(w)) out.push(`${w.slice(0, -1)}ies`);
    else if (/(s|x|z|ch|sh)$/.test(w)) out.push(`${w}es`);
    out.push(`${w}s`);
  }
  return out;
}

/** Rows reused from call to call: one correction compares a word with hundreds of terms. */
let rows = [new Int32Array(64), new Int32Array(64), new Int32Array(64)] as const;

/**
 * Optimal-string-alignment distance (a swap of two neighbours is one slip), giving up as soon
 * as every path exceeds `max`: most candidates are rejected after a row or two. Written for a
 * fresh process, where it runs uncompiled: no allocation and no Math.min per cell. Correcting
 * "slatting" against its 638 neighbours ending in "ing" took 6 ms there before.
 */
export function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  const n = b.length;
  if (rows[0].length <= n) rows = [new Int32Array(n + 1), new Int32Array(n + 1), new Int32Array(n + 1)];
  let prev2 = rows[0];
  let prev = rows[1];
  let cur = rows[2];
  for (let j = 0; j <= n; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    const ai = a.charCodeAt(i - 1);
    const before = i > 1 ? a.charCodeAt(i - 2) : -1;
    cur[0] = i;
    let rowMin = i;
    for (let j = 1; j <= n; j++) {
      const bj = b.charCodeAt(j - 1);
      let v = prev[j - 1]! + (ai === bj ? 0 : 1);
      if (prev[j]! + 1 < v) v = prev[j]! + 1;
      if (cur[j - 1]! + 1 < v) v = cur[j - 1]! + 1;
      if (j > 1 && ai === b.charCodeAt(j - 2) && before === bj && prev2[j - 2]! + 1 < v) v = prev2[j - 2]! + 1;
      cur[j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > max) return max + 1;
    const spare = prev2;
    prev2 = prev;
    prev = cur;
    cur = spare;
  }
  return prev[n]!;
}
