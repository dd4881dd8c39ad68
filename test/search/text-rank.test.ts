import type Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '../../src/store/open.js';
import { runSearch } from '../../src/search/search.js';
import { asked, mostMatches, walkCost, type TierSpec } from '../../src/search/tiers.js';
import { CandidateReader } from '../../src/search/text-rank.js';
import { Vocabulary } from '../../src/search/vocab.js';
import type { ListingPaper } from '../helpers/listing.js';
import { corpusHome } from './corpus.js';

/**
 * More papers than a level ranks (500), so that ranking from text meets what ranking by FTS5 does
 * not: candidates cut off at the newest, old papers that only a phrase or a title finds, filters.
 * The first papers are the oldest (ids follow the listing).
 */
const OLD_PHRASE = 'Alpha Beta Coupling for Kappa Systems';
const OLD_TITLE = 'Gamma Rays in Old Telescopes';
const PAPERS: ListingPaper[] = [
  { title: OLD_PHRASE, abstract: 'We study alpha beta coupling in kappa systems.', authors: 2, published: '2023-01-01', upvotes: 1 },
  { title: OLD_TITLE, abstract: 'Telescopes, old and new.', authors: 2, published: '2023-01-02', upvotes: 1 },
  ...Array.from({ length: 620 }, (_, i): ListingPaper => ({
    title: i % 100 === 0 ? `Gamma Filler Study ${i}` : `Filler Study ${i}`,
    abstract:
      i % 50 === 0
        ? `The alpha beta value is measured; gamma appears too. Variant ${i}.`
        : `The alpha value and the beta value differ${i % 10 ? '; gamma appears too' : ''}. Variant ${i}.`,
    authors: 3,
    published: `2024-${String(1 + (i % 12)).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')}`,
    upvotes: i % 7,
  })),
];

let db: Database.Database;
beforeAll(async () => {
  db = await openStore(corpusHome(PAPERS).db, { readonly: true });
});
afterAll(() => db.close());

const byFts = (text: string) => runSearch(db, { text, limit: 10 }, { only: 'fts5' }).papers;
const fromText = (text: string) => runSearch(db, { text, limit: 10 }, { only: 'text' }).papers;

describe('ranking from text, beyond the newest 500 matches', () => {
  it('finds a phrase the user asked for however many newer papers have its words apart', () => {
    for (const text of ['"alpha beta"', '"alpha beta" kappa']) {
      expect(fromText(text).map((p) => p.title), text).toContain(OLD_PHRASE);
      expect(fromText(text).map((p) => p.title), text).toEqual(byFts(text).map((p) => p.title));
    }
  });

  it('puts title matches first however many newer papers have the word in their abstract', () => {
    expect(byFts('gamma').map((p) => p.title)).toContain(OLD_TITLE);
    expect(fromText('gamma').map((p) => p.title)).toEqual(byFts('gamma').map((p) => p.title));
  });

  it('looks for the words as a phrase among the newest 500 papers with all of them, and in titles', () => {
    const fts = byFts('alpha beta');
    const got = fromText('alpha beta');
    // In titles: the title index's own newest matches, as FTS5 ranks them.
    expect(got[0]!.title).toBe(OLD_PHRASE);
    expect(got[0]!.score).toBeCloseTo(fts[0]!.score!, 3);
    // In abstracts: the phrase papers among the newest 500 with both words (Variant 50 is older),
    // scored as if the phrase were as common in all of them as in those.
    const inAbstracts = got.slice(1).filter((p) => /^Filler/.test(p.title));
    expect(inAbstracts.map((p) => p.title)).toEqual(['Filler Study 150', 'Filler Study 250', 'Filler Study 350', 'Filler Study 450', 'Filler Study 550']);
    const ftsScore = fts.find((p) => p.title === 'Filler Study 150')!.score!;
    expect(Math.abs(inAbstracts[0]!.score! - ftsScore)).toBeLessThan(0.05 * (ftsScore % 500));
  });

  it('orders and scores as FTS5 does with fields, filters and exclusions', () => {
    for (const text of ['title:gamma', 'abstract:alpha title:gamma', 'gamma -kappa', '"alpha beta" year:2024', 'gamma upvotes:>3', 'title:filler "beta value"']) {
      const fts = byFts(text);
      expect(fts.length, text).toBeGreaterThan(0);
      const got = fromText(text);
      expect(got.map((p) => p.title), text).toEqual(fts.map((p) => p.title));
      // bm25 within 5% (scores are a level's bonus, a multiple of 500, plus bm25): with a filter, a
      // phrase is counted among the papers that pass it (13 of its 14 here).
      got.forEach((p, i) => expect(Math.abs(p.score! - fts[i]!.score!), `${text}: ${p.title}`).toBeLessThan(0.05 * (fts[i]!.score! % 500) + 1e-3));
    }
  });
});

