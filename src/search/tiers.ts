import type { Field } from './query.js';
import { allOf, anyOf, inField, quoteTerm } from './fts-query.js';
import type { FullTextIndex } from '../store/fts.js';
import type { Vocabulary } from './vocab.js';

/**
 * The levels of a search, best first: the words as a phrase, every word, all but the commonest
 * one or two, then any of the rarest. Each is a set of parts any paper in it must match; the
 * FTS5 expressions for them are made here, from quoted words only.
 */

/** Relaxed tiers: the query without its commonest word, then without its two commonest. */
const MAX_DROPPED = 2;
/** The last tier matches any of this many of the rarest words. */
const MAX_ANY = 4;
const STOP_WORDS = new Set('a an and are as at be by for from in into is it its of on or the to via with'.split(' '));
/** Phrase variants tried at most (forms of each word multiply). */
const MAX_PHRASES = 16;
/**
 * In abstracts, only the likeliest few: a phrase of common words ("diffusion model video generation")
 * walks the position lists of half the corpus once per variant (16 variants took 56 ms at 10^5
 * papers, 4 took 17–24 ms, 2 take half that). Two when every word is as written (the last word's
 * singular and plural), four when a slip was corrected (its likeliest corrections: with two,
 * "cain of thouht" lost "chain of thought"). Titles are short and keep them all; the next tier
 * finds the rest.
 */
const ABSTRACT_PHRASES = { asWritten: 2, corrected: 4 };
/** Longer queries are remembered titles or lists of words, seldom a phrase; matching one is slow. */
const MAX_PHRASE_WORDS = 4;
/** Below this many papers a word is rare enough to be a typo worth correcting. */
export const RARE = 3;

/** One positive part of the query: alternatives (words or phrases) any of which satisfies it. */
export interface Group {
  field: Field;
  /** Plain words or space-joined phrases, unquoted; the first is what the user wrote. */
  forms: string[];
  /** Came from one plain word: may join the others in a phrase. */
  word: boolean;
  /** Asked for in so many words (`"a phrase"`, `title:…`): kept in every tier, never relaxed away. */
  required: boolean;
}

/** One part of a tier: alternatives (words, or phrases as words joined by spaces), any of which will do. */
export interface Part {
  field: Field;
  forms: string[];
}

/** A level of the search: papers matching every part of `all` and, when it has any, one of `some`. */
export interface TierSpec {
  all: Part[];
  some: Part[];
  /** What the full index matches instead of `all` when FTS5 ranks: fewer phrase variants. */
  fullAll?: Part[];
  /** The phrase level's words as the user wrote them. */
  written?: string;
  /**
   * Ranked from text, the candidates are matches of this broader level (the newest, when many):
   * the words of a phrase anywhere, which FTS5 finds without walking their positions.
   */
  broad?: TierSpec;
}

function partExpression(part: Part): string {
  return inField(part.field, anyOf(part.forms.map(quoteTerm)));
}

export function ftsExpression(all: Part[], some: Part[]): string {
  return allOf([...all.map(partExpression), ...(some.length ? [anyOf(some.map(partExpression))] : [])]);
}

/** A phrase variant whose rarest word is this many times rarer than the likeliest variant's is not asked of FTS5. */
const UNLIKELY = 100;

/** At most how many papers a form (a word, or a phrase) is in: as many as its rarest word. */
export function rarest(form: string, df: (word: string) => number): number {
  return Math.min(...form.split(' ').map(df));
}

/** A level's parts as FTS5 is asked for them in one index (see asked). */
export interface Asked {
  all: Part[];
  some: Part[];
}

/**
 * A level as FTS5 is asked for it in one index: the full index gets its fewer phrase variants
 * (fullAll), and forms holding a word the index does not have are left out. Such a form matches
 * nothing there, yet a phrase with one still walks its other words: the four "… module" variants
 * of "lage langauge modles" cost 7 of the title pass's 16 ms at 10^5 papers, "module" being in no
 * title. Undefined when a part keeps no form: nothing in the index can match the level.
 */
export function asked(tier: TierSpec, index: FullTextIndex, df: (word: string) => number, counted = true): Asked | undefined {
  const chosen = index === 'papers_fts' ? (tier.fullAll ?? tier.all) : tier.all;
  // Counts that may be too low (Vocabulary.behind) cannot say what matches nothing.
  if (!counted) return { all: chosen, some: tier.some };
  const most = (form: string): number => rarest(form, df);
  const held = (parts: Part[]): Part[] =>
    parts.map((p) => {
      const forms = p.forms.filter((f) => most(f) > 0);
      // A phrase variant that can match a hundredth of what the likeliest can walks as much: "lag
      // language models" (1 title) walks the same 55,000 entries as "large language models" (15,000).
      // Its papers are then found by the level below, all the words anywhere, and ranked there. The
      // words as the user wrote them are always asked: a rare word may be just what was meant
      // ("vmamba visual state space", beside 150 titles on Mamba).
      const likeliest = Math.max(0, ...forms.filter((f) => f.includes(' ')).map(most));
      return { field: p.field, forms: forms.filter((f) => !f.includes(' ') || f === tier.written || most(f) * UNLIKELY >= likeliest) };
    });
  const all = held(chosen);
  const some = held(tier.some).filter((p) => p.forms.length > 0);
  if (all.some((p) => p.forms.length === 0) || (tier.some.length > 0 && some.length === 0)) return undefined;
  return { all, some };
}

/**
 * The index entries FTS5's bm25 walks to rank a level: every paper holding each word of each form
 * (`df`: how many papers hold a word in that index). Each phrase walks its own words: FTS5 first
 * counts every phrase's papers, so sixteen variants of a three-word phrase walk those words sixteen times.
 */
