import type Database from 'better-sqlite3';
import { indexTotals, indexWords, varints, type FullTextIndex, type IndexTotals } from '../store/fts.js';
import type { Field } from './query.js';
import { excluding } from './fts-query.js';
import { ftsExpression, mostMatches, type Part, type TierSpec } from './tiers.js';
import { occurrences, WordFinder, type Hits } from './word-hits.js';

/**
 * bm25 worked out in JavaScript from a few candidate papers' own text, for the levels where asking
 * FTS5 to rank would cost too much (src/search/search.ts says when). FTS5's bm25 first counts, over
 * the whole index, the papers holding each query word, walking every one of their entries: at 10^6
 * papers that is 50–100 ms for common words, however few papers are then scored. Here those counts
 * come from the vocabulary, and each candidate's word counts from its own title and abstract, so
 * the work grows with the candidates alone. Formula and constants are FTS5's (fts5_aux.c): on the
 * evaluation's 753 papers both rankings give the same top 10 for all 469 queries (npm run eval:search).
 */

const K1 = 1.2;
const B = 0.75;

/** One query form's part of a paper's bm25: its (weighted) count in the paper, and how many papers hold it. */
export interface FormCount {
  frequency: number;
  papers: number;
}

/** FTS5's bm25 (positive: higher is better) for a paper of `length` words among `total` averaging `average`. */
export function bm25(forms: readonly FormCount[], length: number, total: number, average: number): number {
  let score = 0;
  for (const { frequency, papers } of forms) {
    if (frequency === 0) continue;
    let idf = Math.log((total - papers + 0.5) / (papers + 0.5));
    if (idf <= 0) idf = 1e-6;
    score += (idf * frequency * (K1 + 1)) / (frequency + K1 * (1 - B + (B * length) / average));
  }
  return score;
}

/** A candidate paper: where the query's words are in its title, and how long the title is. */
export interface Candidate {
  id: number;
  title: Hits;
  titleWords: number;
}

/** The same for the abstract, read only when a full-index pass runs (for all its candidates: phrases are counted among them). */
export interface AbstractHits {
  hits: Hits;
  words: number;
}

const NO_ABSTRACT: AbstractHits = { hits: { words: [], adjacent: [] }, words: 0 };

/** What every level's candidates are read with: the query's exclusions and filters. */
export interface CandidateFilter {
  /** An FTS5 expression of excluded words. */
  not: string | undefined;
  /** SQL conditions over `papers p`, and their parameters. */
  where: string[];
  params: Record<string, unknown>;
}

/** What a phrase counted among a level's candidates says of the whole index (phraseCount). */
export type PhraseCount = 'exact' | 'sample' | 'least';

/**
 * The papers matching a level in an index (the newest, when there are many), read once per search
 * (levels share one broad set, or a pool: share) with the query's words found in their titles;
 * abstracts are read on demand. Phrases the
 * search itself made of the query's words (the phrase level) are matched as plain words, which
 * FTS5 does without walking word positions, and checked here, in the text; phrases the user asked
 * for stay phrases, so that none is lost among other papers with the same words.
 */
export class CandidateReader {
  private readonly ids = new Map<string, number[]>();
  private readonly cache = new Map<string, Candidate[]>();
  private readonly abstracts = new Map<number, AbstractHits>();
  private readonly finder: WordFinder;
  // Prepared when first needed: a search whose passes FTS5 ranks reads no text.
  private abstractsRead: Database.Statement<[string], { id: number; abstract: string | null; sz: Buffer }> | undefined;
  private titlesOf: Database.Statement<[string], { id: number; title: string }> | undefined;
  private totalsRead: IndexTotals | undefined;
  /** The broadest level every narrower one takes its candidates from, when it has few (share), and its expression. */
  private pool: { tier: TierSpec; expr: string } | undefined;

  constructor(
    private readonly db: Database.Database,
    terms: Iterable<string>,
    private readonly filter: CandidateFilter,
    private readonly limit: number,
    private readonly counts: PaperCounts,
    /** Whether the counts are up to date (Vocabulary.behind): else they bound nothing. */
    private readonly counted = true,
  ) {
    this.finder = new WordFinder(terms);
  }

  of(tier: TierSpec, index: FullTextIndex): Candidate[] {
    const { key, ids } = this.matches(tier, index);
    let found = this.cache.get(key);
    if (!found) {
      this.titlesOf ??= this.db.prepare('SELECT id, title FROM papers WHERE id IN (SELECT value FROM json_each(?)) ORDER BY id DESC');
      const rows = this.titlesOf.all(JSON.stringify(ids));
      found = rows.map((r) => {
        const words = indexWords(r.title);
        return { id: r.id, title: this.finder.inWords(words), titleWords: words.length };
      });
      this.cache.set(key, found);
    }
    return found;
  }

