import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { PaperEntry } from '../../src/model.js';
import { parseText } from '../../src/parse/index.js';
import { ROOT, dataPaper, readFixture, seedAbstract } from './sources.js';

/** A full expected entry: what a listing cannot show is null / [] / false. */
function paper(fields: Partial<PaperEntry> & Pick<PaperEntry, 'title' | 'line'>): PaperEntry {
  return {
    abstract: null,
    authors: null,
    authorNames: [],
    arxivId: null,
    organization: null,
    orgHandle: null,
    published: null,
    yearInferred: false,
    upvotes: null,
    ...fields,
  };
}

/** An entry copied from the seed: title and abstract exactly as the seed has them. */
function fromSeed(title: string, line: number, fields: Partial<PaperEntry>): PaperEntry {
  return paper({ title, abstract: seedAbstract(title), line, ...fields });
}

/** An entry of the 2024 data set: title, abstract and author count from the data. */
function fromData(arxivId: string, line: number, fields: Partial<PaperEntry>): PaperEntry {
  const p = dataPaper(arxivId);
  return paper({ title: p.title, abstract: p.abstract, authors: p.authors.length, line, ...fields });
}

const SHARING = 'Sharing is Caring: Efficient LM Post-Training with Collective RL Experience Sharing';
const CHASE = 'CHASE: Learning Convex Hull Adaptive Shift for Skeleton-based Multi-Entity Action Recognition';
const GRPO = 'Training-Free Group Relative Policy Optimization';
const CULTURAL = 'Cultural Evolution of Cooperation among LLM Agents';

