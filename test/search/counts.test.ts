import fs from 'node:fs';
import path from 'node:path';
import type Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '../../src/store/open.js';
import { ingestPaths } from '../../src/ingest/ingest.js';
import { runSearch } from '../../src/search/search.js';
import { Vocabulary } from '../../src/search/vocab.js';
import { toListingText, type ListingPaper } from '../helpers/listing.js';
import { corpusHome } from './corpus.js';

/**
 * Search foresees its cost from the vocabulary's counts of papers per word, and uses them to skip
 * what cannot match and to take all of a level's few matches. Here the counts mislead it.
 */
const day = (i: number): string => `2024-${String(1 + (i % 12)).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')}`;
const titles = (db: Database.Database, text: string, only?: 'fts5' | 'text'): string[] =>
  runSearch(db, { text, limit: 10 }, only ? { only } : {}).papers.map((p) => p.title);

describe('while papers wait to be counted (an ingest running, or one that was killed)', () => {
  let db: Database.Database;
  beforeAll(async () => {
    const home = corpusHome([
      { title: 'Kappa Alpha Study', abstract: 'The old one.', authors: 2, published: '2023-01-01', upvotes: 1 },
      ...Array.from({ length: 600 }, (_, i): ListingPaper => ({ title: `Alpha Filler ${i}`, abstract: `Filler text ${i}.`, authors: 2, published: day(i), upvotes: 1 })),
    ]);
    // Committed by an ingest that has not yet counted their words (the CLI counts at its end).
    const file = path.join(home.dir, 'later.txt');
    fs.writeFileSync(file, toListingText([
      ...Array.from({ length: 600 }, (_, i): ListingPaper => ({ title: `Kappa Alpha Report ${i}`, abstract: `With beta inside ${i}.`, authors: 2, published: `2025-0${1 + (i % 9)}-10`, upvotes: 1 })),
      { title: 'Kappa Alpha Beta Networks', abstract: 'The new one.', authors: 2, published: '2025-10-01', upvotes: 1 },
      { title: 'Zorblax Quantum Widgets', abstract: 'A brand new word.', authors: 2, published: '2025-10-02', upvotes: 1 },
    ], { pageDate: '2025-11-28' }));
    const writer = await openStore(home.db);
    await ingestPaths(writer, [file], { asOf: '2025-11-28' });
    writer.close();
    db = await openStore(home.db, { readonly: true });
  });
  afterAll(() => db.close());

  it('knows the counts are behind', () => {
    expect(new Vocabulary(db).behind()).toBe(true);
    expect(new Vocabulary(db).df('zorblax')).toBe(0);
  });

  it('still finds a word no count knows yet, as a word, a field or a phrase', () => {
    for (const text of ['zorblax', 'title:zorblax', '"zorblax quantum"']) expect(titles(db, text), text).toEqual(['Zorblax Quantum Widgets']);
  });

  it('ranks the newest of many matches, not the oldest few the counts know of', () => {
    // "kappa" is counted in one paper and is in 602: the newest are ranked, as FTS5 ranks them.
    for (const only of [undefined, 'text', 'fts5'] as const) {
      expect(titles(db, 'kappa alpha beta', only)[0], only).toBe('Kappa Alpha Beta Networks');
      expect(titles(db, 'kappa beta', only), only).toContain('Kappa Alpha Beta Networks');
    }
    // Below it, reports from the newest 500 papers with the three words, not the oldest.
    for (const only of [undefined, 'text', 'fts5'] as const) {
      const numbers = titles(db, 'kappa alpha beta', only).slice(1).map((t) => Number(/Report (\d+)/.exec(t)![1]));
      expect(Math.min(...numbers), only).toBeGreaterThanOrEqual(99);
    }
  });
});

describe('a rare word that is not a slip', () => {
  let db: Database.Database;
  beforeAll(async () => {
    db = await openStore(corpusHome([
      { title: 'VMamba: Visual State Space Model', abstract: 'A vision backbone.', authors: 2, published: '2023-01-01', upvotes: 1 },
      ...Array.from({ length: 150 }, (_, i): ListingPaper => ({ title: `Mamba Visual State Space Models for Task ${i}`, abstract: `Task ${i} solved.`, authors: 2, published: day(i), upvotes: 1 })),
    ]).db, { readonly: true });
  });
  afterAll(() => db.close());

  it('keeps its phrase, as written, beside its common correction', () => {
    // "vmamba" is in one paper, "mamba" in 150: the phrase as the user wrote it is still asked for.
    for (const only of [undefined, 'text', 'fts5'] as const) expect(titles(db, 'vmamba visual state space', only)[0], only).toBe('VMamba: Visual State Space Model');
  });
});