export function walkCost(level: Asked, df: (word: string) => number): number {
  let cost = 0;
  for (const part of [...level.all, ...level.some]) for (const form of part.forms) for (const w of form.split(' ')) cost += df(w);
  return cost;
}

/**
 * At most how many papers match a level's candidates (a phrase level's: its words anywhere): no
 * more than any of its parts, and a part no more than its forms together, a phrase no more than
 * its rarest word.
 */
export function mostMatches(tier: TierSpec, df: (word: string) => number): number {
  const level = tier.broad ?? tier;
  const part = (p: Part): number => p.forms.reduce((n, f) => n + rarest(f, df), 0);
  let most = Infinity;
  for (const p of level.all) most = Math.min(most, part(p));
  if (level.some.length) most = Math.min(most, level.some.reduce((n, p) => n + part(p), 0));
  return most;
}

/** A level looked for in one index: the title index, or the full one (titles and abstracts). */
export interface Pass {
  tier: TierSpec;
  index: FullTextIndex;
}

/**
 * The order a search looks: each level in titles, then in the full index (titles and abstracts),
 * best level first. (Every word in a title ranked above the words as a phrase in an abstract was
 * measured and not kept: the evaluation's precision fell from 1.000 to 0.908, "Generation of
 * Captions for Video Archives" going above papers on video generation.) `titles`: false when the
 * query asks for abstracts.
 */
export function searchPasses(tiers: TierSpec[], titles: boolean): Pass[] {
  return tiers.flatMap((tier): Pass[] => [...(titles ? [{ tier, index: 'titles_fts' as const }] : []), { tier, index: 'papers_fts' }]);
}

export function tierSpecs(groups: Group[], vocab: Vocabulary): TierSpec[] {
  const tiers: TierSpec[] = [];
  const phraseable = groups.length > 1 && groups.length <= MAX_PHRASE_WORDS && groups.every((g) => g.field === 'any' && g.forms.length > 0);
  // Out of a phrase, "of" or "the" match nearly every paper: they cost time and tell nothing.
  // A word the index does not hold (an uncorrectable slip) would only make the tiers empty.
  const df = (g: Group): number => (g.word ? Math.max(...g.forms.map((f) => vocab.df(f))) : 1);
  let content = groups.filter((g) => g.required || (!(g.word && g.forms.length === 1 && STOP_WORDS.has(g.forms[0]!)) && df(g) > 0));
  if (content.length === 0) content = groups;
  const part = (g: Group): Part => ({ field: g.field, forms: g.forms });
  const required = content.filter((g) => g.required).map(part);
  const relaxable = content.filter((g) => !g.required);
  const allWords: TierSpec = { all: content.map(part), some: [] };
  if (phraseable) {
    // The words as written first when the index holds them all: a rare word may be just what was
    // meant ("vmamba"), yet its corrections sort before it and the variants are cut at MAX_PHRASES.
    const written = groups.map((g) => g.forms[0]!).join(' ');
    const writtenHeld = rarest(written, (w) => vocab.df(w)) > 0;
    const variants = [...new Set([...(writtenHeld ? [written] : []), ...phrases(groups, vocab)])].slice(0, MAX_PHRASES);
    const corrected = groups.some((g) => isSlip(g, vocab));
    tiers.push({
      all: [{ field: 'any', forms: variants }],
      some: [],
      fullAll: [{ field: 'any', forms: variants.slice(0, corrected ? ABSTRACT_PHRASES.corrected : ABSTRACT_PHRASES.asWritten) }],
      written,
      broad: allWords,
    });
  }
  tiers.push(allWords);
  // Then relax, dropping the commonest words first: each tier is still an intersection, quick
  // to compute at any corpus size, and the rare words that identify a paper are kept longest.
  const byCommonness = [...relaxable].sort((a, b) => df(b) - df(a) || a.forms[0]!.length - b.forms[0]!.length);
  for (let drop = 1; drop <= MAX_DROPPED && content.length - drop >= 2 && drop < relaxable.length; drop++) {
    const dropped = new Set(byCommonness.slice(0, drop));
    tiers.push({ all: content.filter((g) => !dropped.has(g)).map(part), some: [] });
  }
  // Any word at all: the rarest few only, which say most about a paper and keep this broad tier quick.
  if (relaxable.length >= 2) tiers.push({ all: required, some: byCommonness.slice(-MAX_ANY).map(part) });
  return tiers;
}

/** The words side by side, in the user's order, with the first two forms of each the index holds. */
function phrases(groups: Group[], vocab: Vocabulary): string[] {
  let out = [''];
  for (const g of groups) {
    // The word as written first, unless it is a slip; then the commonest spellings: a slip's
    // correction, not the slip, and not a rare neighbour. Variants vary the last word fastest, so
    // the abstracts' few keep the user's own forms and try the last word's singular and plural
    // ("large language model(s)"): inner words of a compound are seldom inflected.
    const slip = isSlip(g, vocab);
    const asWritten = (f: string): number => (f === g.forms[0] && !slip ? 1 : 0);
    const held = g.word ? g.forms.filter((f) => vocab.df(f) > 0).sort((a, b) => asWritten(b) - asWritten(a) || vocab.df(b) - vocab.df(a)) : g.forms;
    // A corrected slip keeps three spellings: near ones tie on how common they are.
    const keep = !g.word ? 1 : slip ? 3 : 2;
    const forms = (held.length ? held : g.forms).slice(0, keep);
    out = out.flatMap((p) => forms.map((f) => (p ? `${p} ${f}` : f))).slice(0, MAX_PHRASES);
  }
  return out;
}

/** A word the user wrote that the index barely knows: a typo, which search also matched as its corrections. */
function isSlip(g: Group, vocab: Vocabulary): boolean {
  return g.word && vocab.df(g.forms[0]!) < RARE;
}
