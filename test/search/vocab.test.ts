import type Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '../../src/store/open.js';
import { Vocabulary } from '../../src/search/vocab.js';
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
