import type Database from 'better-sqlite3';
import type { Paper } from '../model.js';
import { PAPER_COLUMNS, rowToPaper, type PaperRow } from '../store/papers.js';
import { getPapers } from '../store/read.js';
import { filterSql, type Page, type PaperFilters } from '../store/filters.js';
import type { FullTextIndex } from '../store/fts.js';
import { anyOf, excluding, inField, quoteTerm } from './fts-query.js';
import { parseQuery, type ParsedQuery, type Range } from './query.js';
import { CandidateReader, dfIn, rankFromText, type Ranked } from './text-rank.js';
import { asked, ftsExpression, RARE, searchPasses, tierSpecs, walkCost, type Asked, type Group, type TierSpec } from './tiers.js';
import { Vocabulary } from './vocab.js';

export interface SearchQuery extends PaperFilters, Page {
  text: string;
}

export interface SearchResult {
  papers: Paper[];
  /** Every word form the query was matched with (for highlighting). */
  terms: string[];
}

/** bm25 column weights: a word in the title says far more about a paper than one in its abstract. */
const TITLE_WEIGHT = 10;
const ABSTRACT_WEIGHT = 1;
/** Added to the bm25 score per pass (searchPasses), so a paper found by a better pass always scores higher. */
const PASS_STEP = 500;
/**
 * Matches ranked per tier, at most, the newest: bounds the query time at any corpus size. Reading
 * 2,000 papers' text took 40–60 ms at 10^6 papers (scattered pages), 500 take a quarter of it.
 */
const RANKED = 500;

/** Ranked papers for a query; the score is higher for better matches. */
export function searchPapers(db: Database.Database, q: SearchQuery): Paper[] {
  return runSearch(db, q).papers;
}

/** How ranking is done; only tests and the evaluation change it. */
export interface RankingOptions {
  /**
   * Every pass ranked by FTS5's bm25 (`fts5`) or from its candidates' text (`text`), to compare
   * the two; by default each pass is ranked the cheaper way (rankedFromText).
   */
  only?: 'fts5' | 'text';
}

/**
 * What ranking a pass costs either way, as a `papers search` process pays it: JavaScript not yet
 * compiled, no page cached by SQLite (measured at 10^5 papers, each in a fresh process, beyond what
 * the first query of a process pays anyway). FTS5's bm25 first counts every form's papers, walking
 * each word's index entries: 40-60 ns an entry. Ranking from text (src/search/text-rank.ts) reads
 * each candidate instead: its title in about 37 µs, its title and abstract in about 70 (warm, in a
 * long-running process, a fifth of that: in-process timings misled an earlier choice here). A
 * damaged title's words walk 200,000 entries to rank the one paper holding them all.
 */
const WALK_NS = 50;
const READ_NS: Record<FullTextIndex, number> = { titles_fts: 37_000, papers_fts: 70_000 };
/**
 * When the broadest level asking for every one of some parts has at most this many papers, the
 * levels narrower than it share its candidates (CandidateReader.share): reading 50 titles costs
 * what about two FTS5 queries for a damaged title's words do.
 */
const POOLED = 50;
/** Below this many entries FTS5's walk costs less than finding out how many candidates there are. */
const SHORT_WALK = 20_000;

/**
 * Whether a pass is ranked from its candidates' text: when reading them costs less than FTS5's
 * walk. How many there are is bounded first by the vocabulary (a word in one paper makes one
 * candidate), and counted by FTS5 only when that does not settle it and the walk is not short.
 * A title pass whose titles were read for a level before (levels share candidates) reads none.
 */
function rankedFromText(tier: TierSpec, index: FullTextIndex, level: Asked, candidates: CandidateReader, df: (w: string) => number, only: RankingOptions['only']): boolean {
  if (only) return only === 'text';
  if (index === 'titles_fts' && candidates.read(tier, index)) return true;
  const walk = walkCost(level, df);
  const read = READ_NS[index] / WALK_NS;
  if (candidates.most(tier, index) * read < walk) return true;
  return walk > SHORT_WALK && candidates.fewerThan(tier, index, Math.ceil(walk / read));
}