describe('hf-listing fixtures', () => {
  it('hf-crlf-bom.txt: BOM and CRLF change neither text nor line numbers', () => {
    const raw = fs.readFileSync(path.join(ROOT, 'fixtures/hf-crlf-bom.txt'));
    expect([...raw.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(raw.includes('\r\n')).toBe(true);

    const r = parseText(readFixture('hf-crlf-bom.txt'), { asOf: '2025-11-05' });
    expect(r.kind).toBe('hf-listing');
    expect(r.diagnostics).toEqual([]);
    expect(r.entries).toEqual([
      fromSeed(SHARING, 13, { authors: 15, published: '2025-09-10', yearInferred: true, upvotes: 53 }),
      fromSeed(CHASE, 21, { organization: 'Sun Yat-Sen University', orgHandle: 'SunYatsen', published: '2024-10-09', upvotes: 0 }),
      fromSeed('Can LLMs Learn by Teaching? A Preliminary Study', 29, { authors: 10, published: '2024-06-20', upvotes: 2 }),
    ]);
    for (const e of r.entries) expect(e.title + e.abstract).not.toMatch(/[\r\ufeff]/);
  });

  it('hf-trailing-spaces-extra-blanks.txt: whitespace noise, blanks inside the metadata block', () => {
    const r = parseText(readFixture('hf-trailing-spaces-extra-blanks.txt'), { asOf: '2025-11-05' });
    expect(r.kind).toBe('hf-listing');
    expect(r.diagnostics).toEqual([]);
    expect(r.entries).toEqual([
      fromSeed('Test-Time Reinforcement Learning for GUI Grounding via Region Consistency', 18, {
        authors: 8, published: '2025-08-07', yearInferred: true, upvotes: 2,
      }),
      fromSeed('Latent Collective Preference Optimization: A General Framework for Robust LLM Alignment', 29, {
        authors: 7, published: '2025-09-28', yearInferred: true, upvotes: 0,
      }),
      fromSeed('MALT: Improving Reasoning with Multi-Agent LLM Training', 43, {
        authors: 9, published: '2024-12-02', upvotes: 4,
      }),
    ]);
  });

  describe('hf-no-chrome.txt: entries only, no page date', () => {
    const text = readFixture('hf-no-chrome.txt');
    const jigsaw = 'Jigsaw-R1: A Study of Rule-based Visual Reinforcement Learning with Jigsaw Puzzles';
    const swarm = "Benchmarking LLMs' Swarm intelligence";

    it('resolves dates without a year against asOf itself', () => {
      const r = parseText(text, { asOf: '2025-11-05' });
      expect(r.kind).toBe('hf-listing');
      expect(r.diagnostics).toEqual([]);
      expect(r.entries).toEqual([
        fromSeed(jigsaw, 1, { authors: 7, published: '2025-05-29', yearInferred: true, upvotes: 2 }),
        fromSeed(CULTURAL, 9, { authors: 2, published: '2024-12-13', upvotes: 0 }),
        fromSeed(swarm, 17, { authors: 4, published: '2025-05-07', yearInferred: true, upvotes: 0 }),
      ]);
    });

    it('a day after asOf in the calendar goes to the year before', () => {
      const r = parseText(text, { asOf: '2025-05-20' });
      expect(r.entries.map((e) => e.published)).toEqual(['2024-05-29', '2024-12-13', '2025-05-07']);
    });
  });

  it('hf-two-pages.txt: the second page date applies to the entries after it', () => {
    const r = parseText(readFixture('hf-two-pages.txt'), { asOf: '2024-04-06' });
    expect(r.kind).toBe('hf-listing');
    expect(r.diagnostics).toEqual([]);
    expect(r.entries).toEqual([
      // Page "Apr 5" -> 2024-04-05.
      fromData('2404.02575', 13, { published: '2024-04-03', yearInferred: true, upvotes: 43 }),
      fromData('2404.02733', 21, { published: '2024-04-03', yearInferred: true, upvotes: 16 }),
      // Page "Dec 31" -> 2023-12-31: its "Dec 28" is 2023's, not 2024's.
      fromData('2312.17742', 41, { published: '2023-12-28', yearInferred: true, upvotes: 12 }),
      fromData('2401.00368', 49, { published: '2023-12-31', yearInferred: true, upvotes: 72 }),
    ]);
  });

  it('hf-cut-off.txt: the last entry stops mid-abstract', () => {
    const r = parseText(readFixture('hf-cut-off.txt'), { asOf: '2025-11-05' });
    const cut = 'Fast & Slow Learning: Incorporating Synthetic Gradients in Neural Memory Controllers';
    expect(r.kind).toBe('hf-listing');
    expect(r.entries).toEqual([
      fromSeed('MALT: Improving Reasoning with Multi-Agent LLM Training', 13, { authors: 9, published: '2024-12-02', upvotes: 4 }),
      fromSeed('Towards Cross Domain Generalization of Hamiltonian Representation via Meta Learning', 21, {
        authors: 2, published: '2022-12-02', upvotes: 0,
      }),
      paper({ title: cut, abstract: seedAbstract(cut).slice(0, 212), line: 29 }),
    ]);
    expect(r.diagnostics).toEqual([{ line: 29, message: 'entry cut off: no date line' }]);
  });

  it('hf-cut-off-metadata.txt: the metadata block stops after the authors line', () => {
    const r = parseText(readFixture('hf-cut-off-metadata.txt'), { asOf: '2025-11-05' });
    expect(r.entries).toEqual([
      fromSeed("Benchmarking LLMs' Swarm intelligence", 13, { authors: 4, published: '2025-05-07', yearInferred: true, upvotes: 0 }),
      fromSeed(
        'Just One Byte (per gradient): A Note on Low-Bandwidth Decentralized Language Model Finetuning Using Shared Randomness',
        21,
        { authors: 5 },
      ),
    ]);
    expect(r.diagnostics).toEqual([{ line: 21, message: 'entry cut off: no date line' }]);
  });

  it('hf-cut-off-title.txt: only the title of the last entry', () => {
    const r = parseText(readFixture('hf-cut-off-title.txt'), { asOf: '2025-11-05' });
    expect(r.entries).toEqual([
      fromSeed('Emergent mechanisms for long timescales depend on training curriculum and affect performance in memory tasks', 13, {
        authors: 6, published: '2023-09-22', upvotes: 0,
      }),
      fromSeed('Explanatory Learning: Beyond Empiricism in Neural Networks', 21, { authors: 7, published: '2022-01-25', upvotes: 0 }),
      paper({ title: 'Learning Meta Representations for Agents in Multi-Agent Reinforcement Learning', line: 29 }),
    ]);
    expect(r.diagnostics).toEqual([{ line: 29, message: 'entry cut off: no abstract' }]);
  });

  it('hf-no-daily-papers-line.txt: chrome without "Daily Papers"', () => {
    const r = parseText(readFixture('hf-no-daily-papers-line.txt'), { asOf: '2025-10-10' });
    expect(r.kind).toBe('hf-listing');
    expect(r.diagnostics).toEqual([]);
    expect(r.entries).toEqual([
      fromSeed(GRPO, 11, { organization: 'Tencent', orgHandle: 'tencent', published: '2025-10-09', yearInferred: true, upvotes: 2 }),
      fromSeed('In-Context Learning Strategies Emerge Rationally', 19, {
        authors: 6, published: '2025-06-21', yearInferred: true, upvotes: 1,
      }),
      fromSeed('Agentic Neural Networks: Self-Evolving Multi-Agent Systems via Textual Backpropagation', 27, {
        authors: 5, published: '2025-06-10', yearInferred: true, upvotes: 0,
      }),
    ]);
  });

  it('hf-compact.txt: single newlines, title glued to "Subscribe", no metadata', () => {
    const r = parseText(readFixture('hf-compact.txt'), { asOf: '2024-03-08' });
    expect(r.kind).toBe('hf-listing');
    expect(r.diagnostics).toEqual([]);
    const bare = (id: string, line: number): PaperEntry =>
      paper({ title: dataPaper(id).title, abstract: dataPaper(id).abstract, line });
    expect(r.entries).toHaveLength(4);
    expect(r.entries[0]).toEqual(
      paper({ title: 'Key-Point-Driven Data Synthesis with its Enhancement on Mathematical Reasoning', abstract: r.entries[0]!.abstract, line: 3 }),
    );
    expect(r.entries[0]!.abstract).toMatch(/^Large language models \(LLMs\) have shown great potential.*math reasoning datasets\.$/);
    expect(r.entries.slice(1)).toEqual([bare('2403.02151', 5), bare('2403.01823', 7), bare('2403.02338', 9)]);
  });

  it('hf-latex-unicode.txt: raw LaTeX and non-ASCII kept exactly', () => {
    const r = parseText(readFixture('hf-latex-unicode.txt'), { asOf: '2024-01-13' });
    expect(r.kind).toBe('hf-listing');
    expect(r.diagnostics).toEqual([]);
    expect(r.entries).toEqual([
      paper({
        title: 'ShowUI-$π$: Flow-based Generative Models as GUI Dexterous Hands',
        abstract:
          'Building intelligent agents capable of dexterous manipulation is essential for achieving human-like automation ' +
          'in both robotics and digital environments. However, existing GUI agents rely on discrete click predictions ' +
          '({\\romannumeral1}) and single-step actions ({\\romannumeral2}), which prevents free-form, closed-loop ' +
          'trajectories such as dragging a progress bar. We present ShowUI-$π$, a flow-based generative model for GUI ' +
          'dexterous hands. On our drag benchmark it reaches a 60\\% success rate with only 450M parameters — more than ' +
          'twice that of the strongest proprietary agent.',
        authors: 8,
        published: '2024-01-11',
        yearInferred: true,
        upvotes: 21,
        line: 13,
      }),
      fromData('2312.17276', 21, { published: '2023-12-27', upvotes: 14 }),
      fromData('2401.05252', 29, { published: '2024-01-10', yearInferred: true, upvotes: 42 }),
      fromData('2401.06003', 37, { published: '2024-01-11', yearInferred: true, upvotes: 19 }),
    ]);
    expect(r.entries[1]!.title).toBe('PanGu-$π$: Enhancing Language Model Architectures via Nonlinearity Compensation');
    expect(r.entries[1]!.abstract).toContain('PanGu-$\\pi$');
    expect(r.entries[2]!.title).toBe('PIXART-δ: Fast and Controllable Image Generation with Latent Consistency Models');
    expect(r.entries[2]!.abstract).toContain('PIXART-{\\delta}');
  });

  it('hf-org-lines.txt: organization lines instead of author counts', () => {
    const r = parseText(readFixture('hf-org-lines.txt'), { asOf: '2025-11-05' });
    expect(r.kind).toBe('hf-listing');
    expect(r.diagnostics).toEqual([]);
    expect(r.entries).toEqual([
      fromSeed(CHASE, 13, { organization: 'Sun Yat-Sen University', orgHandle: 'SunYatsen', published: '2024-10-09', upvotes: 0 }),
      fromSeed(GRPO, 21, { organization: 'Tencent', orgHandle: 'tencent', published: '2025-10-09', yearInferred: true, upvotes: 2 }),
      fromSeed(CULTURAL, 29, { authors: 2, published: '2024-12-13', upvotes: 0 }),
      fromData('2401.06066', 37, {
        authors: null, organization: 'DeepSeek', orgHandle: 'deepseek-ai', published: '2024-01-11', upvotes: 34,
      }),
    ]);
  });

  it('hf-garbled-date.txt: unreadable date lines keep the entry, undated', () => {
    const r = parseText(readFixture('hf-garbled-date.txt'), { asOf: '2025-11-05' });
    expect(r.kind).toBe('hf-listing');
    expect(r.entries).toEqual([
      fromSeed(SHARING, 13, { authors: 15 }),
      fromSeed('Where to find Grokking in LLM Pretraining? Monitor Memorization-to-Generalization without Test', 21, {
        authors: 3, published: '2025-06-26', yearInferred: true, upvotes: 2,
      }),
      fromSeed('Counter-Current Learning: A Biologically Plausible Dual Network Approach for Deep Learning', 29, { authors: 2 }),
      fromSeed('Unified Demonstration Retriever for In-Context Learning', 37, { authors: 9, published: '2023-05-07', upvotes: 0 }),
    ]);
    expect(r.diagnostics).toEqual([
      { line: 19, message: 'unrecognised date line: Sepp 3x, 20z4' },
      { line: 35, message: 'unrecognised date line: Feb 30, 2024 3' },
    ]);
  });

  describe('not-a-listing.txt: a blog post', () => {
    const text = readFixture('not-a-listing.txt');

    it('is not recognised', () => {
      const r = parseText(text, { asOf: '2025-11-05' });
      expect(r).toEqual({ kind: 'none', entries: [], diagnostics: [{ line: 1, message: 'no paper entries recognised' }] });
    });

    it('gives no papers even when the listing parser is forced on it', () => {
      const r = parseText(text, { asOf: '2025-11-05', kind: 'hf-listing' });
      expect(r.kind).toBe('hf-listing');
      expect(r.entries).toEqual([]);
      expect(r.diagnostics).toHaveLength(1);
      expect(r.diagnostics[0]!.message).toMatch(/^no paper entries recognised/);
    });
  });
});
