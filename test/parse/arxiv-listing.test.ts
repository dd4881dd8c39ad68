import { describe, expect, it } from 'vitest';
import { MIN_DETECT_SCORE, parseText, splitLines } from '../../src/parse/index.js';
import { arxivListing } from '../../src/parse/arxiv-listing.js';
import { arxivPaper, dataPaper, lineOf, readFixture } from './sources.js';

const parse = (text: string) => parseText(text, { asOf: '2025-11-05' });

describe('arxiv-listing: "new submissions" with cross-lists and replacements', () => {
  const text = readFixture('arxiv-listing-new.txt');
  const at = (id: string) => lineOf(text, `Title: ${dataPaper(id).title}`);

  it('reads every entry with the listing day as its date; a replacement has no date of its own', () => {
    const r = parse(text);
    expect(r.kind).toBe('arxiv-listing');
    expect(r.diagnostics).toEqual([]);
    expect(r.entries).toEqual([
      arxivPaper('2404.02575', at('2404.02575'), { published: '2024-04-04' }),
      arxivPaper('2404.03592', at('2404.03592'), { published: '2024-04-04' }),
      arxivPaper('2404.03626', at('2404.03626'), { published: '2024-04-04' }),
      // The cross-list is announced the same day.
      arxivPaper('2404.02733', at('2404.02733'), { published: '2024-04-04' }),
      // Replacements show no abstract; they were first published some other day.
      arxivPaper('2401.02385', at('2401.02385'), { abstract: null, published: null }),
    ]);
  });
});

describe('arxiv-listing: "recent", one heading per day, bare author names, no abstracts', () => {
  const text = readFixture('arxiv-listing-recent.txt');
  const at = (id: string) => lineOf(text, `Title: ${dataPaper(id).title}`);

  it('dates each entry by the day heading above it', () => {
    const r = parse(text);
    expect(r.kind).toBe('arxiv-listing');
    expect(r.diagnostics).toEqual([]);
    expect(r.entries).toEqual([
      arxivPaper('2404.04204', at('2404.04204'), { abstract: null, published: '2024-04-05' }),
      arxivPaper('2404.04256', at('2404.04256'), { abstract: null, published: '2024-04-05' }),
      arxivPaper('2404.03820', at('2404.03820'), { abstract: null, published: '2024-04-04' }),
    ]);
  });
});

describe('arxiv-listing: search results', () => {
  const text = readFixture('arxiv-listing-search.txt');
  const at = (id: string) => lineOf(text, dataPaper(id).title);

  it('dates entries by their first version; reads short, expanded and plain abstracts', () => {
    const r = parse(text);
    expect(r.kind).toBe('arxiv-listing');
    expect(r.diagnostics).toEqual([]);
    expect(r.entries).toEqual([
      // Only the short form was copied: kept as a prefix of the real abstract.
      arxivPaper('2404.02575', at('2404.02575'), { published: '2024-04-03', abstract: expect.any(String) }),
      // "short… ▽ More full △ Less": the full one.
      arxivPaper('2402.05120', at('2402.05120'), { published: '2024-02-03' }),
      // "Submitted 4 June, 2024; v1 submitted 4 January, 2024": v1's day.
      arxivPaper('2401.02385', at('2401.02385'), { published: '2024-01-04' }),
    ]);
    const short = r.entries[0]!.abstract!;
    expect(short.length).toBeGreaterThan(200);
    expect(dataPaper('2404.02575').abstract.startsWith(short)).toBe(true);
  });
});

