import type Database from 'better-sqlite3';
import type { Paper } from '../model.js';
import { PAPER_COLUMNS, rowToPaper, type PaperRow } from '../store/papers.js';
import { getPapers } from '../store/read.js';
import { filterSql, type Page, type PaperFilters } from '../store/filters.js';
import { allOf, anyOf, inField, quoteTerm } from './fts-query.js';
import { parseQuery, type Field, type ParsedQuery, type Range } from './query.js';
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
/** Added to the bm25 score per tier, so a paper in a better tier always scores higher. */
const TIER_STEP = 1000;
/** Matches scored per tier, at most: bounds the query time at any corpus size. */
const RANKED = 2000;
/** Relaxed tiers: the query without its commonest word, then without its two commonest. */
const MAX_DROPPED = 2;
/** The last tier matches any of this many of the rarest words. */
const MAX_ANY = 4;
const STOP_WORDS = new Set('a an and are as at be by for from in into is it its of on or the to via with'.split(' '));
/** Phrase variants tried at most (forms of each word multiply). */
const MAX_PHRASES = 16;
/**
 * In abstracts, only the commonest few: a phrase of common words ("diffusion model video generation")
 * walks the position lists of half the corpus once per variant (16 variants took 56 ms at 10^5
 * papers, 4 take a quarter of it). Titles are short and keep them all; the next tier finds the rest.
 */
const MAX_ABSTRACT_PHRASES = 4;
/** Longer queries are remembered titles or lists of words, seldom a phrase; matching one is slow. */
const MAX_PHRASE_WORDS = 4;
/** Below this many papers a word is rare enough to be a typo worth correcting. */
const RARE = 3;

/** One positive part of the query: alternatives (words or phrases) any of which satisfies it. */
interface Group {
  field: Field;
  /** Plain words or space-joined phrases, unquoted; the first is what the user wrote. */
  forms: string[];
  /** Came from one plain word: may join the others in a phrase. */
  word: boolean;
  /** Asked for in so many words (`"a phrase"`, `title:…`): kept in every tier, never relaxed away. */
  required: boolean;
}

/** Ranked papers for a query; the score is higher for better matches. */
export function searchPapers(db: Database.Database, q: SearchQuery): Paper[] {
  return runSearch(db, q).papers;
}

/**
 * Tiers, best first, each ranked by bm25 with the title weighted: the words as a phrase, then
 * papers with every word, then all but one, then any. Only as many tiers run as it takes to fill
 * the page, so a partial match is shown only when nothing better exists — and always then.
 */
export function runSearch(db: Database.Database, q: SearchQuery): SearchResult {
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

  const tiers = tierExpressions(groups, vocab);
  const not = negated.length ? anyOf(negated) : undefined;
  // The title index knows no abstract: a query about abstracts goes to the full index alone.
  const titlesToo = !parsed.clauses.some((c) => !c.negated && c.field === 'abstract');
  // Rank ids first and read whole papers only for the page: a common word matches half the corpus.
  const ranked: Ranked[] = [];
  for (const [i, { expr, full }] of tiers.entries()) {
    const bonus = (tiers.length - 1 - i) * TIER_STEP;
    // Within a tier, papers with the words in their title first: a title says what a paper is about.
    if (titlesToo && ranked.length < want) {
      ranked.push(...rankTier(db, { index: 'titles_fts', expr, not, where, params, taken: ranked, need: want - ranked.length, bonus: bonus + TIER_STEP / 2 }));
    }
    if (ranked.length < want) {
      ranked.push(...rankTier(db, { index: 'papers_fts', expr: full, not, where, params, taken: ranked, need: want - ranked.length, bonus }));
    }
  }
  const page = ranked.slice(q.offset ?? 0);
  const papers = getPapers(db, page.map((r) => r.id));
  papers.forEach((p, i) => (p.score = Math.round(page[i]!.score * 1e4) / 1e4));
  return { papers, terms };
}

type Ranked = { id: number; score: number };

interface Tier {
  index: 'titles_fts' | 'papers_fts';
  expr: string;
  not: string | undefined;
  where: string[];
  params: Record<string, unknown>;
  taken: Ranked[];
  need: number;
  bonus: number;
}

/**
 * One tier's matches in one index, best first, leaving out those already taken. At most RANKED
 * matches are scored (the latest added): bm25 over half a large corpus would take longer than a
 * query may; below that many matches the ranking is exact.
 */