/**
 * Levels, best first, each ranked by bm25 with the title weighted: the words as a phrase, then
 * papers with every word, then all but one, then any; each looked for in titles first, then in
 * titles and abstracts (searchPasses has the order). Only as many passes run as it takes to fill
 * the page, so a partial match is shown only when nothing better exists — and always then. A pass
 * whose words are common in a large corpus, or that has few candidates, is ranked from their text
 * instead of by FTS5 (rankedFromText says when): the same formula, without FTS5's walk through every
 * paper holding each word.
 */
export function runSearch(db: Database.Database, q: SearchQuery, opts: RankingOptions = {}): SearchResult {
  const parsed = parseQuery(q.text);
  const vocab = new Vocabulary(db);
  const groups = parsed.clauses.filter((c) => !c.negated).map((c, i, all): Group => {
    const required = c.exact || c.field !== 'any';
    if (c.words.length > 1 || c.exact) return { field: c.field, forms: [c.words.join(' ')], word: false, required };
    return { field: c.field, forms: expand(vocab, c.words[0]!, parsed.openEnded && i === all.length - 1), word: true, required };
  });
  const negated = parsed.clauses.filter((c) => c.negated).map((c) => inField(c.field, quoteTerm(c.words.join(' '))));
  const terms = [...new Set(groups.flatMap((g) => g.forms.flatMap((f) => f.split(' '))))];

  const { where, params } = filterSql(q);
  queryFilters(parsed, where, params);
  const want = q.limit === undefined ? Infinity : (q.offset ?? 0) + q.limit;
  if (groups.length === 0) {
    if (negated.length === 0 && where.length === 0) return { papers: [], terms };
    return { papers: filteredOnly(db, where, params, negated, q), terms };
  }

  const tiers = tierSpecs(groups, vocab);
  const not = negated.length ? anyOf(negated) : undefined;
  // The title index knows no abstract: a query about abstracts goes to the full index alone.
  const titlesToo = !parsed.clauses.some((c) => !c.negated && c.field === 'abstract');
  const passes = searchPasses(tiers, titlesToo);
  // Counts that may be too low bound nothing: no pass is skipped or cut short by them.
  const counted = !vocab.behind();
  const candidates = new CandidateReader(db, terms, { not, where, params }, RANKED, vocab, counted);
  const broadest = tiers.filter((t) => t.some.length === 0 && !t.broad).at(-1);
  if (broadest) candidates.share(broadest, POOLED);
  // Rank ids first and read whole papers only for the page: a common word matches half the corpus.
  const ranked: Ranked[] = [];
  for (const [i, { tier, index }] of passes.entries()) {
    if (ranked.length >= want) break;
    const bonus = (passes.length - 1 - i) * PASS_STEP;
    const need = want - ranked.length;
    const df = dfIn(index, vocab);
    const level = asked(tier, index, df, counted);
    if (!level) continue;
    if (rankedFromText(tier, index, level, candidates, df, opts.only)) {
      ranked.push(...rankFromText(tier, index, candidates, vocab, { taken: ranked, need, bonus, titleWeight: TITLE_WEIGHT, abstractWeight: ABSTRACT_WEIGHT }));
    } else {
      const newest = !candidates.allFit(tier, index);
      ranked.push(...rankTier(db, { index, expr: ftsExpression(level.all, level.some), newest, not, where, params, taken: ranked, need, bonus }));
    }
  }
  const page = ranked.slice(q.offset ?? 0);
  const papers = getPapers(db, page.map((r) => r.id));
  papers.forEach((p, i) => (p.score = Math.round(page[i]!.score * 1e4) / 1e4));
  return { papers, terms };
}

interface TierQuery {
  index: FullTextIndex;
  expr: string;
  /** Many matches: rank the newest RANKED (CandidateReader.allFit says when all of them fit). */
  newest: boolean;
  not: string | undefined;
  where: string[];
  params: Record<string, unknown>;
  taken: Ranked[];
  need: number;
  bonus: number;
}

/**
 * One tier's matches in one index by FTS5's bm25, best first, leaving out those already taken. At
 * most RANKED matches are scored (the latest added, when there are more): bm25 over half a large
 * corpus would take longer than a query may; below that many matches the ranking is exact.
 */
