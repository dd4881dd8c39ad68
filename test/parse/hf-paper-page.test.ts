import { describe, expect, it } from 'vitest';
import { MIN_DETECT_SCORE, parseText, splitLines } from '../../src/parse/index.js';
import { hfPaperPage } from '../../src/parse/hf-paper-page.js';
import { arxivPaper, dataPaper, lineOf, readFixture } from './sources.js';

describe('hf-paper-page', () => {
  it('hf-paper-page.txt: full date, one name per line, the AI summary under its label', () => {
    const text = readFixture('hf-paper-page.txt');
    const r = parseText(text, { asOf: '2025-11-05' });
    expect(r.kind).toBe('hf-paper-page');
    expect(r.diagnostics).toEqual([]);
    const line = lineOf(text, dataPaper('2404.02258').title);
    expect(r.entries).toEqual([arxivPaper('2404.02258', line, { published: '2024-04-02', upvotes: 53 })]);
  });

  describe('hf-paper-page-no-year.txt: "Published on Apr 4", names on one line with "+2 authors"', () => {
    const text = readFixture('hf-paper-page-no-year.txt');
    const all = dataPaper('2404.03592').authors;

    it('infers the year from the capture day; counts the hidden authors', () => {
      const r = parseText(text, { asOf: '2024-06-01' });
      expect(r.kind).toBe('hf-paper-page');
      expect(r.diagnostics).toEqual([]);
      expect(r.entries).toEqual([
        arxivPaper('2404.03592', 3, {
          authorNames: all.slice(0, 5),
          authors: all.length,
          published: '2024-04-04',
          yearInferred: true,
          upvotes: 148,
        }),
      ]);
    });

    it('the latest such day on or before the capture day', () => {
      expect(parseText(text, { asOf: '2025-04-03' }).entries[0]!.published).toBe('2024-04-04');
      expect(parseText(text, { asOf: '2025-04-04' }).entries[0]!.published).toBe('2025-04-04');
    });

    it('without a summary label, of two paragraphs the first is the summary', () => {
      const r = parseText(text, { asOf: '2024-06-01' });
      expect(r.entries[0]!.abstract).toBe(dataPaper('2404.03592').abstract);
    });
  });

  it('two pages pasted into one file are two papers', () => {
    const a = readFixture('hf-paper-page.txt');
    const b = readFixture('hf-paper-page-no-year.txt');
    const r = parseText(a + b, { asOf: '2024-06-01' });
    expect(r.entries.map((e) => [e.arxivId, e.title, e.abstract])).toEqual(
      ['2404.02258', '2404.03592'].map((id) => [id, dataPaper(id).title, dataPaper(id).abstract]),
    );
  });

  it('a page with no title after its id is a warning, not a paper made of chrome', () => {
    const r = parseText('Papers\narxiv:2404.02258\nPublished on Apr 2, 2024\nCommunity\nModels citing this paper 0', { asOf: '2024-06-01' });
    expect(r.kind).toBe('hf-paper-page');
    expect(r.entries).toEqual([]);
    expect(r.diagnostics).toEqual([{ line: 2, message: 'paper page arxiv:2404.02258 has no title; ignored' }]);
  });

  it('a single abstract paragraph is the abstract, not a summary', () => {
    const p = dataPaper('2404.02258');
    const r = parseText(['arxiv:2404.02258', p.title, 'Published on Apr 2, 2024', 'Abstract', p.abstract, 'View arXiv page'].join('\n'), { asOf: '2024-06-01' });
    expect(r.entries[0]).toMatchObject({ abstract: p.abstract, authors: null, authorNames: [], upvotes: null });
  });

  it('detect(): the id line and the "Published on" line together', () => {
    const score = (text: string) => hfPaperPage.detect(splitLines(text));
    expect(score('arxiv:2404.02258\nA Title\nPublished on Apr 2, 2024')).toBeGreaterThanOrEqual(MIN_DETECT_SCORE);
    expect(score('arxiv:2404.02258')).toBeLessThan(MIN_DETECT_SCORE);
    expect(score('Published on Apr 2, 2024\nby Jane Doe')).toBeLessThan(MIN_DETECT_SCORE);
  });
});

describe('hf-paper-page: what follows the page chrome is not the paper', () => {
  it('a comment in the Community section that looks like fields changes nothing', () => {
    const p = dataPaper('2404.02258');
    // Also without the "Abstract" heading: the summary's label and prose end the names.
    const page = readFixture('hf-paper-page.txt').replace('\nAbstract\n', '\n').replace(
      'Sign up or log in to comment',
      ['Authors: Some Commenter', 'Abstract', 'Great paper. We tried it and it works.', 'Published on Jan 1, 2020', 'Upvote 9999'].join('\n'),
    );
    const r = parseText(page, { asOf: '2024-06-01' });
    expect(r.entries).toEqual([expect.objectContaining({ authorNames: p.authors, abstract: p.abstract, published: '2024-04-02', upvotes: 53 })]);
  });

  it('a page copied without its abstract: the comments below do not supply one', () => {
    const p = dataPaper('2404.02258');
    const text = readFixture('hf-paper-page.txt');
    const cut = text.slice(0, text.indexOf('\nAbstract\n')) + text.slice(text.indexOf('\nView arXiv page'));
    const page = cut.replace('Sign up or log in to comment', 'Authors: Some Commenter\nAbstract\nGreat paper. We tried it and it works.');
    const r = parseText(page, { asOf: '2024-06-01' });
    expect(r.entries).toEqual([expect.objectContaining({ authorNames: p.authors, abstract: null })]);
    expect(r.diagnostics).toEqual([{ line: r.entries[0]!.line, message: 'no abstract found for this title' }]);
  });
});
