import { describe, expect, it } from 'vitest';
import { MIN_DETECT_SCORE, parseText, splitLines } from '../../src/parse/index.js';
import { arxivAbstract } from '../../src/parse/arxiv-abstract.js';
import { arxivPaper, dataPaper, lineOf, readFixture } from './sources.js';

const parse = (text: string) => parseText(text, { asOf: '2025-11-05' });

describe('arxiv-abstract', () => {
  it('arxiv-abstract.txt: a v2 page with all its chrome; the first submission is the date', () => {
    const text = readFixture('arxiv-abstract.txt');
    const r = parse(text);
    expect(r.kind).toBe('arxiv-abstract');
    expect(r.diagnostics).toEqual([]);
    expect(r.entries).toEqual([arxivPaper('2402.05120', lineOf(text, 'Title:'), { published: '2024-02-03' })]);
  });

  it('arxiv-abstract-bare.txt: the id from the breadcrumb, the abstract on the line after its label', () => {
    const text = readFixture('arxiv-abstract-bare.txt');
    const r = parse(text);
    expect(r.kind).toBe('arxiv-abstract');
    expect(r.diagnostics).toEqual([]);
    expect(r.entries).toEqual([arxivPaper('2401.02385', lineOf(text, 'Title:'), { published: '2024-01-04' })]);
  });

  it('two pages pasted into one file are two papers, each with its own id', () => {
    const a = readFixture('arxiv-abstract.txt');
    const b = readFixture('arxiv-abstract-bare.txt');
    const r = parse(a + b);
    expect(r.entries.map((e) => [e.arxivId, e.title])).toEqual([
      ['2402.05120', dataPaper('2402.05120').title],
      ['2401.02385', dataPaper('2401.02385').title],
    ]);
    const r2 = parse(b + a);
    expect(r2.entries.map((e) => e.arxivId)).toEqual(['2401.02385', '2402.05120']);
  });

  it('a page without its "Title:" line is a warning, not a paper made of chrome', () => {
    const r = parse('[Submitted on 3 Feb 2024]\nAbstract: Something.\nSubmission history\nBibliographic Tools');
    expect(r.entries).toEqual([]);
    expect(r.diagnostics).toEqual([{ line: 1, message: 'arXiv abstract page without a "Title:" line; ignored' }]);
  });

  it('detect(): the "[Submitted on …]" line and the "Title:" line together', () => {
    const score = (text: string) => arxivAbstract.detect(splitLines(text));
    expect(score('[Submitted on 3 Feb 2024]\nTitle:A Title')).toBeGreaterThanOrEqual(MIN_DETECT_SCORE);
    expect(score('Title: My holiday\nAbstract: It was sunny.')).toBe(0);
    expect(score('[Submitted on someday]\nTitle: x')).toBe(0);
  });
});