describe('what FTS5 is asked in each index, and what it would cost', () => {
  const phraseLevel = (forms: string[]): TierSpec => ({
    all: [{ field: 'any', forms }],
    some: [],
    fullAll: [{ field: 'any', forms: forms.slice(0, 1) }],
    broad: { all: [{ field: 'any', forms: ['alpha'] }, { field: 'any', forms: ['beta'] }, { field: 'any', forms: ['coupling', 'value'] }], some: [] },
  });

  it('leaves out of each index the forms holding a word it does not have', () => {
    const vocab = new Vocabulary(db);
    // "value" is in abstracts only: the title index is not asked for a phrase with it.
    const tier = phraseLevel(['alpha beta coupling', 'alpha beta value']);
    expect(asked(tier, 'titles_fts', (w) => vocab.titleDf(w))!.all[0]!.forms).toEqual(['alpha beta coupling']);
    // The full index gets its own fewer variants.
    expect(asked(tier, 'papers_fts', (w) => vocab.df(w))!.all[0]!.forms).toEqual(['alpha beta coupling']);
    // A part with no form left: nothing in that index can match the level.
    expect(asked(phraseLevel(['alpha beta value']), 'titles_fts', (w) => vocab.titleDf(w))).toBeUndefined();
    // A phrase variant that can match a hundredth of what the likeliest can is left to the next
    // level; rare single words cost nothing to walk and stay.
    const variants: TierSpec = { all: [{ field: 'any', forms: ['alpha beta coupling', 'alpha beta value'] }, { field: 'any', forms: ['kappa', 'alpha'] }], some: [] };
    expect(asked(variants, 'papers_fts', (w) => vocab.df(w))!.all.map((p) => p.forms)).toEqual([['alpha beta value'], ['kappa', 'alpha']]);
    expect(asked(variants, 'titles_fts', (w) => vocab.titleDf(w))!.all.map((p) => p.forms)).toEqual([['alpha beta coupling'], ['kappa', 'alpha']]);
    const anyOf: TierSpec = { all: [], some: [{ field: 'any', forms: ['value'] }, { field: 'any', forms: ['gamma'] }] };
    expect(asked(anyOf, 'titles_fts', (w) => vocab.titleDf(w))!.some.map((p) => p.forms)).toEqual([['gamma']]);
  });

  it('counts the walk of every phrase over its own words, and bounds the matches by the rarest part', () => {
    const df = (w: string): number => ({ alpha: 600, beta: 500, coupling: 1, value: 600 })[w] ?? 0;
    const level = { all: [{ field: 'any' as const, forms: ['alpha beta coupling', 'alpha beta value'] }], some: [] };
    expect(walkCost(level, df)).toBe(600 + 500 + 1 + 600 + 500 + 600);
    // Candidates of a phrase level are its broad level's: at most the papers of its rarest part
    // (beta's 500, not the 601 of "coupling" or "value").
    expect(mostMatches(phraseLevel([]), df)).toBe(500);
    // A phrase is in no more papers than its rarest word; any of `some` adds its parts up.
    expect(mostMatches(level, df)).toBe(1 + 500);
    expect(mostMatches({ all: [], some: [{ field: 'any', forms: ['coupling'] }, { field: 'any', forms: ['beta'] }] }, df)).toBe(501);
  });

  it('takes the matches in index order only when the vocabulary says they all fit', () => {
    const reader = new CandidateReader(db, [], { not: undefined, where: [], params: {} }, 500, new Vocabulary(db));
    const fewMatches = (tier: TierSpec, index: 'titles_fts' | 'papers_fts'): boolean => reader.allFit(tier, index);
    const level = (...words: string[]): TierSpec => ({ all: words.map((w) => ({ field: 'any' as const, forms: [w] })), some: [] });
    expect(fewMatches(level('kappa', 'alpha'), 'papers_fts')).toBe(true);
    expect(fewMatches(level('alpha', 'beta'), 'papers_fts')).toBe(false);
    // Few in titles, many anywhere.
    expect(fewMatches(level('gamma'), 'titles_fts')).toBe(true);
    expect(fewMatches(level('gamma'), 'papers_fts')).toBe(false);
    // Ranked from text (which reads the candidates so taken), as FTS5 ranks.
    for (const text of ['kappa alpha', 'gamma', 'alpha beta coupling', 'telescopes gamma']) {
      expect(fromText(text).map((p) => p.title), text).toEqual(byFts(text).map((p) => p.title));
    }
  });
});

