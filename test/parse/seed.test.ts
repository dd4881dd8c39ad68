import { describe, expect, it } from 'vitest';
import type { PaperEntry } from '../../src/model.js';
import { parseText } from '../../src/parse/index.js';
import { seedAbstract, seedText } from './sources.js';

describe('the seed listing (page "Nov 3", 63 entries)', () => {
  const r = parseText(seedText, { asOf: '2025-11-05' });
  const byTitle = (prefix: string): PaperEntry => {
    const found = r.entries.filter((e) => e.title.startsWith(prefix));
    expect(found).toHaveLength(1);
    return found[0]!;
  };

  it('is a clean hf-listing of exactly 63 entries', () => {
    expect(r.kind).toBe('hf-listing');
    expect(r.diagnostics).toEqual([]);
    expect(r.entries).toHaveLength(63);
  });

  it('gives every entry its own title line, abstract and empty arXiv fields', () => {
    const lines = seedText.split('\n');
    for (const e of r.entries) {
      expect(lines[e.line - 1]).toBe(e.title);
      expect(e.abstract).toBe(seedAbstract(e.title));
      expect(e.authorNames).toEqual([]);
      expect(e.arxivId).toBeNull();
    }
    expect(r.entries[0]!.line).toBe(13);
    expect(r.entries.at(-1)!.line).toBe(505);
    // In file order, one entry per title.
    expect(new Set(r.entries.map((e) => e.title)).size).toBe(63);
    expect(r.entries.map((e) => e.line)).toEqual([...r.entries.map((e) => e.line)].sort((a, b) => a - b));
  });

  it('Sharing is Caring: 53 upvotes, "Sep 10" resolved against the page date', () => {
    expect(byTitle('Sharing is Caring: Efficient LM Post-Training with Collective RL Experience Sharing')).toMatchObject({
      authors: 15,
      published: '2025-09-10',
      yearInferred: true,
      upvotes: 53,
      line: 61,
    });
  });

  it('the page date, not asOf, is the reference for dates without a year', () => {
    // Captured in January: the page "Nov 3" is last year's, and so is its "Sep 10".
    const jan = parseText(seedText, { asOf: '2026-01-15' });
    expect(jan.entries.find((e) => e.title.startsWith('Sharing is Caring'))!.published).toBe('2025-09-10');
    // Captured on Nov 2: the latest Nov 3 is 2024's.
    const early = parseText(seedText, { asOf: '2025-11-02' });
    expect(early.entries.find((e) => e.title.startsWith('Sharing is Caring'))!.published).toBe('2024-09-10');
  });

  it('CHASE shows an organization, not an author count', () => {
    expect(byTitle('CHASE: ')).toMatchObject({
      organization: 'Sun Yat-Sen University',
      orgHandle: 'SunYatsen',
      authors: null,
      published: '2024-10-09',
      yearInferred: false,
      upvotes: 0,
    });
  });

  it('an entry without metadata and its neighbour', () => {
    expect(byTitle('Empirically evaluating commonsense intelligence')).toEqual({
      title: 'Empirically evaluating commonsense intelligence in large language models with large-scale human judgments',
      abstract: seedAbstract(
        'Empirically evaluating commonsense intelligence in large language models with large-scale human judgments',
      ),
      authors: null,
      authorNames: [],
      arxivId: null,
      organization: null,
      orgHandle: null,
      published: null,
      yearInferred: false,
      upvotes: null,
      line: 229,
    });
    expect(byTitle('Data Distributional Properties')).toMatchObject({
      title: 'Data Distributional Properties Drive Emergent In-Context Learning in Transformers',
      authors: 8,
      organization: null,
      published: '2022-04-22',
      yearInferred: false,
      upvotes: 0,
      line: 233,
    });
  });

  it('Training-Free GRPO: tencent/Tencent, 2 upvotes', () => {
    expect(byTitle('Training-Free Group Relative Policy Optimization')).toMatchObject({
      organization: 'Tencent',
      orgHandle: 'tencent',
      authors: null,
      published: '2025-10-09',
      yearInferred: true,
      upvotes: 2,
    });
  });

  it('reads every date line form', () => {
    expect(byTitle('Ensembling Portfolio')).toMatchObject({ published: '2024-06-05', yearInferred: false, upvotes: 0 });
    expect(byTitle('Latent Collective')).toMatchObject({ published: '2025-09-28', yearInferred: true, upvotes: 0 });
    expect(byTitle('Can LLMs Learn by Teaching')).toMatchObject({ published: '2024-06-20', yearInferred: false, upvotes: 2 });
    expect(byTitle('Two Case Studies')).toMatchObject({ authors: 1 });
  });

  it('counts: 60 author counts, 2 organizations, 1 without metadata', () => {
    expect(r.entries.filter((e) => e.authors !== null)).toHaveLength(60);
    expect(r.entries.filter((e) => e.organization !== null)).toHaveLength(2);
    expect(r.entries.filter((e) => e.upvotes === null)).toHaveLength(1);
    expect(r.entries.filter((e) => e.yearInferred)).toHaveLength(13);
  });
});