describe('arxiv-listing entry shapes', () => {
  const P = dataPaper('2404.03592');
  const names = P.authors.join(', ');

  it('bare title and bare names, no labels at all', () => {
    const r = parse([`[1] arXiv:2404.03592v2 [pdf, other]`, P.title, names, 'Subjects: Computation and Language (cs.CL)', '', P.abstract].join('\n'));
    expect(r.entries).toEqual([arxivPaper('2404.03592', 2)]);
  });

  it('an abstract straight after Subjects, without a blank line', () => {
    const r = parse([`[1] arXiv:2404.03592 [pdf]`, `Title: ${P.title}`, `Authors: ${names}`, 'Subjects: Computation and Language (cs.CL)', P.abstract].join('\n'));
    expect(r.entries).toEqual([arxivPaper('2404.03592', 2)]);
  });

  it('search results: category and DOI tags above the title are not the title', () => {
    const r = parse([
      'Showing 1–1 of 1 results for all: finetuning', '',
      '1. arXiv:2404.03592  [pdf, other] ', 'cs.CL cs.AI cs.LG', 'doi', '10.48550/arXiv.2404.03592', '',
      P.title, `Authors: ${names}`, `Abstract: ${P.abstract} △ Less`, 'Submitted 4 April, 2024; originally announced April 2024.',
    ].join('\n'));
    expect(r.entries).toEqual([arxivPaper('2404.03592', 8, { published: '2024-04-04' })]);
  });

  it('the page before 2024: "New submissions for Thu, 4 Apr 24" dates its entries', () => {
    const r = parse(['New submissions for Thu, 4 Apr 24', '', '[1]  arXiv:2404.03592 [pdf, other]', `Title: ${P.title}`, `Authors: ${names}`, 'Subjects: Computation and Language (cs.CL)', '', P.abstract].join('\n'));
    expect(r.entries).toEqual([arxivPaper('2404.03592', 4, { published: '2024-04-04' })]);
  });

  it('an entry without a title is a warning, not a paper', () => {
    const r = parse([`[1] arXiv:2404.03592 [pdf]`, '', `[2] arXiv:2404.03626 [pdf]`, `Title: ${dataPaper('2404.03626').title}`].join('\n'));
    expect(r.entries.map((e) => e.arxivId)).toEqual(['2404.03626']);
    expect(r.diagnostics).toEqual([{ line: 1, message: 'arXiv entry 2404.03592 has no title; ignored' }]);
  });

  it('an old-style id', () => {
    const r = parse(['[1] arXiv:hep-th/9901001v1 [pdf]', 'Title: A Title', 'Authors: A. Author', 'Subjects: High Energy Physics - Theory (hep-th)'].join('\n'));
    expect(r.entries.map((e) => [e.arxivId, e.authorNames, e.authors])).toEqual([['hep-th/9901001', ['A. Author'], 1]]);
  });
});

describe('arxiv-listing detect()', () => {
  const score = (text: string) => arxivListing.detect(splitLines(text));

  it('one entry line is enough; prose or a reference list mentioning arXiv ids is not', () => {
    expect(score('[1] arXiv:2404.03592 [pdf, html, other]\nTitle: ReFT')).toBeGreaterThanOrEqual(MIN_DETECT_SCORE);
    expect(score('See arXiv:2404.03592 [pdf] for details.\n[1] arXiv:2404.03592.\n[2] arXiv:2404.03626, 2024.')).toBeLessThan(MIN_DETECT_SCORE);
    expect(score('')).toBe(0);
  });
});

describe('arxiv-listing: a badly damaged file', () => {
  it('reports at most 1000 warnings and counts the rest', () => {
    const text = '[1] arXiv:2404.03592 [pdf]\n\n'.repeat(5000);
    const r = parseText(text, { asOf: '2025-11-05' });
    expect(r.kind).toBe('arxiv-listing');
    expect(r.entries).toEqual([]);
    expect(r.diagnostics).toHaveLength(1001);
    expect(r.diagnostics[999]).toEqual({ line: 1999, message: 'arXiv entry 2404.03592 has no title; ignored' });
    // 5000 titleless entries and "no paper entries recognised": 1000 shown, 4001 counted.
    expect(r.diagnostics[1000]).toEqual({ line: 1, message: '4001 more warnings not shown' });
  });
});