  /**
   * Lets every level that asks for all the parts of `broadest` (a level of parts alone: no `some`,
   * no phrase; and maybe more parts) take its
   * candidates from that level's matches in the full index, when the vocabulary says they are at
   * most `most`: one FTS5 query and one read of their text for all those levels, which then check
   * their own parts in the text. A damaged title's words with a rare one in them asked FTS5 six
   * times (0.3-1.1 ms each, 10 ms in a fresh process) for the same paper. A title holding the
   * words holds them in the full index too, so the pool has every candidate of each such level.
   */
  share(broadest: TierSpec, most: number): void {
    if (this.counted && mostMatches(broadest, dfIn('papers_fts', this.counts)) <= most) this.pool = { tier: broadest, expr: ftsExpression(broadest.all, []) };
  }

  /** Where a level's candidates come from: its own (broad) level in the index, or the pool. */
  private sourceOf(tier: TierSpec, index: FullTextIndex): { key: string; expr: string; tier: TierSpec; index: FullTextIndex } {
    const level = tier.broad ?? tier;
    if (this.pool && inPool(level, this.pool.tier)) return { key: `pool ${this.pool.expr}`, expr: this.pool.expr, tier: this.pool.tier, index: 'papers_fts' };
    const expr = ftsExpression(level.all, level.some);
    return { key: `${index} ${expr}`, expr, tier, index };
  }

  /**
   * The ids matching a level's candidates in an index, from FTS5 alone (papers are read only for
   * filters): all of them when the counts say they fit in the limit, else the newest. How many
   * there are is known before any title is read.
   */
  private matches(tier: TierSpec, index: FullTextIndex): { key: string; ids: number[] } {
    const source = this.sourceOf(tier, index);
    let ids = this.ids.get(source.key);
    if (!ids) {
      const few = this.allFit(source.tier, source.index);
      ids = this.idsOf(source.expr, source.index, !few, this.limit);
      if (few && ids.length >= this.limit) {
        // The counts were low after all, though nothing waits to be counted: a writer committed
        // between the two reads. A pool is no longer known to hold every candidate, and the limit
        // takes the newest, as for any level with many.
        if (source.tier === this.pool?.tier) {
          this.pool = undefined;
          return this.matches(tier, index);
        }
        ids = this.idsOf(source.expr, source.index, true, this.limit);
      }
      this.ids.set(source.key, ids);
    }
    return { key: source.key, ids };
  }

  /** Up to `limit` ids matching an expression in an index: the newest, or in the index's order. */
  private idsOf(expr: string, index: FullTextIndex, newest: boolean, limit: number): number[] {
    const { not, where, params } = this.filter;
    const { match, condition } = excluding(index, expr, not, 'f.rowid');
    const conditions = condition ? [...where, condition] : where;
    const sql = `SELECT f.rowid FROM ${index} f${where.length ? ' JOIN papers p ON p.id = f.rowid' : ''}
      WHERE ${index} MATCH @match${conditions.map((w) => ` AND ${w}`).join('')}
      ${newest ? 'ORDER BY f.rowid DESC ' : ''}LIMIT ${limit}`;
    return this.db
      .prepare<[Record<string, unknown>], number>(sql)
      .pluck()
      .all({ ...params, match, ...(condition ? { not } : {}) });
  }

  /**
   * Whether the counts say every match of a level in an index fits in the limit: its matches are
   * then taken in the index's own order, not newest first. FTS5 walks each word's entries backwards
   * in every segment of its index: for a damaged title's seven words at 10^5 papers that took 2.4 ms
   * against 0.3 forwards. Never for counts that may be low (Vocabulary.behind): they would take the
   * oldest matches, leaving out the new papers they miss.
   */
  allFit(tier: TierSpec, index: FullTextIndex): boolean {
    return this.counted && mostMatches(tier, dfIn(index, this.counts)) <= this.limit;
  }

  /** At most how many candidates a level has in an index, from the vocabulary (or the pool's size, once known). */
  most(tier: TierSpec, index: FullTextIndex): number {
    const source = this.sourceOf(tier, index);
    const known = this.ids.get(source.key);
    if (known) return known.length;
    return this.counted ? Math.min(this.limit, mostMatches(source.tier, dfIn(source.index, this.counts))) : this.limit;
  }

