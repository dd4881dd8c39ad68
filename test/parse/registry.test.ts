import { describe, expect, it } from 'vitest';
import { KINDS, MIN_DETECT_SCORE, parseText, splitLines } from '../../src/parse/index.js';
import { hfListing } from '../../src/parse/hf-listing.js';
import { readFixture, seedText } from './sources.js';

describe('the registry', () => {
  it('lists its kinds', () => {
    expect(KINDS).toEqual(expect.arrayContaining(['hf-listing', 'hf-paper-page', 'arxiv-listing', 'arxiv-abstract', 'papers-export']));
  });

  it('an unknown forced kind is a diagnostic, not an exception', () => {
    expect(parseText(seedText, { asOf: '2025-11-05', kind: 'pdf' })).toEqual({
      kind: 'none',
      entries: [],
      diagnostics: [{ line: 1, message: `unknown source kind "pdf" (known: ${KINDS.join(', ')})` }],
    });
  });

  it('a forced kind parses what detection would also pick', () => {
    const auto = parseText(seedText, { asOf: '2025-11-05' });
    expect(parseText(seedText, { asOf: '2025-11-05', kind: 'hf-listing' })).toEqual(auto);
  });
});

describe('splitLines', () => {
  it('keeps line numbers whatever the line endings; drops a leading BOM', () => {
    expect(splitLines('a\nb\r\nc\rd\n')).toEqual(['a', 'b', 'c', 'd', '']);
    expect(splitLines('\ufeffa\r\n\r\nb')).toEqual(['a', '', 'b']);
    expect(splitLines('')).toEqual(['']);
    // Only a leading BOM is one; elsewhere U+FEFF is text.
    expect(splitLines('a\ufeff')).toEqual(['a\ufeff']);
  });

  it('old Mac line endings (lone CR) keep entry line numbers', () => {
    const lf = readFixture('hf-org-lines.txt');
    const cr = lf.replace(/\n/g, '\r');
    const a = parseText(lf, { asOf: '2025-11-05' });
    const b = parseText(cr, { asOf: '2025-11-05' });
    expect(b).toEqual(a);
  });
});

describe('hf-listing detect()', () => {
  const score = (text: string) => hfListing.detect(splitLines(text));

  it('is sure of listings, with or without chrome', () => {
    expect(score(seedText)).toBeGreaterThanOrEqual(0.9);
    expect(score(readFixture('hf-compact.txt'))).toBeGreaterThanOrEqual(0.9);
    expect(score(readFixture('hf-no-chrome.txt'))).toBeGreaterThanOrEqual(MIN_DETECT_SCORE);
  });

  it('one metadata block is enough', () => {
    expect(score('A Title\n\nAn abstract. It is long.\n\n  • 3 authors\n·\nJun 5, 2024')).toBeGreaterThanOrEqual(MIN_DETECT_SCORE);
  });

  it('is not fooled by prose with a "·" and a date, or a Subscribe button', () => {
    expect(score(readFixture('not-a-listing.txt'))).toBeLessThan(MIN_DETECT_SCORE);
    expect(score('Subscribe\n\nnew\n\nDaily Papers\n\nSome text.')).toBeLessThan(MIN_DETECT_SCORE);
    expect(score('')).toBe(0);
  });
});

describe('hf-listing structure details', () => {
  const parse = (lines: string[], asOf = '2025-11-05') => parseText(lines.join('\n'), { asOf, kind: 'hf-listing' });
  const CHROME = ['Get trending papers in your email inbox!', ''];
  const ABS = 'We propose a method. It works well on many benchmarks and we release code.';

  it('a title without abstract in the middle of a run is placed by line shape', () => {
    const r = parse([...CHROME, 'First Title', '', ABS, '', 'Lonely Title', '', 'Second Title', '', ABS, '', '  • 2 authors', '·', 'Jun 5, 2024']);
    expect(r.entries.map((e) => [e.title, e.abstract, e.authors])).toEqual([
      ['First Title', ABS, null],
      ['Lonely Title', null, null],
      ['Second Title', ABS, 2],
    ]);
    expect(r.diagnostics).toEqual([{ line: 7, message: 'no abstract found for this title' }]);
  });

  it('a copy that starts mid-abstract drops the fragment', () => {
    const fragment = 'the rest of an abstract. '.repeat(20).trim();
    const r = parse([fragment, '', 'A Title', '', ABS, '', '  • 2 authors', '·', 'Jun 5, 2024']);
    expect(r.entries.map((e) => e.title)).toEqual(['A Title']);
    expect(r.diagnostics).toEqual([{ line: 1, message: 'text without a paper title ignored' }]);
  });

  it('a bare organization handle is its own display name', () => {
    const r = parse([...CHROME, 'A Title', '', ABS, '', 'Qwen', '·', 'Jun 5, 2024 3']);
    expect(r.entries[0]).toMatchObject({ organization: 'Qwen', orgHandle: 'Qwen', authors: null, upvotes: 3 });
  });

  it('"1 author" and "1 authors"', () => {
    const r = parse([...CHROME, 'T1', '', ABS, '', '  • 1 author', '·', 'Jun 5, 2024', '', 'T2', '', ABS, '', '  • 1 authors', '·', 'Jun 6, 2024']);
    expect(r.entries.map((e) => e.authors)).toEqual([1, 1]);
  });

  it('a date line straight after the abstract (authors line and "·" not copied)', () => {
    const r = parse([...CHROME, 'A Title', '', ABS, '', 'Jun 5, 2024 3']);
    expect(r.entries[0]).toMatchObject({ title: 'A Title', abstract: ABS, authors: null, published: '2024-06-05', upvotes: 3 });
    expect(r.diagnostics).toEqual([]);
  });

  it('a title starting with "Subscriber" after the chrome is not unglued', () => {
    const r = parse([...CHROME, 'Subscribers Matter: A Study', ABS, '  • 2 authors', '·', 'Jun 5, 2024']);
    expect(r.entries[0]!.title).toBe('Subscribers Matter: A Study');
  });

  it('prose before the chrome is not a paper', () => {
    const r = parse(['Here is what I copied today:', '', ...CHROME, 'A Title', '', ABS, '', '  • 2 authors', '·', 'Jun 5, 2024']);
    expect(r.entries.map((e) => e.title)).toEqual(['A Title']);
    expect(r.diagnostics).toEqual([{ line: 1, message: 'text outside a listing ignored (1 line)' }]);
  });

  it('a second chrome block without a page date resets the page date', () => {
    const r = parse([
      ...CHROME, 'Nov 3', '', 'T1', '', ABS, '', '  • 2 authors', '·', 'Sep 10', '',
      ...CHROME, 'T2', '', ABS, '', '  • 2 authors', '·', 'Sep 10',
    ], '2025-09-20');
    expect(r.entries.map((e) => e.published)).toEqual(['2024-09-10', '2025-09-10']);
  });
});

describe('hf-listing detect() and generic page chrome', () => {
  it('many "new" badges and "Subscribe" buttons do not add up to a listing', () => {
    const text = Array.from({ length: 50 }, (_, i) => `new\n\nPost number ${i}\n\nSubscribe\n`).join('\n');
    expect(hfListing.detect(splitLines(text))).toBeLessThan(MIN_DETECT_SCORE);
    expect(parseText(text, { asOf: '2025-11-05' }).kind).toBe('none');
  });
});
