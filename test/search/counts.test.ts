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
      { title: 'Graph Neural Networks for Molecules', abstract: 'Molecules as graphs.', authors: 2, published: '2023-01-01', upvotes: 1 },
      { title: 'Graph Sampling', abstract: 'Sampling graph nodes.', authors: 2, published: '2023-02-01', upvotes: 1 },
      { title: 'Graph', abstract: 'Graph graph.', authors: 2, published: '2023-03-01', upvotes: 1 },
      ...Array.from({ length: 40 }, (_, i): ListingPaper => ({ title: `Neural Codec ${i}`, abstract: `Neural stuff ${i}.`, authors: 2, published: day(i), upvotes: 1 })),
      ...Array.from({ length: 30 }, (_, i): ListingPaper => ({ title: `Mamba Visual Notes ${i}`, abstract: `Notes ${i}.`, authors: 2, published: day(i), upvotes: 1 })),
      ...Array.from({ length: 600 }, (_, i): ListingPaper => ({ title: `Alpha Filler ${i}`, abstract: `Filler text ${i}.`, authors: 2, published: day(i), upvotes: 1 })),
    ]);
    // Committed by an ingest that has not yet counted their words (the CLI counts at its end).
    const file = path.join(home.dir, 'later.txt');
    fs.writeFileSync(file, toListingText([
      ...Array.from({ length: 600 }, (_, i): ListingPaper => ({ title: `Kappa Alpha Report ${i}`, abstract: `With beta inside ${i}.`, authors: 2, published: `2025-0${1 + (i % 9)}-10`, upvotes: 1 })),
      { title: 'Kappa Alpha Beta Networks', abstract: 'The new one.', authors: 2, published: '2025-10-01', upvotes: 1 },
      { title: 'Zorblax Quantum Widgets', abstract: 'A brand new word.', authors: 2, published: '2025-10-02', upvotes: 1 },
      { title: 'VMamba: Visual Backbones', abstract: 'A new word beside a counted one.', authors: 2, published: '2025-10-03', upvotes: 1 },
    ], { pageDate: '2025-11-28' }));
    const writer = await openStore(home.db);
    await ingestPaths(writer, [file], { asOf: '2025-11-28' });
    writer.close();
    db = await openStore(home.db, { readonly: true });
  });
  afterAll(() => db.close());

  it('knows the counts are behind, and asks the index about a word they do not know yet', () => {
    const vocab = new Vocabulary(db);
    expect(vocab.behind()).toBe(true);
    expect(db.prepare("SELECT count(*) FROM search_terms WHERE term = 'zorblax'").pluck().get()).toBe(0);
    expect([vocab.df('zorblax'), vocab.titleDf('zorblax')]).toEqual([1, 1]);
    expect(vocab.df('zorblaxx')).toBe(0);
  });

  it('still finds a word no count knows yet, as a word, a field or a phrase', () => {
    for (const text of ['zorblax', 'title:zorblax', '"zorblax quantum"']) expect(titles(db, text), text).toEqual(['Zorblax Quantum Widgets']);
  });

  it('keeps a new word beside a counted near one, and drops a slip no index holds', () => {
    // "vmamba" is not counted yet, "mamba" is in 30 papers: the new word is not taken for a slip
    // that only its correction can mean.
    for (const only of [undefined, 'text', 'fts5'] as const) expect(titles(db, 'vmamba visual', only)[0], only).toBe('VMamba: Visual Backbones');
    // "xyzzq" is in no paper, counted or not: the other words' best match stays first.
    expect(titles(db, 'graph neural xyzzq')[0]).toBe('Graph Neural Networks for Molecules');
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
      expect(numbers, only).toHaveLength(9);
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
      // Plurals of every word: more phrase variants than are tried (16), the corrections' first.
      { title: 'Mambas, Visuals, States and Spaces', abstract: 'Plurals.', authors: 1, published: '2024-05-05', upvotes: 0 },
    ]).db, { readonly: true });
  });
  afterAll(() => db.close());

  it('keeps its phrase, as written, beside its common correction', () => {
    // "vmamba" is in one paper, "mamba" in 150: the phrase as the user wrote it is still asked for.
    for (const only of [undefined, 'text', 'fts5'] as const) expect(titles(db, 'vmamba visual state space', only)[0], only).toBe('VMamba: Visual State Space Model');
  });
});