describe('counting candidates before reading them', () => {
  const level = (...words: string[]): TierSpec => ({ all: words.map((w) => ({ field: 'any' as const, forms: [w] })), some: [] });
  const reader = (): CandidateReader => new CandidateReader(db, ['alpha', 'gamma', 'kappa'], { not: undefined, where: [], params: {} }, 500, new Vocabulary(db));

  it('stops at the n-th match, and keeps a level found to have fewer as all its candidates', () => {
    const r = reader();
    // 620 filler abstracts and OLD_PHRASE hold "alpha": not fewer than 50, and nothing is kept...
    expect(r.fewerThan(level('alpha'), 'papers_fts', 50)).toBe(false);
    // ...so its candidates are still the newest 500, not the first 50 found.
    const newest = r.of(level('alpha'), 'papers_fts');
    expect(newest).toHaveLength(500);
    expect(Math.min(...newest.map((c) => c.id))).toBeGreaterThan(100);
    // "gamma" is in 8 titles: fewer than 50, and those are the candidates.
    const few = reader();
    expect(few.fewerThan(level('gamma'), 'titles_fts', 50)).toBe(true);
    expect(few.count(level('gamma'), 'titles_fts')).toBe(8);
    expect(few.fewerThan(level('gamma'), 'titles_fts', 8)).toBe(false);
  });

  it('lets the levels narrower than a broadest one with few papers share its candidates', () => {
    const r = reader();
    r.share(level('kappa'), 50);
    // One paper holds "kappa" (OLD_PHRASE): every level asking for kappa takes it as its
    // candidate, in either index, and checks its other parts in its text. No title holds "value"
    // too, yet the pool's paper is still the candidate.
    expect(r.count(level('kappa', 'value'), 'titles_fts')).toBe(1);
    expect(r.of(level('kappa', 'coupling'), 'titles_fts').map((c) => c.id)).toEqual(r.of(level('kappa'), 'papers_fts').map((c) => c.id));
    // A level without kappa has candidates of its own.
    expect(r.count(level('gamma'), 'titles_fts')).toBe(8);
    // A broadest level with many papers is not shared.
    const many = reader();
    many.share(level('alpha'), 50);
    expect(many.count(level('alpha', 'gamma'), 'titles_fts')).toBeLessThan(many.count(level('alpha'), 'papers_fts'));
    // Searches whose broadest level is shared, ranked from text, rank as FTS5 does.
    for (const text of ['alpha beta coupling kappa', 'kappa systems alpha', 'gamma rays old telescopes', 'coupling alpha -beta']) {
      expect(fromText(text).map((p) => p.title), text).toEqual(byFts(text).map((p) => p.title));
    }
  });
});