  /**
   * Whether a level has fewer than `n` candidates in an index. Asked in the index's own order, which
   * stops at the n-th: finding the newest of many first walks every word backwards (2.7 ms for a
   * three-word level with 500 of its 2,500 matches at 10^5 papers). Fewer are all of them, kept.
   */
  fewerThan(tier: TierSpec, index: FullTextIndex, n: number): boolean {
    const source = this.sourceOf(tier, index);
    const known = this.ids.get(source.key);
    if (known) return known.length < n;
    // Never more than the limit: a level with that many is not known to have fewer than n.
    const take = Math.min(n, this.limit);
    const ids = this.idsOf(source.expr, source.index, false, take);
    if (ids.length >= take) return false;
    this.ids.set(source.key, ids);
    return true;
  }

  /** Whether a level's candidates in an index have been read already, titles and all (levels share them). */
  read(tier: TierSpec, index: FullTextIndex): boolean {
    return this.cache.has(this.sourceOf(tier, index).key);
  }

  /** How many candidates a level has in an index (at most the limit), found by FTS5 alone. */
  count(tier: TierSpec, index: FullTextIndex): number {
    return this.matches(tier, index).ids.length;
  }

  /**
   * What counting a phrase among a level's candidates tells of the papers in the index holding it.
   * `exact`: the candidates are every paper that could (the phrase's words, or the phrase alone,
   * nothing filtered out, fewer than the limit). `sample`: they are the newest, or the unfiltered,
   * of the papers with the phrase's words (or the pool's papers, fewer of which hold it: the estimate
   * is then low, and never below the count): the phrase is about as frequent among all of them. `least`:
   * they also had to hold other words, or pass filters: at least this many.
   */
  phraseCount(tier: TierSpec, index: FullTextIndex): PhraseCount {
    const complete = this.count(tier, index) < this.limit && this.filter.where.length === 0 && !this.filter.not;
    if (tier.broad) return complete ? 'exact' : 'sample';
    return complete && tier.all.length + tier.some.length === 1 ? 'exact' : 'least';
  }

  /**
   * The candidates' abstracts, those not read before in one statement: 500 read one by one took
   * 10 to 19 ms in a fresh process at 10^5 papers, together 6 to 7 ms.
   */
  abstractsOf(candidates: readonly Candidate[]): AbstractHits[] {
    const missing = candidates.filter((c) => !this.abstracts.has(c.id)).map((c) => c.id);
    if (missing.length) {
      this.abstractsRead ??= this.db.prepare(
        'SELECT p.id, p.abstract, d.sz FROM papers p JOIN papers_fts_docsize d ON d.id = p.id WHERE p.id IN (SELECT value FROM json_each(?))',
      );
      for (const row of this.abstractsRead.all(JSON.stringify(missing))) {
        this.abstracts.set(row.id, { hits: this.finder.hits(row.abstract ?? ''), words: varints(row.sz)[1] ?? 0 });
      }
    }
    return candidates.map((c) => this.abstracts.get(c.id) ?? NO_ABSTRACT);
  }

  totals(): IndexTotals {
    return (this.totalsRead ??= indexTotals(this.db));
  }
}

/** Whether every paper matching a level (every part of it, no `some`) is in the pool: it asks for all the pool's parts. */
function inPool(level: TierSpec, pool: TierSpec): boolean {
  const same = (a: Part, b: Part): boolean => a.field === b.field && a.forms.length === b.forms.length && a.forms.every((f, i) => f === b.forms[i]);
  return level.some.length === 0 && pool.all.every((p) => level.all.some((q) => same(p, q)));
}

/** Papers holding a word, anywhere and in their title (src/search/vocab.ts). */
export interface PaperCounts {
  df(word: string): number;
  titleDf(word: string): number;
}

/** How many papers hold a word in an index. */
export function dfIn(index: FullTextIndex, counts: PaperCounts): (word: string) => number {
  return index === 'titles_fts' ? (w) => counts.titleDf(w) : (w) => counts.df(w);
}

export interface TextRanking {
  /** Papers already ranked by a better pass. */
  taken: readonly Ranked[];
  need: number;
  bonus: number;
  titleWeight: number;
  abstractWeight: number;
}

/** A paper's id and its score in a search: higher is better. */
export type Ranked = { id: number; score: number };