function rankTier(db: Database.Database, t: Tier): Ranked[] {
  const ix = t.index;
  const conditions = [...t.where];
  if (t.taken.length) conditions.push(`${ix}.rowid NOT IN (SELECT value FROM json_each(@taken))`);
  let match = t.expr;
  if (t.not && ix === 'papers_fts') match = `${t.expr} NOT ${t.not}`;
  // An excluded word counts in the abstract too, which only the full index knows.
  else if (t.not) conditions.push(`${ix}.rowid NOT IN (SELECT rowid FROM papers_fts WHERE papers_fts MATCH @not)`);
  const bm25 = ix === 'papers_fts' ? `bm25(papers_fts, ${TITLE_WEIGHT}, ${ABSTRACT_WEIGHT})` : 'bm25(titles_fts)';
  const sql = `SELECT id, score FROM (
      SELECT ${ix}.rowid AS id, ${t.bonus} - ${bm25} AS score
      FROM ${ix}${t.where.length ? ` JOIN papers p ON p.id = ${ix}.rowid` : ''}
      WHERE ${ix} MATCH @match${conditions.map((w) => ` AND ${w}`).join('')}
      ORDER BY ${ix}.rowid DESC LIMIT ${RANKED})
    ORDER BY score DESC, id LIMIT ${t.need === Infinity ? -1 : t.need}`;
  return db.prepare<[Record<string, unknown>], Ranked>(sql).all({
    ...t.params,
    match,
    ...(t.taken.length ? { taken: JSON.stringify(t.taken.map((r) => r.id)) } : {}),
    ...(t.not && ix !== 'papers_fts' ? { not: t.not } : {}),
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

/** A tier's match expression for the title index, and for the full index (the same but for phrases). */
interface TierExpression {
  expr: string;
  full: string;
}

function tierExpressions(groups: Group[], vocab: Vocabulary): TierExpression[] {
  const tiers: TierExpression[] = [];
  const same = (expr: string): TierExpression => ({ expr, full: expr });
  const phraseable = groups.length > 1 && groups.length <= MAX_PHRASE_WORDS && groups.every((g) => g.field === 'any' && g.forms.length > 0);
  if (phraseable) {
    const variants = phrases(groups, vocab).map(quoteTerm);
    tiers.push({ expr: anyOf(variants), full: anyOf(variants.slice(0, MAX_ABSTRACT_PHRASES)) });
  }
  // Out of a phrase, "of" or "the" match nearly every paper: they cost time and tell nothing.
  // A word the index does not hold (an uncorrectable slip) would only make the tiers empty.
  const df = (g: Group): number => (g.word ? Math.max(...g.forms.map((f) => vocab.df(f))) : 1);
  let content = groups.filter((g) => g.required || (!(g.word && g.forms.length === 1 && STOP_WORDS.has(g.forms[0]!)) && df(g) > 0));
  if (content.length === 0) content = groups;
  const expr = (gs: Group[]): string[] => gs.map((g) => inField(g.field, anyOf(g.forms.map(quoteTerm))));
  const required = expr(content.filter((g) => g.required));
  const relaxable = content.filter((g) => !g.required);
  tiers.push(same(allOf(expr(content))));
  // Then relax, dropping the commonest words first: each tier is still an intersection, quick
  // to compute at any corpus size, and the rare words that identify a paper are kept longest.
  const byCommonness = [...relaxable].sort((a, b) => df(b) - df(a) || a.forms[0]!.length - b.forms[0]!.length);
  for (let drop = 1; drop <= MAX_DROPPED && content.length - drop >= 2 && drop < relaxable.length; drop++) {
    const dropped = new Set(byCommonness.slice(0, drop));
    tiers.push(same(allOf(expr(content.filter((g) => !dropped.has(g))))));
  }
  // Any word at all: the rarest few only, which say most about a paper and keep this broad tier quick.
  if (relaxable.length >= 2) tiers.push(same(allOf([...required, anyOf(expr(byCommonness.slice(-MAX_ANY)))])));
  return tiers;
}

/** The words side by side, in the user's order, with the first two forms of each the index holds. */
function phrases(groups: Group[], vocab: Vocabulary): string[] {
  let out = [''];
  for (const g of groups) {
    // The commonest spellings: a slip's correction, not the slip, and not a rare neighbour.
    const held = g.word ? g.forms.filter((f) => vocab.df(f) > 0).sort((a, b) => vocab.df(b) - vocab.df(a)) : g.forms;
    // A corrected slip keeps three spellings: near ones tie on how common they are.
    const keep = !g.word ? 1 : vocab.df(g.forms[0]!) < RARE ? 3 : 2;
    const forms = (held.length ? held : g.forms).slice(0, keep);
    out = out.flatMap((p) => forms.map((f) => (p ? `${p} ${f}` : f))).slice(0, MAX_PHRASES);
  }
  return out;
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
