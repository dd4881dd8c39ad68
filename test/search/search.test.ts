import { describe, expect, it } from 'vitest';
import { json, papers, papersTTY } from '../helpers/cli.js';
import { runSearch, type RankingOptions } from '../../src/search/search.js';
import type { Paper } from '../../src/model.js';
import { titleOf, useCorpus } from './corpus.js';

const corpus = useCorpus();

// Every pass ranked by FTS5, every pass ranked from the papers' text (as common words are on a
// large corpus), or each the cheaper way (the default): the same rules must hold either way.
describe.each([
  ['by FTS5', { only: 'fts5' }],
  ['from text', { only: 'text' }],
  ['the cheaper way', {}],
] as const)('search ranking, %s', (_, ranking: RankingOptions) => {
  const titles = (text: string, extra: Record<string, unknown> = {}): string[] =>
    runSearch(corpus.db(), { text, limit: 10, ...extra }, ranking).papers.map((p) => p.title);

  it('keeps "continual" and "continuous" apart (no stemmer merges them)', () => {
    expect(titles('continual')).toEqual([titleOf(0)]);
    expect(titles('continuous')).toEqual([titleOf(1)]);
  });

  it('puts the words as a phrase above the same words apart', () => {
    const got = titles('video generation');
    expect(got[0]).toBe(titleOf(2));
    expect(got).toContain(titleOf(3));
    expect(got.indexOf(titleOf(2))).toBeLessThan(got.indexOf(titleOf(3)));
  });

  it('matches plural and singular forms of a word', () => {
    expect(titles('caption')).toEqual([titleOf(3)]);
    expect(titles('embedding')).toEqual([titleOf(12)]);
  });

  it('corrects slips against the vocabulary', () => {
    expect(titles('contnual lerning')[0]).toBe(titleOf(0));
    expect(titles('matryoshak')).toEqual([titleOf(12)]);
    expect(titles('gausian splattign')[0]).toBe(titleOf(8));
  });

  it('completes the word being typed, and only that one', () => {
    expect(titles('matryo')).toEqual([titleOf(12)]);
    expect(titles('matryo ')).toEqual([]);
  });

  it('still returns the best partial match when no paper has every word', () => {
    expect(titles('gaussian splatting zzyzx')[0]).toBe(titleOf(8));
  });

  it('reads GPT-4 and GPT-4.5 as the phrases they are', () => {
    expect(titles('GPT-4')[0]).toBe(titleOf(4));
    expect(titles('GPT-4.5')[0]).toBe(titleOf(5));
    expect(titles('C++')).toEqual([titleOf(6)]);
  });

  it('applies fields, exclusions and filters from the query and from the flags', () => {
    expect(titles('title:diffusion').sort()).toEqual([titleOf(2), titleOf(9)].sort());
    expect(titles('abstract:"cross attention"')).toEqual([titleOf(9)]);
    // What is asked for in so many words is never relaxed away for a partial match.
    expect(titles('title:diffusion captions')).toEqual([]);
    expect(titles('title:zzyzx gaussian')).toEqual([]);
    expect(titles('"cross attention" gaussian splatting')).toEqual([]);
    expect(titles('gaussian splatting "real time"')).toEqual([titleOf(8)]);
    expect(titles('"mixture of experts"')).toEqual([titleOf(7)]);
    expect(titles('language models -survey')).not.toContain(titleOf(0));
    expect(titles('language models -survey')).toContain(titleOf(6));
    expect(titles('diffusion year:2024')).toEqual([titleOf(2)]);
    expect(titles('diffusion year:2020..2022')).toEqual([titleOf(9)]);
    expect(titles('language upvotes:>20').sort()).toEqual([titleOf(0), titleOf(7)].sort());
    expect(titles('language org:tencent')).toEqual([titleOf(7)]);
    expect(titles('language', { org: 'tencent' })).toEqual([titleOf(7)]);
    expect(titles('diffusion', { year: 2022 })).toEqual([titleOf(9)]);
  });

  it('with only filters or exclusions, lists what passes them, most upvoted first', () => {
    expect(titles('year:2022')).toEqual([titleOf(12), titleOf(9), titleOf(3)]);
    expect(titles('-learning year:2025')).toEqual([titleOf(5)]);
  });

  it('scores every result, best first, and pages through them', () => {
    const all = runSearch(corpus.db(), { text: 'language models', limit: 10 }, ranking).papers;
    expect(all.length).toBeGreaterThan(3);
    const scores = all.map((p) => p.score!);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    const page2 = runSearch(corpus.db(), { text: 'language models', limit: 2, offset: 2 }, ranking).papers;
    expect(page2.map((p) => p.id)).toEqual(all.slice(2, 4).map((p) => p.id));
  });
});

describe('ranking from text', () => {
  it('orders papers as FTS5 does, with scores close to its own', () => {
    const queries = ['language models', 'video generation', 'diffusion', 'generation', 'learning', 'gpt 4', 'sharing caring', 'models -survey', 'title:diffusion', 'abstract:"cross attention"', 'language year:2024', 'gaussian splatting zzyzx', 'model'];
    for (const text of queries) {
      const fts = runSearch(corpus.db(), { text, limit: 20 }, { only: 'fts5' }).papers;
      const fromText = runSearch(corpus.db(), { text, limit: 20 }, { only: 'text' }).papers;
      expect(fromText.map((p) => p.title), text).toEqual(fts.map((p) => p.title));
      fromText.forEach((p, i) => expect(p.score, `${text}: ${p.title}`).toBeCloseTo(fts[i]!.score!, 3));
    }
  });
});

describe('papers search (CLI)', () => {
  it('answers any text, however odd, without an error', () => {
    for (const q of ['"', '*', '(', ')', 'title:', '', '-', 'AND', 'OR NOT', 'NEAR(a b)', 'col:x', "'", '\\', '🙂', 'x'.repeat(300)]) {
      const r = papers(['search', q, '--json'], { env: corpus.env() });
      expect(r.code, `${q}: ${r.stderr}`).toBe(0);
      expect(Array.isArray(JSON.parse(r.stdout)), q).toBe(true);
    }
  });

  it('takes -word as an exclusion on the command line, and refuses a mistyped --flag', () => {
    const r = papers(['search', 'language', 'models', '-survey', '--json'], { env: corpus.env() });
    expect(r.code, r.stderr).toBe(0);
    const got = json<Paper[]>(r).map((p) => p.title);
    expect(got).toContain(titleOf(6));
    expect(got).not.toContain(titleOf(0));
    const typo = papers(['search', 'language', '--limt', '3'], { env: corpus.env() });
    expect(typo.code).toBe(2);
    expect(typo.stderr).toMatch(/^papers: unknown option '--limt'/);
  });

  it('gives the contract shape plus score in JSON', () => {
    const [first] = json<(Paper & { score: number })[]>(papers(['search', 'gpt', '4', '--json'], { env: corpus.env() }));
    expect(Object.keys(first!)).toEqual([
      'id', 'title', 'abstract', 'authors', 'author_names', 'arxiv_id', 'organization', 'org_handle',
      'published', 'year_inferred', 'upvotes', 'tags', 'note', 'sources', 'score',
    ]);
    expect(first!.title).toBe(titleOf(4));
  });

  it('on a terminal, marks the matched words and shows the abstract around the match', () => {
    const r = papersTTY(['search', 'cross attention'], { env: corpus.env() });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('\x1b[33mCross\x1b[39m');
    expect(r.stdout).toMatch(/controlling[^\n]*cross[^\n]*attention/i);
  });
});