/**
 * A level's papers among its candidates in one index, best first, scored as FTS5 scores them: in
 * the title index by bm25 over titles; in the full index by bm25 over titles and abstracts, the
 * title weighted (abstracts are read only here, for every candidate: a phrase is counted among them all).
 */
export function rankFromText(tier: TierSpec, index: FullTextIndex, reader: CandidateReader, counts: PaperCounts, r: TextRanking): Ranked[] {
  const totals = reader.totals();
  const papers = Math.max(1, totals.papers);
  const level = new LevelForms(tier);
  const placed = new Set(r.taken.map((t) => t.id));
  // Phrases are counted among all the candidates, placed or not: they stand for the index.
  const all = reader.of(tier, index);
  const inTitle = all.map((c) => level.count(c.title, 'abstract'));
  const out: Ranked[] = [];
  if (index === 'titles_fts') {
    // Titles are ranked as FTS5 ranks its title index: words and phrases counted in titles only.
    const held = level.papersHolding('title', counts, inTitle, reader.phraseCount(tier, index));
    const average = Math.max(1, totals.words[0]! / papers);
    all.forEach((c, i) => {
      if (placed.has(c.id) || !level.satisfied(inTitle[i]!)) return;
      const score = bm25(held.map((n, f) => ({ frequency: inTitle[i]![f]!, papers: n })), c.titleWords, papers, average);
      out.push({ id: c.id, score: r.bonus + score });
    });
  } else {
    const abstracts = reader.abstractsOf(all);
    const inAbstract = abstracts.map((a) => level.count(a.hits, 'title'));
    const anywhere = inTitle.map((t, i) => t.map((n, f) => n + inAbstract[i]![f]!));
    const held = level.papersHolding(undefined, counts, anywhere, reader.phraseCount(tier, index));
    const average = Math.max(1, (totals.words[0]! + totals.words[1]!) / papers);
    all.forEach((c, i) => {
      if (placed.has(c.id) || !level.satisfied(anywhere[i]!)) return;
      const frequencies = held.map((n, f) => ({ frequency: r.titleWeight * inTitle[i]![f]! + r.abstractWeight * inAbstract[i]![f]!, papers: n }));
      out.push({ id: c.id, score: r.bonus + bm25(frequencies, c.titleWords + abstracts[i]!.words, papers, average) });
    });
  }
  return out.sort(best).slice(0, r.need);
}

const best = (a: Ranked, b: Ranked): number => b.score - a.score || a.id - b.id;

/** A level's forms (each part's words and phrases, as FTS5 sees its phrases), counted in texts. */
class LevelForms {
  private readonly forms: { words: string[]; field: Field }[] = [];
  /** Indexes into `forms`, part by part: `all`'s, then `some`'s. */
  private readonly all: number[][];
  private readonly some: number[][];

  constructor(tier: TierSpec) {
    const indexes = (part: Part): number[] => part.forms.map((form) => this.forms.push({ words: form.split(' '), field: part.field }) - 1);
    this.all = tier.all.map(indexes);
    this.some = tier.some.map(indexes);
  }

  /** How often each form occurs in a text, leaving out the forms asked for in the `not` field. */
  count(hits: Hits, not: Field): number[] {
    return this.forms.map((f) => (f.field === not ? 0 : occurrences(hits, f.words)));
  }

  /** Whether counts hold every part (and one of `some`). */
  satisfied(counts: readonly number[]): boolean {
    const ok = (part: number[]): boolean => part.some((f) => counts[f]! > 0);
    return this.all.every(ok) && (this.some.length === 0 || this.some.some(ok));
  }

  /**
   * How many papers hold each form, as FTS5 counts them for bm25: in titles for the title index
   * (`title`), else in the form's own field. A word's count is the vocabulary's (for `abstract:`
   * that of the whole paper, the nearest kept: a little high). A phrase's is counted among the
   * candidates (`found`), and read as `how` says.
   */
  papersHolding(index: 'title' | undefined, counts: PaperCounts, found: readonly (readonly number[])[], how: PhraseCount): number[] {
    return this.forms.map((f, i) => {
      const inTitles = index === 'title' || f.field === 'title';
      const df = (w: string): number => (inTitles ? counts.titleDf(w) : counts.df(w));
      if (f.words.length === 1) return df(f.words[0]!);
      const counted = found.filter((c) => c[i]! > 0).length;
      if (how !== 'sample' || found.length === 0) return counted;
      // As common among all the papers with the words (at most the rarest word's) as among these.
      return Math.max(counted, Math.round((counted / found.length) * Math.min(...f.words.map(df))));
    });
  }
}
