import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseQuery, parseRange } from '../../src/search/query.js';

const clauses = (q: string) => parseQuery(q).clauses.map((c) => ({ ...c }));

describe('the query language', () => {
  it('reads plain words, each a clause of its own', () => {
    expect(clauses('Video Generation')).toEqual([
      { field: 'any', words: ['video'], exact: false, negated: false },
      { field: 'any', words: ['generation'], exact: false, negated: false },
    ]);
  });

  it('reads "quoted phrases" as exact, and words joined by punctuation as a phrase', () => {
    expect(clauses('"mixture of experts" GPT-4.5')).toEqual([
      { field: 'any', words: ['mixture', 'of', 'experts'], exact: true, negated: false },
      { field: 'any', words: ['gpt', '4', '5'], exact: false, negated: false },
    ]);
  });

  it('reads title: and abstract: with a word or a phrase, and -exclusions of either', () => {
    expect(clauses('title:diffusion abstract:"cross attention" -survey -title:"part two"')).toEqual([
      { field: 'title', words: ['diffusion'], exact: false, negated: false },
      { field: 'abstract', words: ['cross', 'attention'], exact: true, negated: false },
      { field: 'any', words: ['survey'], exact: false, negated: true },
      { field: 'title', words: ['part', 'two'], exact: true, negated: true },
    ]);
  });

  it('reads year:, upvotes: and org: as filters', () => {
    const q = parseQuery('year:2020..2023 year:2022 upvotes:>10 upvotes:<=50 org:"Sun Yat-Sen" learning');
    expect(q.years).toEqual([{ min: 2020, max: 2023 }, { min: 2022, max: 2022 }]);
    expect(q.upvotes).toEqual([{ min: 11 }, { max: 50 }]);
    expect(q.orgs).toEqual(['Sun Yat-Sen']);
    expect(q.clauses.map((c) => c.words)).toEqual([['learning']]);
  });

  it('understands every range form and nothing else', () => {
    expect(parseRange('7')).toEqual({ min: 7, max: 7 });
    expect(parseRange('>7')).toEqual({ min: 8 });
    expect(parseRange('>=7')).toEqual({ min: 7 });
    expect(parseRange('<7')).toEqual({ max: 6 });
    expect(parseRange('2020..')).toEqual({ min: 2020 });
    expect(parseRange('..2020')).toEqual({ max: 2020 });
    for (const bad of ['', '..', 'x', '1..2..3', '>', '=5', '-3']) expect(parseRange(bad), bad).toBeUndefined();
  });

  it('reads malformed fields and unknown ones as plain words, never as an error', () => {
    expect(clauses('year:soon foo:bar').map((c) => c.words)).toEqual([['year', 'soon'], ['foo', 'bar']]);
    expect(parseQuery('year:soon').years).toEqual([]);
    expect(clauses('title:').map((c) => c.words)).toEqual([['title']]);
  });

  it('treats a lone or unbalanced quote, *, ( and a bare - as nothing or as words', () => {
    for (const q of ['"', '*', '(', ')', '-', '""', '- -', '^', ':']) expect(clauses(q), q).toEqual([]);
    expect(clauses('"open phrase').map((c) => [c.words, c.exact])).toEqual([[['open', 'phrase'], true]]);
    expect(clauses('C++').map((c) => c.words)).toEqual([['c']]);
  });

  it('marks the last word as still being typed only when nothing follows it', () => {
    expect(parseQuery('video gen').openEnded).toBe(true);
    expect(parseQuery('video gen ').openEnded).toBe(false);
    expect(parseQuery('"video gen"').openEnded).toBe(false);
    expect(parseQuery('video -gen').openEnded).toBe(false);
  });

  it('never throws, whatever the text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme-composite', maxLength: 60 }), (s) => {
        const q = parseQuery(s);
        for (const c of q.clauses) expect(c.words.length).toBeGreaterThan(0);
      }),
      { numRuns: 500 },
    );
  });
});