function rankTier(db: Database.Database, t: TierQuery): Ranked[] {
  const ix = t.index;
  const conditions = [...t.where];
  if (t.taken.length) conditions.push(`${ix}.rowid NOT IN (SELECT value FROM json_each(@taken))`);
  const { match, condition } = excluding(ix, t.expr, t.not, `${ix}.rowid`);
  if (condition) conditions.push(condition);
  const bm25 = ix === 'papers_fts' ? `bm25(papers_fts, ${TITLE_WEIGHT}, ${ABSTRACT_WEIGHT})` : 'bm25(titles_fts)';
  const sql = `SELECT id, score FROM (
      SELECT ${ix}.rowid AS id, ${t.bonus} - ${bm25} AS score
      FROM ${ix}${t.where.length ? ` JOIN papers p ON p.id = ${ix}.rowid` : ''}
      WHERE ${ix} MATCH @match${conditions.map((w) => ` AND ${w}`).join('')}
      ${t.newest ? `ORDER BY ${ix}.rowid DESC ` : ''}LIMIT ${RANKED})
    ORDER BY score DESC, id LIMIT ${t.need === Infinity ? -1 : t.need}`;
  return db.prepare<[Record<string, unknown>], Ranked>(sql).all({
    ...t.params,
    match,
    ...(t.taken.length ? { taken: JSON.stringify(t.taken.map((r) => r.id)) } : {}),
    ...(condition ? { not: t.not } : {}),
  });
}

/**
 * A word, its inflections, and — when the index barely knows it — its nearest spellings;
 * the word being typed (the last, with no space after it) also stands for its completions.
 */
function expand(vocab: Vocabulary, word: string, typing: boolean): string[] {
  const forms = vocab.inflections(word);
  const df = vocab.df(word);
  if (df < RARE) {
    for (const c of vocab.corrections(word)) {
      if (vocab.df(c) > df) forms.push(...vocab.inflections(c));
    }
    if (typing && word.length >= 2) forms.push(...vocab.completions(word));
  }
  return [...new Set(forms)];
}

/** year:, upvotes: and org: from the query, as SQL over `papers p` (values bound, never spliced). */
function queryFilters(parsed: ParsedQuery, where: string[], params: Record<string, unknown>): void {
  const range = (name: string, column: string, r: Range, asDate: (n: number, end: boolean) => unknown): void => {
    if (r.min !== undefined) {
      where.push(`${column} >= @${name}min`);
      params[`${name}min`] = asDate(r.min, false);
    }
    if (r.max !== undefined) {
      where.push(`${column} < @${name}max`);
      params[`${name}max`] = asDate(r.max, true);
    }
  };
  parsed.years.forEach((r, i) => range(`qy${i}`, 'p.published', r, (y, end) => `${String(end ? y + 1 : y).padStart(4, '0')}-01-01`));
  parsed.upvotes.forEach((r, i) => range(`qu${i}`, 'p.upvotes', r, (n, end) => (end ? n + 1 : n)));
  parsed.orgs.forEach((org, i) => {
    where.push(`(p.organization LIKE @qo${i} ESCAPE '\\' OR p.org_handle LIKE @qo${i} ESCAPE '\\')`);
    params[`qo${i}`] = `%${org.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  });
}

/** Only filters and exclusions, no words to rank by: most upvoted first, then newest. */
function filteredOnly(db: Database.Database, where: string[], params: Record<string, unknown>, negated: string[], page: Page): Paper[] {
  const conditions = [...where];
  if (negated.length) conditions.push('p.id NOT IN (SELECT rowid FROM papers_fts WHERE papers_fts MATCH @not)');
  const sql = `SELECT ${PAPER_COLUMNS}, 0 AS score FROM papers p WHERE ${conditions.join(' AND ')}
    ORDER BY p.upvotes DESC, p.published IS NULL, p.published DESC, p.id
    LIMIT ${page.limit ?? -1} OFFSET ${page.offset ?? 0}`;
  return db
    .prepare<[Record<string, unknown>], PaperRow>(sql)
    .all({ ...params, ...(negated.length ? { not: anyOf(negated) } : {}) })
    .map(rowToPaper);
}
