import type Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '../../src/store/open.js';
import fc from 'fast-check';
import { editDistance, Vocabulary } from '../../src/search/vocab.js';
import type { ListingPaper } from '../helpers/listing.js';
import { corpusHome } from './corpus.js';

/**
 * "large" in many papers, and around the slip "lage" a crowd of rare neighbours that share more of
 * its start (lag, laga…) or carry digits (lag0…), as a large corpus of real listings has.
 */
const RARE_NEIGHBOURS = ['lag', 'lags', 'laga', 'lagb', 'lagc', 'lagd', 'lagf', 'lagh', 'lagi', 'lagk', 'lag0', 'lag1', 'lag2'];
const PAPERS: ListingPaper[] = [
  ...Array.from({ length: 12 }, (_, i): ListingPaper => ({
    title: `Large Models Study ${i}`,
    abstract: `A large study of large models, number ${i}.`,
    authors: 2,
    published: '2024-03-01',
    upvotes: i,
  })),
  ...RARE_NEIGHBOURS.map((w, i): ListingPaper => ({ title: `Notes on ${w} ${i}`, abstract: `About ${w}.`, authors: 1, published: '2024-04-01', upvotes: 0 })),
];

let db: Database.Database;
beforeAll(async () => {
  db = await openStore(corpusHome(PAPERS).db, { readonly: true });
});
afterAll(() => db.close());

describe('corrections', () => {
  it('takes the commonest of equally near words, however many rarer ones share more of the slip', () => {
    const got = new Vocabulary(db).corrections('lage');
    expect(got[0]).toBe('large');
    expect(got).toHaveLength(3);
  });

  it('never corrects a word to one with digits in it (a name or a number)', () => {
    const got = new Vocabulary(db).corrections('lage');
    expect(got.some((w) => /\d/.test(w))).toBe(false);
    // The words themselves are known: only correction leaves them out.
    expect(new Vocabulary(db).known('lag0')).toBe(true);
  });
});

describe('editDistance', () => {
  /** The textbook optimal-string-alignment distance, to check the quick one against. */
  function reference(a: string, b: string): number {
    const d = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
    for (let i = 1; i <= a.length; i++) {
      for (let j = 1; j <= b.length; j++) {
        d[i]![j] = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
        if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i]![j] = Math.min(d[i]![j]!, d[i - 2]![j - 2]! + 1);
      }
    }
    return d[a.length]![b.length]!;
  }

  it('agrees with the textbook distance up to its limit, and is above the limit beyond it', () => {
    const word = fc.stringOf(fc.constantFrom('a', 'b', 'c', 'é'), { maxLength: 90, size: 'max' });
    // The second word mostly a few slips from the first, so that distances under the limit are common.
    const slips = fc.array(fc.tuple(fc.nat(), fc.constantFrom('swap', 'drop', 'add', 'change')), { maxLength: 3 });
    const slipped = (a: string, ops: [number, string][]): string => {
      let w = a;
      for (const [at, op] of ops) {
        const i = w.length ? at % w.length : 0;
        if (op === 'swap' && i + 1 < w.length) w = w.slice(0, i) + w[i + 1] + w[i] + w.slice(i + 2);
        else if (op === 'drop') w = w.slice(0, i) + w.slice(i + 1);
        else if (op === 'add') w = `${w.slice(0, i)}b${w.slice(i)}`;
        else w = `${w.slice(0, i)}c${w.slice(i + 1)}`;
      }
      return w;
    };
    const pair = fc.oneof(fc.tuple(word, word), word.chain((a) => slips.map((ops) => [a, slipped(a, ops)] as [string, string])));
    fc.assert(
      fc.property(pair, fc.integer({ min: 0, max: 3 }), ([a, b], max) => {
        const d = reference(a, b);
        if (d <= max) expect(editDistance(a, b, max)).toBe(d);
        else expect(editDistance(a, b, max)).toBeGreaterThan(max);
      }),
      { numRuns: 400 },
    );
    expect(editDistance('gussian', 'gaussian', 2)).toBe(1);
    expect(editDistance('modles', 'models', 1)).toBe(1);
    expect(editDistance('slatting', 'splatting', 2)).toBe(1);
    // Longer than the rows first made (64): they grow.
    expect(editDistance('x'.repeat(64), `${'x'.repeat(63)}y`, 2)).toBe(1);
    expect(editDistance('x'.repeat(200), `${'x'.repeat(198)}yx`, 2)).toBe(1);
  });
});
