import { describe, expect, it } from 'vitest';
import { json, papers } from '../helpers/cli.js';
import { resolvePaper, type Resolution } from '../../src/search/resolve.js';
import { titleSimilarity } from '../../src/search/similarity.js';
import type { Paper } from '../../src/model.js';
import { titleOf, useCorpus } from './corpus.js';

const corpus = useCorpus();

const how = (r: Resolution): string => (r.kind === 'found' ? `${r.how}: ${r.paper.title}` : r.kind === 'ambiguous' ? `ambiguous: ${r.candidates.map((p) => p.title).join(' | ')}` : 'none');

describe('show resolution', () => {
  it('takes an exact title, case and punctuation aside', () => {
    expect(how(resolvePaper(corpus.db(), 'gpt 4 technical report'))).toBe(`exact: ${titleOf(4)}`);
  });

  it('takes a unique prefix, and calls a shared prefix ambiguous', () => {
    expect(how(resolvePaper(corpus.db(), 'Matryoshka Repr'))).toBe(`prefix: ${titleOf(12)}`);
    expect(how(resolvePaper(corpus.db(), 'Sharing is Caring'))).toBe(`ambiguous: ${titleOf(10)} | ${titleOf(11)}`);
  });

  it('finds a title remembered with slips, words dropped, lower case and no punctuation', () => {
    expect(how(resolvePaper(corpus.db(), 'survey on vidoe generation diffusion models'))).toBe(`fuzzy: ${titleOf(2)}`);
    expect(how(resolvePaper(corpus.db(), 'continual lerning for large languag models'))).toBe(`fuzzy: ${titleOf(0)}`);
    expect(how(resolvePaper(corpus.db(), 'text to image difusion cross attention'))).toBe(`fuzzy: ${titleOf(9)}`);
    expect(how(resolvePaper(corpus.db(), 'gaussian splatting real time rendering 3d'))).toBe(`fuzzy: ${titleOf(8)}`);
  });

  it('finds a title from its first words typed with a slip', () => {
    expect(how(resolvePaper(corpus.db(), 'matryoshka representaton'))).toBe(`fuzzy: ${titleOf(12)}`);
    expect(how(resolvePaper(corpus.db(), 'continual lerning'))).toBe(`fuzzy: ${titleOf(0)}`);
  });

  it('is ambiguous only when two titles are really close to what was typed', () => {
    expect(how(resolvePaper(corpus.db(), 'sharng is carng part'))).toBe(`ambiguous: ${titleOf(10)} | ${titleOf(11)}`);
    expect(how(resolvePaper(corpus.db(), 'sharng is carng part two'))).toBe(`fuzzy: ${titleOf(11)}`);
    // Both GPT papers share words, but one is far closer.
    expect(how(resolvePaper(corpus.db(), 'gpt 4 tecnical report'))).toBe(`fuzzy: ${titleOf(4)}`);
  });

  it('finds nothing for text no title resembles, or only punctuation', () => {
    expect(how(resolvePaper(corpus.db(), 'zzyzx qqq wvvw'))).toBe('none');
    expect(how(resolvePaper(corpus.db(), '((( ***'))).toBe('none');
  });

  it('scores title similarity by shared words, forgiving slips and a cut-off last word', () => {
    const title = 'Continual Learning for Large Language Models: A Survey';
    expect(titleSimilarity(title, title)).toBe(1);
    expect(titleSimilarity('continual lerning for large language models a survey', title)).toBeGreaterThan(0.9);
    expect(titleSimilarity('continual learning for large lang', title)).toBeGreaterThan(titleSimilarity('continual learning for large', title));
    expect(titleSimilarity('video generation', title)).toBe(0);
  });
});

describe('papers show (CLI)', () => {
  it('prints the paper a damaged title stands for', () => {
    expect(json<Paper>(papers(['show', 'mixture', 'of', 'expert', 'languge', 'models', '--json'], { env: corpus.env() })).title).toBe(titleOf(7));
  });

  it('exits 1 with the close candidates on stderr when ambiguous, and with a hint when nothing matches', () => {
    const amb = papers(['show', 'sharng is carng part'], { env: corpus.env() });
    expect(amb.code).toBe(1);
    expect(amb.stdout).toBe('');
    expect(amb.stderr).toContain(titleOf(10));
    expect(amb.stderr).toContain(titleOf(11));
    const none = papers(['show', 'zzyzx qqq'], { env: corpus.env() });
    expect(none.code).toBe(1);
    expect(none.stderr).toMatch(/^papers: no paper matches 'zzyzx qqq'/m);
  });

  it('never fails on odd text', () => {
    for (const q of ['"', '*', '(', 'title:', '-x', 'C++']) {
      const r = papers(['show', '--', q], { env: corpus.env() });
      expect([0, 1], `${q}: ${r.stderr}`).toContain(r.code);
      expect(r.stderr).not.toMatch(/internal error|at .*\.js/);
    }
  });
});
